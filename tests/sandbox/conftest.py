"""Fixtures for the sandbox tests: running sandboxes and HTTP clients that validate every response.

Every response a test client receives is checked against openapi.yaml (status documented for
the operation, body matching its schema), except the deliberately broken ones the fault injector
produces (HTML 502 pages, truncated bodies), which the request log marks.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.openapi_support import documented_statuses, validate_response
from tight_customers.sandbox import Sandbox

UNCHECKED_FAULTS = {"html502", "truncate", "drop"}


def path_template(path: str, method: str) -> str:
    """The openapi.yaml path a request path belongs to."""
    if path == "/v6/auth/token" or (path == "/v6/customers/query" and method == "post"):
        return path
    if path.startswith("/v6/customers/"):
        return "/v6/customers/{id}"
    raise AssertionError(f"a request to an undocumented path: {path}")


def check_response(response: httpx.Response, fault: str | None = None) -> None:
    """Fail unless `response` is what openapi.yaml documents for its request."""
    response.read()
    if fault in UNCHECKED_FAULTS:
        return
    method = response.request.method.lower()
    template = path_template(response.request.url.path, method)
    if fault is not None and response.status_code not in documented_statuses(template, method):
        return  # an injected status the contract does not list (e.g. 408) is the test's choice
    assert response.headers["content-type"].startswith("application/json"), response.text[:200]
    body = json.loads(response.content)
    validate_response(template, method, response.status_code, body)
    if response.status_code == 429 and fault is None:
        assert int(response.headers["retry-after"]) >= 0


class Checked:
    """An httpx client for one sandbox whose every response is validated against openapi.yaml."""

    def __init__(self, sb: Sandbox, token: str | None = None) -> None:
        self.sb = sb
        headers = {"Authorization": f"Bearer {token or sb.token}"}
        self.http = httpx.Client(
            base_url=sb.url,
            headers=headers,
            timeout=10,
            event_hooks={"response": [self._validate]},
        )

    def _validate(self, response: httpx.Response) -> None:
        check_response(response, response.headers.get("x-sandbox-fault"))

    def query(self, body: Any = None, **kwargs: Any) -> httpx.Response:
        """POST /v6/customers/query with `body` as JSON (or raw `content=`)."""
        if body is None and "content" not in kwargs:
            return self.http.post("/v6/customers/query", **kwargs)
        if "content" in kwargs:
            return self.http.post("/v6/customers/query", **kwargs)
        return self.http.post("/v6/customers/query", json=body, **kwargs)

    def ok(self, body: Any = None) -> dict[str, Any]:
        """The decoded 200 answer to a query."""
        response = self.query(body)
        assert response.status_code == 200, response.text
        decoded: dict[str, Any] = response.json()
        return decoded

    def close(self) -> None:
        """Close the connection pool."""
        self.http.close()


@pytest.fixture(scope="session")
def static_sb() -> Iterator[Sandbox]:
    """A running sandbox whose data no test changes (for brute-force comparisons)."""
    with Sandbox(customers=600, seed=11, rate_limit=10**9) as sb:
        yield sb


@pytest.fixture(scope="session")
def static_client(static_sb: Sandbox) -> Iterator[Checked]:
    """A validating client of `static_sb`."""
    client = Checked(static_sb)
    yield client
    client.close()


@pytest.fixture
def fresh_sb() -> Iterator[Sandbox]:
    """A running sandbox of its own, which the test may change."""
    with Sandbox(customers=120, seed=3, rate_limit=10**9) as sb:
        yield sb


@pytest.fixture
def fresh_client(fresh_sb: Sandbox) -> Iterator[Checked]:
    """A validating client of `fresh_sb`."""
    client = Checked(fresh_sb)
    yield client
    client.close()
