"""`--resume CURSOR` still continues from a cursor: one printed by an export to stdout, or one
kept from an earlier run (appending to a file this command wrote, without a checkpoint).
Runs the real console entry point as a subprocess."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tight_customers.cli import _checkpoint
from tight_customers.sandbox import Sandbox

PAGE = 20


def run_cli(sb: Sandbox, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "TIGHT_API_TOKEN": sb.token, "TIGHT_BASE_URL": sb.url}
    return subprocess.Popen(
        [sys.executable, "-m", "tight_customers.cli", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_stdout_export_prints_a_cursor_that_continues_it() -> None:
    query = ["query", "-q", "--all", "--status", "active", "--limit", str(PAGE), "--format"]
    with Sandbox(customers=300, seed=5) as sb:
        expected = [c["id"] for c in sb.customers() if c["status"] == "ACTIVE"]
        sb.faults.latency = 0.1
        proc = run_cli(sb, *query, "jsonl")
        assert proc.stdout is not None
        first = [proc.stdout.readline() for _ in range(2 * PAGE)]
        proc.send_signal(signal.SIGINT)
        rest, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 130, stderr
        written = [json.loads(line)["id"] for line in first + rest.splitlines()]
        assert written == expected[: len(written)]
        match = re.search(r"--resume=(\S+)", stderr)
        assert match, stderr

        sb.faults.latency = 0.0
        resumed = run_cli(sb, *query, "jsonl", "--resume", match.group(1))
        out, stderr = resumed.communicate(timeout=60)
        assert resumed.returncode == 0, stderr
    assert written + [json.loads(line)["id"] for line in out.splitlines()] == expected


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_kept_cursor_appends_to_a_file_without_checkpoint(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"export.{fmt}"
    query = ["query", "-q", "--all", "--limit", str(PAGE), "--format", fmt, "-o", str(out)]
    with Sandbox(customers=120, seed=5) as sb:
        expected = [c["id"] for c in sb.customers()]
        sb.faults.latency = 0.1
        proc = run_cli(sb, *query)
        deadline = time.monotonic() + 60
        while not _has_pages(out, 2) and time.monotonic() < deadline:
            time.sleep(0.02)
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 143, stderr
        checkpoint = _checkpoint.load(out)
        assert checkpoint is not None and checkpoint.cursor is not None
        _checkpoint.path_for(out).unlink()

        sb.faults.latency = 0.0
        resumed = run_cli(sb, *query, "--resume", checkpoint.cursor)
        _, stderr = resumed.communicate(timeout=60)
        assert resumed.returncode == 0, stderr
    if fmt == "json":
        ids = [c["id"] for c in json.loads(out.read_text(encoding="utf-8"))]
    else:
        ids = [line.split(",", 1)[0] for line in out.read_text(encoding="utf-8").splitlines()[1:]]
    assert ids == expected


def _has_pages(out: Path, pages: int) -> bool:
    checkpoint = _checkpoint.load(out) if out.exists() else None
    return checkpoint is not None and checkpoint.pages >= pages
