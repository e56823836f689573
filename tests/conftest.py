"""Shared pytest configuration. Async tests use anyio's plugin: mark them @pytest.mark.anyio.

Secret hygiene is checked for the whole suite: every test runs with the `tight_customers`
logger at DEBUG, and afterwards no log record (of any logger) and no `TightError` created during
the test (its message and repr) may contain a token or client secret the tests use.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest

from tight_customers import TightError

pytest_plugins = ["pytester"]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


# Tokens the sandbox issues (`tkn_` + 32 URL-safe characters), and the fixed test credentials.
SANDBOX_TOKEN = re.compile(r"tkn_[A-Za-z0-9_-]{32}")
KNOWN_SECRETS: set[str] = {"tkn_secret_abcdef123456", "cs_very_secret_987654"}


def leaked_secrets(text: str) -> list[str]:
    """The test secrets found in `text` (empty when it is clean)."""
    found = SANDBOX_TOKEN.findall(text)
    return found + [s for s in KNOWN_SECRETS if s in text]


@pytest.fixture(scope="session", autouse=True)
def _remember_sandbox_secrets() -> Iterator[None]:
    """Every sandbox's client secret joins `KNOWN_SECRETS` (they are random per sandbox)."""
    try:
        from tight_customers.sandbox import Sandbox
    except ImportError:  # the sandbox extra is not installed
        yield
        return
    original = Sandbox.__init__

    @functools.wraps(original)
    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        KNOWN_SECRETS.add(self.client_secret)

    Sandbox.__init__ = init  # type: ignore[method-assign]
    try:
        yield
    finally:
        Sandbox.__init__ = original  # type: ignore[method-assign]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a broken record is not ours to judge here
            message = str(record.msg)
        self.texts.append(f"{record.name}: {message} {record.__dict__!r}")


@pytest.fixture(autouse=True)
def _no_secrets_in_logs_or_errors(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    handler = _Collect()
    root = logging.getLogger()
    sdk = logging.getLogger("tight_customers")
    level = sdk.level
    sdk.setLevel(logging.DEBUG)
    root.addHandler(handler)
    created: list[TightError] = []

    def new(cls: type[TightError], *args: Any, **kwargs: Any) -> TightError:
        error = Exception.__new__(cls, *args)
        created.append(error)
        return error

    monkeypatch.setattr(TightError, "__new__", staticmethod(new))
    try:
        yield
    finally:
        root.removeHandler(handler)
        sdk.setLevel(level)
    leaks = [(text, leaked_secrets(text)) for text in handler.texts if leaked_secrets(text)]
    for error in created:
        text = f"{error} {error!r}"
        if leaked_secrets(text):
            leaks.append((text, leaked_secrets(text)))
    assert not leaks, f"secrets leaked into logs or exception texts: {leaks[:3]}"
