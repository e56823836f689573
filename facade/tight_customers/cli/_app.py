"""The tight-customers command line: query, get, segments, sandbox."""

from __future__ import annotations

import errno
import json
import logging
import sqlite3
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from tight_customers import Customer, Page
from tight_customers._constants import (
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    ENV_BASE_URL,
    ENV_CLIENT_ID,
    ENV_CLIENT_SECRET,
    ENV_LOG,
    ENV_TOKEN,
    ENV_USER_ID,
    LOGGER_NAME,
    SERVER_DEFAULT_PAGE_SIZE,
    WALK_PAGE_SIZE,
)
from tight_customers._version import __version__
from tight_customers.cli import _checkpoint
from tight_customers.cli._commands import CommandLine, Subcommand
from tight_customers.cli._export import command_line, run_export
from tight_customers.cli._filters import (
    SORT_CHOICES,
    FilterFlags,
    build_filter,
    parse_sort,
    status_hint,
    unknown_statuses,
)
from tight_customers.cli._formats import json_text
from tight_customers.cli._options import with_filter_flags
from tight_customers.cli._output import plan_output
from tight_customers.cli._probe import probe_command
from tight_customers.cli._progress import ExportProgress
from tight_customers.cli._session import (
    EXIT_USAGE,
    SANDBOX_CUSTOMERS,
    SANDBOX_SEED,
    Settings,
    connect,
    fail,
    reporting_errors,
    stderr,
)
from tight_customers.cli._views import segment_tree
from tight_customers.segments import SegmentTree, assigned

app = typer.Typer(
    name="tight-customers",
    cls=CommandLine,
    help="Query Tight customers from the terminal (or from a local sandbox with --sandbox).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


GLOBAL = "Global options (before or after the command)"


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"tight-customers {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    base_url: Annotated[
        str | None,
        typer.Option(
            help=f"API base URL (env {ENV_BASE_URL}; default {DEFAULT_BASE_URL})",
            show_default=False,
            rich_help_panel=GLOBAL,
        ),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(help=f"bearer token (env {ENV_TOKEN})", rich_help_panel=GLOBAL),
    ] = None,
    client_id: Annotated[
        str | None,
        typer.Option(help=f"client id (env {ENV_CLIENT_ID})", rich_help_panel=GLOBAL),
    ] = None,
    client_secret: Annotated[
        str | None,
        typer.Option(help=f"client secret (env {ENV_CLIENT_SECRET})", rich_help_panel=GLOBAL),
    ] = None,
    user_id: Annotated[
        str | None,
        typer.Option(
            help=f"business owner id, with client credentials (env {ENV_USER_ID})",
            rich_help_panel=GLOBAL,
        ),
    ] = None,
    sandbox: Annotated[
        bool,
        typer.Option(
            "--sandbox",
            help="run against a local sandbox started for this command (cursors it prints stay "
            "valid for the next --sandbox run)",
            rich_help_panel=GLOBAL,
        ),
    ] = False,
    sandbox_customers: Annotated[
        int,
        typer.Option(min=0, help="customers in the --sandbox dataset", rich_help_panel=GLOBAL),
    ] = SANDBOX_CUSTOMERS,
    sandbox_seed: Annotated[
        int, typer.Option(help="seed of the --sandbox dataset", rich_help_panel=GLOBAL)
    ] = SANDBOX_SEED,
    max_retries: Annotated[
        int,
        typer.Option(min=0, help="retries of a failed request (0: none)", rich_help_panel=GLOBAL),
    ] = DEFAULT_MAX_RETRIES,
    allow_insecure_http: Annotated[
        bool,
        typer.Option(
            "--allow-insecure-http",
            help="allow an http:// base URL to a remote host",
            rich_help_panel=GLOBAL,
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="no progress bar, no hints on stderr", rich_help_panel=GLOBAL
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help=f"log HTTP requests and show tracebacks ({ENV_LOG}=debug logs requests too)",
            rich_help_panel=GLOBAL,
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_show_version,
            is_eager=True,
            help="print the version and exit",
            rich_help_panel=GLOBAL,
        ),
    ] = False,
) -> None:
    """Query Tight customers. Global options may go before or after the command."""
    if debug:
        logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
        logging.getLogger(LOGGER_NAME).setLevel(logging.DEBUG)
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


