"""The retry policy: which failures are worth another attempt, and how long to wait first.

Pure functions of their inputs (the random draw and the current time are passed in), so the
core can use them from both clients and tests can pin every delay.
"""

from __future__ import annotations

import email.utils
import math
from collections.abc import Callable
from datetime import UTC, datetime

import attrs

from tight_customers._constants import (
    DEFAULT_MAX_RETRIES,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_DELAY,
    RETRY_AFTER_CAP,
    RETRYABLE_STATUSES,
)
from tight_customers._exceptions import (
    APIConnectionError,
    APIError,
    ResponseParseError,
    TightError,
)

__all__ = ["RetryPolicy", "check_max_retries", "check_seconds", "parse_retry_after"]

# Keeps `initial * 2 ** n` finite however many retries a caller allows.
_MAX_DOUBLINGS = 60


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date), or None.

    Example:
        >>> parse_retry_after("7")
        7.0
        >>> parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT",
        ...                   now=datetime(2015, 10, 21, 7, 28, 0, tzinfo=UTC))
        10.0
    """
    if value is None or not value.strip():
        return None
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def check_max_retries(value: object) -> int:
    """`value` if it is an int >= 0; a clear error naming `max_retries` otherwise."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"max_retries must be an int >= 0, got {value!r}")
    if value < 0:
        raise ValueError(f"max_retries must be >= 0 (0 disables retries), got {value}")
    return value


def check_seconds(name: str, value: object, *, positive: bool = False) -> float:
    """`value` as a float if it is a finite number >= 0 (> 0 when `positive`); else an error."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} must be a number of seconds, got {value!r}")
    seconds = float(value)
    if not math.isfinite(seconds) or seconds < 0 or (positive and seconds == 0):
        bound = "> 0" if positive else ">= 0"
        raise ValueError(f"{name} must be a finite number of seconds {bound}, got {value!r}")
    return seconds


@attrs.frozen
class RetryPolicy:
    """When to retry and how long to wait (exponential backoff with full jitter).

    A failed attempt is retried, at most `max_retries` times, when it is a connection error or a
    timeout, an HTTP status in `statuses` (408, 429, 500, 502, 503, 504), or a successful status
    whose body is not JSON at all (truncated). The wait before retry `n` (1-based) is the
    server's `Retry-After` (capped at `retry_after_cap`) when it sent one, else a uniform draw
    in `[0, min(max_delay, initial_delay * 2 ** (n - 1)))`.

    Example:
        >>> policy = RetryPolicy(max_retries=2, initial_delay=0.5, max_delay=8.0)
        >>> [policy.delay(n, None, random=lambda: 0.999) for n in (1, 2, 3, 6)]
        [0.4995, 0.999, 1.998, 7.992]
        >>> policy.delay(1, 90.0, random=lambda: 0.5)  # Retry-After, capped at 60 s
        60.0
    """

    max_retries: int = DEFAULT_MAX_RETRIES
    initial_delay: float = INITIAL_RETRY_DELAY
    max_delay: float = MAX_RETRY_DELAY
    retry_after_cap: float = RETRY_AFTER_CAP
    statuses: frozenset[int] = RETRYABLE_STATUSES

    def retryable(self, error: TightError) -> bool:
        """Whether this failure may go away when the same read is sent again."""
        if isinstance(error, APIConnectionError):
            return True
        if isinstance(error, APIError):
            return error.status_code in self.statuses
        return isinstance(error, ResponseParseError) and error.transient

    def delay(self, retry: int, retry_after: float | None, random: Callable[[], float]) -> float:
        """Seconds to wait before retry number `retry` (1 for the first retry)."""
        if retry_after is not None:
            return min(retry_after, self.retry_after_cap)
        doublings = min(max(retry - 1, 0), _MAX_DOUBLINGS)
        ceiling = min(self.max_delay, self.initial_delay * 2.0**doublings)
        return random() * ceiling
