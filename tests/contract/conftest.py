"""Fixtures shared by the contract tests."""

from __future__ import annotations

import time
from typing import Any

import anyio
import pytest


class _SleepShim:
    """Stands in for a module (`time`, `anyio`) in the SDK's driver module: `sleep` records the
    seconds and returns at once; every other attribute is the real module's."""

    def __init__(self, module: Any, slept: list[float], *, is_async: bool) -> None:
        self._module, self._slept, self._async = module, slept, is_async

    def __getattr__(self, name: str) -> Any:
        if name != "sleep":
            return getattr(self._module, name)
        if self._async:

            async def sleep(seconds: float) -> None:
                self._slept.append(seconds)

            return sleep
        return self._slept.append


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The SDK's retry backoff and Retry-After waits are recorded, not slept: the tools answer
    with arbitrary Retry-After values (Prism's mock draws random integers). Only the SDK's driver
    module is patched; the in-process sandbox and everything else sleep for real."""
    from tight_customers import _drivers

    slept: list[float] = []
    monkeypatch.setattr(_drivers, "time", _SleepShim(time, slept, is_async=False))
    monkeypatch.setattr(_drivers, "anyio", _SleepShim(anyio, slept, is_async=True))
    return slept
