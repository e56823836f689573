"""The fixtures and the marker of `tight_customers.testing` (needs the `sandbox` extra)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from tight_customers._client import AsyncTightClient, TightClient
from tight_customers._constants import TESTING_SANDBOX_CUSTOMERS, TESTING_SANDBOX_SEED
from tight_customers.sandbox import Sandbox

MARKER = "tight_sandbox"
_CUSTOMERS_INI = "tight_sandbox_customers"
_SEED_INI = "tight_sandbox_seed"


class TightSandbox(Sandbox):
    """The sandbox the fixtures serve: a `Sandbox` that can undo what a test changed.

    Example:
        >>> with TightSandbox(customers=5, seed=1) as sb:
        ...     added = sb.insert_customer({"name": "Zed Ltd"})
        ...     sb.enqueue_faults(503)
        ...     sb.reset()
        ...     sb.customer_count()
        5
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._baseline: list[dict[str, Any]] | None = None
        self._settings = (self.rate_limit, self.rate_window, self.token_ttl)

    def _before_write(self) -> None:
        if self._baseline is None:
            self._baseline = self.customers()

    def replace_customers(self, customers: list[dict[str, Any]]) -> None:
        self._before_write()
        super().replace_customers(customers)

    def insert_customer(self, customer: dict[str, Any]) -> dict[str, Any]:
        self._before_write()
        return super().insert_customer(customer)

    def update_customer(self, customer_id: str, **fields: Any) -> dict[str, Any]:
        self._before_write()
        return super().update_customer(customer_id, **fields)

    def delete_customer(self, customer_id: str) -> None:
        self._before_write()
        super().delete_customer(customer_id)

    def expire_tokens(self) -> None:
        """Expire every token issued so far: the next request meets 401 EXPIRED_TOKEN (a client
        with client credentials renews its token and replays the call)."""
        self.expire_all_tokens()

    def reset(self) -> None:
        """Undo every change since the sandbox started: customers, queued and random faults,
        rate limit, token lifetime, the request log; `token` is a fresh valid token."""
        if self._baseline is not None:
            super().replace_customers(self._baseline)
            self._baseline = None
        self.clear_faults()
        self.rate_limit, self.rate_window, self.token_ttl = self._settings
        self.reset_rate_limit()
        self.request_log.clear()
        self.token = self.issue_token()


def pytest_addoption(parser: pytest.Parser) -> None:
    customers = f"customers in the shared Tight sandbox (default {TESTING_SANDBOX_CUSTOMERS})"
    parser.addini(_CUSTOMERS_INI, customers)
    seed = f"seed of the shared Tight sandbox's data (default {TESTING_SANDBOX_SEED})"
    parser.addini(_SEED_INI, seed)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(**sandbox_arguments): give this test its own Tight sandbox, built with these "
        "Sandbox arguments (customers=, seed=, data=, token_ttl=, rate_limit=, ...)",
    )


def _ini_int(config: pytest.Config, name: str, default: int) -> int:
    value = config.getini(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise pytest.UsageError(f"ini option {name} must be an int, got {value!r}") from None


@pytest.fixture(scope="session")
def tight_sandbox_session(pytestconfig: pytest.Config) -> Iterator[TightSandbox]:
    """The sandbox shared by the session's tests (started on first use)."""
    customers = _ini_int(pytestconfig, _CUSTOMERS_INI, TESTING_SANDBOX_CUSTOMERS)
    seed = _ini_int(pytestconfig, _SEED_INI, TESTING_SANDBOX_SEED)
    sb = TightSandbox(customers=customers, seed=seed)
    with sb:
        yield sb


@pytest.fixture
def tight_sandbox(request: pytest.FixtureRequest) -> Iterator[TightSandbox]:
    """A running Tight sandbox: the session's (reset after the test), or, for a test marked
    `@pytest.mark.tight_sandbox(...)`, one of its own built with the marker's arguments."""
    marker = request.node.get_closest_marker(MARKER)
    if marker is not None:
        if marker.args:
            raise pytest.UsageError(
                f"@pytest.mark.{MARKER} takes keyword arguments (those of Sandbox), "
                f"got {marker.args!r}"
            )
        own = TightSandbox(**marker.kwargs)
        with own:
            yield own
        return
    shared: TightSandbox = request.getfixturevalue("tight_sandbox_session")
    try:
        yield shared
    finally:
        shared.reset()


@pytest.fixture
def tight_client(tight_sandbox: TightSandbox) -> Iterator[TightClient]:
    """A `TightClient` bound to `tight_sandbox` with its client credentials."""
    with TightClient(
        client_id=tight_sandbox.client_id,
        client_secret=tight_sandbox.client_secret,
        base_url=tight_sandbox.url,
    ) as client:
        yield client


@pytest.fixture
async def async_tight_client(tight_sandbox: TightSandbox) -> AsyncIterator[AsyncTightClient]:
    """An `AsyncTightClient` bound to `tight_sandbox` (an async fixture: mark the test
    `@pytest.mark.anyio`, or use your async test plugin's equivalent)."""
    async with AsyncTightClient(
        client_id=tight_sandbox.client_id,
        client_secret=tight_sandbox.client_secret,
        base_url=tight_sandbox.url,
    ) as client:
        yield client
