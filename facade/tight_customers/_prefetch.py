"""Walking pages with the next page's request in flight while the current one is built and used.

As soon as page n's body arrives, the request for page n+1 leaves, with the `after` cursor read
from the end of the raw body; page n is decoded and built meanwhile, and its own cursor then
confirms that request (or replaces it). A worker thread (sync) or a task (async) performs the
next page's flow up to and including its first request. Everything after that request,
decoding and building the models, and any retry, pacing wait or token renewal that a failed
first attempt leads to, runs in the consumer when it asks for the page, after the page before
is let go of. So every page goes through the same flow as an unprefetched one, an error
surfaces where the page would have been fetched, and at most one request is ahead.

The async walk decodes and builds a page on the event loop, as `httpx.Response.json()` would.
Handing that to a worker thread kept the loop free only between the decoder's C calls (which
hold the GIL throughout) and cost a fifth of the throughput in thread hand-offs and GIL
contention with the loop reading the response ahead.

Closing the walk (or the client) cancels the request ahead: the async task is cancelled; the
sync worker is woken from a pacing wait, and its socket is shut down when the transport is
httpx's own connection pool (with another transport, closing waits for that one request).
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import weakref
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator
from typing import Any, Generic, TypeVar

import httpx

from tight_customers._core import Action, Flow, Returned, Send, Sleep, advance
from tight_customers._drivers import AsyncDriver, SyncDriver
from tight_customers._pagination import CursorWalk, _PageBase

__all__ = [
    "AsyncPrefetch",
    "Prefetch",
    "acancel_all",
    "apipelined",
    "cancel_all",
    "pipelined",
]

T = TypeVar("T")
P = TypeVar("P", bound=_PageBase[Any])

_WORKER_NAME = "tight-customers-prefetch"  # of the sync walks' threads and the async tasks
# The async walk lets the task ahead run until its request is written, at most this many turns
# of the event loop (a transport that reports no trace events gets no more).
_MAX_TICKS = 32
# The longest a sync walk waits for the request ahead to be written before it decodes a page
# (transports other than httpx's own report nothing).
_MAX_SEND_WAIT = 0.02
# How often closing a sync walk retries shutting down the socket of the request ahead (seconds).
_INTERRUPT_POLL = 0.02


class _Paused(Generic[T]):
    """A flow stopped right after its first request: that request's response (or error)."""

    __slots__ = ("error", "flow", "response")

    def __init__(self, flow: Flow[T], response: Any, error: Exception | None) -> None:
        self.flow, self.response, self.error = flow, response, error


def _resume(paused: _Paused[T]) -> Flow[T]:
    """The rest of a paused flow, as a flow (for the driver of the consumer)."""
    flow, result, error = paused.flow, paused.response, paused.error
    paused.response = paused.error = None
    try:
        while True:
            action = advance(flow, result, error)
            if isinstance(action, Returned):
                return action.value
            result, error = None, None
            try:
                result = yield action
            except Exception as exc:  # the driver's error for the flow, as in `run`
                error = exc
    finally:
        flow.close()


def _unlinked(response: httpx.Response) -> httpx.Response:
    """`response`, read and closed, without its link to the stream it was read from.

    httpx's response and its stream refer to each other, so a response (and its body, a
    megabyte for a page of 1000) outlives its last use until the garbage collector's next
    older-generation pass, often ten pages later. The body is in `.content` by now.
    """
    response.stream = httpx.ByteStream(b"")
    return response


def _next_before_send(flow: Flow[T], result: Any, error: Exception | None) -> Action:
    """The next action of a page flow that has not sent its request yet (it cannot end so)."""
    action = advance(flow, result, error)
    if isinstance(action, Returned):
        raise RuntimeError("a page flow ended without sending a request")
    return action


def _one(action: Action) -> Flow[Any]:
    return (yield action)


# ------------------------------------------------------------------ sync


