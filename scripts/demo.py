"""`make demo`: the main job of tight-customers, run against a local sandbox.

Starts one sandbox (real HTTP on 127.0.0.1, SQLite behind it) and runs the same CLI commands a
user would type against Tight, each preceded by one line saying what it shows.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

from tight_customers.cli._session import SANDBOX_CUSTOMERS, SANDBOX_SEED
from tight_customers.sandbox import Sandbox

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out"


def step(number: int, what: str, args: list[str]) -> None:
    bold, plain = ("\033[1m", "\033[0m") if sys.stdout.isatty() else ("", "")
    print(f"\n{bold}{number}. {what}{plain}", flush=True)
    print(f"   $ tight-customers {shlex.join(args)}", flush=True)
    subprocess.run([sys.executable, "-m", "tight_customers.cli", *args], check=True)


def main() -> None:
    started = time.monotonic()
    OUT.mkdir(exist_ok=True)
    export = OUT / "active-customers.jsonl"
    print(
        f"Starting a local Tight sandbox with {SANDBOX_CUSTOMERS} generated customers "
        "(the same data as `tight-customers --sandbox`)...",
        flush=True,
    )
    with Sandbox(customers=SANDBOX_CUSTOMERS, seed=SANDBOX_SEED) as sb:
        os.environ.update({"TIGHT_BASE_URL": sb.url, "TIGHT_API_TOKEN": sb.token})
        os.environ.pop("TIGHT_CLIENT_ID", None)
        print(f"   sandbox at {sb.url}; TIGHT_BASE_URL and TIGHT_API_TOKEN point the CLI at it")
        step(
            1,
            "A filtered, sorted query: ACTIVE customers whose name contains 'co', Z to A, "
            "first page of 10, as a table.",
            [
                "query",
                "--status",
                "ACTIVE",
                "--name-contains",
                "co",
                "--sort",
                "name:desc",
                "--limit",
                "10",
            ],
        )
        step(
            2,
            "Export every ACTIVE customer to JSONL, page by page, each page checkpointed "
            "(stopped by Ctrl-C, an error or a kill, the same command with --resume continues).",
            [
                "query",
                "--all",
                "--status",
                "ACTIVE",
                "--format",
                "jsonl",
                "--output",
                str(export.relative_to(ROOT)),
            ],
        )
        lines = sum(1 for _ in export.open(encoding="utf-8"))
        print(f"   {export.relative_to(ROOT)}: {lines} customers, one JSON object per line")
        step(
            3,
            "The class-segment tree with customer counts, down to Locations "
            "(drop --max-depth for Job Sites and Crews).",
            ["segments", "--max-depth", "1"],
        )
    print(f"\nDemo finished in {time.monotonic() - started:.1f} s.")
    print(
        "Try it yourself (the command is in the virtualenv, not on PATH):\n"
        "   .venv/bin/tight-customers --sandbox query --status active --limit 5\n"
        "   .venv/bin/tight-customers --help"
    )


if __name__ == "__main__":
    main()
