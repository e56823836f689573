"""`tight-customers sandbox` serves the emulator in the foreground and stops on Ctrl-C."""

from __future__ import annotations

import re
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
        url = None
        deadline = time.monotonic() + 30
        assert proc.stdout is not None
        while url is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            match = re.search(r"http://127\.0\.0\.1:\d+", line)
            url = match.group(0) if match else None
        assert url, "the sandbox prints its base URL"
        token = httpx.post(
            f"{url}/v6/auth/token",
            auth=("sandbox-client", "sandbox-secret"),
            data={"grant_type": "client_credentials"},
        ).json()["access_token"]
        page = httpx.post(
            f"{url}/v6/customers/query",
            json={"limit": 100},
            headers={"Authorization": f"Bearer {token}"},
        ).json()
        assert len(page["data"]) == 40
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    assert proc.returncode in (0, 130, -signal.SIGINT)