@app.command(cls=Subcommand)
@with_filter_flags
def query(
    ctx: typer.Context,
    flags: FilterFlags,
    sort: Annotated[str | None, typer.Option(metavar="FIELD:DIR", help=SORT_CHOICES)] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            min=1,
            help=f"customers per page (default {SERVER_DEFAULT_PAGE_SIZE}, the API's; "
            f"{WALK_PAGE_SIZE} with --all)",
            show_default=False,
        ),
    ] = None,
    all_pages: Annotated[bool, typer.Option("--all", help="fetch every page")] = False,
    max_items: Annotated[
        int | None,
        typer.Option(min=1, help="stop after this many customers (fetches pages as --all does)"),
    ] = None,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", help="output format", case_sensitive=False)
    ] = OutputFormat.table,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="write to FILE: replaced once the first page is in hand; with --all, a "
            f"checkpoint FILE{_checkpoint.SUFFIX} is kept until the export is complete",
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        str | None,
        typer.Option(
            metavar="[CURSOR]",
            help=f"continue an export that stopped: alone, from FILE{_checkpoint.SUFFIX} (same "
            "flags, same --output); or from a CURSOR an earlier run printed (--resume=CURSOR)",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Query customers: one page, or every page with --all.

    With --all and --output FILE, each page is written, flushed and checkpointed before the next is fetched. Ctrl-C or SIGTERM stops after the page in hand; an API error, a dropped connection, a full disk or a kill leaves the file at its last whole page. The command to continue is printed: the same command with --resume.
    """  # noqa: E501 (typer rewraps docstrings, so each paragraph stays on one line)
    settings: Settings = ctx.obj
    export = all_pages or max_items is not None
    with reporting_errors(settings):
        flt = build_filter(flags)
        order = parse_sort(sort)
        if not settings.quiet and (unknown := unknown_statuses(flags)):
            stderr.print(status_hint(unknown), soft_wrap=True, markup=False)
        fingerprint = _checkpoint.fingerprint(
            flt.to_dict() if flt is not None else None,
            order.to_dict() if order is not None else None,
        )
        plan = plan_output(fmt.value, output, export=export, resume=resume, query=fingerprint)
        argv: list[str] = ctx.meta.get(CommandLine.ARGV_KEY, sys.argv[1:])
        with connect(settings) as client:

            def fetch(cursor: str | None) -> Iterator[Page[Customer]]:
                if export:
                    size = WALK_PAGE_SIZE if limit is None else limit
                    yield from client.customers.pages(
                        filter=flt, sort=order, cursor=cursor, page_size=size
                    )
                else:
                    yield client.customers.query(filter=flt, sort=order, limit=limit, cursor=cursor)

            code = run_export(
                fetch,
                plan,
                start=resume or None,
                query=fingerprint,
                max_items=max_items,
                one_page=not export,
                quiet=settings.quiet,
                resume_command=lambda cursor: command_line(argv, cursor),
            )
    if code:
        raise typer.Exit(code)


@app.command(cls=Subcommand)
def get(
    ctx: typer.Context,
    customer_id: Annotated[str, typer.Argument(metavar="ID", help="customer id, e.g. cus_1")],
) -> None:
    """Print one customer as JSON."""
    settings: Settings = ctx.obj
    with reporting_errors(settings), connect(settings) as client:
        customer = client.customers.get(customer_id)
        sys.stdout.write(json.dumps(json.loads(json_text(customer.to_dict())), indent=2))
        sys.stdout.write("\n")


@app.command(cls=Subcommand)
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
    """Print the class-segment tree with customer counts (of all customers, or those the filter flags select)."""  # noqa: E501
    settings: Settings = ctx.obj
    with reporting_errors(settings), connect(settings) as client:
        flt = build_filter(flags)
        if not settings.quiet and (unknown := unknown_statuses(flags)):
            stderr.print(status_hint(unknown), soft_wrap=True, markup=False)
        with ExportProgress(stderr, enabled=not settings.quiet, label="reading") as progress:
            customers = []
            for page in client.customers.pages(filter=flt):
                customers.extend(page.data)
                progress.advance(len(page.data))
        tree = SegmentTree.from_customers(customers)
        if plain:
            sys.stdout.write(tree.render(max_depth=max_depth) + "\n")
            return
        placed = sum(1 for c in customers if assigned(c))
        Console().print(
            segment_tree(tree, f"{len(customers)} customers, {placed} in a segment", max_depth)
        )


@app.command("sandbox", cls=Subcommand)
def sandbox_command(
    ctx: typer.Context,
    port: Annotated[int, typer.Option(help="port on 127.0.0.1 (0: any free port)")] = 8000,
    customers: Annotated[
        int, typer.Option(min=0, help="customers in the dataset")
    ] = SANDBOX_CUSTOMERS,
    seed: Annotated[int, typer.Option(help="dataset seed")] = SANDBOX_SEED,
    db: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE", help="SQLite file, kept (default: in memory)", show_default=False
        ),
    ] = None,
) -> None:
    """Serve the local Tight sandbox until Ctrl-C; prints the `export TIGHT_BASE_URL=... TIGHT_API_TOKEN=...` line to paste."""  # noqa: E501
    from tight_customers.sandbox import serve  # the sandbox is an optional extra

    settings: Settings = ctx.obj
    if db is not None and db.is_dir():
        fail(f"--db {db} is a directory; give a SQLite file name", EXIT_USAGE)
    if db is not None and not db.parent.is_dir():
        fail(f"--db {db}: the directory {db.parent} does not exist", EXIT_USAGE)
    with reporting_errors(settings):
        try:
            serve(port=port, customers=customers, seed=seed, db_path=db)
        except sqlite3.Error as exc:
            fail(f"--db {db}: {exc} (give a SQLite file this sandbox wrote, or a new name)", 2)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                fail(
                    f"--port {port}: 127.0.0.1:{port} is already in use; pick another port "
                    "(--port 0 takes any free one)",
                    EXIT_USAGE,
                )
            fail(f"--port {port}: {exc.strerror or exc}", EXIT_USAGE)


app.command("probe", cls=Subcommand)(probe_command)


def run(argv: list[str] | None = None) -> int:
    """Run the command line; usage errors end in one line on stderr and exit code 2."""
    args = sys.argv[1:] if argv is None else argv
    try:
        code = app(args=args or ["--help"], prog_name="tight-customers", standalone_mode=False)
    except typer.TyperException as exc:  # click's usage errors
        ctx = getattr(exc, "ctx", None)
        where = f" (see {ctx.command_path} --help)" if ctx is not None else ""
        message = " ".join(getattr(exc, "format_message", exc.__str__)().split())
        stderr.print(f"error: {message}{where}", soft_wrap=True, markup=False, highlight=False)
        return int(getattr(exc, "exit_code", EXIT_USAGE))
    return code if isinstance(code, int) else 0