class Prefetch(Generic[T]):
    """A flow run ahead in a worker thread, up to its first response; `finish()` finishes it."""

    def __init__(self, driver: SyncDriver, flow: Flow[T], cursor: str | None = None) -> None:
        self.cursor = cursor
        self._driver = driver
        self._cancelled = threading.Event()
        self._sent = threading.Event()
        self._request: httpx.Request | None = None
        self._paused: _Paused[T] | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, args=(flow,), name=_WORKER_NAME, daemon=True
        )
        _register(driver.http, self)
        self._thread.start()

    def _run(self, flow: Flow[T]) -> None:
        try:
            self._paused = self._to_first_response(flow)
        except BaseException as exc:  # handed to the consumer, raised where it asks for the page
            self._error = exc
        finally:
            self._sent.set()
            _unregister(self._driver.http, self)

    def started(self) -> Prefetch[T]:
        """This, once its request is written (or done, or after _MAX_SEND_WAIT seconds): the
        worker then needs the GIL only to read the response, not to build and send the request
        while the caller decodes a page."""
        self._sent.wait(_MAX_SEND_WAIT)
        return self

    def _trace(self, event: str, info: dict[str, Any]) -> None:
        if event.endswith("send_request_body.complete"):
            self._sent.set()

    def _to_first_response(self, flow: Flow[T]) -> _Paused[T] | None:
        result: Any = None
        error: Exception | None = None
        while not self._cancelled.is_set():
            action = _next_before_send(flow, result, error)
            result, error = None, None
            if isinstance(action, Sleep):
                self._cancelled.wait(action.seconds)
                continue
            try:
                result = self._send(action) if isinstance(action, Send) else self._perform(action)
            except Exception as exc:
                error = exc
            if isinstance(action, Send):
                return _Paused(flow, result, error)
        flow.close()
        return None

    def _send(self, action: Send) -> httpx.Response:
        response = self._driver.send(
            action.request, extensions={"trace": self._trace}, on_built=self._built
        )
        return _unlinked(response)

    def _built(self, request: httpx.Request) -> None:
        self._request = request
        if self._cancelled.is_set():
            raise _CancelledError

    def _perform(self, action: Action) -> Any:
        return self._driver.run(_one(action))

    def wait(self) -> httpx.Response | None:
        """The first response once it is there (None if the request failed)."""
        self._thread.join()
        response = self._paused.response if self._paused is not None else None
        return response if isinstance(response, httpx.Response) else None

    def finish(self) -> T:
        """The flow's value: waits for the first response, then runs the rest here."""
        self._thread.join()
        if self._cancelled.is_set():
            raise RuntimeError("the client was closed while this page was being fetched")
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        paused, self._paused = self._paused, None
        assert paused is not None
        return self._driver.run(_resume(paused))

    def cancel(self) -> None:
        """Stop the flow ahead and wait for its thread; the request in flight is interrupted."""
        self._cancelled.set()
        # Until the request reaches a connection, there is no socket to shut down yet.
        while self._thread.is_alive():
            request = self._request
            if request is not None:
                _interrupt(self._driver.http, request)
            self._thread.join(_INTERRUPT_POLL)
        _unregister(self._driver.http, self)
        paused, self._paused, self._error = self._paused, None, None
        if paused is not None:
            if isinstance(paused.response, httpx.Response):
                paused.response.close()
            paused.flow.close()


class _CancelledError(Exception):
    """The walk was closed before the request ahead was sent."""


def _interrupt(http: httpx.Client, request: httpx.Request) -> None:
    """Shut down the socket carrying `request` so that a blocked read returns at once.

    httpx cannot cancel a sync request; with its own transport (an httpcore pool) the request's
    connection is found by the request's extensions, which httpcore keeps. Any other transport
    is left alone: the request then ends as it would have.
    """
    try:
        transport = http._transport_for_url(request.url)
        pool = getattr(transport, "_pool", None)
        for pool_request in list(getattr(pool, "_requests", ())):
            if pool_request.request.extensions is not request.extensions:
                continue
            connection = getattr(pool_request.connection, "_connection", None)
            stream = getattr(connection, "_network_stream", None)
            sock = stream.get_extra_info("socket") if stream is not None else None
            if isinstance(sock, socket.socket):
                sock.shutdown(socket.SHUT_RDWR)
    except Exception:  # best effort: httpx or httpcore internals may change; then we wait
        return


# ------------------------------------------------------------------ async


