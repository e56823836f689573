"""Pipelined walks: the next page's request runs ahead while a page is consumed.

What must hold: the request of page n+1 is sent before page n is consumed, and no further; the
walk yields the same items in the same order; an error (or a retry, or a token renewal) of the
page fetched ahead shows where that page would have been fetched; closing the walk or the client
cancels the request ahead, leaving no thread, task or request behind; a page is let go of
before the next one is built.
"""

from __future__ import annotations

import asyncio
import gc
import json
import threading
import weakref
from collections.abc import AsyncGenerator, AsyncIterator, Generator, Iterator
from contextlib import aclosing, closing
from typing import Any

import httpx
import pytest

import tight_customers as tc
from tests.facade.conftest import (
    Script,
    customer,
    envelope,
    ids,
    json_response,
    records,
    scripted_client,
)
from tight_customers import _adapter, _prefetch

PREFETCH = "tight-customers-prefetch"  # the name of the threads and tasks ahead


def page_reply(first: int, count: int, after: str | None) -> httpx.Response:
    data = [customer(f"cus_{i}", f"Name {i:04}") for i in range(first, first + count)]
    return json_response(200, envelope(data, cursor={"after": after, "before": None}))


def walk_of(walk: Iterator[Any]) -> Generator[Any, None, None]:
    """A walk as the generator it is (its public type is an Iterator)."""
    assert isinstance(walk, Generator)
    return walk


def awalk_of(walk: AsyncIterator[Any]) -> AsyncGenerator[Any, None]:
    """An async walk as the async generator it is."""
    assert isinstance(walk, AsyncGenerator)
    return walk


def prefetch_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == PREFETCH]


def prefetch_tasks() -> list[asyncio.Task[Any]]:
    return [t for t in asyncio.all_tasks() if t.get_name() == PREFETCH]


class Gate:
    """A reply that tells when its request arrived and holds it until released."""

    def __init__(self, reply: httpx.Response) -> None:
        self.reply = reply
        self.arrived = threading.Event()
        self.release = threading.Event()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.arrived.set()
        assert self.release.wait(10), "the gated request was never released"
        return self.reply


# ------------------------------------------------------------------ sending ahead


def test_the_next_request_is_sent_while_a_page_is_held_and_no_further() -> None:
    gate = Gate(page_reply(3, 2, "c3"))
    script = Script(page_reply(1, 2, "c2"), gate, page_reply(5, 1, None))
    with (
        scripted_client(script) as client,
        closing(walk_of(client.customers.pages(page_size=2))) as pages,
    ):
        first = next(pages)
        assert ids(first.data) == ["cus_1", "cus_2"]
        assert gate.arrived.wait(10), "page 2 was not requested while page 1 was held"
        gate.release.set()
        assert len(script.requests) == 2  # page 3 waits until page 2 is handed out
        assert script.json_bodies()[1]["cursor"] == "c2"
        second = next(pages)
        assert ids(second.data) == ["cus_3", "cus_4"]
        assert ids(next(pages).data) == ["cus_5"]
        assert next(pages, None) is None
    assert len(script.requests) == 3
    assert prefetch_threads() == []


