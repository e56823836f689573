"""The pieces of the resilience layer on their own: the retry policy, Retry-After, the pacer,
the client options, plain-HTTP refusal, TLS defaults and logging."""

from __future__ import annotations

import logging
import ssl
import threading
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

import tight_customers as tc
from tests.facade.conftest import (
    CLIENT_SECRET,
    TOKEN,
    Script,
    customer,
    envelope,
    json_response,
    scripted_client,
)
from tests.resilience.conftest import Sleeps
from tight_customers._constants import RETRYABLE_STATUSES
from tight_customers._logging import setup_logging
from tight_customers._pacing import Pacer
from tight_customers._retry import RetryPolicy, parse_retry_after

# ---------------------------------------------------------------- retry policy


def test_defaults_follow_the_documented_policy() -> None:
    policy = tc.TightClient(token=TOKEN)._options.retry
    assert (policy.max_retries, policy.initial_delay, policy.max_delay) == (2, 0.5, 8.0)
    assert policy.retry_after_cap == 60.0
    assert policy.statuses == RETRYABLE_STATUSES == {408, 429, 500, 502, 503, 504}


def test_backoff_is_exponential_with_full_jitter_and_capped() -> None:
    policy = RetryPolicy(max_retries=10)
    top = [policy.delay(n, None, random=lambda: 1.0) for n in range(1, 8)]
    assert top == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert [policy.delay(n, None, random=lambda: 0.0) for n in (1, 5)] == [0.0, 0.0]
    assert policy.delay(10_000, None, random=lambda: 0.5) == 4.0  # no overflow


def test_retry_after_wins_over_backoff_up_to_the_cap() -> None:
    policy = RetryPolicy(retry_after_cap=10.0)
    assert policy.delay(1, 3.0, random=lambda: 1.0) == 3.0
    assert policy.delay(1, 0.0, random=lambda: 1.0) == 0.0
    assert policy.delay(2, 99.0, random=lambda: 1.0) == 10.0


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("7", 7.0),
        ("2.5", 2.5),
        ("-3", 0.0),
        ("  12 ", 12.0),
        ("Wed, 21 Oct 2015 07:28:10 GMT", 10.0),
        ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),  # in the past: now
        ("Wednesday, 21-Oct-15 07:28:30 GMT", 30.0),  # RFC 850, obsolete but allowed
        ("soon", None),
        ("", None),
        (None, None),
        ("nan", None),
        ("inf", None),
    ],
)
def test_retry_after_in_seconds_and_http_date_forms(
    header: str | None, expected: float | None
) -> None:
    now = datetime(2015, 10, 21, 7, 28, 0, tzinfo=UTC)
    assert parse_retry_after(header, now=now) == expected


def test_a_retry_after_on_a_503_is_honoured_too(no_sleep: Sleeps) -> None:
    busy = envelope(None, result="FAILURE", error=[{"type": "UNKNOWN_ERROR", "message": "busy"}])
    script = Script(
        json_response(503, busy, {"Retry-After": "4"}), json_response(200, envelope(customer()))
    )
    scripted_client(script).customers.get("a")
    assert no_sleep == [4.0]


def test_the_token_request_is_retried_too(no_sleep: Sleeps) -> None:
    token = {"access_token": "tkn_a", "token_type": "Bearer", "expires_in": 3600}
    script = Script(
        httpx.ConnectError("refused"),
        json_response(200, token),
        json_response(200, envelope(customer())),
    )
    c = scripted_client(script, client_id="cid", client_secret=CLIENT_SECRET)
    assert c.customers.get("cus_1").id == "cus_1"
    assert [r.url.path for r in script.requests] == [
        "/v6/auth/token",
        "/v6/auth/token",
        "/v6/customers/cus_1",
    ]


def test_jitter_comes_from_the_injected_random(no_sleep: Sleeps) -> None:
    busy = envelope(None, result="FAILURE", error=[{"type": "UNKNOWN_ERROR", "message": "busy"}])
    script = Script(
        json_response(500, busy), json_response(500, busy), json_response(200, envelope(customer()))
    )
    c = scripted_client(script)
    c._driver.core.random = lambda: 0.5
    c.customers.get("cus_1")
    assert no_sleep == [0.25, 0.5]


