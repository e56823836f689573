"""Bumps that write, in a temporary clone of this checkout: the files, the version, the changelog,
the exit code of a failing check, and one end-to-end bump whose `make test` passes.

The clone shares this checkout's `.venv` and installed tools (symlinks) instead of installing its
own; the files their install stamps depend on are dated back so that `make` in the clone never
reinstalls into them, and PYTHONPATH/MYPYPATH point the shared tools at the clone's own code.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.bump.conftest import (
    INNER_RUN,
    ROOT,
    needs_tools,
    not_inside_a_bump,
    run_bump,
    snapshot,
)
from tests.bump.specs import optional_response_field, schema_renamed, write_spec

pytestmark = [needs_tools, not_inside_a_bump]
STAMPED = (
    "pyproject.toml",
    "scripts/lowest_deps.py",
    "scripts/generator/requirements.txt",
    "scripts/node/package.json",
    "scripts/node/package-lock.json",
)


def clone(dest: Path) -> Path:
    """The files a commit of this checkout would hold, with the shared tools linked in."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        source = ROOT / rel
        if source.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)
    (dest / ".venv").symlink_to(ROOT / ".venv")
    (dest / ".tools").mkdir()
    for tool in sorted((ROOT / ".tools").iterdir()):
        # A tool this checkout has not installed, or installed from older files, is installed
        # into the clone's own .tools instead.
        stamp = f".tools/{tool.name}/.installed"
        up_to_date = subprocess.run(["make", "-q", stamp], cwd=ROOT, check=False)
        if up_to_date.returncode == 0:
            (dest / ".tools" / tool.name).symlink_to(tool)
    for rel in STAMPED:
        if (dest / rel).exists():
            os.utime(dest / rel, (0, 0))
    return dest


@pytest.fixture
def cloned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = clone(tmp_path / "clone")
    monkeypatch.setenv("PYTHONPATH", f"{root / 'facade'}{os.pathsep}{root / 'generated'}")
    monkeypatch.setenv("MYPYPATH", str(root / "generated"))
    monkeypatch.setenv(INNER_RUN, "1")
    yield root


def version_of(root: Path) -> str:
    text = (root / "facade" / "tight_customers" / "_version.py").read_text(encoding="utf-8")
    return text.split('__version__ = "')[1].split('"')[0]


def test_no_change_bumps_nothing(cloned: Path, tmp_path: Path) -> None:
    before = snapshot(cloned)
    bump = run_bump(
        cloned,
        write_spec(tmp_path / "same.yaml"),
        "--check-command",
        "false",
        json_path=tmp_path / "r.json",
    )
    assert bump.returncode == 0, bump.stdout + bump.stderr
    assert bump.report is not None
    assert bump.report["semver"] == "none"
    assert bump.report["to_version"] == bump.report["from_version"]
    assert bump.report["spec_changes"] == [] and bump.report["python_api_changes"] == []
    assert "Nothing to bump" in bump.stdout
    assert snapshot(cloned) == before


def test_rename_is_written_and_a_failing_check_exits_1(cloned: Path, tmp_path: Path) -> None:
    start = version_of(cloned)
    api_before = (cloned / "api" / "tight_customers.api.txt").read_text(encoding="utf-8")
    spec = write_spec(tmp_path / "renamed.yaml", schema_renamed)
    bump = run_bump(cloned, spec, "--check-command", "true", "--check-command", "false")

    assert bump.returncode == 1, bump.stdout + bump.stderr
    assert "true: passed" in bump.stdout and "false: FAILED (exit 1)" in bump.stdout
    assert "left bumped for inspection" in bump.stdout
    major, minor, patch = (int(p) for p in start.split("."))
    assert version_of(cloned) == f"{major}.{minor}.{patch + 1}"
    config = yaml.safe_load((cloned / "scripts/generator/config.yaml").read_text())
    assert config["class_overrides"] == {"PostalAddress": {"class_name": "Address"}}
    assert "package_name_override" in config  # the rest of the config is kept
    assert (cloned / "generated/tight_api/models/address.py").is_file()
    assert "class Address:" in (cloned / "generated/tight_api/models/address.py").read_text()
    assert (cloned / "api/tight_customers.api.txt").read_text(encoding="utf-8") == api_before
    changelog = (cloned / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.index(f"## {version_of(cloned)}") < changelog.index(f"## {start}")
    assert "Schema `Address` is now `PostalAddress`; its class keeps the name `Address`." in (
        changelog
    )
    assert "### Changed" in changelog and "(schema-renamed)" in changelog
    assert (cloned / "openapi.yaml").read_text() == spec.read_text()
    # Whatever else `make generate` keeps in step with the spec is written too.
    assert subprocess.run(["make", "check-generated"], cwd=cloned, check=False).returncode == 0


@pytest.mark.timeout(2400)  # the bumped clone runs the whole suite once more
def test_additive_bump_end_to_end(cloned: Path, tmp_path: Path) -> None:
    """`make bump` of an additive change: a minor version whose `make test` passes."""
    start = version_of(cloned)
    spec = write_spec(tmp_path / "additive.yaml", optional_response_field)
    result = subprocess.run(
        ["make", "bump", f"SPEC={spec}", f"JSON={tmp_path / 'report.json'}"],
        cwd=cloned,
        capture_output=True,
        text=True,
        check=False,
        timeout=2300,
    )
    log = cloned / "out" / "bump" / "check.log"
    detail = result.stdout[-3000:] + result.stderr[-2000:]
    if log.exists():
        detail += log.read_text(encoding="utf-8")[-4000:]
    assert result.returncode == 0, detail
    for step in (
        "make lint",
        "make check-generated",
        "make check-api",
        "make unit",
        "make lowest-deps",
    ):
        assert f"{step}: passed" in result.stdout, detail
    major, minor, _ = (int(p) for p in start.split("."))
    assert version_of(cloned) == f"{major}.{minor + 1}.0"
    api = (cloned / "api" / "tight_customers.api.txt").read_text(encoding="utf-8")
    assert "tight_customers.Customer.nickname  field: str" in api
    changelog = (cloned / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {major}.{minor + 1}.0" in changelog
    assert "- `tight_customers.Customer.nickname`: added: field: str" in changelog
