"""Benchmark a whole export: the SDK against raw httpx, on loopback and behind a latency proxy.

A sandbox with 100k customers runs in a subprocess (so that its CPU is not the client's), and a
TCP proxy in another subprocess delays every chunk by `--delay-ms` each way (default 25 ms, a
50 ms round trip) without limiting bandwidth. Every scenario runs its variants interleaved,
`--loopback-rounds` times on plain loopback and `--rounds` times behind the proxy, and prints
medians and ratios:

- raw httpx, bytes only: each page's body read, only its cursor decoded (the network floor);
- raw httpx + json.loads: each page decoded, nothing more;
- facade sync / async: `TightClient.iterate` / `AsyncTightClient.iterate` over every customer,
  as installed (with the `speedups` extra, msgspec decodes);
- facade sync / async, json (plain loopback, when msgspec is installed): the same, decoding with
  the standard library's json as a default install does.

Then the peak RSS of a 10k and a 100k export, each in its own process, against one page of
models measured with tracemalloc. `--quick` runs a fifth of the sizes once.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

import httpx

QUERY = "/v6/customers/query"
BYTES_ONLY = "raw httpx, bytes only"
RAW_JSON = "raw httpx + json.loads"
FACADE_SYNC = "facade sync"
FACADE_ASYNC = "facade async"
FACADE_SYNC_STD = "facade sync, json"
FACADE_ASYNC_STD = "facade async, json"
VARIANTS = (BYTES_ONLY, RAW_JSON, FACADE_SYNC, FACADE_ASYNC)
# The SDK as a default install decodes with the standard library's json; with the `speedups`
# extra (installed by `make install`) it decodes with msgspec. Both are measured on loopback,
# where decoding is what an export spends its time on.
STD_VARIANTS = (FACADE_SYNC_STD, FACADE_ASYNC_STD)
FACADES = (FACADE_SYNC, FACADE_ASYNC, *STD_VARIANTS)


# ---------------------------------------------------------------------------- subprocesses


def start(args: list[str], ready: str) -> tuple[subprocess.Popen[str], str]:
    """Start `args`; wait for the stdout line containing `ready`; (process, that line)."""
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if ready in line:
            return proc, line
    raise RuntimeError(f"{args[:4]} exited before it was ready")


def stop(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def serve_proxy(upstream_port: int, delay: float) -> None:
    """A loopback TCP proxy adding `delay` seconds to every chunk in both directions."""

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def pump() -> None:
            while True:
                data = await reader.read(1 << 16)
                queue.put_nowait((loop.time() + delay, data))
                if not data:
                    return

        pumping = asyncio.create_task(pump())
        try:
            while True:
                due, data = await queue.get()
                wait = due - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                if not data:
                    break
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            pumping.cancel()
            writer.close()

    async def handle(client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        server_r, server_w = await asyncio.open_connection("127.0.0.1", upstream_port)
        await asyncio.gather(pipe(client_r, server_w), pipe(server_r, client_w))

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        print(f"proxy port {server.sockets[0].getsockname()[1]}", flush=True)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


# ---------------------------------------------------------------------------- the variants


def _after_of_tail(content: bytes) -> str | None:
    """The `after` cursor of a page body, decoding only its last member."""
    tail = content[content.rfind(b'"cursor":') :]
    after: str | None = json.loads(b"{" + tail)["cursor"]["after"]
    return after


def raw_export(url: str, token: str, items: int, page_size: int, decode: bool) -> int:
    pages = math.ceil(items / page_size)
    headers = {"Authorization": f"Bearer {token}"}
    count = 0
    with httpx.Client(base_url=url, headers=headers, timeout=60) as http:
        cursor = None
        for _ in range(pages):
            body: dict[str, Any] = {"limit": page_size}
            if cursor is not None:
                body["cursor"] = cursor
            response = http.post(QUERY, json=body)
            response.raise_for_status()
            if decode:
                page = json.loads(response.content)
                count += len(page["data"])
                cursor = page["cursor"]["after"]
            else:
                count += len(response.content)
                cursor = _after_of_tail(response.content)
            if cursor is None:
                break
    return count


def facade_sync(url: str, token: str, items: int, page_size: int) -> int:
    from tight_customers import TightClient

    with TightClient(token=token, base_url=url) as client:
        walk = client.customers.iterate(page_size=page_size, max_items=items)
        return sum(1 for _ in walk)


def facade_async(url: str, token: str, items: int, page_size: int) -> int:
    from tight_customers import AsyncTightClient

    async def run() -> int:
        async with AsyncTightClient(token=token, base_url=url) as client:
            count = 0
            async for _ in client.customers.iterate(page_size=page_size, max_items=items):
                count += 1
            return count

    return asyncio.run(run())


def with_std_json(
    export: Callable[[str, str, int, int], int],
) -> Callable[[str, str, int, int], int]:
    """`export` as a default install runs it: bodies decoded by the standard library's json."""

    def run(url: str, token: str, items: int, page_size: int) -> int:
        from tight_customers import _decoding

        installed = _decoding.loads
        _decoding.loads = json.loads
        try:
            return export(url, token, items, page_size)
        finally:
            _decoding.loads = installed

    return run


