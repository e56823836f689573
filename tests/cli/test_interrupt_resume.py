"""Ctrl-C during `query --all` leaves a valid partial file and a cursor; --resume completes it
with exactly the missing customers. Runs the real console entry point as a subprocess."""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tight_customers.sandbox import Sandbox

PAGE = 20


def read_ids(path: Path, fmt: str) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if fmt == "json":
        return [c["id"] for c in json.loads(text)]
    if fmt == "jsonl":
        return [json.loads(line)["id"] for line in text.splitlines()]
    return [row["id"] for row in csv.DictReader(text.splitlines())]


def count_written(path: Path, fmt: str) -> int:
    if not path.exists():
        return 0
    try:
        return len(read_ids(path, fmt))
    except ValueError:
        return 0


def run_cli(sb: Sandbox, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "TIGHT_API_TOKEN": sb.token, "TIGHT_BASE_URL": sb.url}
    return subprocess.Popen(
        [sys.executable, "-m", "tight_customers.cli", "-q", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_interrupt_then_resume_gives_exactly_the_full_set(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"export.{fmt}"
    query = ["query", "--all", "--status", "ACTIVE", "--limit", str(PAGE), "--format", fmt]
    with Sandbox(customers=400, seed=5) as sb:
        expected = [c["id"] for c in sb.customers() if c["status"] == "ACTIVE"]
        sb.faults.latency = 0.2
        proc = run_cli(sb, *query, "--output", str(out))
        deadline = time.monotonic() + 60
        while count_written(out, fmt) < 2 * PAGE and time.monotonic() < deadline:
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 130, stderr

        partial = read_ids(out, fmt)  # the file is valid as it is
        assert 2 * PAGE <= len(partial) < len(expected)
        assert len(partial) % PAGE == 0  # whole pages only
        assert partial == expected[: len(partial)]
        match = re.search(r"--resume (\S+)", stderr)
        assert match, stderr

        sb.faults.latency = 0.0
        resumed = run_cli(sb, *query, "--output", str(out), "--resume", match.group(1))
        _, stderr = resumed.communicate(timeout=60)
        assert resumed.returncode == 0, stderr
    assert read_ids(out, fmt) == expected