# ---------------------------------------------------------------- pacing


def test_the_pacer_keeps_every_window_at_the_limit() -> None:
    pacer = Pacer(3, 10.0, margin=0.0)
    waits = [pacer.reserve(now=t) for t in (0.0, 0.0, 1.0, 2.0, 2.0, 2.0, 25.0)]
    # The 4th and 5th start when the first two leave the window (at 10), the 6th when the
    # 3rd does (at 11); by 25 there is room again.
    assert waits == [0.0, 0.0, 0.0, 8.0, 8.0, 9.0, 0.0]


def test_the_pacer_is_shared_by_threads_without_double_booking() -> None:
    pacer = Pacer(10, 60.0, margin=0.0)
    starts: list[float] = []
    lock = threading.Lock()

    def book() -> None:
        for _ in range(10):
            wait = pacer.reserve(now=0.0)
            with lock:
                starts.append(wait)

    threads = [threading.Thread(target=book) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # 50 requests at once: 10 now, then 10 per window, never two in one slot.
    assert sorted(starts) == sorted([0.0] * 10 + [60.0] * 10 + [120.0] * 10 + [180.0] * 10
                                    + [240.0] * 10)  # fmt: skip


def test_the_pacer_leaves_a_margin_of_one_percent_of_the_window() -> None:
    pacer = Pacer(1, 300.0)
    assert [pacer.reserve(now=0.0), pacer.reserve(now=0.0)] == [0.0, 303.0]


def test_pacing_is_on_by_default_and_can_be_turned_off() -> None:
    assert tc.TightClient(token=TOKEN)._driver.core.pacer is not None
    assert tc.TightClient(token=TOKEN)._options.rate_limit == (1000, 300.0)
    assert tc.TightClient(token=TOKEN, rate_limit=None)._driver.core.pacer is None
    custom = tc.AsyncTightClient(token=TOKEN, rate_limit=(50, 5))._driver.core.pacer
    assert custom is not None and (custom.limit, custom.window) == (50, 5.0)


def test_a_paced_call_sleeps_before_sending(no_sleep: Sleeps) -> None:
    script = Script(*(json_response(200, envelope(customer())) for _ in range(3)))
    c = scripted_client(script, rate_limit=(2, 5))
    for _ in range(3):
        c.customers.get("cus_1")
    assert len(no_sleep) == 1 and 4.9 < no_sleep[0] <= 5.05


# ---------------------------------------------------------------- options


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        ({"max_retries": -1}, ValueError, "max_retries must be >= 0"),
        ({"max_retries": "2"}, TypeError, "max_retries must be an int"),
        ({"max_retries": True}, TypeError, "max_retries"),
        ({"initial_retry_delay": -0.5}, ValueError, "initial_retry_delay"),
        ({"max_retry_delay": float("nan")}, ValueError, "max_retry_delay"),
        ({"retry_after_cap": "60"}, TypeError, "retry_after_cap"),
        ({"rate_limit": 1000}, TypeError, "rate_limit must be a"),
        ({"rate_limit": (0, 300.0)}, ValueError, "rate_limit requests"),
        ({"rate_limit": (10, 0)}, ValueError, "rate_limit seconds"),
        ({"timeout": -1}, ValueError, "timeout"),
        ({"timeout": "30"}, TypeError, "timeout"),
        ({"allow_insecure_http": "yes"}, TypeError, "allow_insecure_http"),
    ],
)
def test_bad_options_are_clear_errors_naming_the_option(
    options: dict[str, Any], error: type[Exception], match: str
) -> None:
    for cls in (tc.TightClient, tc.AsyncTightClient):
        with pytest.raises(error, match=match):
            cls(token=TOKEN, **options)


def test_timeouts_default_and_per_client() -> None:
    assert tc.TightClient(token=TOKEN)._driver.core.timeout == httpx.Timeout(30.0, connect=5.0)
    assert tc.TightClient(token=TOKEN, timeout=2.0)._driver.core.timeout == httpx.Timeout(2.0)
    custom = httpx.Timeout(10.0, connect=1.0, read=60.0)
    assert tc.AsyncTightClient(token=TOKEN, timeout=custom)._driver.core.timeout == custom


