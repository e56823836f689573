"""User-style scripts type-check cleanly under mypy --strict and pyright strict, and the scripts
in failing/ are rejected by both, on the line marked `# expect-error` (so the types really
constrain). Also: the TypedDicts of raw filters and sorts say what openapi.yaml says."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml

from tight_customers import RawFilter, RawSort
from tight_customers._filters import (
    RawClassSegmentFilter,
    RawIdInFilter,
    RawStatusFilter,
    RawStringFilter,
)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PASSING = HERE / "passing"
FAILING = HERE / "failing"
PYRIGHT = ROOT / ".tools" / "node" / "node_modules" / ".bin" / "pyright"
FAILING_SCRIPTS = sorted(FAILING.glob("*.py"))


def expected_error_lines() -> dict[str, int]:
    lines: dict[str, int] = {}
    for script in FAILING_SCRIPTS:
        marked = [
            n
            for n, text in enumerate(script.read_text().splitlines(), 1)
            if "# expect-error" in text
        ]
        assert len(marked) == 1, f"{script.name} must mark exactly one line # expect-error"
        lines[script.name] = marked[0]
    return lines


def run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False, timeout=600)


def mypy(paths: list[Path]) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "mypy", "--strict", *map(str, paths)])


def pyright(paths: list[Path]) -> subprocess.CompletedProcess[str]:
    assert PYRIGHT.exists(), "pyright is not installed: run `make install-node`"
    config = str(HERE / "pyrightconfig.json")
    return run(
        [str(PYRIGHT), "-p", config, "--pythonpath", sys.executable, "--outputjson"]
        + [str(p) for p in paths]
    )


@pytest.fixture(scope="module")
def mypy_on_failing() -> dict[str, set[int]]:
    result = mypy(FAILING_SCRIPTS)
    found: dict[str, set[int]] = {}
    for match in re.finditer(r"^.*?([\w]+\.py):(\d+): error:", result.stdout, re.MULTILINE):
        found.setdefault(match[1], set()).add(int(match[2]))
    return found


@pytest.fixture(scope="module")
def pyright_on_failing() -> dict[str, set[int]]:
    report = json.loads(pyright(FAILING_SCRIPTS).stdout)
    found: dict[str, set[int]] = {}
    for diag in report["generalDiagnostics"]:
        if diag["severity"] == "error":
            line = diag["range"]["start"]["line"] + 1
            found.setdefault(Path(diag["file"]).name, set()).add(line)
    return found


def test_the_user_scripts_pass_mypy_strict() -> None:
    result = mypy([PASSING])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found in 2 source files" in result.stdout


def test_the_user_scripts_pass_pyright_strict() -> None:
    report = json.loads(pyright([PASSING]).stdout)
    assert report["summary"]["filesAnalyzed"] >= 2
    assert report["generalDiagnostics"] == []
    assert report["summary"]["errorCount"] == 0


@pytest.mark.parametrize("script", [p.name for p in FAILING_SCRIPTS])
def test_mypy_rejects_the_mistake(script: str, mypy_on_failing: dict[str, set[int]]) -> None:
    assert mypy_on_failing.get(script) == {expected_error_lines()[script]}


@pytest.mark.parametrize("script", [p.name for p in FAILING_SCRIPTS])
def test_pyright_rejects_the_mistake(script: str, pyright_on_failing: dict[str, set[int]]) -> None:
    assert pyright_on_failing.get(script) == {expected_error_lines()[script]}


def test_every_mistake_the_issue_names_has_a_failing_script() -> None:
    texts = "\n".join(p.read_text() for p in FAILING_SCRIPTS)
    for mistake in ('Sort("EMAIL")', "F.nmae", '{"nmae":'):
        assert mistake in texts


# ------------------------------------------------------------------ raw dicts against the spec


def spec_schema(name: str) -> dict[str, Any]:
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    schema: dict[str, Any] = spec["components"]["schemas"][name]
    return schema


@pytest.mark.parametrize(
    ("typed", "schema"),
    [
        (RawFilter, "CustomerFilter"),
        (RawStringFilter, "StringFilter"),
        (RawStatusFilter, "StatusFilter"),
        (RawClassSegmentFilter, "ClassSegmentFilter"),
        (RawIdInFilter, "IdInFilter"),
        (RawSort, "CustomerSort"),
    ],
    ids=lambda v: v if isinstance(v, str) else v.__name__,
)
def test_the_typed_dicts_have_the_members_of_the_spec(typed: Any, schema: str) -> None:
    spec = spec_schema(schema)
    assert set(typing.get_type_hints(typed)) == set(spec["properties"])
    assert set(typed.__required_keys__) == set(spec.get("required", []))


def test_the_sort_literals_are_the_spec_enums() -> None:
    hints = typing.get_type_hints(RawSort)
    assert set(typing.get_args(hints["orderBy"])) == set(spec_schema("CustomerSortField")["enum"])
    assert set(typing.get_args(hints["direction"])) == set(spec_schema("SortDirection")["enum"])
