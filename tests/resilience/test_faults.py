"""One test per fault, over real HTTP against the sandbox's fault injection (a scripted
transport only where no server can be told to misbehave that way). Each fault ends either in
success within the retry budget (default: 2 retries, 3 attempts) or in its typed error, and
each test asserts which, how many requests reached the server, and what the SDK waited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import httpx
import pytest

import tight_customers as tc
from tests.facade.conftest import (
    Script,
    customer,
    envelope,
    ids,
    json_response,
    records,
    scripted_client,
)
from tests.resilience.conftest import Sleeps, assert_clean, async_client, client
from tight_api.models import ClassLabel, ClassSegment
from tight_customers.sandbox import Sandbox

QUERY = "/v6/customers/query"


def statuses(sb: Any, tag: str, expected: int) -> list[int | None]:
    return [r.status for r in records(sb, tag, expected) if r.path == QUERY]


# ---------------------------------------------------------------- 5xx bursts


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_a_burst_of_server_errors_within_the_budget_succeeds(
    sandbox: Sandbox, no_sleep: Sleeps, status: int
) -> None:
    sandbox.enqueue_faults(status, status)
    with client(sandbox, "burst") as c:
        page = c.customers.query(limit=20)
    assert ids(page.data) == ids(sandbox.customers())[:20]
    assert statuses(sandbox, "burst", 3) == [status, status, 200]
    # Full jitter: the waits are below 0.5 s, then below 1 s (no Retry-After on these).
    assert len(no_sleep) == 2 and 0 <= no_sleep[0] < 0.5 and 0 <= no_sleep[1] < 1.0


@pytest.mark.parametrize("status", [500, 503, 504])
def test_a_burst_longer_than_the_budget_is_a_server_error_counting_attempts(
    sandbox: Sandbox, no_sleep: Sleeps, status: int
) -> None:
    sandbox.enqueue_faults(status, status, status)
    with client(sandbox, "long-burst") as c, pytest.raises(tc.ServerError) as info:
        c.customers.query()
    err = info.value
    assert err.status_code == status and err.attempts == 3
    assert "gave up after 3 attempts" in err.__notes__
    assert err.errors and err.errors[0].message == f"injected fault: HTTP {status}"
    assert statuses(sandbox, "long-burst", 3) == [status] * 3
    assert_clean(err, sandbox.token)


def test_max_retries_is_configurable_and_zero_disables_retries(
    sandbox: Sandbox, no_sleep: Sleeps
) -> None:
    sandbox.enqueue_faults(503, 503, 503, 503)
    with client(sandbox, "five", max_retries=4) as c:
        assert len(c.customers.query(limit=5).data) == 5
    assert statuses(sandbox, "five", 5) == [503] * 4 + [200]
    sandbox.enqueue_faults(503)
    with client(sandbox, "none", max_retries=0) as c, pytest.raises(tc.ServerError) as info:
        c.customers.query(limit=5)
    assert info.value.attempts == 1 and "retries are off" in info.value.__notes__[0]
    assert statuses(sandbox, "none", 1) == [503]
    assert len(no_sleep) == 4


def test_async_client_retries_the_same_way(sandbox: Sandbox, no_sleep: Sleeps) -> None:
    sandbox.enqueue_faults(503, "drop")

    async def run() -> list[str]:
        async with async_client(sandbox, "async-burst") as c:
            return [x.id async for x in c.customers.iterate(page_size=50)]

    import anyio

    assert anyio.run(run) == ids(sandbox.customers())
    assert statuses(sandbox, "async-burst", 5) == [503, None, 200, 200, 200]
    assert len(no_sleep) == 2


# ---------------------------------------------------------------- 429


def test_429_with_retry_after_waits_what_the_server_says(
    sandbox: Sandbox, no_sleep: Sleeps
) -> None:
    sandbox.faults.retry_after = 3
    sandbox.enqueue_faults(429)
    with client(sandbox, "429") as c:
        assert len(c.customers.query(limit=5).data) == 5
    assert statuses(sandbox, "429", 2) == [429, 200]
    assert no_sleep == [3.0]


def test_retry_after_longer_than_the_cap_is_capped(sandbox: Sandbox, no_sleep: Sleeps) -> None:
    sandbox.faults.retry_after = 3600
    sandbox.enqueue_faults(429)
    with client(sandbox, "429-cap", retry_after_cap=2.5) as c:
        c.customers.query(limit=5)
    assert no_sleep == [2.5]


def test_429_without_retry_after_backs_off(sandbox: Sandbox, no_sleep: Sleeps) -> None:
    sandbox.enqueue_faults("429-no-retry-after", "429-no-retry-after")
    with client(sandbox, "429-bare", initial_retry_delay=0.1) as c:
        assert len(c.customers.query(limit=5).data) == 5
    assert statuses(sandbox, "429-bare", 3) == [429, 429, 200]
    assert len(no_sleep) == 2 and no_sleep[0] < 0.1 and no_sleep[1] < 0.2


def test_429_beyond_the_budget_is_a_rate_limit_error(sandbox: Sandbox, no_sleep: Sleeps) -> None:
    sandbox.enqueue_faults(*["429-no-retry-after"] * 3)
    with client(sandbox, "429-out") as c, pytest.raises(tc.RateLimitError) as info:
        c.customers.query(limit=5)
    assert info.value.attempts == 3 and info.value.retry_after is None
    assert "gave up after 3 attempts" in info.value.__notes__


def test_retry_after_as_an_http_date_is_honoured(no_sleep: Sleeps) -> None:
    # The sandbox sends delta-seconds; an HTTP date needs a scripted server.
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    limited = json_response(
        429,
        envelope(None, result="FAILURE", error=[{"type": "UNKNOWN_ERROR", "message": "slow"}]),
        {"Retry-After": when},
    )
    script = Script(limited, json_response(200, envelope(customer())))
    c = scripted_client(script)
    assert c.customers.get("cus_1").id == "cus_1"
    assert len(no_sleep) == 1 and 28.0 < no_sleep[0] <= 30.0
    assert len(script.requests) == 2


# ---------------------------------------------------------------- transport faults


def test_a_dropped_connection_is_retried(sandbox: Sandbox, no_sleep: Sleeps) -> None:
    sandbox.enqueue_faults("drop")
    with client(sandbox, "drop") as c:
        assert len(c.customers.query(limit=5).data) == 5
    assert statuses(sandbox, "drop", 2) == [None, 200]


def test_connections_dropping_beyond_the_budget_are_a_connection_error(
    sandbox: Sandbox, no_sleep: Sleeps
) -> None:
    sandbox.enqueue_faults("drop", "drop", "drop")
    with client(sandbox, "drops") as c, pytest.raises(tc.APIConnectionError) as info:
        c.customers.query(limit=5)
    assert not isinstance(info.value, tc.APITimeoutError)
    assert info.value.attempts == 3 and "gave up after 3 attempts" in info.value.__notes__
    assert_clean(info.value, sandbox.token)


def test_a_read_timeout_is_retried(sandbox: Sandbox, no_sleep: Sleeps) -> None:
    sandbox.enqueue_faults("delay:1.0")
    timeout = httpx.Timeout(5.0, read=0.2)
    with client(sandbox, "slow", timeout=timeout) as c:
        assert len(c.customers.query(limit=5).data) == 5
    assert len(records(sandbox, "slow", 2)) == 2


def test_read_timeouts_beyond_the_budget_are_a_timeout_error(
    sandbox: Sandbox, no_sleep: Sleeps
) -> None:
    sandbox.enqueue_faults("delay:1.0", "delay:1.0")
    timeout = httpx.Timeout(5.0, read=0.2)
    with (
        client(sandbox, "slower", timeout=timeout, max_retries=1) as c,
        pytest.raises(tc.APITimeoutError) as info,
    ):
        c.customers.query(limit=5)
    assert info.value.attempts == 2 and "gave up after 2 attempts" in info.value.__notes__
    assert "timed out" in str(info.value)


def test_truncated_json_is_retried(sandbox: Sandbox, no_sleep: Sleeps) -> None:
    sandbox.enqueue_faults("truncate")
    with client(sandbox, "cut") as c:
        assert ids(c.customers.query(limit=7).data) == ids(sandbox.customers())[:7]
    assert statuses(sandbox, "cut", 2) == [200, 200]


def test_truncated_json_every_time_is_a_parse_error(sandbox: Sandbox, no_sleep: Sleeps) -> None:
    sandbox.enqueue_faults("truncate", "truncate", "truncate")
    with client(sandbox, "cuts") as c, pytest.raises(tc.ResponseParseError) as info:
        c.customers.query(limit=7)
    err = info.value
    assert err.status_code == 200 and err.attempts == 3
    assert "not valid JSON" in str(err) and "gave up after 3 attempts" in err.__notes__
    assert err.body_excerpt.startswith('{"result":"SUCCESS"')
    assert_clean(err, sandbox.token)


def test_an_html_502_page_is_retried(sandbox: Sandbox, no_sleep: Sleeps) -> None:
    sandbox.enqueue_faults("html502")
    with client(sandbox, "html") as c:
        assert len(c.customers.query(limit=5).data) == 5
    assert statuses(sandbox, "html", 2) == [502, 200]


def test_html_502_pages_beyond_the_budget_are_a_server_error_with_an_excerpt(
    sandbox: Sandbox, no_sleep: Sleeps
) -> None:
    sandbox.enqueue_faults("html502", "html502", "html502")
    with client(sandbox, "htmls") as c, pytest.raises(tc.ServerError) as info:
        c.customers.query(limit=5)
    err = info.value
    assert err.status_code == 502 and err.errors == () and err.attempts == 3
    assert err.body_excerpt is not None and "502 Bad Gateway" in err.body_excerpt


# ---------------------------------------------------------------- never retried


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, tc.BadRequestError),
        (401, tc.AuthenticationError),
        (403, tc.PermissionDeniedError),
        (404, tc.NotFoundError),
        (418, tc.APIError),  # a status the SDK does not know
        (599, tc.ServerError),  # a 5xx outside the retried ones
    ],
)
def test_other_statuses_are_never_retried(
    sandbox: Sandbox, no_sleep: Sleeps, status: int, cls: type[tc.APIError]
) -> None:
    sandbox.enqueue_faults(status, status)
    with client(sandbox, f"once-{status}") as c, pytest.raises(cls) as info:
        c.customers.query(limit=5)
    assert type(info.value) is cls and info.value.status_code == status
    assert info.value.attempts == 1 and "attempt" not in str(info.value)
    assert statuses(sandbox, f"once-{status}", 1) == [status]
    assert no_sleep == []
    # The second queued fault is still there: no second request was made.
    with client(sandbox, "again", max_retries=0) as c, pytest.raises(cls):
        c.customers.query(limit=5)


def test_a_failure_envelope_with_http_200_is_not_retried(no_sleep: Sleeps) -> None:
    failure = envelope(None, result="FAILURE", error=[{"type": "X", "message": "no"}])
    script = Script(json_response(200, failure))
    with pytest.raises(tc.APIError) as info:
        scripted_client(script).customers.get("a")
    assert info.value.status_code == 200 and len(script.requests) == 1


# ---------------------------------------------------------------- broken cursor chains


def _page(ids_: list[str], after: str | None) -> httpx.Response:
    return json_response(200, envelope([customer(i) for i in ids_], cursor={"after": after}))


def test_a_cursor_loop_is_a_pagination_error_and_yielded_pages_stay(no_sleep: Sleeps) -> None:
    # No server can be told to loop; a script can: c1 → c2 → c1.
    script = Script(_page(["a"], "c1"), _page(["b"], "c2"), _page(["c"], "c1"))
    c = scripted_client(script)
    seen: list[str] = []
    with pytest.raises(tc.PaginationError, match="already used"):
        for item in c.customers.iterate(page_size=1):
            seen.append(item.id)
    assert seen == ["a", "b", "c"] and len(script.requests) == 3


def test_a_server_returning_the_cursor_it_was_given_is_a_pagination_error(no_sleep: Sleeps) -> None:
    script = Script(_page(["a"], "c1"), _page(["b"], "c1"))
    c = scripted_client(script)
    pages: list[Any] = []
    with pytest.raises(tc.PaginationError, match="same cursor"):
        for page in c.customers.pages(page_size=1):
            pages.append(page)
    assert [ids(p.data) for p in pages] == [["a"], ["b"]]


# ---------------------------------------------------------------- bodies


def test_a_100000_deep_segment_chain_is_a_parse_error_not_a_crash(no_sleep: Sleeps) -> None:
    depth = 100_000
    deep = '{"id": "s", "child": ' * depth + '"<unknown>"' + "}" * depth
    body = (
        '{"result": "SUCCESS", "error": [], "cursor": {"after": null}, "data": [{"id": "cus_1",'
        f' "name": "n", "status": "ACTIVE", "classSegments": [{deep}]}}]}}'
    ).encode()
    script = Script(httpx.Response(200, content=body))
    c = scripted_client(script)
    with pytest.raises(tc.ResponseParseError, match="nested too deeply") as info:
        list(c.customers.iterate())
    assert not isinstance(info.value.__cause__, RecursionError)
    assert info.value.attempts == 1 and len(script.requests) == 1  # the same every time


def test_tolerant_parsing_keeps_what_it_does_not_know(sandbox: Sandbox, no_sleep: Sleeps) -> None:
    odd = sandbox.insert_customer(
        {
            "id": "cus_odd",
            "name": "Zz Odd",
            "status": "ON_HOLD",
            "brandNewField": {"nested": [1, 2]},
            "classSegments": [
                {"id": "cls_a", "name": "A", "child": {"id": "cls_b", "child": "<unknown>"}},
                {"id": "cls_c", "child": 42, "label": {"id": "cll_1", "requiredness": "MAYBE"}},
            ],
        }
    )
    plain = sandbox.insert_customer({"id": "cus_plain", "name": "Zz Plain"})
    with client(sandbox, "odd") as c:
        everyone = list(c.customers.iterate(page_size=50))
    by_id = {x.id: x for x in everyone}
    assert ids(everyone) == ids(sandbox.customers())  # nothing dropped
    got = by_id[odd["id"]]
    assert got.status == "ON_HOLD" and got["brandNewField"] == {"nested": [1, 2]}
    assert isinstance(got.class_segments, list)
    first, second = got.class_segments
    assert isinstance(first.child, ClassSegment)
    assert first.child.id == "cls_b" and first.child.child is None
    assert second.child is None  # a non-object child ends the chain
    assert isinstance(second.label, ClassLabel)
    assert second.label.requiredness == "MAYBE"  # an enum value the SDK does not know
    assert by_id[plain["id"]].email is None  # missing optional fields are None


def test_one_bad_customer_fails_the_page_instead_of_vanishing(no_sleep: Sleeps) -> None:
    body = envelope([customer("cus_1"), {"name": "no id", "status": "ACTIVE"}])
    script = Script(json_response(200, body))
    c = scripted_client(script)
    with pytest.raises(tc.ResponseParseError, match="id"):
        c.customers.query()
    assert len(script.requests) == 1  # a wrong shape is not retried


def test_a_child_object_that_is_not_a_segment_fails_the_page(no_sleep: Sleeps) -> None:
    broken = customer(classSegments=[{"id": "cls_1", "child": {"name": "no id"}}])
    script = Script(json_response(200, envelope([broken])))
    c = scripted_client(script)
    with pytest.raises(tc.ResponseParseError, match=r"classSegments\[0\]\.child\.id: required"):
        c.customers.query()


def test_an_undecodable_content_encoding_is_a_connection_error_and_retried(
    no_sleep: Sleeps,
) -> None:
    def garbled(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, stream=httpx.ByteStream(b"not gzip at all"), headers={"Content-Encoding": "gzip"}
        )

    script = Script(garbled, json_response(200, envelope(customer())))
    c = scripted_client(script)
    assert c.customers.get("cus_1").id == "cus_1"
    assert len(script.requests) == 2
    script = Script(garbled)
    c = scripted_client(script, max_retries=0)
    with pytest.raises(tc.APIConnectionError, match="GET /v6/customers/cus_1 failed"):
        c.customers.get("cus_1")
