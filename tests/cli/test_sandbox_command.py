"""`tight-customers sandbox` serves the emulator in the foreground, prints the line that points
a shell at it, and stops on Ctrl-C."""

from __future__ import annotations

import re
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx


def test_sandbox_command_serves_until_interrupted() -> None:
    exe = Path(sys.executable).with_name("tight-customers")
    assert exe.is_file(), "the console script is installed with the project"
    proc = subprocess.Popen(
        [exe, "sandbox", "--port", "0", "--customers", "40", "--seed", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        exports: dict[str, str] = {}
        deadline = time.monotonic() + 30
        assert proc.stdout is not None
        while not exports and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            if line.startswith("export "):
                exports = dict(word.split("=", 1) for word in shlex.split(line)[1:])
        assert set(exports) == {"TIGHT_BASE_URL", "TIGHT_API_TOKEN"}, "a line ready to paste"
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", exports["TIGHT_BASE_URL"])
        page = httpx.post(
            f"{exports['TIGHT_BASE_URL']}/v6/customers/query",
            json={"limit": 100},
            headers={"Authorization": f"Bearer {exports['TIGHT_API_TOKEN']}"},
        ).json()
        assert len(page["data"]) == 40
        token = httpx.post(
            f"{exports['TIGHT_BASE_URL']}/v6/auth/token",
            auth=("sandbox-client", "sandbox-secret"),
            data={"grant_type": "client_credentials"},
        )
        assert token.status_code == 200
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    assert proc.returncode in (0, 130, -signal.SIGINT)
