"""Helpers for the bump tests: run scripts/bump.py, snapshot the files a bump may write."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
# Set by the end-to-end test for the `make test` it runs inside the bumped clone: that run checks
# the bumped tree, and must neither start another end-to-end bump nor repeat the series.
INNER_RUN = "TIGHT_BUMP_INNER_RUN"

needs_tools = pytest.mark.skipif(
    not (ROOT / ".tools" / "node" / "node_modules" / ".bin" / "redocly").exists()
    or not (ROOT / ".tools" / "generator" / "bin" / "python").exists(),
    reason="the bump needs the pinned tools (make install-node, make generate)",
)
not_inside_a_bump = pytest.mark.skipif(
    os.environ.get(INNER_RUN) == "1", reason="already inside the end-to-end bump's own make test"
)


@dataclass
class Bump:
    returncode: int
    stdout: str
    stderr: str
    report: dict[str, Any] | None


def run_bump(root: Path, spec: Path, *args: str, json_path: Path | None = None) -> Bump:
    command = [sys.executable, str(root / "scripts" / "bump.py"), "--spec", str(spec), *args]
    if json_path is not None:
        command += ["--json", str(json_path)]
    result = subprocess.run(
        command, cwd=root, capture_output=True, text=True, timeout=600, check=False
    )
    report = None
    if json_path is not None and json_path.exists():
        report = json.loads(json_path.read_text(encoding="utf-8"))
    return Bump(result.returncode, result.stdout, result.stderr, report)


def snapshot(root: Path) -> dict[str, str]:
    """A digest of every file a bump may write."""
    files = [
        root / "openapi.yaml",
        root / "scripts" / "generator" / "config.yaml",
        root / "facade" / "tight_customers" / "_version.py",
        root / "CHANGELOG.md",
        root / "api" / "tight_customers.api.txt",
        *sorted((root / "generated").rglob("*.py")),
    ]
    return {
        str(f.relative_to(root)): hashlib.sha256(f.read_bytes()).hexdigest()
        for f in files
        if f.exists()
    }


def changelog_section(entry: str, title: str) -> list[str]:
    """The bullet lines under `### title` in a CHANGELOG entry."""
    lines: list[str] = []
    inside = False
    for line in entry.splitlines():
        if line.startswith("### "):
            inside = line == f"### {title}"
        elif inside and line.startswith("- "):
            lines.append(line[2:])
    return lines
