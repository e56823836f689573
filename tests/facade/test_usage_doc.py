"""Runs every ```python block of docs/usage.md, in order, against a sandbox."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

USAGE = Path(__file__).resolve().parents[2] / "docs" / "usage.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def blocks() -> list[str]:
    return BLOCK.findall(USAGE.read_text(encoding="utf-8"))


def test_the_usage_doc_has_examples() -> None:
    assert len(blocks()) >= 8


def test_every_example_runs_against_the_sandbox(
    fresh_sandbox: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("TIGHT_CLIENT_ID", "TIGHT_CLIENT_SECRET", "TIGHT_USER_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TIGHT_API_TOKEN", fresh_sandbox.token)
    monkeypatch.setenv("TIGHT_BASE_URL", fresh_sandbox.url)
    namespace: dict[str, Any] = {"__name__": "usage_doc"}
    for number, source in enumerate(blocks(), start=1):
        code = compile(source, f"{USAGE.name}[block {number}]", "exec")
        exec(code, namespace)
    out = capsys.readouterr().out
    assert "needs at least one value" in out
    assert "BAD_REQUEST" in out or "INVALID_VALUE" in out
    assert "404" in out
    assert "refused: extra_headers may not set 'Authorization'" in out
    assert "400 FAILURE" in out
    assert "200 application/json" in out