def variant(name: str) -> Callable[[str, str, int, int], int]:
    if name == BYTES_ONLY:
        return lambda url, token, n, size: raw_export(url, token, n, size, decode=False)
    if name == RAW_JSON:
        return lambda url, token, n, size: raw_export(url, token, n, size, decode=True)
    if name in STD_VARIANTS:
        return with_std_json(facade_sync if name == FACADE_SYNC_STD else facade_async)
    return facade_sync if name == FACADE_SYNC else facade_async


@dataclass
class Scenario:
    title: str
    url: str
    items: int
    page_size: int
    baseline: str
    goal: float
    variants: tuple[str, ...] = VARIANTS


def run_scenario(scenario: Scenario, token: str, rounds: int) -> dict[str, float]:
    """Every variant once per round (the order rotating), `rounds` times. Prints each variant's
    median time and two ratios to the baseline: of the medians, and the median of the ratios
    within each round (runs a few seconds apart, so a load that comes and goes on the shared
    machine weighs on both sides of each ratio); the goal is judged on the latter."""
    variants = scenario.variants
    times: dict[str, list[float]] = {name: [] for name in variants}
    for r in range(rounds):
        order = variants[r % len(variants) :] + variants[: r % len(variants)]
        for name in order:
            started = time.perf_counter()
            variant(name)(scenario.url, token, scenario.items, scenario.page_size)
            times[name].append(time.perf_counter() - started)
    medians = {name: statistics.median(t) for name, t in times.items()}
    base = medians[scenario.baseline]
    print(f"\n{scenario.title} (median of {rounds}; ratios: of the medians / median per round)")
    for name in variants:
        ratio = medians[name] / base
        per_round = statistics.median(
            t / b for t, b in zip(times[name], times[scenario.baseline], strict=True)
        )
        goal = ""
        if name in FACADES:
            verdict = "ok" if per_round <= scenario.goal else "MISSED"
            goal = f"   goal <= {scenario.goal:.2f}x {scenario.baseline}: {verdict}"
        print(f"  {name:24} {medians[name]:7.2f} s  {ratio:5.2f}x / {per_round:5.2f}x{goal}")
    runs = "; ".join(f"{n}: " + " ".join(f"{t:.2f}" for t in times[n]) for n in variants)
    print(f"  (every run, seconds: {runs})")
    sys.stdout.flush()
    return medians


# ---------------------------------------------------------------------------- memory


def rss_child(url: str, token: str, items: int, page_size: int) -> None:
    """Export `items` customers in this process; print its peak RSS, the peak of Python's heap
    during an export of 10 pages (tracemalloc), and the size of one page of models."""
    import gc
    import tracemalloc

    from tight_customers import TightClient

    with TightClient(token=token, base_url=url) as client:
        client.customers.query(limit=1)  # connection, token and imports warm
        gc.collect()
        base = _rss_now()
        count = sum(1 for _ in client.customers.iterate(page_size=page_size, max_items=items))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        gc.collect()
        tracemalloc.start()
        page = client.customers.query(limit=page_size)
        gc.collect()
        models, _ = tracemalloc.get_traced_memory()
        del page
        gc.collect()
        tracemalloc.reset_peak()
        start, _ = tracemalloc.get_traced_memory()
        walk = client.customers.iterate(page_size=page_size, max_items=10 * page_size)
        sum(1 for _ in walk)
        _, heap_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(
        json.dumps(
            {
                "items": count,
                "base": base,
                "peak": peak,
                "page_models": models,
                "heap_peak": heap_peak - start,
            }
        )
    )


def _rss_now() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


