"""The sans-I/O core stepped by hand: no transport, no sleeping, a fake clock and fixed
randomness. Each test plays the driver: it answers `Send` with a response, `Sleep` with None,
`Authenticate` with a token, and checks the next action the flow asks for."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import anyio
import httpx
import pytest

import tight_customers as tc
from tests.facade.conftest import CLIENT_SECRET, TOKEN, customer, envelope
from tight_customers._auth import ClientCredentials, StaticToken
from tight_customers._core import Answer, Authenticate, Core, Flow, Send, Sleep
from tight_customers._drivers import AsyncDriver, SyncDriver
from tight_customers._pacing import Pacer
from tight_customers._retry import RetryPolicy


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def make_core(auth: Any = None, **kwargs: Any) -> Core:
    kwargs.setdefault("retry", RetryPolicy(max_retries=2, initial_delay=0.5, max_delay=8.0))
    return Core(
        "https://x.test",
        auth if auth is not None else StaticToken(TOKEN),
        kwargs.pop("clock", Clock()),
        random=lambda: 0.5,
        **kwargs,
    )


def reply(status: int, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, json=body, headers=headers)


def failure(status: int, kind: str = "UNKNOWN_ERROR", message: str = "busy") -> httpx.Response:
    error = [{"type": kind, "message": message}]
    return reply(status, envelope(None, result="FAILURE", error=error))


def ok(cid: str = "cus_1") -> httpx.Response:
    return reply(200, envelope(customer(cid)))


def step(flow: Flow[Any], value: Any = None) -> Any:
    """The flow's next action after resuming it with `value`."""
    return flow.send(value)


def finish(flow: Flow[Any], value: Any) -> Any:
    """Resume the flow with `value`, expecting it to return; its result."""
    with pytest.raises(StopIteration) as stop:
        flow.send(value)
    return stop.value.value


def test_a_get_sends_one_request_and_returns_the_customer_with_its_response() -> None:
    flow = make_core().get_customer("cus 1/x")
    send = next(flow)
    assert isinstance(send, Send)
    assert (send.request.method, send.request.url) == (
        "GET",
        "https://x.test/v6/customers/cus%201%2Fx",
    )
    assert send.request.headers["Authorization"] == f"Bearer {TOKEN}"
    response = ok()
    answer = finish(flow, response)
    assert isinstance(answer, Answer) and answer.value.id == "cus_1" and answer.response is response


def test_a_503_is_retried_after_the_policys_jittered_delay() -> None:
    flow = make_core().get_customer("cus_1")
    assert isinstance(next(flow), Send)
    assert step(flow, failure(503)) == Sleep(0.25)  # 0.5 (random) * 0.5 s (initial delay)
    assert isinstance(step(flow), Send)
    assert step(flow, failure(503)) == Sleep(0.5)  # 0.5 * 1.0 s (doubled)
    assert isinstance(step(flow), Send)
    assert finish(flow, ok()).value.id == "cus_1"


def test_retry_after_is_waited_out_and_capped() -> None:
    core = make_core(retry=RetryPolicy(max_retries=2, retry_after_cap=10.0))
    flow = core.get_customer("cus_1")
    next(flow)
    assert step(flow, reply(429, envelope(None, result="FAILURE"), {"Retry-After": "7"})) == Sleep(
        7.0
    )
    next(flow)
    assert step(flow, reply(503, {}, {"Retry-After": "90"})) == Sleep(10.0)
    next(flow)
    assert finish(flow, ok()).value.id == "cus_1"


def test_giving_up_keeps_the_message_and_adds_a_note() -> None:
    flow = make_core().get_customer("cus_1")
    next(flow)
    step(flow, failure(503))
    next(flow)
    step(flow, failure(503))
    next(flow)
    with pytest.raises(tc.ServerError) as info:
        flow.send(failure(503, message="still busy"))
    err = info.value
    assert str(err) == "GET /v6/customers/cus_1 failed with HTTP 503: still busy (UNKNOWN_ERROR)"
    assert err.attempts == 3 and err.__notes__ == ["gave up after 3 attempts"]


def test_a_transport_error_thrown_into_the_flow_is_retried_then_typed() -> None:
    core = make_core(retry=RetryPolicy(max_retries=1, initial_delay=1.0))
    flow = core.get_customer("cus_1")
    next(flow)
    assert flow.throw(httpx.ConnectError("refused")) == Sleep(0.5)
    next(flow)
    with pytest.raises(tc.APITimeoutError) as info:
        flow.throw(httpx.ReadTimeout("slow"))
    assert info.value.attempts == 2 and info.value.__notes__ == ["gave up after 2 attempts"]