@pytest.mark.anyio
async def test_the_async_walk_keeps_one_request_ahead_of_the_page_in_hand() -> None:
    replies = {None: page_reply(1, 2, "c2"), "c2": page_reply(3, 2, "c3")}
    replies["c3"] = page_reply(5, 1, None)
    asked: list[str | None] = []
    release_page_2 = asyncio.Event()

    async def answer(request: httpx.Request) -> httpx.Response:
        cursor = json.loads(request.content).get("cursor")
        asked.append(cursor)
        if cursor == "c2":
            await release_page_2.wait()
        return replies[cursor]

    http = httpx.AsyncClient(transport=httpx.MockTransport(answer))
    async with (
        tc.AsyncTightClient(
            base_url="https://x.test", token="tkn_test", http_client=http
        ) as client,
        aclosing(awalk_of(client.customers.pages(page_size=2))) as pages,
    ):
        first = await anext(pages)
        for _ in range(50):  # the request ahead leaves while page 1 is in hand
            await asyncio.sleep(0)
        assert asked == [None, "c2"]
        release_page_2.set()
        for _ in range(50):  # page 2 is in: page 3 still waits until page 2 is handed out
            await asyncio.sleep(0)
        assert asked == [None, "c2"]
        second = await anext(pages)
        assert asked == [None, "c2", "c3"]
        assert [ids(first.data), ids(second.data)] == [["cus_1", "cus_2"], ["cus_3", "cus_4"]]
        assert ids((await anext(pages)).data) == ["cus_5"]
        assert await anext(pages, None) is None
    assert asked == [None, "c2", "c3"]
    assert prefetch_tasks() == []


def test_iterate_yields_every_customer_once_in_order(sandbox: Any) -> None:
    expected = ids(sandbox.customers())
    with tc.TightClient(token=sandbox.token, base_url=sandbox.url) as client:
        assert ids(client.customers.iterate(page_size=64)) == expected
        half = ids(client.customers.iterate(page_size=64, max_items=300))
        assert half == expected[:300]
    assert prefetch_threads() == []


@pytest.mark.anyio
async def test_async_iterate_yields_every_customer_once_in_order(sandbox: Any) -> None:
    expected = ids(sandbox.customers())
    async with tc.AsyncTightClient(token=sandbox.token, base_url=sandbox.url) as client:
        got = [c.id async for c in client.customers.iterate(page_size=64)]
        pages = [len(p.data) async for p in client.customers.pages(page_size=300)]
    assert got == expected
    assert pages == [300, 300, 100]


def test_nothing_is_requested_past_max_items() -> None:
    script = Script(page_reply(1, 2, "c2"), page_reply(3, 2, "c3"))
    with scripted_client(script) as client:
        got = ids(client.customers.iterate(page_size=2, max_items=4))
    assert got == ["cus_1", "cus_2", "cus_3", "cus_4"]
    assert len(script.requests) == 2


# ------------------------------------------------------------------ errors, retries, renewal


def test_an_error_of_the_page_ahead_shows_after_the_page_before_is_consumed() -> None:
    bad = json_response(
        400, envelope(None, result="FAILURE", error=[{"type": "BAD_REQUEST", "message": "no"}])
    )
    script = Script(page_reply(1, 3, "c3"), bad)
    seen: list[str] = []
    with scripted_client(script, max_retries=0) as client, pytest.raises(tc.BadRequestError):
        for c in client.customers.iterate(page_size=3):
            seen.append(c.id)
    assert seen == ["cus_1", "cus_2", "cus_3"]

    script = Script(page_reply(1, 3, "c3"), bad)
    with scripted_client(script, max_retries=0) as client:
        pages = client.customers.pages(page_size=3)
        assert ids(next(pages).data) == ["cus_1", "cus_2", "cus_3"]
        with pytest.raises(tc.BadRequestError):
            next(pages)


def test_a_failed_first_attempt_of_the_page_ahead_is_retried() -> None:
    unavailable = json_response(503, envelope(None, result="FAILURE", error=[]))
    script = Script(page_reply(1, 2, "c2"), unavailable, page_reply(3, 1, None))
    with scripted_client(script, initial_retry_delay=0.01, max_retry_delay=0.02) as client:
        assert ids(client.customers.iterate(page_size=2)) == ["cus_1", "cus_2", "cus_3"]
    bodies = script.json_bodies()
    assert [b.get("cursor") for b in bodies] == [None, "c2", "c2"]


