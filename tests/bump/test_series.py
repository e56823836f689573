"""Each kind of spec change is rated, reported and versioned as the bump workflow promises.

Every case runs the real bump (Redocly, the generator, the API report) with --dry-run, or without
it for breaking changes (which must stop with exit 3), and the tree must stay untouched.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bump.conftest import (
    ROOT,
    changelog_section,
    needs_tools,
    not_inside_a_bump,
    run_bump,
    snapshot,
)
from tests.bump.specs import CASES, Case, write_spec

pytestmark = [needs_tools, not_inside_a_bump]


def from_version() -> str:
    text = (ROOT / "facade" / "tight_customers" / "_version.py").read_text(encoding="utf-8")
    return text.split('__version__ = "')[1].split('"')[0]


def expected_version(semver: str) -> str:
    major, minor, patch = (int(p) for p in from_version().split("."))
    return {
        "major": f"{major + 1}.0.0",
        "minor": f"{major}.{minor + 1}.0",
        "patch": f"{major}.{minor}.{patch + 1}",
    }[semver]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_kind_of_change(case: Case, tmp_path: Path) -> None:
    spec = write_spec(tmp_path / "new.yaml", case.change)
    before = snapshot(ROOT)
    breaking = case.semver == "major"
    # --dry-run even for breaking changes (which must stop with 3 first), so that a wrong rating
    # can never write into this checkout.
    bump = run_bump(ROOT, spec, "--dry-run", json_path=tmp_path / "report.json")

    assert bump.returncode == (3 if breaking else 0), bump.stdout + bump.stderr
    assert snapshot(ROOT) == before, "the tree changed"
    report = bump.report
    assert report is not None
    assert report["semver"] == case.semver
    assert report["from_version"] == from_version()
    assert report["to_version"] == expected_version(case.semver)
    rules = {c["rule"] for c in report["spec_changes"]}
    assert case.rules <= rules, report["spec_changes"]
    worst_spec = max(
        (c["severity"] for c in report["spec_changes"]),
        key=["patch", "minor", "major"].index,
    )
    assert worst_spec == case.semver
    for name in case.api_added:
        (found,) = [c for c in report["python_api_changes"] if c["object"].endswith(name)]
        assert found["kind"] == "added" and not found["breaking"]
    for name in case.api_breaking:
        (found,) = [c for c in report["python_api_changes"] if c["object"].endswith(name)]
        assert found["breaking"]
    if not breaking:
        assert not any(c["breaking"] for c in report["python_api_changes"])
    entry = bump.stdout.split("CHANGELOG.md entry:")[1]
    assert f"## {expected_version(case.semver)}" in entry
    for section, text in case.changelog:
        assert any(text in line for line in changelog_section(entry, section)), (section, text)
    if breaking:
        assert "nothing was written" in bump.stdout


def test_schema_rename_keeps_the_class_name(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "schema renamed with the same shape")
    bump = run_bump(
        ROOT,
        write_spec(tmp_path / "new.yaml", case.change),
        "--dry-run",
        json_path=tmp_path / "report.json",
    )
    assert bump.returncode == 0, bump.stderr
    assert bump.report is not None
    assert bump.report["renamed_classes"] == [
        {"schema_from": "Address", "schema_to": "PostalAddress", "class": "Address"}
    ]
    assert bump.report["python_api_changes"] == []


@pytest.mark.parametrize(
    "text",
    [
        "openapi: 3.1.0\ninfo: {title: x}\npaths: {}\n",  # info.version missing
        "not: [valid\n",  # not YAML
        "- a list\n",  # not a mapping
    ],
    ids=["invalid OpenAPI", "unreadable YAML", "not a document"],
)
def test_invalid_spec_exits_2_and_touches_nothing(text: str, tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(text, encoding="utf-8")
    before = snapshot(ROOT)
    bump = run_bump(ROOT, spec, json_path=tmp_path / "r.json")
    assert bump.returncode == 2
    assert "invalid spec" in bump.stderr and "Nothing was changed" in bump.stderr
    assert bump.report is None
    assert snapshot(ROOT) == before


def test_missing_spec_file_exits_2(tmp_path: Path) -> None:
    bump = run_bump(ROOT, tmp_path / "nowhere.yaml")
    assert bump.returncode == 2
    assert "cannot read" in bump.stderr