def measure_rss(url: str, token: str, sizes: list[int], page_size: int) -> None:
    print(f"\npeak RSS of an export (facade sync, {page_size}/page, each in its own process)")
    results = []
    for items in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "rss", url, token, str(items), str(page_size)],
            capture_output=True,
            text=True,
            check=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    mib = 1 << 20
    for res in results:
        grown = res["peak"] - res["base"]
        print(
            f"  {res['items']:>7} customers: peak RSS {res['peak'] / mib:6.1f} MiB, "
            f"{grown / mib:5.1f} MiB over the idle client"
        )
    res = results[-1]
    pages = res["heap_peak"] / res["page_models"]
    verdict = "ok" if pages <= 2.5 else "MISSED"
    print(
        f"  peak of Python's heap during a walk (tracemalloc): {res['heap_peak'] / mib:.1f} MiB"
        f" = {pages:.2f} pages of models ({res['page_models'] / mib:.1f} MiB a page)"
        f"   goal <= ~2.5: {verdict}"
    )
    small, large = results[0]["peak"], results[-1]["peak"]
    verdict = "ok" if large <= small * 1.10 else "MISSED"
    print(
        f"  peak {results[-1]['items']} / peak {results[0]['items']}: {large / small:.3f}"
        f"   goal <= 1.10: {verdict}"
    )


# ---------------------------------------------------------------------------- main


def token_for(url: str) -> str:
    response = httpx.post(
        f"{url}/v6/auth/token",
        data={"grant_type": "client_credentials"},
        auth=("sandbox-client", "sandbox-secret"),
    )
    response.raise_for_status()
    token: str = response.json()["access_token"]
    return token


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "proxy":
        serve_proxy(int(sys.argv[2]), float(sys.argv[3]))
        return 0
    if len(sys.argv) > 1 and sys.argv[1] == "rss":
        rss_child(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rounds", type=int, default=3, help="interleaved runs per scenario behind the proxy"
    )
    parser.add_argument(
        "--loopback-rounds", type=int, default=5, help="interleaved runs on plain loopback"
    )
    parser.add_argument("--delay-ms", type=float, default=25.0, help="proxy delay each way")
    parser.add_argument("--quick", action="store_true", help="a fifth of the sizes, one round")
    parser.add_argument("--skip-proxy", action="store_true", help="plain loopback only")
    parser.add_argument("--skip-rss", action="store_true", help="no memory measurement")
    args = parser.parse_args()
    scale = 5 if args.quick else 1
    rounds = 1 if args.quick else args.rounds
    big, small = 100_000 // scale, 20_000 // scale

    with ExitStack() as stack:
        started = time.perf_counter()
        sandbox, line = start(
            [sys.executable, "-m", "tight_customers.sandbox", "--port", "0",
             "--customers", str(big), "--rate-limit", str(10**9), "--token-ttl", "86400"],
            "TIGHT_BASE_URL=",
        )  # fmt: skip
        stack.callback(stop, sandbox)
        url = line.split("TIGHT_BASE_URL=", 1)[1].split()[0]
        port = int(url.rsplit(":", 1)[1])
        token = token_for(url)
        print(f"sandbox with {big} customers ready in {time.perf_counter() - started:.1f} s")
        print("(2 shared cores: absolute times vary with the load; the ratios are side by side)")
        from tight_customers import _decoding

        print(f"facade sync/async decode with {_decoding.DECODER}; 'json' variants with json.loads")
        loopback = VARIANTS + (STD_VARIANTS if _decoding.DECODER != "json" else ())
        scenarios = [
            Scenario(f"plain loopback, {big} @ 1000/page", url, big, 1000, RAW_JSON, 1.3, loopback),
        ]
        if not args.skip_proxy:
            proxy, line = start(
                [sys.executable, __file__, "proxy", str(port), str(args.delay_ms / 1000)],
                "proxy port",
            )
            stack.callback(stop, proxy)
            proxied = f"http://127.0.0.1:{line.split()[-1]}"
            rtt = f"{2 * args.delay_ms:g} ms RTT"
            scenarios += [
                Scenario(f"behind {rtt}, {big} @ 1000/page", proxied, big, 1000, BYTES_ONLY, 1.15),
                Scenario(
                    f"behind {rtt}, {small} @ 100/page", proxied, small, 100, BYTES_ONLY, 1.05
                ),
            ]
        for scenario in scenarios:
            loopback_rounds = 1 if args.quick else args.loopback_rounds
            run_scenario(scenario, token, rounds if scenario.url != url else loopback_rounds)
        if not args.skip_rss:
            measure_rss(url, token, [big // 10, big], 1000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