def test_a_token_expiring_under_the_page_ahead_is_renewed_once() -> None:
    def token(value: str) -> httpx.Response:
        return json_response(
            200, {"access_token": value, "token_type": "Bearer", "expires_in": 3600}
        )

    expired = json_response(
        401,
        envelope(None, result="FAILURE", error=[{"type": "EXPIRED_TOKEN", "message": "old"}]),
    )
    script = Script(
        token("tkn_first"), page_reply(1, 2, "c2"), expired, token("tkn_second"),
        page_reply(3, 1, None),
    )  # fmt: skip
    options = {"client_id": "cid", "client_secret": "cs_very_secret_987654"}
    with scripted_client(script, **options) as client:
        assert ids(client.customers.iterate(page_size=2)) == ["cus_1", "cus_2", "cus_3"]
    auth = [r.headers.get("authorization") for r in script.requests]
    assert auth[1:3] == ["Bearer tkn_first", "Bearer tkn_first"]
    assert auth[4] == "Bearer tkn_second"


def test_a_repeated_cursor_stops_the_walk_after_the_page_that_repeats_it() -> None:
    script = Script(page_reply(1, 2, "c2"), page_reply(3, 2, "c2"))
    seen: list[str] = []
    with scripted_client(script) as client, pytest.raises(tc.PaginationError):
        for c in client.customers.iterate(page_size=2):
            seen.append(c.id)
    assert seen == ["cus_1", "cus_2", "cus_3", "cus_4"]
    assert len(script.requests) == 2


# ------------------------------------------------------------------ cancelling


@pytest.fixture
def slow_second_page(fresh_sandbox: Any) -> Iterator[Any]:
    """The sandbox answers the second request only after 5 s."""
    fresh_sandbox.enqueue_faults("delay:0", "delay:5")
    yield fresh_sandbox


def tagged_client(sb: Any, tag: str) -> tc.TightClient:
    http = httpx.Client(headers={"x-test": tag})
    return tc.TightClient(token=sb.token, base_url=sb.url, http_client=http)


def test_breaking_out_cancels_the_request_ahead(slow_second_page: Any) -> None:
    sb = slow_second_page
    with tagged_client(sb, "break") as client:
        walk = client.customers.iterate(page_size=10)
        for _ in walk:
            break
        walk_of(walk).close()  # what a for loop's end does to a generator the caller drops
        assert prefetch_threads() == []
        # The slow page was requested but never answered: the SDK dropped it.
        assert [r.status for r in records(sb, "break", 1)] == [200]
        assert ids(client.customers.query(limit=3).data) == ids(sb.customers())[:3]


def test_closing_the_client_cancels_the_request_ahead(slow_second_page: Any) -> None:
    client = tagged_client(slow_second_page, "close")
    pages = client.customers.pages(page_size=10)
    next(pages)
    client.close()
    assert prefetch_threads() == []
    with pytest.raises(RuntimeError):
        next(pages)


@pytest.mark.anyio
async def test_async_break_and_close_cancel_the_task_ahead(slow_second_page: Any) -> None:
    sb = slow_second_page
    client = tc.AsyncTightClient(token=sb.token, base_url=sb.url)
    async with aclosing(awalk_of(client.customers.iterate(page_size=10))) as walk:
        async for _ in walk:
            break
    assert prefetch_tasks() == []
    sb.enqueue_faults("delay:0", "delay:5")
    pages = client.customers.pages(page_size=10)
    await anext(pages)
    assert len(prefetch_tasks()) == 1
    await client.aclose()
    assert prefetch_tasks() == []
    with pytest.raises(RuntimeError):
        await anext(pages)


# ------------------------------------------------------------------ one page in memory


