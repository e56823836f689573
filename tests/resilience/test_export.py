"""Whole exports through faults: random 5xx and 429s, and a rate limit met by pacing."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

import tight_customers as tc
from tests.facade.conftest import ids, records
from tests.resilience.conftest import Sleeps, async_client, client
from tight_customers.sandbox import Faults, Sandbox


@pytest.fixture(scope="module")
def big_sandbox() -> Iterator[Any]:
    from tight_customers.sandbox import Sandbox

    with Sandbox(customers=5000, seed=5) as sb:
        yield sb


def _faulty(sb: Any, seed: int) -> None:
    # 20% 5xx (500/503/504 with the error envelope), 5% 429 with Retry-After: 1 s (recorded,
    # not slept), a few drops and truncated bodies, and a little latency jitter.
    sb.faults = Faults(
        error_rate=0.20,
        rate_429=0.05,
        retry_after=1,
        drop_rate=0.02,
        truncate_rate=0.02,
        jitter=0.002,
        seed=seed,
    )


def _faults_seen(sb: Any, tag: str, pages: int) -> Counter[str]:
    log = records(sb, tag, pages, status=200)
    return Counter(r.fault for r in log if r.fault is not None)


def test_an_export_through_random_faults_yields_every_customer_once(
    big_sandbox: Sandbox, no_sleep: Sleeps
) -> None:
    sb = big_sandbox
    _faulty(sb, seed=11)
    expected = ids(sb.customers())
    try:
        # Up to 6 retries: at a 29% fault rate, 7 failures in a row are a 1-in-5000 event per
        # page, and the seed makes the run the same every time.
        with client(sb, "export", max_retries=6, initial_retry_delay=0.01) as c:
            got = [x.id for x in c.customers.iterate(page_size=100)]
    finally:
        sb.clear_faults()
    assert len(got) == len(set(got)) == 5000
    assert got == expected
    faults = _faults_seen(sb, "export", 50)
    assert faults["429"] > 0 and sum(faults[s] for s in ("500", "503", "504")) >= 5
    assert len(no_sleep) == sum(faults.values())  # one wait per failed attempt
    assert no_sleep.count(1.0) >= faults["429"]  # Retry-After honoured


def test_an_async_export_through_random_faults_yields_every_customer_once(
    big_sandbox: Sandbox, no_sleep: Sleeps
) -> None:
    import anyio

    sb = big_sandbox
    _faulty(sb, seed=12)

    async def run() -> list[str]:
        async with async_client(sb, "async-export", max_retries=6) as c:
            return [x.id async for x in c.customers.iterate(page_size=250)]

    try:
        got = anyio.run(run)
    finally:
        sb.clear_faults()
    assert got == ids(sb.customers()) and len(set(got)) == 5000
    assert sum(_faults_seen(sb, "async-export", 20).values()) > 0


# ---------------------------------------------------------------- pacing


@pytest.fixture
def limited_sandbox() -> Iterator[Any]:
    """700 customers behind a rate limit scaled down from 1000 per 300 s to 50 per 5 s."""
    from tight_customers.sandbox import Sandbox

    with Sandbox(customers=700, seed=9, rate_limit=50, rate_window=5.0) as sb:
        yield sb


def test_without_pacing_this_export_would_hit_the_rate_limit(limited_sandbox: Sandbox) -> None:
    sb = limited_sandbox
    with (
        client(sb, "unpaced", token=sb.issue_token(), max_retries=0) as c,
        pytest.raises(tc.RateLimitError) as info,
    ):
        for _ in c.customers.iterate(page_size=10):  # 70 pages
            pass
    assert info.value.retry_after is not None
    assert [r.status for r in records(sb, "unpaced", 51)].count(200) == 50


def test_a_paced_export_meets_no_429(limited_sandbox: Sandbox) -> None:
    sb = limited_sandbox
    sb.rate_window = 4.0  # shorter than the client's: arrivals lag sends under load
    with client(sb, "paced", token=sb.issue_token(), rate_limit=(50, 5.0), max_retries=0) as c:
        got = [x.id for x in c.customers.iterate(page_size=10)]  # 70 pages
    assert got == ids(sb.customers())
    statuses = [r.status for r in records(sb, "paced", 70)]
    assert len(statuses) == 70 and set(statuses) == {200}


def test_threads_of_one_client_share_the_pacing(limited_sandbox: Sandbox) -> None:
    sb = limited_sandbox
    # The server's window is shorter than the client's: a request's arrival can lag its send by
    # scheduling jitter on a loaded machine, and the test is about the client's pacing.
    sb.rate_limit, sb.rate_window = 20, 1.5
    errors: list[BaseException] = []
    with client(sb, "paced-threads", rate_limit=(20, 2.0), max_retries=0) as c:

        def work() -> None:
            try:
                for _ in range(8):
                    c.customers.query(limit=1)
            except BaseException as exc:  # collected and asserted below
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
    statuses = [r.status for r in records(sb, "paced-threads", 32)]
    assert len(statuses) == 32 and set(statuses) == {200}
