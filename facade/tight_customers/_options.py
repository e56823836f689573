"""Client options and per-request options: validated once, frozen, passed along whole."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

import attrs
import httpx

from tight_customers._constants import (
    CONNECT_TIMEOUT,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    DEFAULT_RATE_LIMIT,
    INITIAL_RETRY_DELAY,
    MAX_RESPONSE_BYTES,
    MAX_RETRY_DELAY,
    PROTECTED_HEADERS,
    READ_TIMEOUT,
    RETRY_AFTER_CAP,
)
from tight_customers._limits import check_attempt_deadline, check_max_response_bytes
from tight_customers._pacing import check_rate_limit
from tight_customers._retry import RetryPolicy, check_max_retries, check_seconds
from tight_customers._urls import check_base_url

__all__ = [
    "ClientOptions",
    "OptionChanges",
    "RequestOptions",
    "RequestOverrides",
    "TimeoutLike",
    "check_base_url",
    "default_timeout",
]

TimeoutLike = float | httpx.Timeout | None


def default_timeout() -> httpx.Timeout:
    """Connect 5 s; read, write and pool 30 s."""
    return httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT)


def _flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return value


def _timeout(value: object) -> httpx.Timeout | None:
    if value is None or isinstance(value, httpx.Timeout):
        return value
    return httpx.Timeout(check_seconds("timeout", value, positive=True))


class RequestOverrides(TypedDict, total=False):
    """The per-request options every API method accepts (all optional).

    timeout: seconds or an `httpx.Timeout` for this call's requests.
    max_retries: retries for this call (0: none).
    extra_headers: headers added to this call's requests; `Authorization` cannot be replaced.
    """

    timeout: float | httpx.Timeout | None
    max_retries: int | None
    extra_headers: Mapping[str, str] | None


@attrs.frozen
class RequestOptions:
    """Per-request overrides, validated (None: the client's setting)."""

    timeout: httpx.Timeout | None = None
    max_retries: int | None = None
    extra_headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def build(cls, overrides: Mapping[str, Any]) -> RequestOptions:
        unknown = set(overrides) - set(RequestOverrides.__annotations__)
        if unknown:
            raise TypeError(f"unexpected keyword argument(s): {', '.join(sorted(unknown))}")
        retries = overrides.get("max_retries")
        return cls(
            timeout=_timeout(overrides.get("timeout")),
            max_retries=None if retries is None else check_max_retries(retries),
            extra_headers=_extra_headers(overrides.get("extra_headers")),
        )


def _extra_headers(value: object) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        raise TypeError(f"extra_headers must be a mapping of str to str, got {value!r}")
    headers: list[tuple[str, str]] = []
    for name, text in value.items():
        if not isinstance(name, str) or not isinstance(text, str):
            raise TypeError(f"extra_headers must map str to str, got {name!r}: {type(text)}")
        if name.lower() in PROTECTED_HEADERS:
            raise ValueError(
                f"extra_headers may not set {name!r}: the client sends its own credentials "
                "(pass token= or client credentials to the client instead)"
            )
        headers.append((name, text))
    return tuple(headers)


class OptionChanges(TypedDict, total=False):
    """What `with_options()` may change (credentials, base URL and the pool stay shared)."""

    timeout: TimeoutLike
    max_retries: int
    initial_retry_delay: float
    max_retry_delay: float
    retry_after_cap: float
    rate_limit: tuple[int, float] | None


_CHANGEABLE = frozenset(OptionChanges.__annotations__)


@attrs.frozen
class ClientOptions:
    """Everything a client is configured with besides credentials, validated and frozen.

    `with_options()` derives a new one with `evolve()`; the clients pass it along whole.
    """

    base_url: str = DEFAULT_BASE_URL
    timeout: httpx.Timeout | None = attrs.field(factory=default_timeout)
    retry: RetryPolicy = attrs.field(factory=RetryPolicy)
    rate_limit: tuple[int, float] | None = DEFAULT_RATE_LIMIT
    allow_insecure_http: bool = False
    max_response_bytes: int | None = MAX_RESPONSE_BYTES
    # None: derived from the timeout of each request (see `_limits.derive_deadline`).
    attempt_deadline: float | None = None

    @classmethod
    def build(
        cls,
        *,
        base_url: str | None = None,
        timeout: TimeoutLike = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        initial_retry_delay: float = INITIAL_RETRY_DELAY,
        max_retry_delay: float = MAX_RETRY_DELAY,
        retry_after_cap: float = RETRY_AFTER_CAP,
        rate_limit: tuple[int, float] | None = DEFAULT_RATE_LIMIT,
        allow_insecure_http: bool = False,
        custom_http: bool = False,
        max_response_bytes: int | None = MAX_RESPONSE_BYTES,
        attempt_deadline: float | None = None,
    ) -> ClientOptions:
        """Check every option; `custom_http`: the caller's own httpx client keeps its
        timeouts unless `timeout` is given."""
        insecure = _flag("allow_insecure_http", allow_insecure_http)
        checked_timeout = _timeout(timeout)
        if checked_timeout is None and not custom_http:
            checked_timeout = default_timeout()
        return cls(
            base_url=check_base_url(base_url, insecure),
            timeout=checked_timeout,
            retry=RetryPolicy(
                max_retries=check_max_retries(max_retries),
                initial_delay=check_seconds("initial_retry_delay", initial_retry_delay),
                max_delay=check_seconds("max_retry_delay", max_retry_delay),
                retry_after_cap=check_seconds("retry_after_cap", retry_after_cap),
            ),
            rate_limit=check_rate_limit(rate_limit),
            allow_insecure_http=insecure,
            max_response_bytes=check_max_response_bytes(max_response_bytes),
            attempt_deadline=check_attempt_deadline(attempt_deadline),
        )

    def evolve(self, changes: Mapping[str, Any]) -> ClientOptions:
        """A copy with `changes` (the keyword names of `with_options`) applied and checked."""
        unknown = set(changes) - _CHANGEABLE
        if unknown:
            raise TypeError(
                f"with_options() cannot change {', '.join(sorted(unknown))}: it takes "
                f"{', '.join(sorted(_CHANGEABLE))} (credentials and base_url stay the client's)"
            )
        retry = self.retry
        timeout = changes.get("timeout", self.timeout)
        return ClientOptions.build(
            base_url=self.base_url,
            timeout=default_timeout() if timeout is None and "timeout" in changes else timeout,
            max_retries=changes.get("max_retries", retry.max_retries),
            initial_retry_delay=changes.get("initial_retry_delay", retry.initial_delay),
            max_retry_delay=changes.get("max_retry_delay", retry.max_delay),
            retry_after_cap=changes.get("retry_after_cap", retry.retry_after_cap),
            rate_limit=changes.get("rate_limit", self.rate_limit),
            allow_insecure_http=self.allow_insecure_http,
            custom_http=True,
            max_response_bytes=self.max_response_bytes,
            attempt_deadline=self.attempt_deadline,
        )
