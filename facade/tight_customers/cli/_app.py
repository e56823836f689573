"""The tight-customers command line: query, get, segments, sandbox."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from tight_customers import Customer, Page
from tight_customers._constants import ENV_BASE_URL, ENV_CLIENT_ID, ENV_CLIENT_SECRET, ENV_TOKEN
from tight_customers.cli._filters import FilterFlags, build_filter, parse_sort
from tight_customers.cli._formats import PageWriter, open_output
from tight_customers.cli._interrupt import GracefulInterrupt
from tight_customers.cli._options import with_filter_flags
from tight_customers.cli._probe import probe_command
from tight_customers.cli._progress import ExportProgress
from tight_customers.cli._session import (
    EXIT_INTERRUPTED,
    Settings,
    connect,
    reporting_errors,
    stderr,
)
from tight_customers.cli._views import TableWriter, segment_tree
from tight_customers.segments import SegmentTree, assigned

app = typer.Typer(
    name="tight-customers",
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
                pages = client.customers.pages(
                    filter=flt, sort=order, page_size=limit, cursor=resume
                )
                _export(pages, writer, settings, max_items=max_items, resume=resume, output=output)
            else:
                page = client.customers.query(filter=flt, sort=order, limit=limit, cursor=resume)
                writer.write_page([c.to_dict() for c in page.data])
                if page.has_next and not settings.quiet:
                    stderr.print(
                        f"more customers: add --all, or --resume {page.after}", soft_wrap=True
                    )


def _export(
    pages: Iterator[Page[Customer]],
    writer: PageWriter,
    settings: Settings,
    *,
    max_items: int | None,
    resume: str | None,
    output: Path | None,
) -> None:
    """Every page to `writer`, flushed per page; Ctrl-C stops on a page boundary (and says
    which cursor continues from there: `resume` until a page is written)."""
    resume_from = resume
    finished = False
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
            segment_tree(tree, f"{len(customers)} customers, {placed} in a segment", max_depth)
        )


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


app.command("probe")(probe_command)


def main() -> None:
    """Entry point of the `tight-customers` console script."""
    app()
