"""The tight-customers command line: query, get, segments, sandbox."""

from __future__ import annotations

import json
import logging
import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from tight_customers import APIError, TightClient, TightError
from tight_customers._constants import (
    DEFAULT_BASE_URL,
    ENV_BASE_URL,
    ENV_CLIENT_ID,
    ENV_CLIENT_SECRET,
    ENV_TOKEN,
)
from tight_customers.cli._filters import FilterFlags, build_filter, parse_sort
from tight_customers.cli._formats import PageWriter, open_output, segment_paths
from tight_customers.cli._interrupt import GracefulInterrupt
from tight_customers.cli._options import with_filter_flags
from tight_customers.cli._progress import ExportProgress
from tight_customers.segments import SegmentTree, assigned

EXIT_API_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

app = typer.Typer(
    name="tight-customers",
    help="Query Tight customers from the terminal (or from a local sandbox with --sandbox).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stderr = Console(stderr=True, highlight=False)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


@dataclass
class Settings:
    """The global options: where to connect and how to report."""

    base_url: str | None = None
    token: str | None = None
    client_id: str | None = None
    client_secret: str | None = None
    user_id: str | None = None
    sandbox: bool = False
    sandbox_customers: int = 2000
    sandbox_seed: int = 0
    debug: bool = False
    quiet: bool = False
    max_retries: int = 2
    allow_insecure_http: bool = False

    def client_options(self) -> dict[str, Any]:
        """The TightClient options these settings choose."""
        return {"max_retries": self.max_retries, "allow_insecure_http": self.allow_insecure_http}


MISSING_CREDENTIALS = (
    f"no credentials: set {ENV_TOKEN}, or {ENV_CLIENT_ID} and {ENV_CLIENT_SECRET} "
    f"(optionally TIGHT_USER_ID), and {ENV_BASE_URL} (default {DEFAULT_BASE_URL}); "
    "or pass --token / --client-id and --client-secret; or use --sandbox to try a local sandbox"
)


def fail(message: str, code: int) -> NoReturn:
    stderr.print(f"[red]error:[/] {message}", soft_wrap=True)
    raise typer.Exit(code)


def describe_error(exc: TightError) -> list[str]:
    """One readable line per API error (type, param, message), or the exception's own line."""
    if isinstance(exc, APIError) and exc.errors:
        tried = f" (gave up after {exc.attempts} attempts)" if exc.attempts > 1 else ""
        lines = []
        for item in exc.errors:
            param = f" (param {item.param})" if item.param else ""
            lines.append(f"HTTP {exc.status_code} {item.type}{param}: {item.message}{tried}")
        return lines
    return [str(exc)]


@contextmanager
def reporting_errors(settings: Settings) -> Iterator[None]:
    """Turn SDK and usage errors into one-line messages and exit codes 1 and 2."""
    try:
        yield
    except TightError as exc:
        if settings.debug:
            traceback.print_exc()
        for line in describe_error(exc):
            stderr.print(f"[red]error:[/] {line}", soft_wrap=True, markup=True)
        raise typer.Exit(EXIT_API_ERROR) from None
    except (ValueError, TypeError) as exc:
        if settings.debug:
            traceback.print_exc()
        fail(str(exc), EXIT_USAGE)


@contextmanager
def connect(settings: Settings) -> Iterator[TightClient]:
    """A client for the configured target; with --sandbox, a sandbox started for this command."""
    with ExitStack() as stack:
        if settings.sandbox:
            from tight_customers.sandbox import Sandbox  # the sandbox is an optional extra

            if not settings.quiet:
                stderr.print(
                    f"starting a local sandbox with {settings.sandbox_customers} customers "
                    f"(seed {settings.sandbox_seed})"
                )
            sb = stack.enter_context(
                Sandbox(customers=settings.sandbox_customers, seed=settings.sandbox_seed)
            )
            client = TightClient(token=sb.token, base_url=sb.url, **settings.client_options())
        elif settings.token or settings.client_id or settings.client_secret:
            client = TightClient(
                token=settings.token,
                client_id=settings.client_id,
                client_secret=settings.client_secret,
                user_id=settings.user_id,
                base_url=settings.base_url or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL,
                **settings.client_options(),
            )
        elif os.environ.get(ENV_TOKEN) or os.environ.get(ENV_CLIENT_ID):
            client = TightClient.from_env(**settings.client_options())
        else:
            fail(MISSING_CREDENTIALS, EXIT_USAGE)
        yield stack.enter_context(client)


@app.callback()
def main_options(
    ctx: typer.Context,
    base_url: Annotated[
        str | None, typer.Option(help=f"API base URL [env {ENV_BASE_URL}]", show_default=False)
    ] = None,
    token: Annotated[
        str | None, typer.Option(help=f"bearer token [env {ENV_TOKEN}]", show_default=False)
    ] = None,
    client_id: Annotated[
        str | None, typer.Option(help=f"client id [env {ENV_CLIENT_ID}]", show_default=False)
    ] = None,
    client_secret: Annotated[
        str | None,
        typer.Option(help=f"client secret [env {ENV_CLIENT_SECRET}]", show_default=False),
    ] = None,
    user_id: Annotated[
        str | None, typer.Option(help="business owner id for the token", show_default=False)
    ] = None,
    sandbox: Annotated[
        bool, typer.Option("--sandbox", help="run against a local sandbox started in-process")
    ] = False,
    sandbox_customers: Annotated[
        int, typer.Option(min=0, help="customers in the --sandbox dataset")
    ] = 2000,
    sandbox_seed: Annotated[int, typer.Option(help="seed of the --sandbox dataset")] = 0,
    max_retries: Annotated[
        int, typer.Option(min=0, help="retries of a failed request (0: none)")
    ] = 2,
    allow_insecure_http: Annotated[
        bool,
        typer.Option("--allow-insecure-http", help="allow an http:// base URL to a remote host"),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="no progress bar, no hints on stderr")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="log HTTP requests and show tracebacks")
    ] = False,
) -> None:
    """Query Tight customers. Global options go before the command:
    `tight-customers --sandbox query --status ACTIVE`."""
    if debug:
        logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
        logging.getLogger("tight_customers").setLevel(logging.DEBUG)
    ctx.obj = Settings(
        base_url=base_url,
        token=token,
        client_id=client_id,
        client_secret=client_secret,
        user_id=user_id,
        sandbox=sandbox,
        sandbox_customers=sandbox_customers,
        sandbox_seed=sandbox_seed,
        debug=debug,
        quiet=quiet,
        max_retries=max_retries,
        allow_insecure_http=allow_insecure_http,
    )


