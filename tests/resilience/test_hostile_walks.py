"""Cursor chains a server breaks end a walk with a typed error naming what was wrong, never
silently; customers already yielded stay yielded."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import anyio
import pytest
from typer.testing import CliRunner

import tight_customers as tc
from tests.resilience.hostile import HostileServer, Request, Writer
from tight_customers._constants import MAX_EMPTY_PAGES
from tight_customers.cli import app


def customer(n: int) -> dict[str, Any]:
    return {"id": f"cus_{n}", "name": f"Customer {n}", "status": "ACTIVE"}


def pages(bad_after: Any, per_page: int = 10, good_pages: int = 1) -> Any:
    """A query server: `good_pages` pages with string cursors, then one with `bad_after`."""

    def behave(request: Request, out: Writer) -> None:
        cursor = json.loads(request.body or b"{}").get("cursor")
        index = 0 if cursor is None else int(cursor.removeprefix("c"))
        after = f"c{index + 1}" if index < good_pages else bad_after
        data = [customer(index * per_page + i) for i in range(per_page)]
        body = {"result": "SUCCESS", "data": data, "cursor": {"after": after, "before": None}}
        raw = json.dumps(body).encode()
        out.head(200, {"Content-Type": "application/json", "Content-Length": str(len(raw))})
        out.write(raw)

    return behave


def empty_pages_forever() -> Any:
    counter = itertools.count()

    def behave(request: Request, out: Writer) -> None:
        after = f"fresh-{next(counter)}"
        body = {"result": "SUCCESS", "data": [], "cursor": {"after": after, "before": None}}
        raw = json.dumps(body).encode()
        out.head(200, {"Content-Type": "application/json", "Content-Length": str(len(raw))})
        out.write(raw)

    return behave


def client(server: HostileServer) -> tc.TightClient:
    return tc.TightClient(token="tkn_walks", base_url=server.url, rate_limit=None, max_retries=0)


BAD_CURSORS = {
    "number": (5, "number"),
    "object": ({"next": "c2"}, "object"),
    "array": (["c2"], "array"),
    "boolean": (True, "boolean"),
}


@pytest.mark.parametrize("kind", list(BAD_CURSORS))
def test_a_cursor_that_is_not_a_string_or_null_stops_the_walk_loudly(kind: Any) -> None:
    bad, shown = BAD_CURSORS[kind]
    seen: list[str] = []
    with HostileServer(pages(bad)) as server, client(server) as c:
        with pytest.raises(tc.ResponseParseError) as info:
            for item in c.customers.iterate(page_size=10):
                seen.append(item.id)
        assert len(server.requests) == 2
    assert seen == [f"cus_{i}" for i in range(10)]  # the first page stays yielded
    assert f"cursor.after: expected string, got {shown}" in str(info.value)


def test_an_empty_string_cursor_stops_the_walk_after_its_page() -> None:
    seen: list[str] = []
    with HostileServer(pages("")) as server, client(server) as c:
        with pytest.raises(tc.PaginationError, match="empty string as the next cursor"):
            for item in c.customers.iterate(page_size=10):
                seen.append(item.id)
        assert len(server.requests) == 2
    assert seen == [f"cus_{i}" for i in range(20)]  # both pages, nothing silently dropped


def test_a_bad_before_cursor_is_named_too() -> None:
    def behave(request: Request, out: Writer) -> None:
        body = {"result": "SUCCESS", "data": [], "cursor": {"after": None, "before": 7}}
        raw = json.dumps(body).encode()
        out.head(200, {"Content-Type": "application/json", "Content-Length": str(len(raw))})
        out.write(raw)

    with (
        HostileServer(behave) as server,
        client(server) as c,
        pytest.raises(tc.ResponseParseError, match=r"cursor\.before: expected string, got number"),
    ):
        c.customers.query()


def test_only_a_null_cursor_ends_a_walk() -> None:
    with HostileServer(pages(None, good_pages=2)) as server, client(server) as c:
        assert len(list(c.customers.iterate(page_size=10))) == 30


def test_endless_empty_pages_stop_after_the_documented_bound() -> None:
    with HostileServer(empty_pages_forever()) as server, client(server) as c:
        walked: list[tc.Page[Any]] = []
        with pytest.raises(tc.PaginationError) as info:
            for page in c.customers.pages():
                walked.append(page)
        # A walk sends at most one request ahead of the page in hand.
        assert MAX_EMPTY_PAGES + 1 <= len(server.requests) <= MAX_EMPTY_PAGES + 2
    assert len(walked) == MAX_EMPTY_PAGES + 1
    assert f"{MAX_EMPTY_PAGES + 1} empty pages in a row" in str(info.value)
    assert f"at most {MAX_EMPTY_PAGES}" in str(info.value)


def test_the_async_walk_has_the_same_bound() -> None:
    async def run() -> tc.PaginationError:
        async with tc.AsyncTightClient(
            token="tkn_walks", base_url=server.url, rate_limit=None
        ) as c:
            try:
                async for _ in c.customers.iterate():
                    pass
            except tc.PaginationError as exc:
                return exc
        raise AssertionError("no error")

    with HostileServer(empty_pages_forever()) as server:
        error = anyio.run(run)
        # A walk sends at most one request ahead of the page in hand.
        assert MAX_EMPTY_PAGES + 1 <= len(server.requests) <= MAX_EMPTY_PAGES + 2
    assert "empty pages in a row" in str(error)


def test_empty_pages_between_full_ones_are_followed() -> None:
    counter = itertools.count()

    def behave(request: Request, out: Writer) -> None:
        n = next(counter)
        data = [customer(n)] if n % (MAX_EMPTY_PAGES // 2) == 0 else []
        after = f"c{n + 1}" if n < 3 * MAX_EMPTY_PAGES else None
        body = {"result": "SUCCESS", "data": data, "cursor": {"after": after, "before": None}}
        raw = json.dumps(body).encode()
        out.head(200, {"Content-Type": "application/json", "Content-Length": str(len(raw))})
        out.write(raw)

    with HostileServer(behave) as server, client(server) as c:
        assert len(list(c.customers.iterate())) == 7


def test_the_cli_export_fails_instead_of_reporting_a_short_export(tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    env = {"TIGHT_API_TOKEN": "tkn_walks", "TIGHT_CLIENT_ID": "", "TIGHT_CLIENT_SECRET": ""}
    with HostileServer(pages(5, good_pages=2)) as server:
        env["TIGHT_BASE_URL"] = server.url
        args = ["query", "--all", "--format", "jsonl", "--output", str(out)]
        result = CliRunner().invoke(app, args, env=env)
    assert result.exit_code == 1, result.output
    assert "cursor.after" in result.stderr
    assert len(out.read_text().splitlines()) == 20  # what was fetched is kept


def test_a_stdout_export_that_fails_says_how_much_it_wrote() -> None:
    env = {"TIGHT_API_TOKEN": "tkn_walks", "TIGHT_CLIENT_ID": "", "TIGHT_CLIENT_SECRET": ""}
    with HostileServer(pages(5, good_pages=2)) as server:
        env["TIGHT_BASE_URL"] = server.url
        result = CliRunner().invoke(app, ["query", "--all", "--format", "jsonl"], env=env)
    assert result.exit_code == 1, result.output
    assert len(result.stdout.splitlines()) == 20
    assert "20 customers written to stdout" in result.stderr