class AsyncPrefetch(Generic[T]):
    """A flow run ahead in a task, up to its first response; `await finish()` finishes it."""

    def __init__(
        self,
        driver: AsyncDriver,
        flow: Flow[T],
        cursor: str | None = None,
        on_response: Callable[[httpx.Response], None] | None = None,
    ) -> None:
        self.cursor = cursor
        self._driver = driver
        self._sent = False
        # Called in the task as soon as the response is in, before the task ends: the walk
        # sends the next request from there without waiting for its own turn of the loop.
        self.on_response = on_response
        loop = asyncio.get_running_loop()
        self._task = loop.create_task(self._to_first_response(flow), name=_WORKER_NAME)
        _register(driver.http, self)

    async def started(self) -> None:
        """Let the task run until its request is written (or it is done)."""
        for _ in range(_MAX_TICKS):
            if self._sent or self._task.done():
                return
            await asyncio.sleep(0)

    async def _trace(self, event: str, info: dict[str, Any]) -> None:
        if event.endswith("send_request_body.complete"):
            self._sent = True

    async def _to_first_response(self, flow: Flow[T]) -> _Paused[T]:
        result: Any = None
        error: Exception | None = None
        try:
            while True:
                action = _next_before_send(flow, result, error)
                result, error = None, None
                try:
                    if isinstance(action, Send):
                        result = await self._send(action)
                    else:
                        result = await self._driver.run(_one(action))
                except Exception as exc:
                    error = exc
                if isinstance(action, Send):
                    if self.on_response is not None and isinstance(result, httpx.Response):
                        self.on_response(result)
                    return _Paused(flow, result, error)
        except BaseException:
            flow.close()
            raise
        finally:
            _unregister(self._driver.http, self)

    async def _send(self, action: Send) -> httpx.Response:
        response = await self._driver.send(action.request, extensions={"trace": self._trace})
        return _unlinked(response)

    async def wait(self) -> httpx.Response | None:
        """The first response once it is there (None if the request failed)."""
        await asyncio.wait([self._task])
        if self._task.cancelled() or self._task.exception() is not None:
            return None
        response = self._task.result().response
        return response if isinstance(response, httpx.Response) else None

    async def finish(self) -> T:
        """The flow's value: waits for the first response, then runs the rest here."""
        if self._task.cancelled():
            raise RuntimeError("the client was closed while this page was being fetched")
        paused = await self._task
        return await self._driver.run(_resume(paused))

    async def cancel(self) -> None:
        """Cancel the task (and its request in flight) and wait for it to end."""
        task = self._task
        _unregister(self._driver.http, self)
        if not task.done():
            task.cancel()
            await asyncio.wait([task])  # raises only if this task itself is cancelled
        if task.cancelled() or task.exception() is not None:
            return  # nobody wants the page any more
        paused = task.result()
        if isinstance(paused.response, httpx.Response):
            await paused.response.aclose()
        paused.flow.close()


# ------------------------------------------------------------------ the walks


def pipelined(
    driver: SyncDriver,
    flow_for: Callable[[str | None], Flow[T]],
    page_of: Callable[[T, str | None], P],
    cursor: str | None,
    max_items: int | None = None,
    page_size: int | None = None,
    *,
    recover: Callable[[Exception, str | None], P] | None = None,
    first: P | None = None,
) -> Generator[P, None, None]:
    """Every page from `cursor` on, the next page's request in flight while a page is built
    and consumed.

    `flow_for(cursor)` is a page's flow and `page_of(value, cursor)` its page. As soon as a
    page's body arrives, the request for the page after it leaves with the `after` cursor read
    from the end of the raw body, and the page is built meanwhile; the built page's own cursor
    then confirms that request (or replaces it). No request leaves ahead once the pages yielded
    hold `max_items` items, nor (as a guess) when the page that arrived, `page_size` items
    long, will complete them. `recover(error, cursor)` may give the page for `cursor` when its
    request failed with `error` (or raise). `first`, when given, is the page at `cursor`,
    already fetched.
    """
    walk = CursorWalk(cursor)
    current: Prefetch[T] | None = (
        None if first is not None else Prefetch(driver, flow_for(cursor), cursor)
    )
    ahead: Prefetch[T] | None = None
    page: P | None = first
    del first
    seen = 0
    try:
        while current is not None or page is not None:
            if current is not None:
                guess = _guess(current.wait(), seen + (page_size or 0), max_items)
                if guess is not None and not walk.used(guess):
                    ahead = Prefetch(driver, flow_for(guess), guess).started()
                page = _finish(current, page_of, recover)
                current = None
            assert page is not None
            after, stop = _advance(walk, page)
            seen += len(page.data)
            wanted = after if max_items is None or seen < max_items else None
            if ahead is not None and ahead.cursor != wanted:
                ahead.cancel()
                ahead = None
            if ahead is None and wanted is not None:
                ahead = Prefetch(driver, flow_for(wanted), wanted)
            yield page
            page = None  # let go of before the next page is built
            if stop is not None:
                raise stop
            if after is not None:
                current, ahead = ahead or Prefetch(driver, flow_for(after), after), None
    finally:
        for pending in (current, ahead):
            if pending is not None:
                pending.cancel()