def _table(customers: list[dict[str, Any]], *, title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False)
    for column in ("id", "name", "status", "email", "class segments"):
        table.add_column(column, overflow="fold")
    for c in customers:
        table.add_row(
            c.get("id", ""),
            c.get("name", ""),
            str(c.get("status", "")),
            c.get("email") or "",
            "\n".join(segment_paths(c)),
        )
    return table


class TableWriter:
    """Rich tables on the console, one per page (tables cannot be streamed row by row)."""

    def __init__(self, console: Console) -> None:
        self._console = console

    def write_page(self, customers: Any) -> None:
        self._console.print(_table(list(customers)))

    def close(self) -> None:
        return None


@app.command()
@with_filter_flags
def query(
    ctx: typer.Context,
    flags: FilterFlags,
    sort: Annotated[
        str | None, typer.Option(metavar="name:asc|name:desc", help="sort order")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="customers per page")] = 100,
    all_pages: Annotated[bool, typer.Option("--all", help="fetch every page")] = False,
    max_items: Annotated[
        int | None, typer.Option(min=1, help="stop after this many customers (with --all)")
    ] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="output format")] = (
        OutputFormat.table
    ),
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="write to FILE (appended to with --resume)"),
    ] = None,
    resume: Annotated[
        str | None,
        typer.Option(metavar="CURSOR", help="continue an interrupted export from CURSOR"),
    ] = None,
) -> None:
    """Query customers: one page, or every page with --all.

    With --all, Ctrl-C stops after the page in hand: the file stays valid, and the command prints the cursor to continue from with --resume (same flags, same --output).
    """  # noqa: E501 (typer rewraps docstrings, so each paragraph stays on one line)
    settings: Settings = ctx.obj
    with reporting_errors(settings):
        flt = build_filter(flags)
        order = parse_sort(sort)
        with ExitStack() as stack:
            client = stack.enter_context(connect(settings))
            writer: PageWriter
            if fmt is OutputFormat.table:
                console = (
                    Console(file=stack.enter_context(output.open("w", encoding="utf-8")))
                    if output
                    else Console()
                )
                writer = TableWriter(console)
            else:
                writer, stream = open_output(fmt.value, output, appending=resume is not None)
                if output is not None:
                    stack.callback(stream.close)
            stack.callback(writer.close)
            if all_pages:
                _export(
                    client,
                    settings,
                    writer=writer,
                    flt=flt,
                    order=order,
                    limit=limit,
                    max_items=max_items,
                    resume=resume,
                    output=output,
                )
            else:
                page = client.customers.query(filter=flt, sort=order, limit=limit, cursor=resume)
                writer.write_page([c.to_dict() for c in page.data])
                if page.has_next and not settings.quiet:
                    stderr.print(
                        f"more customers: add --all, or --resume {page.after}", soft_wrap=True
                    )


