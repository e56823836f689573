"""Cursor chains a real server would not break: the walk stops with PaginationError and keeps
what it already yielded (MockTransport, since the sandbox never misbehaves this way)."""

from __future__ import annotations

import httpx
import pytest

import tight_customers as tc
from tests.facade.conftest import Script, customer, envelope, json_response, scripted_client


def page(ids: list[str], after: str | None, before: str | None = None) -> httpx.Response:
    return json_response(
        200, envelope([customer(i) for i in ids], cursor={"after": after, "before": before})
    )


def test_server_returning_the_cursor_it_was_given_stops_the_walk() -> None:
    script = Script(page(["a"], "c1"), page(["b"], "c1"))
    seen: list[str] = []
    with pytest.raises(tc.PaginationError, match="same cursor"):
        for c in scripted_client(script).customers.iterate(page_size=1):
            seen.append(c.id)
    assert seen == ["a", "b"]


def test_server_looping_over_cursors_stops_the_walk() -> None:
    script = Script(page(["a"], "c1"), page(["b"], "c2"), page(["c"], "c1"))
    pages: list[tc.Page[tc.Customer]] = []
    with pytest.raises(tc.PaginationError, match="already used"):
        for p in scripted_client(script).customers.pages(page_size=1):
            pages.append(p)
    assert [p.data[0].id for p in pages] == ["a", "b", "c"]


def test_starting_cursor_coming_back_is_a_loop() -> None:
    script = Script(page(["b"], "start"))
    with pytest.raises(tc.PaginationError):
        list(scripted_client(script).customers.pages(cursor="start"))


def test_empty_middle_pages_are_followed() -> None:
    script = Script(page(["a"], "c1"), page([], "c2"), page(["b"], None))
    assert [c.id for c in scripted_client(script).customers.iterate()] == ["a", "b"]


def test_every_page_request_resends_the_full_query() -> None:
    script = Script(page(["a"], "c1"), page(["b"], None))
    flt = tc.F.status.in_(["ACTIVE"])
    list(scripted_client(script).customers.iterate(filter=flt, sort=tc.Sort("NAME"), page_size=1))
    query = {
        "limit": 1,
        "sort": {"orderBy": "NAME", "direction": "ASC"},
        "filter": {"status": {"in": ["ACTIVE"]}},
    }
    assert script.json_bodies() == [query, {"cursor": "c1", **query}]


def test_max_items_stops_without_fetching_more_and_caps_the_limit() -> None:
    script = Script(page(["a", "b", "c"], "c1"))
    got = [c.id for c in scripted_client(script).customers.iterate(page_size=100, max_items=3)]
    assert got == ["a", "b", "c"]
    assert script.json_bodies() == [{"limit": 3}]
    assert list(scripted_client(Script()).customers.iterate(max_items=0)) == []
