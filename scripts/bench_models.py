"""Benchmark of the generated models' parsing: `CustomerPage.from_dict` on one 1,000-customer
sandbox page, this project's templates (generated/tight_api) against the stock
openapi-python-client templates, generated from the same openapi.yaml into a temporary folder.

Both run side by side in one process on the same decoded page; each time is the median of many
interleaved runs (time.perf_counter). Goal: ours at least 2x faster than stock. Beside them, the
page's decoding: `json.loads` and, when the `speedups` extra is installed, the SDK's decoder
(msgspec, falling back to json.loads).
"""

from __future__ import annotations

import gc
import importlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from tight_api.models import CustomerPage
from tight_customers import _decoding
from tight_customers.sandbox import Sandbox

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / ".tools" / "generator" / "bin" / "openapi-python-client"
STOCK_PACKAGE = "stock_tight_api"
PAGE_SIZE = 1000
ROUNDS = 40
GOAL = 2.0


def stock_page_class(workdir: Path) -> Any:
    """`CustomerPage` generated with the stock templates (no custom templates, no formatting)."""
    config = workdir / "config.yaml"
    config.write_text(f"package_name_override: {STOCK_PACKAGE}\npost_hooks: []\n")
    out = workdir / STOCK_PACKAGE
    subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(ROOT / "openapi.yaml"),
            "--config",
            str(config),
            "--meta",
            "none",
            "--output-path",
            str(out),
        ],
        cwd=workdir,
        check=True,
        capture_output=True,
    )
    sys.path.insert(0, str(workdir))
    return importlib.import_module(f"{STOCK_PACKAGE}.models").CustomerPage


def sandbox_page() -> bytes:
    with Sandbox(customers=PAGE_SIZE, seed=0) as sb:
        response = httpx.post(
            f"{sb.url}/v6/customers/query",
            json={"limit": PAGE_SIZE},
            headers={"Authorization": f"Bearer {sb.token}"},
        )
        response.raise_for_status()
        return response.content


def timed(parse: Callable[[Any], Any], body: Any, times: list[float]) -> None:
    start = time.perf_counter()
    parse(body)
    times.append((time.perf_counter() - start) * 1000)


def main() -> int:
    if not GENERATOR.exists():
        print(f"missing {GENERATOR}: run `make check-generated` first to install the generator")
        return 1
    raw = sandbox_page()
    body = json.loads(raw)
    assert len(body["data"]) == PAGE_SIZE
    with tempfile.TemporaryDirectory(prefix="tight-bench-models-") as tmp:
        stock = stock_page_class(Path(tmp))
        ours_page, stock_page = CustomerPage.from_dict(body), stock.from_dict(body)
        assert ours_page.to_dict() == body, "our models must round-trip the page exactly"
        assert len(stock_page.data) == PAGE_SIZE
        decode: list[float] = []
        fast: list[float] = []
        ours: list[float] = []
        theirs: list[float] = []
        assert _decoding.loads(raw) == body
        gc.collect()
        for _ in range(ROUNDS):
            timed(json.loads, raw, decode)
            timed(_decoding.loads, raw, fast)
            timed(CustomerPage.from_dict, body, ours)
            timed(stock.from_dict, body, theirs)
    ours_ms, stock_ms = statistics.median(ours), statistics.median(theirs)
    ratio = stock_ms / ours_ms
    print(
        f"from_dict of one {PAGE_SIZE}-customer sandbox page ({len(raw) / 1e6:.2f} MB JSON), "
        f"median of {ROUNDS}:"
    )
    decode_ms, fast_ms = statistics.median(decode), statistics.median(fast)
    print(f"  json.loads           {decode_ms:7.2f} ms")
    if _decoding.DECODER != "json":
        print(
            f"  the SDK's decoder    {fast_ms:7.2f} ms  ({_decoding.DECODER}: "
            f"{decode_ms / fast_ms:.2f}x json.loads; the `speedups` extra)"
        )
    print(f"  stock 0.29.1 models  {stock_ms:7.2f} ms")
    print(f"  our templates        {ours_ms:7.2f} ms")
    verdict = "met" if ratio >= GOAL else "MISSED"
    print(f"  stock/ours           {ratio:7.2f}x  (goal >= {GOAL:.1f}x: {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
