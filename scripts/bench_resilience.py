"""Benchmark of the resilience layer: a fault-free export of 10,000 customers with the defaults
(2 retries, pacing at 1000 requests per 300 s) against the same facade with retries and pacing
off (`max_retries=0, rate_limit=None`). Goal: ratio <= 1.05.

Two transports, both configurations measured side by side in one run with interleaved
repetitions (on, off, on, off, ...) so drift in the machine affects both alike; medians reported:

- memory: an `httpx.MockTransport` replaying the sandbox's recorded pages, so the ratio is
  the client's own cost (parsing included) without a server to dilute it;
- http: the sandbox over real HTTP on loopback (what an export actually costs).

Each repetition uses a new client, so the pacer starts empty (100 requests never wait).
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import httpx

from tight_customers import TightClient

N = 10_000
PAGE_SIZE = 100
REPEATS = 15
GOAL = 1.05

RESILIENT: dict[str, Any] = {}  # the defaults
PLAIN: dict[str, Any] = {"max_retries": 0, "rate_limit": None}


def record_pages(url: str, token: str) -> dict[str | None, bytes]:
    """The raw body of every page of the export, keyed by the cursor that fetched it."""
    pages: dict[str | None, bytes] = {}
    cursor: str | None = None
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}) as http:
        while True:
            body: dict[str, Any] = {"limit": PAGE_SIZE}
            if cursor is not None:
                body["cursor"] = cursor
            response = http.post("/v6/customers/query", json=body)
            response.raise_for_status()
            pages[cursor] = response.content
            cursor = response.json().get("cursor", {}).get("after")
            if cursor is None:
                return pages


def replay(pages: dict[str | None, bytes]) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        cursor = json.loads(request.content).get("cursor")
        return httpx.Response(
            200, content=pages[cursor], headers={"Content-Type": "application/json"}
        )

    return handler


def export(make_client: Callable[[], TightClient]) -> float:
    gc.collect()
    started = time.perf_counter()
    with make_client() as client:
        count = sum(1 for _ in client.customers.iterate(page_size=PAGE_SIZE))
    elapsed = time.perf_counter() - started
    if count != N:
        raise SystemExit(f"exported {count} customers, expected {N}")
    return elapsed


def compare(name: str, factory: Callable[[dict[str, Any]], TightClient]) -> float:
    """Interleaved repetitions of both configurations; prints medians, returns the ratio."""
    export(lambda: factory(RESILIENT))  # warm-up: imports, pools, caches
    export(lambda: factory(PLAIN))
    on: list[float] = []
    off: list[float] = []
    for i in range(REPEATS):
        # Alternate which goes first, so neither always runs on a warmer cache.
        order = [(on, RESILIENT), (off, PLAIN)] if i % 2 == 0 else [(off, PLAIN), (on, RESILIENT)]
        for times, options in order:
            times.append(export(lambda options=options: factory(options)))
    med_on, med_off = statistics.median(on), statistics.median(off)
    ratio = med_on / med_off
    print(
        f"{name:<7} resilience on {med_on * 1000:8.1f} ms   off {med_off * 1000:8.1f} ms   "
        f"ratio {ratio:.3f}   (medians of {REPEATS}; min on {min(on) * 1000:.1f} / "
        f"off {min(off) * 1000:.1f} ms)"
    )
    return ratio


def main() -> int:
    from tight_customers.sandbox import Sandbox

    print(f"Export of {N:,} customers, page size {PAGE_SIZE}: defaults vs retries+pacing off")
    with Sandbox(customers=N, seed=0, rate_limit=10**9) as sb:
        pages = record_pages(sb.url, sb.token)

        def in_memory(options: dict[str, Any]) -> TightClient:
            http = httpx.Client(transport=httpx.MockTransport(replay(pages)))
            return TightClient(
                token=sb.token, base_url="https://bench.test", http_client=http, **options
            )

        def over_http(options: dict[str, Any]) -> TightClient:
            return TightClient(token=sb.token, base_url=sb.url, **options)

        ratios = {"memory": compare("memory", in_memory), "http": compare("http", over_http)}
    worst = max(ratios.values())
    verdict = "meets" if worst <= GOAL else "misses"
    print(f"overhead ratio {worst:.3f} (worst of the two) {verdict} the goal of <= {GOAL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
