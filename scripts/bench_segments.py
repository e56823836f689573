"""Benchmark of tight_customers.segments: build the SegmentTree from 100,000 sandbox customers and
answer `customers_in` for every node, on wire dicts and on generated models.

Time is the best of a few runs (time.perf_counter); memory is the tracemalloc peak of one
separate run (tracemalloc slows the code down, so it is never timed). Goal: < 1 s.
"""

from __future__ import annotations

import gc
import random
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable, Sequence
from typing import Any

from tight_api.models import Customer
from tight_customers.segments import SegmentDataWarning, SegmentTree

N = 100_000
REPEATS = 3
GOAL_S = 1.0


def load_customers(n: int) -> tuple[list[dict[str, Any]], str]:
    """Sandbox customers; a small synthetic stand-in while the sandbox is not there."""
    try:
        from tight_customers.sandbox import generate_customers
    except ImportError:
        return synthetic_customers(n), "synthetic (tight_customers.sandbox not available)"
    return generate_customers(n, seed=0), "tight_customers.sandbox.generate_customers"


def synthetic_customers(n: int) -> list[dict[str, Any]]:
    rng = random.Random(0)
    labels = ["Region", "Location", "Job Site"]
    paths: list[list[tuple[str, str, str]]] = []
    for r in range(8):
        region = (f"cls_r{r}", f"Region {r}", labels[0])
        paths.append([region])
        for loc in range(5):
            location = (f"cls_r{r}l{loc}", f"Location {r}.{loc}", labels[1])
            paths.append([region, location])
            for s in range(4):
                paths.append([region, location, (f"cls_r{r}l{loc}s{s}", f"Site {s}", labels[2])])

    def wire(path: list[tuple[str, str, str]]) -> dict[str, Any]:
        child: dict[str, Any] | None = None
        for level, (sid, name, label) in reversed(list(enumerate(path))):
            lab = {"id": f"cll_{level}", "name": label, "requiredness": "NOT_REQUIRED"}
            child = {"id": sid, "name": name, "label": lab, "child": child}
        assert child is not None
        return child

    return [
        {
            "id": f"cus_{i}",
            "name": f"Customer {i}",
            "status": "ACTIVE",
            "classSegments": [wire(rng.choice(paths)) for _ in range(rng.randint(0, 2))],
        }
        for i in range(n)
    ]


def workload(customers: Sequence[Any]) -> SegmentTree[Any]:
    """The measured job: build the tree, then both kinds of customers_in for every node."""
    tree = SegmentTree.from_customers(customers)
    for node in tree:
        tree.customers_in(node.id)
        tree.customers_in(node.id, include_descendants=False)
    return tree


def measure(label: str, customers: Sequence[Any]) -> None:
    runs: list[tuple[float, float]] = []
    tree: SegmentTree[Any] | None = None
    for _ in range(REPEATS):
        gc.collect()
        t0 = time.perf_counter()
        tree = SegmentTree.from_customers(customers)
        t1 = time.perf_counter()
        for node in tree:
            tree.customers_in(node.id)
            tree.customers_in(node.id, include_descendants=False)
        t2 = time.perf_counter()
        runs.append((t1 - t0, t2 - t1))
    build, queries = min(runs, key=sum)
    total = build + queries
    gc.collect()
    tracemalloc.start()
    kept = workload(customers)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert tree is not None
    print(
        f"{label:<16} {len(customers):>7} customers, {len(tree):>5} segments, "
        f"{len(tree.problems)} problems, {len(tree.conflicts)} conflicts"
    )
    print(
        f"{'':<16} build {build * 1000:7.1f} ms + customers_in x{2 * len(tree)} "
        f"{queries * 1000:6.1f} ms = {total * 1000:7.1f} ms  "
        f"(goal {GOAL_S * 1000:.0f} ms: {total / GOAL_S:.2f}x of budget)  "
        f"tracemalloc peak {peak / 2**20:6.1f} MiB"
    )
    del kept


def timed(label: str, make: Callable[[], Any]) -> Any:
    t0 = time.perf_counter()
    value = make()
    print(f"  ({label}: {time.perf_counter() - t0:.2f} s, not part of the figures)")
    return value


def main() -> int:
    warnings.simplefilter("ignore", SegmentDataWarning)
    print(f"segments bench: {N} customers; time best of {REPEATS} runs; tracemalloc peak of one")
    customers, source = timed("generating", lambda: load_customers(N))
    print(f"  (source: {source})")
    measure("wire dicts", customers)
    models = timed("Customer.from_dict x N", lambda: [Customer.from_dict(c) for c in customers])
    measure("generated models", models)
    return 0


if __name__ == "__main__":
    sys.exit(main())
