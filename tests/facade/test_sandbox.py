"""The clients against the sandbox over real HTTP: queries, pages, cursors, errors, auth."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

import tight_customers as tc
from tests.facade.conftest import ids, records
from tight_customers import F, Sort
from tight_customers.sandbox import Sandbox


def client_for(sb: Any) -> tc.TightClient:
    return tc.TightClient(token=sb.token, base_url=sb.url)


@contextmanager
def tagged_client(sb: Any, tag: str, **auth: Any) -> Iterator[tc.TightClient]:
    """A client whose requests carry `X-Test: tag`, over the caller's own httpx client."""
    with httpx.Client(headers={"X-Test": tag}) as http:
        yield tc.TightClient(base_url=sb.url, http_client=http, **(auth or {"token": sb.token}))


def test_iterate_visits_every_customer_once_in_order(sandbox: Sandbox) -> None:
    with client_for(sandbox) as client:
        got = ids(client.customers.iterate(page_size=97))
    assert got == ids(sandbox.customers())


def test_sort_desc_reverses_the_order(sandbox: Sandbox) -> None:
    with client_for(sandbox) as client:
        got = ids(client.customers.iterate(sort=Sort("NAME", "DESC"), page_size=250))
    assert got == ids(reversed(sandbox.customers()))


def test_filters_select_what_the_data_says(sandbox: Sandbox) -> None:
    everyone = sandbox.customers()
    expected = [
        c["id"]
        for c in everyone
        if c["status"] == "ACTIVE" and "A" <= c["name"] < "N" and "acme" in c["name"].lower()
    ]
    assert expected, "the dataset should have matches for this test to mean something"
    flt = F.status.in_(["ACTIVE"]) & (F.name >= "A") & (F.name < "N") & F.name.contains("ACME")
    with client_for(sandbox) as client:
        got = ids(client.customers.iterate(filter=flt, page_size=10))
        wire: Any = flt.to_dict()
        raw = ids(client.customers.iterate(filter=wire, page_size=10))
    assert got == raw == expected


def test_pages_have_cursors_and_neighbours(sandbox: Sandbox) -> None:
    total = len(sandbox.customers())
    with client_for(sandbox) as client:
        first = client.customers.query(limit=300)
        assert (first.has_previous, first.has_next, first.before) == (False, True, None)
        assert first.previous() is None
        second = first.next()
        assert second is not None and second.has_previous and second.has_next
        back = second.previous()
        assert back is not None and ids(back.data) == ids(first.data)
        third = second.next()
        assert third is not None and not third.has_next and third.after is None
        assert third.next() is None
        assert len(first.data) + len(second.data) + len(third.data) == total
        sizes = [len(p.data) for p in client.customers.pages(page_size=300)]
        assert sizes == [300, 300, total - 600]


def test_every_page_request_resends_the_full_query(sandbox: Sandbox) -> None:
    flt = F.status.not_in(["INACTIVE"])
    with tagged_client(sandbox, "resend") as client:
        pages = list(client.customers.pages(filter=flt, sort=Sort("NAME", "DESC"), page_size=200))
    bodies = [r.json_body for r in records(sandbox, "resend", len(pages))]
    assert len(bodies) == len(pages) >= 3
    query = {
        "limit": 200,
        "sort": {"orderBy": "NAME", "direction": "DESC"},
        "filter": {"status": {"notIn": ["INACTIVE"]}},
    }
    assert bodies[0] == query
    for body, page in zip(bodies[1:], pages[:-1], strict=True):
        assert body == {**query, "cursor": page.after}


def test_resume_from_a_saved_cursor(sandbox: Sandbox) -> None:
    flt = F.status == "ACTIVE"
    with client_for(sandbox) as client:
        everything = ids(client.customers.iterate(filter=flt, page_size=50))
        first = client.customers.query(filter=flt, limit=50)
        saved = first.after
        assert saved is not None
    with client_for(sandbox) as fresh:
        rest = ids(fresh.customers.iterate(filter=flt, page_size=50, cursor=saved))
        page = fresh.customers.query(filter=flt, limit=50, cursor=saved)
    assert ids(first.data) + rest == everything
    assert page.cursor == saved and ids(page.data) == everything[50:100]


def test_cursor_with_another_filter_is_a_bad_request_naming_cursor(sandbox: Sandbox) -> None:
    with client_for(sandbox) as client:
        saved = client.customers.query(filter=F.status == "ACTIVE", limit=5).after
        with pytest.raises(tc.BadRequestError) as info:
            client.customers.query(filter=F.status == "INACTIVE", cursor=saved)
    assert [e.param for e in info.value.errors] == ["cursor"]
    assert info.value.errors[0].message in str(info.value)


def test_max_items_stops_early(sandbox: Sandbox) -> None:
    with tagged_client(sandbox, "max-items") as client:
        got = ids(client.customers.iterate(page_size=100, max_items=150))
    assert got == ids(sandbox.customers())[:150]
    assert len(records(sandbox, "max-items", 2)) == 2


def test_iterate_holds_one_page_at_a_time(sandbox: Sandbox) -> None:
    refs: list[weakref.ref[Any]] = []
    with client_for(sandbox) as client:
        walk = client.customers.pages(page_size=100)
        for page in walk:
            refs.append(weakref.ref(page))
            del page
            gc.collect()
            assert sum(r() is not None for r in refs) <= 1
    assert len(refs) == 7


