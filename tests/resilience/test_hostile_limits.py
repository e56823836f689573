"""Responses that never end, inflate without bound or arrive a byte at a time end early, with a
typed error, in bounded memory (peak RSS measured in a child process) and bounded time."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest

import tight_customers as tc
from tests.resilience.conftest import assert_clean
from tests.resilience.hostile import (
    Behaviour,
    HostileServer,
    drip,
    endless_body,
    gzip_bomb,
    json_reply,
    query_in_child,
    sequence,
)

ROOT = Path(__file__).resolve().parents[2]
MIB = 1024 * 1024
PAGE = {"result": "SUCCESS", "data": [], "cursor": {"after": None, "before": None}}


def client(server: HostileServer, **options: Any) -> tc.TightClient:
    options.setdefault("max_retries", 0)
    return tc.TightClient(token="tkn_limits", base_url=server.url, rate_limit=None, **options)


def async_client(server: HostileServer, **options: Any) -> tc.AsyncTightClient:
    options.setdefault("max_retries", 0)
    return tc.AsyncTightClient(token="tkn_limits", base_url=server.url, rate_limit=None, **options)


# ---------------------------------------------------------------- size


@pytest.mark.parametrize("behaviour", [gzip_bomb, endless_body], ids=["gzip-bomb", "endless"])
def test_a_huge_body_stops_at_the_default_limit_in_bounded_memory(
    behaviour: Callable[[], Behaviour],
) -> None:
    with HostileServer(behaviour()) as server:
        outcome = query_in_child(server.url)
        assert len(server.requests) == 1  # not retried: the same body would come again
    assert outcome["error"] == "ResponseTooLargeError"
    assert outcome["limit"] == 64 * MIB
    assert "larger than the 67,108,864 byte limit" in outcome["message"]
    assert "max_response_bytes" in outcome["message"]
    assert 10 < outcome["peak_rss_mib"] < 200


@pytest.mark.parametrize("behaviour", [gzip_bomb, endless_body], ids=["gzip-bomb", "endless"])
def test_max_response_bytes_is_configurable(behaviour: Callable[[], Behaviour]) -> None:
    with (
        HostileServer(behaviour()) as server,
        client(server, max_response_bytes=MIB) as c,
        pytest.raises(tc.ResponseTooLargeError) as info,
    ):
        c.customers.query()
    error = info.value
    assert isinstance(error, tc.ResponseParseError)
    assert error.limit == MIB and error.status_code == 200 and error.attempts == 1
    assert "1,048,576 byte limit" in str(error)
    assert_clean(error, "tkn_limits")


FIRST_PAGE = {
    "result": "SUCCESS",
    "data": [{"id": f"cus_{n}", "name": f"Customer {n}", "status": "ACTIVE"} for n in range(3)],
    "cursor": {"after": "c1", "before": None},
}


@pytest.mark.parametrize("behaviour", [gzip_bomb, endless_body], ids=["gzip-bomb", "endless"])
def test_a_walk_bounds_the_pages_it_fetches_ahead(behaviour: Callable[[], Behaviour]) -> None:
    seen: list[str] = []
    with (
        HostileServer(sequence(json_reply(200, FIRST_PAGE), behaviour())) as server,
        client(server, max_response_bytes=MIB) as c,
        pytest.raises(tc.ResponseTooLargeError, match="1,048,576 byte limit"),
    ):
        for customer in c.customers.iterate():
            seen.append(customer.id)
    assert seen == ["cus_0", "cus_1", "cus_2"]  # the first page stays yielded


@pytest.mark.parametrize("behaviour", [gzip_bomb, endless_body], ids=["gzip-bomb", "endless"])
def test_an_async_walk_bounds_the_pages_it_fetches_ahead(
    behaviour: Callable[[], Behaviour],
) -> None:
    seen: list[str] = []

    async def run() -> None:
        async with async_client(server, max_response_bytes=MIB) as c:
            async for customer in c.customers.iterate():
                seen.append(customer.id)

    with (
        HostileServer(sequence(json_reply(200, FIRST_PAGE), behaviour())) as server,
        pytest.raises(tc.ResponseTooLargeError, match="1,048,576 byte limit"),
    ):
        anyio.run(run)
    assert seen == ["cus_0", "cus_1", "cus_2"]


def test_a_walk_ends_a_drip_on_a_page_fetched_ahead_at_the_deadline() -> None:
    with (
        HostileServer(sequence(json_reply(200, FIRST_PAGE), drip(SLOW_BODY, 0.2))) as server,
        client(server, timeout=1.0) as c,
        pytest.raises(tc.APITimeoutError, match="attempt deadline"),
    ):
        for _ in c.customers.iterate():
            pass


def test_a_body_within_the_limit_is_read_whole_and_the_connection_reused() -> None:
    with (
        HostileServer(json_reply(200, PAGE)) as server,
        client(server, max_response_bytes=len(json.dumps(PAGE))) as c,
    ):
        assert c.customers.query().data == []
        assert c.customers.query().data == []
    assert len(server.requests) == 2


def test_the_async_client_stops_a_huge_body_too() -> None:
    async def run() -> tc.ResponseTooLargeError:
        async with async_client(server, max_response_bytes=2 * MIB) as c:
            try:
                await c.customers.query()
            except tc.ResponseTooLargeError as exc:
                return exc
        raise AssertionError("no error")

    with HostileServer(gzip_bomb()) as server:
        error = anyio.run(run)
    assert error.limit == 2 * MIB


@pytest.mark.parametrize("value", [0, -1, 1.5, True, "64MiB"])
def test_a_bad_max_response_bytes_is_refused(value: Any) -> None:
    with pytest.raises((TypeError, ValueError), match="max_response_bytes"):
        tc.TightClient(token="tkn_x", max_response_bytes=value)


# ---------------------------------------------------------------- time


SLOW_BODY = json.dumps(PAGE).encode()  # ~80 bytes: 16 s at one byte per 0.2 s


def test_a_slow_drip_ends_at_the_attempt_deadline_and_is_retried_like_a_timeout(
    no_sleep: Any,
) -> None:
    with (
        HostileServer(drip(SLOW_BODY, 0.2)) as server,
        client(server, timeout=0.5, max_retries=1) as c,
        pytest.raises(tc.APITimeoutError) as info,
    ):
        c.customers.query()
    error = info.value
    assert error.attempts == 2 and len(server.requests) == 2
    assert "attempt deadline of 1 s" in str(error)  # derived: connect 0.5 s + read 0.5 s
    assert len(no_sleep) == 1


def test_attempt_deadline_is_configurable_and_a_retry_can_succeed(no_sleep: Any) -> None:
    behaviour = sequence(drip(SLOW_BODY, 0.2), json_reply(200, PAGE))
    with (
        HostileServer(behaviour) as server,
        client(server, attempt_deadline=0.6, max_retries=1) as c,
    ):
        assert c.customers.query().data == []
    assert len(server.requests) == 2


def test_the_async_client_ends_a_drip_of_the_headers_at_the_deadline() -> None:
    async def run() -> tc.APITimeoutError:
        async with async_client(server, attempt_deadline=0.5) as c:
            try:
                await c.customers.query()
            except tc.APITimeoutError as exc:
                return exc
        raise AssertionError("no error")

    with HostileServer(drip(SLOW_BODY, 0.2, headers_too=True)) as server:
        error = anyio.run(run)
    assert "attempt deadline of 0.5 s" in str(error)


def test_the_async_client_ends_a_body_drip_at_the_deadline() -> None:
    async def run() -> tc.APITimeoutError:
        async with async_client(server, timeout=0.4) as c:
            try:
                await c.customers.query()
            except tc.APITimeoutError as exc:
                return exc
        raise AssertionError("no error")

    with HostileServer(drip(SLOW_BODY, 0.2)) as server:
        error = anyio.run(run)
    assert "attempt deadline of 0.8 s" in str(error)


def test_the_deadline_derives_from_a_custom_http_clients_timeout() -> None:
    http = httpx.Client(timeout=httpx.Timeout(0.3, connect=0.2))
    with (
        HostileServer(drip(SLOW_BODY, 0.1)) as server,
        tc.TightClient(token="tkn_x", base_url=server.url, http_client=http, max_retries=0) as c,
        pytest.raises(tc.APITimeoutError, match=r"attempt deadline of 0\.5 s"),
    ):
        c.customers.query()
    http.close()


@pytest.mark.parametrize("value", [0, -2, float("nan"), "1s", True])
def test_a_bad_attempt_deadline_is_refused(value: Any) -> None:
    with pytest.raises((TypeError, ValueError), match="attempt_deadline"):
        tc.TightClient(token="tkn_x", attempt_deadline=value)
