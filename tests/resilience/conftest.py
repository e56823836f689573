"""Fixtures of the resilience tests: sandboxes with fault injection over real HTTP, tagged
clients, and recorded (not slept) retry waits (`ids` and `records`, reading the sandbox's
request log, are in tests/facade/conftest.py)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import anyio
import httpx
import pytest

import tight_customers as tc
from tests.conftest import leaked_secrets


class Sleeps(list[float]):
    """The waits the SDK's drivers asked for, in order (returned at once instead of slept)."""


class _Shim:
    """Stands in for a module in the driver module: its own `sleep`, the module's the rest."""

    def __init__(self, module: Any, sleep: Any) -> None:
        self._module, self.sleep = module, sleep

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> Sleeps:
    """Retry backoff and Retry-After waits are recorded, not slept: behaviour, not timing.

    Only the SDK's driver module is patched; the in-process sandbox sleeps for real."""
    from tight_customers import _drivers

    slept = Sleeps()

    async def async_sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(_drivers, "time", _Shim(time, slept.append))
    monkeypatch.setattr(_drivers, "anyio", _Shim(anyio, async_sleep))
    return slept


@pytest.fixture
def sandbox() -> Iterator[Any]:
    """A fresh sandbox of 120 customers (each test changes faults, limits or tokens)."""
    from tight_customers.sandbox import Sandbox

    with Sandbox(customers=120, seed=3) as sb:
        yield sb


def client(sb: Any, tag: str, **options: Any) -> tc.TightClient:
    """A sync client of `sb` whose requests carry `X-Test: tag` (pacing off unless asked)."""
    options.setdefault("rate_limit", None)
    if "client_id" not in options:
        options.setdefault("token", sb.token)
    http = httpx.Client(headers={"X-Test": tag}, timeout=options.pop("http_timeout", None))
    return tc.TightClient(base_url=sb.url, http_client=http, **options)


def async_client(sb: Any, tag: str, **options: Any) -> tc.AsyncTightClient:
    """The async twin of `client`."""
    options.setdefault("rate_limit", None)
    if "client_id" not in options:
        options.setdefault("token", sb.token)
    http = httpx.AsyncClient(headers={"X-Test": tag})
    return tc.AsyncTightClient(base_url=sb.url, http_client=http, **options)


def assert_clean(error: BaseException, *secrets: str) -> None:
    """No test secret (nor any of `secrets`) in the error's message or repr."""
    text = f"{error} {error!r}"
    assert not leaked_secrets(text)
    for secret in secrets:
        assert secret not in text
