"""uvicorn's HTTP/1.1 protocol with a header-read timeout, as a real server has.

uvicorn closes a keep-alive connection that stays idle after a response (`timeout_keep_alive`),
but a connection that never sends a request, or sends its headers a byte at a time, is kept
forever. Here a connection must deliver a request's complete headers within `header_timeout`
seconds of opening (or of the previous response ending), or it is closed.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["DEFAULT_HEADER_TIMEOUT", "DEFAULT_KEEP_ALIVE_TIMEOUT", "timed_protocol"]

DEFAULT_HEADER_TIMEOUT = 10.0
DEFAULT_KEEP_ALIVE_TIMEOUT = 5


class _TimedH11Protocol(H11Protocol):
    header_timeout: float = DEFAULT_HEADER_TIMEOUT

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timer: asyncio.TimerHandle | None = None

    def _arm_header_timer(self) -> None:
        self._disarm_header_timer()
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _disarm_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_complete(self) -> bool:
        return self.conn.their_state is not h11.IDLE

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if not self._headers_complete() and not self.transport.is_closing():
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_timer()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._headers_complete():
            self._disarm_header_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and not self._headers_complete():
            self._arm_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_timer()
        super().connection_lost(exc)


def timed_protocol(header_timeout: float) -> type[H11Protocol]:
    """An HTTP/1.1 protocol class closing connections whose request headers are this slow."""
    if not header_timeout > 0:
        raise ValueError(f"header_timeout must be positive seconds, not {header_timeout!r}")
    return type("TimedH11Protocol", (_TimedH11Protocol,), {"header_timeout": float(header_timeout)})
