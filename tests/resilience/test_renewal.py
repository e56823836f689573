"""Token renewal: a 401 EXPIRED_TOKEN with client credentials renews the token once and replays
the call once; a second 401 is an `AuthenticationError`; concurrent calls share one renewal."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

import tight_customers as tc
from tests.facade.conftest import (
    CLIENT_SECRET,
    Script,
    customer,
    envelope,
    ids,
    json_response,
    records,
    scripted_client,
)
from tests.resilience.conftest import assert_clean, async_client, client
from tight_customers.sandbox import Sandbox

TOKEN_PATH = "/v6/auth/token"


def credentials(sb: Any) -> dict[str, Any]:
    return {"client_id": sb.client_id, "client_secret": sb.client_secret}


def test_a_token_expiring_mid_export_is_renewed_once_and_the_export_completes(
    sandbox: Sandbox,
) -> None:
    got: list[str] = []
    with client(sandbox, "mid-export", **credentials(sandbox)) as c:
        for number, page in enumerate(c.customers.pages(page_size=25)):
            got += ids(page.data)
            if number == 1:
                sandbox.expire_all_tokens()
    assert got == ids(sandbox.customers())  # every customer, once, in order
    log = records(sandbox, "mid-export", 8)
    steps = [(r.path, r.status) for r in log]
    assert steps.count((TOKEN_PATH, 200)) == 2  # the first token, and one renewal
    assert steps.count(("/v6/customers/query", 401)) == 1
    expired = steps.index(("/v6/customers/query", 401))
    assert steps[expired + 1] == (TOKEN_PATH, 200)
    assert log[expired].json_body == log[expired + 2].json_body  # the same page, replayed


def test_a_second_401_after_the_renewal_is_an_authentication_error(sandbox: Sandbox) -> None:
    sandbox.token_ttl = 0  # every token the sandbox issues is expired at once
    with (
        client(sandbox, "expired-twice", **credentials(sandbox)) as c,
        pytest.raises(tc.AuthenticationError) as info,
    ):
        c.customers.query(limit=5)
    err = info.value
    assert err.status_code == 401 and err.errors[0].type == "EXPIRED_TOKEN"
    assert err.attempts == 2 and "after one token renewal" in err.__notes__
    steps = [(r.path, r.status) for r in records(sandbox, "expired-twice", 4)]
    assert steps == [
        (TOKEN_PATH, 200),
        ("/v6/customers/query", 401),
        (TOKEN_PATH, 200),
        ("/v6/customers/query", 401),
    ]
    assert_clean(err, sandbox.client_secret)


def test_a_static_token_cannot_be_renewed(sandbox: Sandbox) -> None:
    got: list[str] = []
    with client(sandbox, "static") as c, pytest.raises(tc.AuthenticationError) as info:
        for number, page in enumerate(c.customers.pages(page_size=25)):
            got += ids(page.data)
            if number == 0:
                sandbox.expire_all_tokens()
    # The pages already yielded stay. The second page's request may have left (ahead of the
    # loop) before the tokens expired; the first request sent after the expiry fails.
    expected = ids(sandbox.customers())
    assert got in (expected[:25], expected[:50])
    assert info.value.attempts == 1 and info.value.errors[0].type == "EXPIRED_TOKEN"
    assert_clean(info.value, sandbox.token)


def test_an_invalid_token_is_not_renewed() -> None:
    # Only EXPIRED_TOKEN means "get a new one"; INVALID_TOKEN would fail again.
    invalid = envelope(None, result="FAILURE", error=[{"type": "INVALID_TOKEN", "message": "no"}])
    token = {"access_token": "tkn_a", "token_type": "Bearer", "expires_in": 3600}
    script = Script(json_response(200, token), json_response(401, invalid))
    c = scripted_client(script, client_id="cid", client_secret=CLIENT_SECRET)
    with pytest.raises(tc.AuthenticationError):
        c.customers.get("cus_1")
    assert len(script.requests) == 2


def test_a_retry_after_renewal_still_has_its_whole_budget() -> None:
    expired = envelope(None, result="FAILURE", error=[{"type": "EXPIRED_TOKEN", "message": "x"}])
    busy = envelope(None, result="FAILURE", error=[{"type": "UNKNOWN_ERROR", "message": "busy"}])

    def token(value: str) -> httpx.Response:
        return json_response(200, {"access_token": value, "token_type": "Bearer", "expires_in": 60})

    script = Script(
        token("tkn_a"),
        json_response(401, expired),
        token("tkn_b"),
        json_response(503, busy),
        json_response(503, busy),
        json_response(200, envelope(customer())),
    )
    c = scripted_client(
        script, client_id="cid", client_secret=CLIENT_SECRET, initial_retry_delay=0.0
    )
    assert c.customers.get("cus_1").id == "cus_1"
    auths = [r.headers["Authorization"] for r in script.requests if r.url.path != TOKEN_PATH]
    assert auths == ["Bearer tkn_a"] + ["Bearer tkn_b"] * 3


@pytest.mark.anyio
async def test_concurrent_tasks_share_one_renewal(sandbox: Sandbox) -> None:
    async with async_client(sandbox, "tasks", **credentials(sandbox)) as c:
        await c.customers.query(limit=1)
        sandbox.expire_all_tokens()
        pages = await asyncio.gather(*(c.customers.query(limit=3) for _ in range(8)))
    assert all(len(p.data) == 3 for p in pages)
    steps = [(r.path, r.status) for r in records(sandbox, "tasks", 9 + 2, status=200)]
    assert steps.count((TOKEN_PATH, 200)) == 2
    assert steps.count(("/v6/customers/query", 200)) == 9


def test_concurrent_threads_share_one_renewal(sandbox: Sandbox) -> None:
    with client(sandbox, "threads", **credentials(sandbox)) as c:
        c.customers.query(limit=1)
        sandbox.expire_all_tokens()
        with ThreadPoolExecutor(8) as pool:
            pages = list(pool.map(lambda _: c.customers.query(limit=3), range(8)))
    assert all(len(p.data) == 3 for p in pages)
    steps = [(r.path, r.status) for r in records(sandbox, "threads", 9 + 2, status=200)]
    assert steps.count((TOKEN_PATH, 200)) == 2
    assert steps.count(("/v6/customers/query", 200)) == 9
