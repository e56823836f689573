"""Helpers for the facade tests: a scripted `httpx.MockTransport` for faults a real server
cannot produce (a FAILURE envelope with HTTP 200, a proxy's HTML page, a wrong body shape),
the sandbox fixtures for everything else, and `records` to read the sandbox's request log."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

import tight_customers as tc

TOKEN = "tkn_secret_abcdef123456"
CLIENT_SECRET = "cs_very_secret_987654"

Reply = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


def envelope(
    data: Any = None,
    *,
    result: str = "SUCCESS",
    error: list[Any] | None = None,
    cursor: dict[str, Any] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {"result": result, "data": data, "error": error or []}
    if cursor is not None:
        body["cursor"] = cursor
    return body


def customer(cid: str = "cus_1", name: str = "Acme Corp", **extra: Any) -> dict[str, Any]:
    return {"id": cid, "name": name, "status": "ACTIVE", **extra}


class Script:
    """Answers requests from a queue of replies and records every request."""

    def __init__(self, *replies: Reply) -> None:
        self.replies: list[Reply] = list(replies)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if not self.replies:
            raise AssertionError(f"unexpected request {request.method} {request.url}")
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        if callable(reply) and not isinstance(reply, httpx.Response):
            return reply(request)
        return reply

    def json_bodies(self) -> list[Any]:
        return [json.loads(r.content) if r.content else None for r in self.requests]


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, json=body, headers=headers)


def scripted_client(script: Script, **options: Any) -> tc.TightClient:
    """A sync client of https://x.test whose requests `script` answers (with `TOKEN` unless
    client credentials are given)."""
    if "client_id" not in options:
        options.setdefault("token", TOKEN)
    http = httpx.Client(transport=httpx.MockTransport(script))
    return tc.TightClient(base_url="https://x.test", http_client=http, **options)


@pytest.fixture
def script() -> Iterator[Script]:
    yield Script()


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Any]:
    """A sandbox with 700 customers over real HTTP on loopback, shared by a test module.

    Tests that change its state (faults, rate limit, data) use `fresh_sandbox` instead."""
    from tight_customers.sandbox import Sandbox

    with Sandbox(customers=700, seed=0) as sb:
        yield sb


@pytest.fixture
def fresh_sandbox() -> Iterator[Any]:
    from tight_customers.sandbox import Sandbox

    with Sandbox(customers=60, seed=1) as sb:
        yield sb


def ids(customers: Any) -> list[str]:
    return [c["id"] if isinstance(c, dict) else c.id for c in customers]


def records(
    sb: Any, tag: str, expected: int, wait: float = 5.0, status: int | None = None
) -> list[Any]:
    """The sandbox's records of requests tagged `tag`. The sandbox logs a request after it has
    answered it, so wait (briefly) until at least `expected` records (of `status`, if given)
    are there."""
    deadline = time.monotonic() + wait
    while True:
        found = [r for r in sb.request_log if r.headers.get("x-test") == tag]
        counted = [r for r in found if status is None or r.status == status]
        if len(counted) >= expected or time.monotonic() > deadline:
            return found
        time.sleep(0.01)
