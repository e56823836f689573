"""Whatever stops `query --all --output FILE`, `--resume` afterwards gives a valid file with
every customer exactly once.

The real console entry point runs as a subprocess against a real sandbox, and is stopped by
SIGINT, SIGTERM or SIGKILL at a random point (a seeded RNG picks how much of the file must be
written first, and a short extra delay), or by an API error, a dropped connection or a file
that cannot grow. `KILL_RESUME_RUNS` (default 1) repeats each (signal, format, page size) cell.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import random
import re
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tight_customers.cli._formats import new_writer
from tight_customers.sandbox import Sandbox

CUSTOMERS = 2100  # 21 pages of 100, 3 of 1000
RUNS = int(os.environ.get("KILL_RESUME_RUNS", "1"))
FORMATS = ("json", "jsonl", "csv")
PAGE_SIZES = (100, 1000)
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGKILL)
EXIT_CODES = {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGKILL: -signal.SIGKILL}


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(customers=CUSTOMERS, seed=11) as sb:
        yield sb


@pytest.fixture(autouse=True)
def no_faults_left(sandbox: Sandbox) -> Iterator[None]:
    yield
    sandbox.clear_faults()


def read_ids(path: Path, fmt: str) -> list[str]:
    """The ids in an export file; ValueError (or csv.Error) if the file is not valid."""
    data = path.read_bytes().decode("utf-8")
    if fmt == "json":
        return [c["id"] for c in json.loads(data)]
    if fmt == "jsonl":
        if data and not data.endswith("\n"):
            raise ValueError("the last line is cut")
        return [json.loads(line)["id"] for line in data.splitlines()]
    rows = list(csv.reader(io.StringIO(data, newline="")))
    if not rows or any(len(r) != len(rows[0]) for r in rows) or not data.endswith("\n"):
        raise ValueError("not a whole CSV table")
    return [r[0] for r in rows[1:]]


# The console entry point, optionally under a file size limit (Python ignores SIGXFSZ, so a
# write past it fails with EFBIG, as one fails on a full disk with ENOSPC).
LAUNCH = (
    "import resource, runpy, sys\n"
    "limit = int(sys.argv.pop(1))\n"
    "if limit: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))\n"
    "sys.argv[0] = 'tight-customers'\n"
    "runpy.run_module('tight_customers.cli', run_name='__main__')\n"
)


def cli(sb: Sandbox, *args: str, file_size_limit: int = 0) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "TIGHT_API_TOKEN": sb.token,
        "TIGHT_BASE_URL": sb.url,
        "TIGHT_CLIENT_ID": "",
    }
    return subprocess.Popen(
        [sys.executable, "-c", LAUNCH, str(file_size_limit), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@functools.cache
def expected_ids(sb: Sandbox) -> list[str]:
    return [c["id"] for c in sb.customers()]


def export_args(fmt: str, size: int, out: Path) -> list[str]:
    return ["query", "--all", "--limit", str(size), "--format", fmt, "--output", str(out), "-q"]


def printed_resume(stderr: str) -> list[str]:
    """The arguments of the `to continue: tight-customers ...` command the CLI printed."""
    match = re.search(r"to continue: (tight-customers .*)$", stderr, re.MULTILINE)
    assert match, stderr
    words = shlex.split(match.group(1))
    assert words[-1] == "--resume", words
    return words[1:]


def resume_to_the_end(sb: Sandbox, args: list[str]) -> None:
    proc = cli(sb, *args)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err


@functools.cache
def full_size(sb: Sandbox, fmt: str) -> int:
    """The byte size of the complete export of `sb` in `fmt`."""
    stream = io.BytesIO()
    writer = new_writer(fmt, stream, continuing=False, has_items=False)
    writer.write_page(sb.customers())
    writer.close()
    return len(stream.getvalue())


def stop_midway(
    sb: Sandbox, args: list[str], out: Path, sig: signal.Signals, rng: random.Random
) -> tuple[int, str]:
    """Start the export; once a random share of it is on disk (plus a random pause), send
    `sig` (unless it finished first). Returns the exit code and stderr."""
    threshold = rng.uniform(0.01, 0.6) * full_size(sb, args[args.index("--format") + 1])
    pause = rng.uniform(0.0, 0.1)
    proc = cli(sb, *args)
    deadline = time.monotonic() + 120
    while not (out.exists() and out.stat().st_size >= threshold) and proc.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    time.sleep(pause)
    if proc.poll() is None:
        proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    return proc.returncode, err


def run_cells(cells: dict[str, Callable[[], None]]) -> None:
    """Run independent scenarios side by side (their subprocesses mostly wait); fail with the
    name and error of every one that failed."""
    with ThreadPoolExecutor(max_workers=len(cells)) as pool:
        futures = {name: pool.submit(cell) for name, cell in cells.items()}
    failed = {name: f.exception() for name, f in futures.items() if f.exception() is not None}
    assert not failed, "\n".join(f"{name}: {exc!r}" for name, exc in failed.items())


def signal_cell(sb: Sandbox, tmp_path: Path, sig: signal.Signals, fmt: str, size: int) -> None:
    rng = random.Random(f"{sig.name}-{fmt}-{size}")
    expected = expected_ids(sb)
    for run in range(RUNS):
        out = tmp_path / f"{sig.name}-{size}-{run}.{fmt}"
        args = export_args(fmt, size, out)
        code, err = stop_midway(sb, args, out, sig, rng)
        if code == 0:  # it finished before the signal arrived
            assert read_ids(out, fmt) == expected
            continue
        assert code == EXIT_CODES[sig], err
        assert "Traceback" not in err
        if sig != signal.SIGKILL:
            written = read_ids(out, fmt)  # valid as it stands, whole pages only
            assert written == expected[: len(written)]
            assert len(written) % size == 0
            resume = printed_resume(err)
        else:
            # The worst a kill can leave: half a page past the checkpoint.
            with out.open("ab") as fh:
                fh.write(b'{"id": "cus_half_written", "na')
            resume = [*args, "--resume"]
        assert Path(f"{out}.resume").exists()
        resume_to_the_end(sb, resume)
        assert read_ids(out, fmt) == expected
        assert not Path(f"{out}.resume").exists()


@pytest.mark.parametrize("sig", SIGNALS, ids=lambda s: s.name)
def test_stopped_by_a_signal_then_resumed(
    sandbox: Sandbox, tmp_path: Path, sig: signal.Signals
) -> None:
    """Each format at each page size: stopped at a random point, resumed, complete."""
    sandbox.faults.latency = 0.03  # each page takes a moment, so stops land mid-export
    run_cells(
        {
            f"{fmt}/{size}": functools.partial(signal_cell, sandbox, tmp_path, sig, fmt, size)
            for fmt in FORMATS
            for size in PAGE_SIZES
        }
    )


def test_an_api_error_or_dropped_connection_then_resumed(sandbox: Sandbox, tmp_path: Path) -> None:
    expected = expected_ids(sandbox)
    for fault, fmt in ((503, "json"), ("drop", "csv")):
        out = tmp_path / f"failed.{fmt}"
        args = export_args(fmt, 100, out)
        sandbox.enqueue_faults(*["delay:0"] * 6, fault)  # pages 1-6 come, page 7 fails
        proc = cli(sandbox, "--max-retries", "0", *args)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 1, err
        assert read_ids(out, fmt) == expected[:600]
        resume_to_the_end(sandbox, printed_resume(err))
        assert read_ids(out, fmt) == expected


def full_disk_cell(sb: Sandbox, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"full.{fmt}"
    args = export_args(fmt, 100, out)
    limit = full_size(sb, fmt) // 3  # a few pages in, and not on a page boundary
    proc = cli(sb, *args, file_size_limit=limit)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 2, err
    assert f"cannot write to --output {out}" in err
    expected = expected_ids(sb)
    written = read_ids(out, fmt)  # cut back to the last whole page
    assert 0 < len(written) < len(expected)
    assert written == expected[: len(written)]
    resume_to_the_end(sb, printed_resume(err))
    assert read_ids(out, fmt) == expected


def test_a_file_that_cannot_grow_then_resumed(sandbox: Sandbox, tmp_path: Path) -> None:
    """A full disk, as the process sees it: a write fails part way through a page."""
    run_cells({fmt: functools.partial(full_disk_cell, sandbox, tmp_path, fmt) for fmt in FORMATS})
