"""`tight-customers probe`: the contract probe against the configured API, as a table."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from tight_customers._constants import DEFAULT_BASE_URL
from tight_customers._env import read_env
from tight_customers.cli._session import (
    EXIT_USAGE,
    MISSING_CREDENTIALS,
    Settings,
    fail,
    reporting_errors,
    stderr,
)
from tight_customers.probe import DEFAULT_MAX_REQUESTS, ProbeReport, Verdict, run_probe

__all__ = ["probe_command"]

_STYLES = {
    Verdict.AGREES: "green",
    Verdict.DIFFERS: "bold red",
    Verdict.UNDECIDED: "yellow",
    Verdict.VIOLATION: "bold red",
    Verdict.TOLERATED: "cyan",
}


def probe_command(
    ctx: typer.Context,
    max_requests: Annotated[
        int,
        typer.Option(min=1, max=DEFAULT_MAX_REQUESTS, help="send at most this many requests"),
    ] = DEFAULT_MAX_REQUESTS,
    json_file: Annotated[
        Path | None,
        typer.Option("--json", metavar="FILE", help="also write the report as JSON to FILE"),
    ] = None,
) -> None:
    """Check the live API against the SDK's openapi.yaml (read-only, bounded, paced).

    Validates every answer against the spec and tests each semantic it marks (inferred) with values from your own customers. Exit code 0: everything agrees (or cannot be decided with your data); 1: something differs.
    """  # noqa: E501 (typer rewraps docstrings, so each paragraph stays on one line)
    settings: Settings = ctx.obj
    with reporting_errors(settings), ExitStack() as stack:
        target = stack.enter_context(_target(settings))
        with _ProbeProgress(max_requests, enabled=not settings.quiet) as progress:
            report = run_probe(
                max_requests=max_requests,
                allow_insecure_http=settings.allow_insecure_http,
                on_request=progress.request,
                on_check=progress.check,
                **target,
            )
    Console().print(report_table(report))
    for line in _fixes(report):
        Console(soft_wrap=True, highlight=False).print(line)
    if json_file is not None:
        report.write_json(json_file)
    if not settings.quiet:
        stderr.print(_summary(report), soft_wrap=True)
    raise typer.Exit(report.exit_code)


@contextmanager
def _target(settings: Settings) -> Iterator[dict[str, Any]]:
    """run_probe's base_url and credentials: --sandbox, the options, or the environment."""
    if settings.sandbox:
        from tight_customers.sandbox import DEVELOPMENT_CURSOR_KEY, Sandbox  # an optional extra

        if not settings.quiet:
            stderr.print(
                f"starting a local sandbox with {settings.sandbox_customers} customers "
                f"(seed {settings.sandbox_seed})"
            )
        with Sandbox(
            customers=settings.sandbox_customers,
            seed=settings.sandbox_seed,
            cursor_key=DEVELOPMENT_CURSOR_KEY,
        ) as sb:
            yield {"base_url": sb.url, "client_id": sb.client_id, "client_secret": sb.client_secret}
        return
    env = read_env()
    base_url = settings.base_url or env.base_url or DEFAULT_BASE_URL
    credentials: dict[str, str | None]
    if settings.token or settings.client_id or settings.client_secret:
        credentials = {
            "token": settings.token,
            "client_id": settings.client_id,
            "client_secret": settings.client_secret,
            "user_id": settings.user_id,
        }
    elif env.token or env.client_id:
        credentials = {
            "token": env.token,
            "client_id": env.client_id,
            "client_secret": env.client_secret,
            "user_id": settings.user_id or env.user_id,
        }
    else:
        fail(MISSING_CREDENTIALS, EXIT_USAGE)
    yield {"base_url": base_url, **credentials}


class _ProbeProgress:
    """Requests sent out of the budget, and the check running, on stderr (terminals only)."""

    def __init__(self, budget: int, *, enabled: bool) -> None:
        self._progress = Progress(
            TextColumn("probing [bold]{task.fields[check]}[/]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("requests"),
            console=stderr,
            transient=True,
            disable=not (enabled and stderr.is_terminal),
        )
        self._task = self._progress.add_task("probe", total=budget, check="the first pages")

    def __enter__(self) -> _ProbeProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def request(self, sent: int, budget: int) -> None:
        self._progress.update(self._task, completed=sent, total=budget)

    def check(self, name: str) -> None:
        self._progress.update(self._task, check=name)


def report_table(report: ProbeReport) -> Table:
    """semantic · spec says · live API does · verdict, one row per check."""
    table = Table(title=f"{report.spec_title} v{report.spec_version} vs {report.base_url}")
    table.add_column("semantic", overflow="fold")
    table.add_column("spec says", overflow="fold")
    table.add_column("live API does", overflow="fold")
    table.add_column("verdict", overflow="fold")
    for check in report.checks:
        live = check.live + (f" [dim]({check.why})[/]" if check.why else "")
        verdict = f"[{_STYLES[check.verdict]}]{check.verdict.value}[/]"
        table.add_row(check.semantic, check.spec_says, live, verdict)
    return table


def _fixes(report: ProbeReport) -> Iterator[str]:
    """For each difference: the spec text to change, what it affects, and where it was seen."""
    for check in report.checks:
        if check.verdict in (Verdict.AGREES, Verdict.UNDECIDED):
            continue
        affects = ", ".join(check.affects)
        yield (
            f"[bold]{check.semantic}[/] ({check.verdict.value}): openapi.yaml "
            f"{check.spec_pointer}; affects {affects}"
        )
        for deviation in check.deviations:
            yield (
                f"  {deviation.request}: {deviation.json_path}: {deviation.message} "
                f"[dim](spec {deviation.spec_pointer})[/]"
            )


def _summary(report: ProbeReport) -> str:
    counts = [
        f"{v.value} {sum(c.verdict is v for c in report.checks)}"
        for v in Verdict
        if any(c.verdict is v for c in report.checks)
    ]
    return f"{report.requests} requests (at most {report.max_requests}); " + ", ".join(counts) + "."
