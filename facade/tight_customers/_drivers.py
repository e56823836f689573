"""The I/O edge: run a core flow with a sync or an async `httpx` client.

The two drivers perform the same three actions (send, sleep, authenticate) and nothing else;
everything about what to send and what a response means lives in `_core`. A driver always
closes the flow it runs, so a flow interrupted by a cancellation or KeyboardInterrupt is never
left suspended.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import anyio
import httpx

from tight_customers._core import (
    Action,
    Authenticate,
    Core,
    Flow,
    PreparedRequest,
    Returned,
    Send,
    Sleep,
    advance,
)
from tight_customers._exceptions import ClientClosedError
from tight_customers._limits import BodyReader, DeadlineExceeded

__all__ = ["AsyncDriver", "SyncDriver"]

T = TypeVar("T")


def _request_kwargs(
    request: PreparedRequest, timeout: httpx.Timeout | None = None
) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"headers": request.headers}
    timeout = timeout if timeout is not None else request.timeout
    if timeout is not None:
        kwargs["timeout"] = timeout
    if request.json is not None:
        kwargs["json"] = request.json
    if request.data is not None:
        kwargs["data"] = request.data
    return kwargs


def _closed() -> ClientClosedError:
    return ClientClosedError(
        "this client is closed (close() was called or its `with` block ended); "
        "create a new client to send requests"
    )


class SyncDriver:
    """Runs flows with an `httpx.Client`; one token renewal at a time across threads (and
    across the clients `with_options` derives, which share `auth_lock`)."""

    def __init__(
        self, core: Core, http: httpx.Client, auth_lock: threading.Lock | None = None
    ) -> None:
        self.core = core
        self.http = http
        self.auth_lock = auth_lock if auth_lock is not None else threading.Lock()

    def run(self, flow: Flow[T]) -> T:
        """Perform the flow's actions until it returns (or raises); the flow is closed after."""
        result: Any = None
        error: Exception | None = None
        try:
            while True:
                action = advance(flow, result, error)
                if isinstance(action, Returned):
                    return action.value
                result, error = None, None
                try:
                    result = self._perform(action)
                except Exception as exc:  # handed to the flow, which maps or re-raises it
                    error = exc
        finally:
            flow.close()

    def _perform(self, action: Action) -> Any:
        if isinstance(action, Send):
            return self.send(action.request)
        if isinstance(action, Sleep):
            time.sleep(action.seconds)
            return None
        return self._authenticate(action)

    def send(
        self,
        req: PreparedRequest,
        *,
        extensions: dict[str, Any] | None = None,
        on_built: Callable[[httpx.Request], None] | None = None,
    ) -> httpx.Response:
        """Send `req` and read its body within the limits; `extensions` go on the httpx request,
        and `on_built` sees it before it is sent (and may refuse it by raising).

        No single wait goes beyond the attempt deadline.
        """
        if self.http.is_closed:
            raise _closed()
        started = time.monotonic()
        timeout = req.timeout or self.http.timeout
        limits = self.core.limits.for_timeout(timeout)
        timeout = limits.timeout_within(timeout, started, started)
        built = self.http.build_request(
            req.method, req.url, **_request_kwargs(req, timeout), extensions=extensions
        )
        if on_built is not None:
            on_built(built)
        response = self.http.send(built, stream=True)
        try:
            reader = BodyReader(response, limits, started)
            for chunk in response.iter_bytes():
                reader.add(chunk)
        except BaseException:
            response.close()
            raise
        return reader.finish()

    def _authenticate(self, action: Authenticate) -> str:
        with self.auth_lock:
            token = self.core.auth.current(self.core.clock())
            if token is not None and token != action.stale:
                return token
            return self.run(self.core.fetch_token())


class AsyncDriver:
    """The async twin of `SyncDriver`: runs flows with an `httpx.AsyncClient`; concurrent tasks
    share one token renewal."""

    def __init__(
        self, core: Core, http: httpx.AsyncClient, auth_lock: anyio.Lock | None = None
    ) -> None:
        self.core = core
        self.http = http
        self.auth_lock = auth_lock if auth_lock is not None else anyio.Lock()

    async def run(self, flow: Flow[T]) -> T:
        """Perform the flow's actions until it returns (or raises); the flow is closed after."""
        result: Any = None
        error: Exception | None = None
        try:
            while True:
                action = advance(flow, result, error)
                if isinstance(action, Returned):
                    return action.value
                result, error = None, None
                try:
                    result = await self._perform(action)
                except Exception as exc:  # handed to the flow, which maps or re-raises it
                    error = exc
        finally:
            flow.close()

    async def _perform(self, action: Action) -> Any:
        if isinstance(action, Send):
            return await self.send(action.request)
        if isinstance(action, Sleep):
            await anyio.sleep(action.seconds)
            return None
        return await self._authenticate(action)

    async def send(
        self,
        req: PreparedRequest,
        *,
        extensions: dict[str, Any] | None = None,
        on_built: Callable[[httpx.Request], None] | None = None,
    ) -> httpx.Response:
        """Send `req` and read its body within the limits; `extensions` go on the httpx request,
        and `on_built` sees it before it is sent (and may refuse it by raising).

        The attempt deadline cancels the whole attempt.
        """
        if self.http.is_closed:
            raise _closed()
        started = time.monotonic()
        timeout = req.timeout or self.http.timeout
        limits = self.core.limits.for_timeout(timeout)
        built = self.http.build_request(
            req.method, req.url, **_request_kwargs(req, timeout), extensions=extensions
        )
        if on_built is not None:
            on_built(built)
        deadline = limits.deadline
        try:
            with anyio.fail_after(deadline):
                response = await self.http.send(built, stream=True)
                try:
                    reader = BodyReader(response, limits, started)
                    async for chunk in response.aiter_bytes():
                        reader.add(chunk)
                except BaseException:
                    with anyio.CancelScope(shield=True):
                        await response.aclose()
                    raise
        except TimeoutError:
            raise DeadlineExceeded(
                f"the response was not complete within the attempt deadline of {deadline:g} s",
                request=built,
            ) from None
        return reader.finish()

    async def _authenticate(self, action: Authenticate) -> str:
        async with self.auth_lock:
            token = self.core.auth.current(self.core.clock())
            if token is not None and token != action.stale:
                return token
            return await self.run(self.core.fetch_token())