async def apipelined(
    driver: AsyncDriver,
    flow_for: Callable[[str | None], Flow[T]],
    page_of: Callable[[T, str | None], P],
    cursor: str | None,
    max_items: int | None = None,
    page_size: int | None = None,
    *,
    recover: Callable[[Exception, str | None], Awaitable[P]] | None = None,
    first: P | None = None,
) -> AsyncGenerator[P, None]:
    """The async twin of `pipelined`: each request ahead is a task (under asyncio; under
    another event loop the pages are fetched in turn)."""
    if not _on_asyncio():
        async for each in _sequential(driver, flow_for, page_of, cursor, recover, first):
            yield each
        return
    walk = CursorWalk(cursor)
    current: AsyncPrefetch[T] | None = None
    if first is None:
        current = AsyncPrefetch(driver, flow_for(cursor), cursor)
    ahead: AsyncPrefetch[T] | None = None
    page: P | None = first
    del first
    seen = 0
    following = _FollowingRequest(
        driver,
        flow_for,
        walk,
        lambda response: _guess(response, seen + (page_size or 0), max_items),
    )
    try:
        while current is not None or page is not None:
            if current is not None:
                ahead = await following.after(current)
                page = await _afinish(current, page_of, recover)
                current = None
            assert page is not None
            after, stop = _advance(walk, page)
            seen += len(page.data)
            wanted = after if max_items is None or seen < max_items else None
            if ahead is not None and ahead.cursor != wanted:
                await ahead.cancel()
                ahead = None
            if ahead is None and wanted is not None:
                ahead = await _started(AsyncPrefetch(driver, flow_for(wanted), wanted))
            yield page
            page = None
            if stop is not None:
                raise stop
            if after is not None:
                current, ahead = ahead or AsyncPrefetch(driver, flow_for(after), after), None
    finally:
        for pending in (current, ahead, following.take()):
            if pending is not None:
                await pending.cancel()


class _FollowingRequest(Generic[T]):
    """The request for the page after the one an async walk waits for.

    It is sent by the awaited page's task the moment that page's response is in, when the walk
    is already waiting for it (so never more than one request is ahead of the page in use);
    otherwise by the walk once the wait is over, as the sync walk does. Sent from the task, it
    leaves without waiting for the walk's next turn of the event loop.
    """

    def __init__(
        self,
        driver: AsyncDriver,
        flow_for: Callable[[str | None], Flow[T]],
        walk: CursorWalk,
        cursor_after: Callable[[httpx.Response], str | None],
    ) -> None:
        self._driver = driver
        self._flow_for = flow_for
        self._walk = walk
        self._cursor_after = cursor_after
        self._sent: AsyncPrefetch[T] | None = None

    async def after(self, current: AsyncPrefetch[T]) -> AsyncPrefetch[T] | None:
        """Wait for `current`'s response; then the request after it, once written (None when
        no page is wanted after it or its cursor cannot be read from the body)."""
        current.on_response = self._send  # the task calls it at most once, during this wait
        response = await current.wait()
        following = self.take() or self._start(response)
        return None if following is None else await _started(following)

    def take(self) -> AsyncPrefetch[T] | None:
        """The request sent from a task and not yet handed to the walk (the walk cancels it if
        it ends before)."""
        sent, self._sent = self._sent, None
        return sent

    def _send(self, response: httpx.Response) -> None:
        self._sent = self._start(response)

    def _start(self, response: httpx.Response | None) -> AsyncPrefetch[T] | None:
        cursor = self._cursor_after(response) if response is not None else None
        if cursor is None or self._walk.used(cursor):
            return None
        return AsyncPrefetch(self._driver, self._flow_for(cursor), cursor)