def test_a_page_is_released_before_the_next_is_built(
    sandbox: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    held: list[weakref.ref[Any]] = []
    alive_at_parse: list[int] = []
    parse = _adapter.parse_customer_page

    def observed(body: object) -> Any:
        gc.collect()
        alive_at_parse.append(sum(ref() is not None for ref in held))
        return parse(body)

    monkeypatch.setattr(_adapter, "parse_customer_page", observed)
    with tc.TightClient(token=sandbox.token, base_url=sandbox.url) as client:
        for c in client.customers.iterate(page_size=100, max_items=300):
            held.append(weakref.ref(c))
            del c
    # At each parse after the first, nothing of the previous pages is alive.
    assert alive_at_parse == [0, 0, 0]
    assert len(held) == 300


# ------------------------------------------------------------------ reading the cursor early


@pytest.mark.parametrize(
    ("body", "after"),
    [
        (b'{"result":"SUCCESS","data":[],"error":[],"cursor":{"after":"c9","before":null}}', "c9"),
        (b'{"cursor" : {"before": "b", "after": "c9"}, "data": [{"id": "x"}]}', "c9"),
        (b'{"data":[],"cursor":{"after":null,"before":"b"}}', None),
        (b'{"data":[],"cursor":null}', None),
        (b'{"data":[]}', None),
        (b'{"data":[],"cursor":{"after":"c9"', None),
        (b'{"data":[{"name":"the \\"cursor\\" shop"}]}', None),
    ],
)
def test_the_after_cursor_is_read_from_the_raw_body(body: bytes, after: str | None) -> None:
    assert _prefetch.peek_after(body) == after


def test_a_wrong_early_cursor_is_replaced_by_the_pages_own() -> None:
    # The real cursor comes first; a customer's custom data holds a "cursor" member too, so the
    # early read (from the end) is wrong, and the page's own cursor must win.
    first = {
        "result": "SUCCESS",
        "cursor": {"after": "c2", "before": None},
        "error": [],
        "data": [customer("cus_1", customData={"cursor": {"after": "bogus"}})],
    }

    def answer(request: httpx.Request) -> httpx.Response:
        cursor = json.loads(request.content).get("cursor")
        if cursor is None:
            return json_response(200, first)
        if cursor == "c2":
            return page_reply(2, 1, None)
        return json_response(
            400, envelope(None, result="FAILURE", error=[{"type": "BAD", "message": cursor}])
        )

    script = Script(*[answer] * 3)
    with scripted_client(script) as client:
        assert ids(client.customers.iterate(page_size=1)) == ["cus_1", "cus_2"]
    cursors = [b.get("cursor") for b in script.json_bodies()]
    assert cursors[0] is None and "c2" in cursors
    assert prefetch_threads() == []


def test_page_bodies_do_not_pile_up_waiting_for_the_garbage_collector(sandbox: Any) -> None:
    live: list[int] = []
    with tc.TightClient(token=sandbox.token, base_url=sandbox.url) as client:
        gc.collect()
        for _ in client.customers.pages(page_size=50):
            live.append(sum(1 for o in gc.get_objects() if _holds_a_body(o)))
    # The page in hand's response and the one ahead, never the pages before them.
    assert len(live) == 14
    assert max(live) <= 2


def _holds_a_body(obj: object) -> bool:
    """A response with its body read (not the streamed one the worker is reading it from)."""
    return type(obj) is httpx.Response and hasattr(obj, "_content")


def test_iterating_a_page_requests_the_next_one_ahead() -> None:
    gate = Gate(page_reply(3, 2, None))
    script = Script(page_reply(1, 2, "c2"), gate)
    with scripted_client(script) as client:
        page = client.customers.query(limit=2)
        items = iter(page)
        assert next(items).id == "cus_1"
        assert gate.arrived.wait(10), "page 2 was not requested while page 1 was iterated"
        gate.release.set()
        assert [c.id for c in items] == ["cus_2", "cus_3", "cus_4"]
    assert prefetch_threads() == []


@pytest.mark.anyio
async def test_async_iterating_a_page_walks_every_following_page(sandbox: Any) -> None:
    async with tc.AsyncTightClient(token=sandbox.token, base_url=sandbox.url) as client:
        page = await client.customers.query(limit=250)
        got = [c.id async for c in page]
    assert got == ids(sandbox.customers())
    assert prefetch_tasks() == []