def test_from_env_takes_every_option(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIGHT_API_TOKEN", TOKEN)
    monkeypatch.setenv("TIGHT_BASE_URL", "http://api.internal.test")
    with pytest.raises(ValueError, match="allow_insecure_http"):
        tc.TightClient.from_env()
    c = tc.TightClient.from_env(allow_insecure_http=True, max_retries=5, rate_limit=None)
    assert c._options.retry.max_retries == 5 and c._driver.core.pacer is None
    assert tc.AsyncTightClient.from_env(allow_insecure_http=True, timeout=3.0)._driver.core.timeout


# ---------------------------------------------------------------- transport security


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8080", "http://localhost", "http://[::1]:9000", "http://127.5.5.5",
     "https://api.example.test"],
)  # fmt: skip
def test_loopback_http_and_https_are_accepted(url: str) -> None:
    assert tc.TightClient(token=TOKEN, base_url=url).base_url == url


@pytest.mark.parametrize(
    "url", ["http://sandbox.tight.com", "http://10.0.0.8", "http://localhost.evil.test"]
)
def test_plain_http_elsewhere_is_refused_unless_the_caller_opts_in(url: str) -> None:
    with pytest.raises(ValueError, match="plain http://") as info:
        tc.TightClient(token=TOKEN, base_url=url)
    assert TOKEN not in str(info.value)
    assert tc.TightClient(token=TOKEN, base_url=url, allow_insecure_http=True).base_url == url


def test_tls_certificates_are_verified_by_default() -> None:
    with tc.TightClient(token=TOKEN) as c:
        context = c._http._transport._pool._ssl_context  # type: ignore[attr-defined]
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname


def test_reprs_show_the_options_but_no_secret() -> None:
    c = tc.TightClient(client_id="cid", client_secret=CLIENT_SECRET, max_retries=4)
    text = repr(c) + repr(c._driver.core.pacer) + repr(c._options.retry) + repr(c._auth)
    assert "max_retries=4" in text and "rate_limit=(1000, 300.0)" in text
    assert CLIENT_SECRET not in text


# ---------------------------------------------------------------- logging


def test_debug_log_records_method_path_status_attempt_and_duration(
    no_sleep: Sleeps, caplog: pytest.LogCaptureFixture
) -> None:
    busy = envelope(None, result="FAILURE", error=[{"type": "UNKNOWN_ERROR", "message": "busy"}])
    script = Script(json_response(503, busy), json_response(200, envelope(customer())))
    c = scripted_client(script)
    with caplog.at_level(logging.DEBUG, logger="tight_customers"):
        c.customers.get("cus_1")
    requests = [r for r in caplog.records if hasattr(r, "attempt")]
    assert [(r.method, r.path, r.status, r.attempt) for r in requests] == [  # type: ignore[attr-defined]
        ("GET", "/v6/customers/cus_1", 503, 1),
        ("GET", "/v6/customers/cus_1", 200, 2),
    ]
    assert all(r.duration >= 0 for r in requests)  # type: ignore[attr-defined]
    messages = [r.getMessage() for r in caplog.records]
    assert any("retry 1 of 2" in m and "HTTP 503" in m for m in messages)
    assert not any(TOKEN in m for m in messages)


def test_tight_log_debug_turns_the_logger_on(monkeypatch: pytest.MonkeyPatch) -> None:
    logger = logging.getLogger("tight_customers")
    before = (logger.level, list(logger.handlers))
    try:
        setup_logging({"TIGHT_LOG": "debug"})
        setup_logging({"TIGHT_LOG": "DEBUG"})  # idempotent: one handler
        assert logger.level == logging.DEBUG
        added = [h for h in logger.handlers if h not in before[1]]
        assert len(added) == 1 and isinstance(added[0], logging.StreamHandler)
        logger.setLevel(logging.NOTSET)
        with pytest.warns(RuntimeWarning, match="TIGHT_LOG='nonsense' is not a log level"):
            setup_logging({"TIGHT_LOG": "nonsense"})
        assert logger.level == logging.NOTSET
    finally:
        logger.setLevel(before[0])
        logger.handlers[:] = before[1]
