"""Bounds on one response: its decoded size and the total time of one attempt.

httpx's timeouts apply to each network read, so a server that drips a byte at a time, or
streams forever, is never stopped by them; and it inflates compressed bodies without a limit.
The drivers therefore stream every response through `BodyReader`, which counts decoded bytes
and watches a deadline for the whole attempt (request, headers and body).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import attrs
import httpx

from tight_customers._constants import MAX_RESPONSE_BYTES
from tight_customers._retry import check_seconds

__all__ = [
    "DEFAULT_MAX_RESPONSE_BYTES",
    "BodyReader",
    "BodyTooLargeError",
    "DeadlineExceeded",
    "ResponseLimits",
    "check_attempt_deadline",
    "check_max_response_bytes",
    "derive_deadline",
]

DEFAULT_MAX_RESPONSE_BYTES = MAX_RESPONSE_BYTES


class DeadlineExceeded(httpx.TimeoutException):
    """One attempt outlived its total deadline (mapped to `APITimeoutError` like any timeout)."""


class BodyTooLargeError(Exception):
    """The decoded body grew past the limit; the response is already closed."""

    def __init__(self, status_code: int, limit: int) -> None:
        super().__init__(f"the decoded body exceeded {limit} bytes")
        self.status_code = status_code
        self.limit = limit


@attrs.frozen
class ResponseLimits:
    """`max_bytes`: the most decoded body bytes accepted (None: no limit); `deadline`: seconds
    one attempt may take from sending the request to the body's last byte (None: no limit)."""

    max_bytes: int | None = DEFAULT_MAX_RESPONSE_BYTES
    deadline: float | None = None

    def for_timeout(self, timeout: httpx.Timeout) -> ResponseLimits:
        """These limits, the deadline derived from `timeout` unless it was given."""
        if self.deadline is not None:
            return self
        return attrs.evolve(self, deadline=derive_deadline(timeout))

    def timeout_within(self, timeout: httpx.Timeout, started: float, now: float) -> httpx.Timeout:
        """`timeout` with no single wait longer than what is left of the deadline."""
        if self.deadline is None:
            return timeout
        left = max(self.deadline - (now - started), 0.001)

        def cap(value: float | None) -> float:
            return left if value is None else min(value, left)

        return httpx.Timeout(
            connect=cap(timeout.connect),
            read=cap(timeout.read),
            write=cap(timeout.write),
            pool=cap(timeout.pool),
        )


def check_max_response_bytes(value: object) -> int | None:
    """`value` if None or an int >= 1; a clear error naming `max_response_bytes` otherwise."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"max_response_bytes must be an int (bytes) or None, got {value!r}")
    if value < 1:
        raise ValueError(f"max_response_bytes must be >= 1, got {value}")
    return value


def check_attempt_deadline(value: object) -> float | None:
    """`value` if None (derive it from the timeout) or a number of seconds > 0."""
    return None if value is None else check_seconds("attempt_deadline", value, positive=True)


def derive_deadline(timeout: httpx.Timeout | None) -> float | None:
    """The default deadline of one attempt: the connect timeout plus the read timeout.

    That is the time a healthy server needs at worst to accept the connection and then answer
    within one read wait; None when the read timeout is off.
    """
    if timeout is None or timeout.read is None:
        return None
    return timeout.read + (timeout.connect or 0.0)


class BodyReader:
    """Collects a streamed response's decoded chunks within the limits of one attempt."""

    def __init__(
        self,
        response: httpx.Response,
        limits: ResponseLimits,
        started: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._response = response
        self._limits = limits
        self._started = started
        self._clock = clock
        self._chunks: list[bytes] = []
        self._size = 0
        self.check_deadline()

    def check_deadline(self) -> None:
        deadline = self._limits.deadline
        if deadline is not None and self._clock() - self._started > deadline:
            raise DeadlineExceeded(
                f"the response was not complete within the attempt deadline of {deadline:g} s",
                request=self._response.request,
            )

    def add(self, chunk: bytes) -> None:
        self._size += len(chunk)
        limit = self._limits.max_bytes
        if limit is not None and self._size > limit:
            self._chunks.clear()
            raise BodyTooLargeError(self._response.status_code, limit)
        self._chunks.append(chunk)
        self.check_deadline()

    def finish(self) -> httpx.Response:
        """A response like the one read, with its decoded body in place."""
        source = self._response
        # The body is decoded already, so no Content-Encoding may apply to it again.
        headers = [(k, v) for k, v in source.headers.multi_items() if k != "content-encoding"]
        body = b"".join(self._chunks)
        self._chunks.clear()
        return httpx.Response(
            source.status_code,
            headers=headers,
            content=body,
            request=source.request,
            extensions=source.extensions,
        )