def test_a_400_is_never_retried() -> None:
    flow = make_core().get_customer("cus_1")
    next(flow)
    with pytest.raises(tc.BadRequestError) as info:
        flow.send(failure(400, "INVALID_VALUE", "no"))
    assert info.value.attempts == 1 and not hasattr(info.value, "__notes__")


def test_pacing_waits_before_the_request_once_the_window_is_full() -> None:
    clock = Clock()
    core = make_core(clock=clock, pacer=Pacer(1, 10.0, margin=0.0))
    first = core.get_customer("cus_1")
    assert isinstance(next(first), Send)
    finish(first, ok())
    clock.now += 4.0
    second = core.get_customer("cus_1")
    assert next(second) == Sleep(6.0)  # the window frees 10 s after the first start
    assert isinstance(step(second), Send)


def test_an_expired_token_is_renewed_once_and_the_call_replayed() -> None:
    clock = Clock()
    auth = ClientCredentials("cid", CLIENT_SECRET)
    core = make_core(auth, clock=clock)
    flow = core.get_customer("cus_1")
    assert next(flow) == Authenticate(stale=None)  # no token yet
    token_flow = core.fetch_token()
    token_request = next(token_flow)
    assert isinstance(token_request, Send) and token_request.request.path == "/v6/auth/token"
    assert token_request.request.headers["Authorization"].startswith("Basic ")
    first = finish(
        token_flow,
        reply(200, {"access_token": "tkn_one", "token_type": "Bearer", "expires_in": 3600}),
    )
    send = step(flow, first)
    assert send.request.headers["Authorization"] == "Bearer tkn_one"
    expired = failure(401, "EXPIRED_TOKEN", "the access token has expired")
    assert step(flow, expired) == Authenticate(stale=None)  # tkn_one was forgotten
    replay = step(flow, "tkn_two")
    assert replay.request.headers["Authorization"] == "Bearer tkn_two"
    with pytest.raises(tc.AuthenticationError) as info:
        flow.send(expired)  # a second expiry is not renewed again
    assert info.value.attempts == 2 and info.value.__notes__ == ["after one token renewal"]


def test_a_static_token_is_never_renewed() -> None:
    flow = make_core().get_customer("cus_1")
    next(flow)
    with pytest.raises(tc.AuthenticationError):
        flow.send(failure(401, "EXPIRED_TOKEN", "expired"))


def test_request_options_shape_the_request_and_the_retries() -> None:
    from tight_customers._options import RequestOptions

    options = RequestOptions.build(
        {"timeout": 2.0, "max_retries": 0, "extra_headers": {"X-Trace": "t1"}}
    )
    core = make_core(timeout=httpx.Timeout(30.0))
    flow = core.get_customer("cus_1", options)
    send = next(flow)
    assert isinstance(send, Send)
    assert send.request.timeout == httpx.Timeout(2.0)
    assert send.request.headers["X-Trace"] == "t1"
    with pytest.raises(tc.ServerError) as info:
        flow.send(failure(503))
    assert info.value.__notes__ == ["1 attempt; retries are off"]


# ---------------------------------------------------------------- drivers close their flows


class _Tracked:
    """A flow that records whether it was closed (a generator suspended at a yield is not)."""

    def __init__(self, *actions: Any) -> None:
        self.actions = actions
        self.closed = False

    def flow(self) -> Iterator[Any]:
        try:
            yield from self.actions
        finally:
            self.closed = True


def test_the_sync_driver_closes_a_flow_interrupted_mid_request() -> None:
    def interrupt(request: httpx.Request) -> httpx.Response:
        raise KeyboardInterrupt

    tracked = _Tracked(Send(make_core().prepare("GET", "/x", authorization="Bearer t")))
    with httpx.Client(transport=httpx.MockTransport(interrupt)) as http:
        driver = SyncDriver(make_core(), http, threading.Lock())
        flow = tracked.flow()  # held here, so only an explicit close can end it
        with pytest.raises(KeyboardInterrupt):
            driver.run(flow)  # type: ignore[arg-type]
    assert tracked.closed


@pytest.mark.anyio
async def test_the_async_driver_closes_a_cancelled_flow() -> None:
    tracked = _Tracked(Sleep(3600.0))
    async with httpx.AsyncClient() as http:
        driver = AsyncDriver(make_core(), http)
        flow = tracked.flow()  # held here, so only an explicit close can end it
        with anyio.CancelScope() as scope:
            scope.cancel()  # cancelled at the driver's first await: the sleep
            await driver.run(flow)  # type: ignore[arg-type]
    assert scope.cancelled_caught and tracked.closed