def test_get_and_not_found(sandbox: Sandbox) -> None:
    wire = sandbox.customers()[3]
    with client_for(sandbox) as client:
        customer = client.customers.get(wire["id"])
        assert isinstance(customer, tc.Customer)
        assert (customer.id, customer.name, customer.status) == (
            wire["id"],
            wire["name"],
            wire["status"],
        )
        with pytest.raises(tc.NotFoundError) as info:
            client.customers.get("cus_nope")
    assert info.value.status_code == 404
    assert info.value.errors and info.value.errors[0].message in str(info.value)


def test_bad_request_reports_every_problem(sandbox: Sandbox) -> None:
    with client_for(sandbox) as client, pytest.raises(tc.BadRequestError) as info:
        client.customers.query(filter={"name": {"like": "x"}, "nope": {}})  # type: ignore[arg-type]
    params = {e.param for e in info.value.errors}
    assert len(info.value.errors) >= 2 and all(p and p.startswith("filter") for p in params)


def test_wrong_token_is_an_authentication_error_without_the_token(sandbox: Sandbox) -> None:
    bad = "tkn_definitely_wrong_0123456789"
    with (
        tc.TightClient(token=bad, base_url=sandbox.url) as client,
        pytest.raises(tc.AuthenticationError) as info,
    ):
        client.customers.query()
    assert info.value.status_code == 401
    assert bad not in str(info.value) and bad not in repr(info.value)


def test_client_credentials_get_one_token_for_many_calls(sandbox: Sandbox) -> None:
    with tagged_client(
        sandbox,
        "credentials",
        client_id=sandbox.client_id,
        client_secret=sandbox.client_secret,
        user_id="owner-1",
    ) as client:
        n = sum(1 for _ in client.customers.iterate(page_size=250))
        client.customers.get(sandbox.customers()[0]["id"])
    log = records(sandbox, "credentials", 5)
    assert n == len(sandbox.customers())
    assert [r.path for r in log].count("/v6/auth/token") == 1
    assert log[0].path == "/v6/auth/token" and log[0].status == 200
    assert len(log) == 5  # token, three pages, one get


def test_wrong_client_secret_is_an_authentication_error_without_the_secret(
    sandbox: Sandbox,
) -> None:
    secret = "cs_wrong_secret_value_42"
    with (
        tc.TightClient(
            client_id=sandbox.client_id, client_secret=secret, base_url=sandbox.url
        ) as client,
        pytest.raises(tc.AuthenticationError) as info,
    ):
        client.customers.get("cus_1")
    assert secret not in str(info.value) and secret not in repr(info.value)


def test_faults_surface_as_typed_errors(fresh_sandbox: Sandbox) -> None:
    sb = fresh_sandbox
    sb.enqueue_faults("html502", 503, 429, "drop", "truncate")
    with tc.TightClient(token=sb.token, base_url=sb.url, max_retries=0) as client:
        with pytest.raises(tc.ServerError) as html:
            client.customers.query()
        assert html.value.status_code == 502 and html.value.body_excerpt
        assert html.value.errors == ()
        with pytest.raises(tc.ServerError) as unavailable:
            client.customers.query()
        assert unavailable.value.status_code == 503 and unavailable.value.errors
        with pytest.raises(tc.RateLimitError) as limited:
            client.customers.query()
        assert limited.value.retry_after is not None
        with pytest.raises(tc.APIConnectionError):
            client.customers.query()
        with pytest.raises((tc.APIConnectionError, tc.ResponseParseError)):
            client.customers.query()
        assert len(client.customers.query().data) > 0  # the pool recovers


def test_rate_limit_from_the_server(fresh_sandbox: Sandbox) -> None:
    fresh_sandbox.rate_limit = 2
    with tc.TightClient(
        token=fresh_sandbox.token, base_url=fresh_sandbox.url, max_retries=0
    ) as client:
        client.customers.query(limit=1)
        client.customers.query(limit=1)
        with pytest.raises(tc.RateLimitError) as info:
            client.customers.query(limit=1)
    assert info.value.status_code == 429


@pytest.mark.anyio
async def test_async_client_walks_the_same_pages(sandbox: Sandbox) -> None:
    async with tc.AsyncTightClient(token=sandbox.token, base_url=sandbox.url) as client:
        got = [c.id async for c in client.customers.iterate(page_size=150)]
        sizes = [len(p.data) async for p in client.customers.pages(page_size=300)]
        first = await client.customers.query(limit=300, sort=Sort("NAME", "DESC"))
        second = await first.next()
        assert second is not None
        back = await second.previous()
        assert back is not None and ids(back.data) == ids(first.data)
        limited = [c.id async for c in client.customers.iterate(max_items=5)]
        one = await client.customers.get(got[0])
        with pytest.raises(tc.NotFoundError):
            await client.customers.get("cus_nope")
    assert got == ids(sandbox.customers())
    assert sizes == [300, 300, len(got) - 600]
    assert limited == got[:5] and one.id == got[0]


@pytest.mark.anyio
async def test_concurrent_async_calls_share_one_token_request(sandbox: Sandbox) -> None:
    async with httpx.AsyncClient(headers={"X-Test": "concurrent"}) as http:
        client = tc.AsyncTightClient(
            client_id=sandbox.client_id,
            client_secret=sandbox.client_secret,
            base_url=sandbox.url,
            http_client=http,
        )
        pages = await asyncio.gather(*(client.customers.query(limit=3) for _ in range(8)))
    assert all(len(p.data) == 3 for p in pages)
    paths = [r.path for r in records(sandbox, "concurrent", 9)]
    assert paths.count("/v6/auth/token") == 1
    assert paths.count("/v6/customers/query") == 8
