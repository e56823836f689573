"""The outermost ASGI layer: records every request and applies injected faults."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, overload

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tight_customers.sandbox._envelope import error_body
from tight_customers.sandbox._faults import FaultAction, FaultPicker
from tight_customers.sandbox._query import error_item

__all__ = ["DroppedConnection", "FaultMiddleware", "RequestLog", "RequestRecord"]

FAULT_PREFIX = "/v6/customers/"
MAX_BODY = 1 << 20  # bytes of a request body kept; larger bodies are answered 400

_HTML_502 = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    b"</body>\r\n</html>\r\n"
)


class DroppedConnection(Exception):  # noqa: N818 - it names the event, not an error
    """Raised after the response started, so that the server closes the connection mid-way."""


class _QuietDrops(logging.Filter):
    """Keep uvicorn from logging the injected drops as application errors."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, DroppedConnection)


def install_log_filter() -> None:
    """Hide injected drops from the `uvicorn.error` logger (idempotent)."""
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _QuietDrops) for f in logger.filters):
        logger.addFilter(_QuietDrops())


@dataclass(frozen=True)
class RequestRecord:
    """One request the sandbox received. `status` is None when the connection was dropped."""

    method: str
    path: str
    status: int | None
    json_body: Any
    headers: dict[str, str] = field(default_factory=dict)
    fault: str | None = None


class RequestLog:
    """The thread-safe list of every request, oldest first (index, iterate, len, clear)."""

    def __init__(self) -> None:
        self._records: list[RequestRecord] = []
        self._lock = threading.Lock()

    def append(self, record: RequestRecord) -> None:
        """Add one record."""
        with self._lock:
            self._records.append(record)

    def __len__(self) -> int:
        with self._lock:
            return len(self._records)

    @overload
    def __getitem__(self, index: int) -> RequestRecord: ...
    @overload
    def __getitem__(self, index: slice) -> list[RequestRecord]: ...
    def __getitem__(self, index: int | slice) -> RequestRecord | list[RequestRecord]:
        with self._lock:
            return self._records[index]

    def __iter__(self) -> Iterator[RequestRecord]:
        return iter(self.snapshot())

    def __repr__(self) -> str:
        return f"RequestLog({len(self)} requests)"

    def snapshot(self) -> list[RequestRecord]:
        """A copy of the records so far."""
        with self._lock:
            return list(self._records)

    def clear(self) -> None:
        """Forget every record."""
        with self._lock:
            self._records.clear()


def _decode_json(body: bytes) -> Any:
    if not body:
        return None
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return None


class FaultMiddleware:
    """Reads the whole body, logs the exchange and, under /v6/customers/, injects faults."""

    def __init__(self, app: ASGIApp, picker: FaultPicker, log: RequestLog) -> None:
        self.app = app
        self.picker = picker
        self.log = log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        read = await _read_body(receive)
        if read is None:
            return  # the client left before sending its body
        body, size = read
        scope.setdefault("state", {})["body_too_large"] = size > MAX_BODY
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        status: int | None = None
        fault: FaultAction | None = None
        path: str = scope["path"]
        logged = False

        def record() -> None:
            nonlocal logged
            if logged:
                return
            logged = True
            headers = {
                k.decode("latin-1"): v.decode("latin-1")
                for k, v in scope["headers"]
                if k.lower() != b"authorization"
            }
            applied = None if fault is None else str(fault)
            self.log.append(
                RequestRecord(scope["method"], path, status, _decode_json(body), headers, applied)
            )

        async def tap(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                if fault is not None:
                    # Lets a client tell injected answers from real ones without racing the log.
                    extra = (b"x-sandbox-fault", str(fault).encode("ascii"))
                    message = {**message, "headers": [*message.get("headers", []), extra]}
            elif not message.get("more_body", False):
                record()  # before the last byte leaves, so the log is complete when it arrives
            await send(message)

        try:
            if path.startswith(FAULT_PREFIX):
                latency, fault = self.picker.pick()
                if latency > 0:
                    await asyncio.sleep(latency)
            await self._answer(fault, scope, replay, tap)
        except DroppedConnection:
            status = None
            raise
        except Exception:
            status = 500
            raise
        finally:
            record()

    async def _answer(self, fault: FaultAction | None, scope: Scope, receive: Receive,
                      send: Send) -> None:  # fmt: skip
        if fault is None:
            await self.app(scope, receive, send)
        elif isinstance(fault, int):
            await self._error(send, fault, retry_after=fault == 429)
        elif fault == "429-no-retry-after":
            await self._error(send, 429, retry_after=False)
        elif fault == "html502":
            await _send(send, 502, _HTML_502, "text/html")
        elif fault == "drop":
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", b"64")],
                }
            )
            raise DroppedConnection("injected fault: connection dropped")
        elif fault == "truncate":
            await self._truncated(scope, receive, send)
        else:  # "delay:SECONDS"
            await asyncio.sleep(float(str(fault)[6:]))
            await self.app(scope, receive, send)

    async def _error(self, send: Send, status: int, *, retry_after: bool) -> None:
        headers: list[tuple[bytes, bytes]] = []
        seconds = self.picker.faults.retry_after
        if retry_after and seconds is not None:
            text = str(int(seconds)) if float(seconds).is_integer() else str(seconds)
            headers.append((b"retry-after", text.encode("ascii")))
        body = error_body([error_item("UNKNOWN_ERROR", f"injected fault: HTTP {status}", None)])
        await _send(send, status, body, "application/json", headers)

    async def _truncated(self, scope: Scope, receive: Receive, send: Send) -> None:
        start: Message | None = None
        parts: list[bytes] = []

        async def buffer(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))

        await self.app(scope, receive, buffer)
        full = b"".join(parts)
        cut = full[: max(0, len(full) // 2)] if len(full) > 1 else b""
        status = int(start["status"]) if start is not None else 200
        await _send(send, status, cut, "application/json")


async def _read_body(receive: Receive) -> tuple[bytes, int] | None:
    """The request body (its first MAX_BODY bytes) and its full size; None on disconnect."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunk = message.get("body", b"")
        size += len(chunk)
        if size <= MAX_BODY:
            chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks), size


async def _send(
    send: Send,
    status: int,
    body: bytes,
    media_type: str,
    extra: list[tuple[bytes, bytes]] | None = None,
) -> None:
    headers = [
        (b"content-type", media_type.encode("ascii")),
        (b"content-length", str(len(body)).encode("ascii")),
        *(extra or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})