def _finish(
    pending: Prefetch[T],
    page_of: Callable[[T, str | None], P],
    recover: Callable[[Exception, str | None], P] | None,
) -> P:
    try:
        return page_of(pending.finish(), pending.cursor)
    except Exception as exc:
        if recover is None:
            raise
        return recover(exc, pending.cursor)


async def _afinish(
    pending: AsyncPrefetch[T],
    page_of: Callable[[T, str | None], P],
    recover: Callable[[Exception, str | None], Awaitable[P]] | None,
) -> P:
    try:
        return page_of(await pending.finish(), pending.cursor)
    except Exception as exc:
        if recover is None:
            raise
        return await recover(exc, pending.cursor)


async def _started(ahead: AsyncPrefetch[T]) -> AsyncPrefetch[T]:
    await ahead.started()
    return ahead


async def _sequential(
    driver: AsyncDriver,
    flow_for: Callable[[str | None], Flow[T]],
    page_of: Callable[[T, str | None], P],
    cursor: str | None,
    recover: Callable[[Exception, str | None], Awaitable[P]] | None,
    first: P | None,
) -> AsyncGenerator[P, None]:
    async def fetch(at: str | None) -> P:
        try:
            return page_of(await driver.run(flow_for(at)), at)
        except Exception as exc:
            if recover is None:
                raise
            return await recover(exc, at)

    walk = CursorWalk(cursor)
    page: P | None = first if first is not None else await fetch(cursor)
    del first
    while page is not None:
        after = walk.advance(page)
        yield page
        page = None if after is None else await fetch(after)


def _guess(response: httpx.Response | None, upto: int, max_items: int | None) -> str | None:
    """The `after` cursor read from the end of a page's raw body, when more pages are wanted
    after the `upto` items that this page is expected to complete; None when there is none or
    it cannot be read cheaply."""
    if response is None or not 200 <= response.status_code < 300:
        return None
    if max_items is not None and upto >= max_items:
        return None
    return peek_after(response.content)


def peek_after(content: bytes) -> str | None:
    """`cursor.after` from the last `"cursor"` member of a body, without decoding the rest.

    A guess: the page built from the whole body has the final word.
    """
    at = content.rfind(b'"cursor"')
    if at < 0:
        return None
    try:
        text = content[at + len(b'"cursor"') :].decode("utf-8").lstrip()
        if not text.startswith(":"):
            return None
        value, _ = _DECODER.raw_decode(text, len(text) - len(text[1:].lstrip()))
    except ValueError:
        return None
    after = value.get("after") if isinstance(value, dict) else None
    return after if isinstance(after, str) and after else None


def _advance(walk: CursorWalk, page: _PageBase[Any]) -> tuple[str | None, Exception | None]:
    """The next cursor, or the error that ends the walk once this page is consumed."""
    try:
        return walk.advance(page), None
    except Exception as exc:
        return None, exc


_DECODER = json.JSONDecoder()


def _on_asyncio() -> bool:
    """Tasks are asyncio's; under another event loop (trio) pages are fetched in turn."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


# ------------------------------------------------------------------ closing with the client

_live: weakref.WeakKeyDictionary[Any, set[Any]] = weakref.WeakKeyDictionary()
_live_lock = threading.Lock()


def _register(http: Any, ahead: Any) -> None:
    with _live_lock:
        _live.setdefault(http, set()).add(ahead)


def _unregister(http: Any, ahead: Any) -> None:
    with _live_lock:
        _live.get(http, set()).discard(ahead)


def cancel_all(http: httpx.Client) -> None:
    """Cancel every request ahead on `http` (before it is closed)."""
    with _live_lock:
        aheads = list(_live.pop(http, ()))
    for ahead in aheads:
        ahead.cancel()


async def acancel_all(http: httpx.AsyncClient) -> None:
    """Cancel every task ahead on `http` and wait for them (before it is closed)."""
    with _live_lock:
        aheads = list(_live.pop(http, ()))
    for ahead in aheads:
        await ahead.cancel()