def _export(
    client: TightClient,
    settings: Settings,
    *,
    writer: PageWriter,
    flt: Any,
    order: Any,
    limit: int,
    max_items: int | None,
    resume: str | None,
    output: Path | None,
) -> None:
    """Every page to `writer`, flushed per page; Ctrl-C stops on a page boundary."""
    resume_from = resume
    finished = False
    pages = client.customers.pages(filter=flt, sort=order, page_size=limit, cursor=resume)
    with (
        GracefulInterrupt() as interrupt,
        ExportProgress(stderr, enabled=not settings.quiet) as progress,
    ):
        try:
            for page in pages:
                remaining = None if max_items is None else max_items - progress.customers
                batch = page.data if remaining is None else page.data[:remaining]
                with interrupt.shielded():
                    writer.write_page([c.to_dict() for c in batch])
                    progress.advance(len(batch))
                    resume_from = page.after
                if max_items is not None and progress.customers >= max_items:
                    finished = True
                    break
                if interrupt.requested:
                    break
            else:
                finished = True
        except KeyboardInterrupt:
            pass
    where = f" to {output}" if output else ""
    if finished:
        if not settings.quiet:
            stderr.print(
                f"exported {progress.customers} customers in {progress.pages} pages{where} "
                f"({progress.elapsed:.1f} s)"
            )
        return
    stderr.print(
        f"interrupted after {progress.customers} customers{where}; "
        + (
            f"continue with the same command and --resume {resume_from}"
            if resume_from
            else "nothing left to resume"
        ),
        soft_wrap=True,
    )
    raise typer.Exit(EXIT_INTERRUPTED)


@app.command()
def get(
    ctx: typer.Context,
    customer_id: Annotated[str, typer.Argument(metavar="ID", help="customer id, e.g. cus_1")],
) -> None:
    """Print one customer as JSON."""
    settings: Settings = ctx.obj
    with reporting_errors(settings), connect(settings) as client:
        customer = client.customers.get(customer_id)
        sys.stdout.write(json.dumps(customer.to_dict(), indent=2, ensure_ascii=False) + "\n")


@app.command()
@with_filter_flags
def segments(
    ctx: typer.Context,
    flags: FilterFlags,
    plain: Annotated[bool, typer.Option("--plain", help="indented text instead of a tree")] = (
        False
    ),
    max_depth: Annotated[
        int | None, typer.Option(min=0, help="show levels down to this depth (0: roots only)")
    ] = None,
) -> None:
    """Print the class-segment tree with customer counts (of all customers, or those the filter
    flags select)."""
    settings: Settings = ctx.obj
    with reporting_errors(settings), connect(settings) as client:
        flt = build_filter(flags)
        with ExportProgress(stderr, enabled=not settings.quiet, label="reading") as progress:
            customers = []
            for page in client.customers.pages(filter=flt, page_size=1000):
                customers.extend(page.data)
                progress.advance(len(page.data))
        tree = SegmentTree.from_customers(customers)
        if plain:
            sys.stdout.write(tree.render(max_depth=max_depth) + "\n")
            return
        placed = sum(1 for c in customers if assigned(c))
        Console().print(
            _rich_tree(tree, f"{len(customers)} customers, {placed} in a segment", max_depth)
        )


def _rich_tree(tree: SegmentTree[Any], title: str, max_depth: int | None) -> Tree:
    top = Tree(f"[bold]{title}[/]")
    branches: dict[str, Tree] = {}
    for level, node in tree.walk():
        if max_depth is not None and level > max_depth:
            continue
        parent = branches.get(node.parent_id) if node.parent_id else None
        label = f" [dim]{node.label.name}[/]" if node.label and node.label.name else ""
        count = tree.count_in(node.id)
        text = f"{node.name or node.id}{label} [cyan]{count}[/] [dim]({node.id})[/]"
        branches[node.id] = (parent or top).add(text)
    return top


@app.command("sandbox")
def sandbox_command(
    port: Annotated[int, typer.Option(help="port on 127.0.0.1 (0: any free port)")] = 8000,
    customers: Annotated[int, typer.Option(min=0, help="customers in the dataset")] = 5000,
    seed: Annotated[int, typer.Option(help="dataset seed")] = 0,
    db: Annotated[
        Path | None, typer.Option(help="SQLite file (default: in memory)", show_default=False)
    ] = None,
) -> None:
    """Serve the local Tight sandbox in the foreground until Ctrl-C."""
    from tight_customers.sandbox import serve  # the sandbox is an optional extra

    serve(port=port, customers=customers, seed=seed, db_path=db)


def main() -> None:
    """Entry point of the `tight-customers` console script."""
    app()
