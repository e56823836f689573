"""Base URLs that would send requests somewhere else (or credentials in the clear) are refused at
construction without showing a password; a closed client says so with a `TightError`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import anyio
import httpx
import pytest

import tight_customers as tc
from tests.resilience.hostile import HostileServer, json_reply

PAGE = {"result": "SUCCESS", "data": [], "cursor": {"after": None, "before": None}}


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with HostileServer(json_reply(200, PAGE)) as s:
        yield s


@pytest.mark.parametrize(
    ("suffix", "problem"),
    [
        ("/api?x=1", "must not have a query string"),
        ("/api?", "must not have a query string"),
        ("/api#f", "must not have a fragment"),
        ("/#", "must not have a fragment"),
    ],
)
def test_a_base_url_with_a_query_or_fragment_is_refused_before_any_request(
    server: HostileServer, suffix: Any, problem: Any
) -> None:
    with pytest.raises(ValueError, match=problem):
        tc.TightClient(token="tkn_x", base_url=server.url + suffix)
    assert server.requests == []


@pytest.mark.parametrize("userinfo", ["user:hunter2PASS@", "user@", ":hunter2PASS@"])
def test_a_base_url_with_user_info_is_refused_without_showing_the_password(
    server: HostileServer, userinfo: Any
) -> None:
    url = server.url.replace("http://", f"http://{userinfo}")
    with pytest.raises(ValueError, match="must not carry user info") as info:
        tc.TightClient(token="tkn_x", base_url=url)
    text = f"{info.value} {info.value!r}"
    assert "hunter2PASS" not in text and "***@" in text
    assert server.requests == []


def test_user_info_on_a_remote_http_url_is_not_shown_by_the_http_refusal_either() -> None:
    for url in ["http://u:hunter2PASS@example.com", "http://u:hunter2PASS@[::1"]:
        with pytest.raises(ValueError) as info:
            tc.TightClient(token="tkn_x", base_url=url)
        assert "hunter2PASS" not in str(info.value)


def test_a_path_prefix_is_kept_and_every_request_goes_under_it(server: HostileServer) -> None:
    with tc.TightClient(token="tkn_x", base_url=server.url + "/api/", rate_limit=None) as c:
        c.customers.query()
    assert [r.target for r in server.requests] == ["/api/v6/customers/query"]
    assert server.requests[0].headers["authorization"] == "Bearer tkn_x"


@pytest.mark.parametrize(
    "host", ["evil.localhost", "localhost.example.com", "127.0.0.1.nip.io", "0.0.0.0", "[::]"]
)
def test_only_loopback_literals_count_as_loopback_for_http(host: Any) -> None:
    with pytest.raises(ValueError, match="not loopback"):
        tc.TightClient(token="tkn_x", base_url=f"http://{host}:8000")


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST", "127.0.0.1", "127.9.8.7", "[::1]"])
def test_loopback_literals_may_use_http(host: Any) -> None:
    assert tc.TightClient(token="tkn_x", base_url=f"http://{host}:8000").base_url.endswith(":8000")


def test_http_to_an_evil_localhost_is_allowed_only_when_asked_for() -> None:
    client = tc.TightClient(
        token="tkn_x", base_url="http://evil.localhost:8000", allow_insecure_http=True
    )
    assert client.base_url == "http://evil.localhost:8000"


# ---------------------------------------------------------------- closed clients


def test_a_closed_client_raises_a_tight_error_saying_so(server: HostileServer) -> None:
    client = tc.TightClient(token="tkn_x", base_url=server.url, rate_limit=None)
    client.customers.query()
    client.close()
    with pytest.raises(tc.ClientClosedError, match="client is closed") as info:
        client.customers.query()
    assert isinstance(info.value, tc.TightError) and isinstance(info.value, RuntimeError)
    with pytest.raises(tc.ClientClosedError):
        client.customers.get("cus_1")
    assert len(server.requests) == 1


def test_a_client_used_after_its_with_block_raises_the_same(server: HostileServer) -> None:
    with tc.TightClient(token="tkn_x", base_url=server.url, rate_limit=None) as client:
        pass
    with pytest.raises(tc.ClientClosedError):
        list(client.customers.iterate())
    assert server.requests == []


def test_a_closed_async_client_raises_it_too(server: HostileServer) -> None:
    async def run() -> None:
        client = tc.AsyncTightClient(token="tkn_x", base_url=server.url, rate_limit=None)
        await client.aclose()
        with pytest.raises(tc.ClientClosedError, match="client is closed"):
            await client.customers.query()

    anyio.run(run)
    assert server.requests == []


def test_a_closed_custom_http_client_gives_the_same_error(server: HostileServer) -> None:
    http = httpx.Client()
    client = tc.TightClient(token="tkn_x", base_url=server.url, http_client=http)
    http.close()
    with pytest.raises(tc.ClientClosedError):
        client.customers.query()
    assert server.requests == []
