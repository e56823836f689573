"""Take a new version of Tight's OpenAPI document to a reviewed, versioned change in one command.

    make bump SPEC=path/to/new.yaml
    python scripts/bump.py --spec FILE [--json REPORT] [--allow-breaking] [--dry-run]

1. validate the new document (openapi-spec-validator, Redocly lint);
2. rate every change against the committed openapi.yaml (scripts/spec_diff.py);
3. regenerate generated/ as `make generate` does (in the staging copy first, then with `make
   generate` itself), keeping the Python class name of a schema renamed with the same shape
   (`class_overrides` in scripts/generator/config.yaml);
4. rebuild the public API report (scripts/api_report.py) and rate every difference;
5. pick the semver bump (the worst of both), write the version and a CHANGELOG.md entry;
6. run the checks of `make test` on the result and summarise them.

Steps 1-4 run in a temporary copy, so nothing in the tree changes unless the bump goes ahead.
Exit codes: 0 bumped (or nothing to bump), 1 the bumped tree fails its checks (it is left bumped
for inspection), 2 usage error or invalid spec (nothing written), 3 breaking changes without
--allow-breaking (nothing written).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import api_report
import spec_diff
from api_report import ApiChange
from spec_diff import InvalidSpecError, Rename, SpecChange, worst

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.yaml"
GENERATOR_CONFIG = ROOT / "scripts" / "generator" / "config.yaml"
GENERATOR_PYTHON = ROOT / ".tools" / "generator" / "bin" / "python"
API_REPORT = ROOT / "api" / "tight_customers.api.txt"
VERSION_FILE = ROOT / "facade" / "tight_customers" / "_version.py"
CHANGELOG = ROOT / "CHANGELOG.md"
CHECK_LOG = ROOT / "out" / "bump" / "check.log"
DEFAULT_CHECKS = (
    "make lint",
    "make check-generated",
    "make check-api",
    "make unit",
    "make lowest-deps",
)
VERSION = re.compile(r'^__version__ = "(\d+)\.(\d+)\.(\d+)"$', re.MULTILINE)
OVERRIDES_COMMENT = "# Python class names kept across schema renames (written by `make bump`)."
EXIT_OK, EXIT_CHECKS_FAILED, EXIT_USAGE, EXIT_BREAKING = 0, 1, 2, 3


@dataclass
class Plan:
    """Everything the bump found, before anything is written."""

    from_version: str
    spec_changes: list[SpecChange]
    api_changes: list[ApiChange]
    renamed: list[tuple[Rename, str]]
    class_overrides: dict[str, str]
    staging: Path
    notes: list[str] = field(default_factory=list)

    @property
    def spec_semver(self) -> str:
        return worst([c.severity for c in self.spec_changes])

    @property
    def api_semver(self) -> str:
        return worst([c.semver for c in self.api_changes])

    @property
    def semver(self) -> str:
        return worst([self.spec_semver, self.api_semver])

    @property
    def to_version(self) -> str:
        return next_version(self.from_version, self.semver)

    def to_json(self) -> dict[str, Any]:
        return {
            "from_version": self.from_version,
            "to_version": self.to_version,
            "semver": self.semver,
            "spec_changes": [c.to_json() for c in self.spec_changes],
            "python_api_changes": [c.to_json() for c in self.api_changes],
            "renamed_classes": [
                {"schema_from": r.schema_from, "schema_to": r.schema_to, "class": cls}
                for r, cls in self.renamed
            ],
        }


# ---------------------------------------------------------------- version and changelog


def current_version(text: str) -> str:
    match = VERSION.search(text)
    if match is None:
        raise SystemExit(f'no `__version__ = "X.Y.Z"` line in {VERSION_FILE}')
    return ".".join(match.groups())


def next_version(version: str, semver: str) -> str:
    major, minor, patch = (int(part) for part in version.split("."))
    if semver == "major":
        return f"{major + 1}.0.0"
    if semver == "minor":
        return f"{major}.{minor + 1}.0"
    if semver == "patch":
        return f"{major}.{minor}.{patch + 1}"
    return version


def changelog_sections(plan: Plan) -> dict[str, list[str]]:
    """Breaking / Added / Changed / Fixed, each line naming the spec location or Python name."""
    sections: dict[str, list[str]] = {"Breaking": [], "Added": [], "Changed": [], "Fixed": []}
    for change in plan.spec_changes:
        line = f"`{change.location}`: {change.message} ({change.rule})"
        if change.severity == "major":
            sections["Breaking"].append(line)
        elif change.severity == "minor":
            sections["Added"].append(line)
        elif change.rule == "documentation-changed":
            sections["Fixed"].append(line)
        else:
            sections["Changed"].append(line)
    for api in plan.api_changes:
        line = f"`{api.object}`: {api.message}"
        if api.breaking:
            sections["Breaking"].append(line)
        elif api.kind == "added":
            sections["Added"].append(line)
        else:
            sections["Changed"].append(line)
    return {title: sorted(lines) for title, lines in sections.items() if lines}


def changelog_entry(plan: Plan) -> str:
    lines = [
        f"## {plan.to_version}",
        "",
        f"A {plan.semver} release (the spec's changes rate {plan.spec_semver}, the Python API's "
        f"{plan.api_semver}), written by `make bump`.",
    ]
    for rename, cls in plan.renamed:
        lines.append(
            f"Schema `{rename.schema_from}` is now `{rename.schema_to}`; its class keeps the "
            f"name `{cls}`."
        )
    for title, entries in changelog_sections(plan).items():
        lines += ["", f"### {title}", ""] + [f"- {entry}" for entry in entries]
    return "\n".join(lines) + "\n"


def insert_changelog(text: str, entry: str) -> str:
    head, marker, rest = text.partition("\n## ")
    if not marker:
        return text.rstrip("\n") + "\n\n" + entry
    return f"{head}\n{entry}\n## {rest}"


# ---------------------------------------------------------------- class_overrides


def class_name(schema: str) -> str:
    """The class openapi-python-client makes of a schema name (PascalCase of its words)."""
    words = re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", schema)
    return "".join(w[:1].upper() + w[1:] for w in words) or schema


def read_overrides(config_text: str) -> dict[str, str]:
    config = yaml.safe_load(config_text) or {}
    overrides = config.get("class_overrides") or {}
    return {key: value["class_name"] for key, value in overrides.items() if value.get("class_name")}


def write_overrides(config_text: str, overrides: dict[str, str]) -> str:
    """The config with its class_overrides block replaced (the rest of the file kept as is)."""
    kept: list[str] = []
    skipping = False
    for line in config_text.splitlines():
        if line == OVERRIDES_COMMENT:
            continue
        if line.startswith("class_overrides:"):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "\t")) or not line.strip()):
            continue
        skipping = False
        kept.append(line)
    text = "\n".join(kept).rstrip("\n") + "\n"
    if overrides:
        text += f"{OVERRIDES_COMMENT}\nclass_overrides:\n"
        for key in sorted(overrides):
            text += f"  {key}:\n    class_name: {overrides[key]}\n"
    return text


def plan_renames(
    renames: list[Rename], overrides: dict[str, str]
) -> tuple[list[tuple[Rename, str]], dict[str, str]]:
    """The class each renamed schema keeps, and the overrides that keep it."""
    updated = dict(overrides)
    kept: list[tuple[Rename, str]] = []
    for rename in renames:
        old_key = class_name(rename.schema_from)
        cls = updated.pop(old_key, old_key)
        updated[class_name(rename.schema_to)] = cls
        kept.append((rename, cls))
    return kept, {key: cls for key, cls in updated.items() if key != cls}


# ---------------------------------------------------------------- staging


def run(cmd: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=False, **kwargs)


def stage(tmp: Path, new_spec: Path, overrides: dict[str, str]) -> Path:
    """A copy of the tree with the new spec, regenerated, and its API report."""
    staging = tmp / "tree"
    for part in ("scripts", "facade"):
        shutil.copytree(ROOT / part, staging / part, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "redocly.yaml"):
        shutil.copy2(ROOT / name, staging / name)
    shutil.copyfile(new_spec, staging / "openapi.yaml")
    config = staging / "scripts" / "generator" / "config.yaml"
    config.write_text(write_overrides(config.read_text(encoding="utf-8"), overrides))
    env = {**os.environ, "PATH": f"{GENERATOR_PYTHON.parent}{os.pathsep}{os.environ['PATH']}"}
    generated = run(
        [
            str(GENERATOR_PYTHON),
            str(staging / "scripts" / "generate.py"),
            "--output",
            str(staging / "generated"),
        ],
        env=env,
    )
    if generated.returncode != 0:
        raise InvalidSpecError(
            f"the generator rejects the new spec:\n{generated.stdout}{generated.stderr}"
        )
    report = run(
        [
            sys.executable,
            str(ROOT / "scripts" / "api_report.py"),
            "--write",
            str(staging / "api.txt"),
        ],
        env={
            **os.environ,
            "PYTHONPATH": f"{staging / 'facade'}{os.pathsep}{staging / 'generated'}",
        },
    )
    if report.returncode != 0:
        raise RuntimeError(f"the API report of the regenerated tree failed:\n{report.stderr}")
    return staging


def make_plan(new_spec: Path, tmp: Path) -> Plan:
    spec_diff.validate(new_spec)
    spec_changes, renames = spec_diff.diff(SPEC, new_spec)
    config_text = GENERATOR_CONFIG.read_text(encoding="utf-8")
    renamed, overrides = plan_renames(renames, read_overrides(config_text))
    staging = stage(tmp, new_spec, overrides)
    committed = (
        API_REPORT.read_text(encoding="utf-8") if API_REPORT.exists() else api_report.build_report()
    )
    api_changes = api_report.compare(committed, (staging / "api.txt").read_text(encoding="utf-8"))
    return Plan(
        from_version=current_version(VERSION_FILE.read_text(encoding="utf-8")),
        spec_changes=spec_changes,
        api_changes=api_changes,
        renamed=renamed,
        class_overrides=overrides,
        staging=staging,
    )


# ---------------------------------------------------------------- writing and checking


def write(plan: Plan, new_spec: Path) -> None:
    shutil.copyfile(new_spec, SPEC)
    GENERATOR_CONFIG.write_text(
        write_overrides(GENERATOR_CONFIG.read_text(encoding="utf-8"), plan.class_overrides),
        encoding="utf-8",
    )
    # `make generate` itself, so that everything it keeps in step with the spec is written.
    generated = run(["make", "generate"], cwd=ROOT)
    if generated.returncode != 0:
        raise RuntimeError(f"make generate failed:\n{generated.stdout}{generated.stderr}")
    API_REPORT.parent.mkdir(exist_ok=True)
    shutil.copyfile(plan.staging / "api.txt", API_REPORT)
    VERSION_FILE.write_text(
        VERSION.sub(f'__version__ = "{plan.to_version}"', VERSION_FILE.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    old = CHANGELOG.read_text(encoding="utf-8") if CHANGELOG.exists() else "# Changelog\n"
    CHANGELOG.write_text(insert_changelog(old, changelog_entry(plan)), encoding="utf-8")


def check(commands: list[str]) -> tuple[bool, list[str]]:
    """Run each check in the bumped tree; one summary line per check, the output in a log."""
    CHECK_LOG.parent.mkdir(parents=True, exist_ok=True)
    summary: list[str] = []
    passed = True
    with CHECK_LOG.open("w", encoding="utf-8") as log:
        for command in commands:
            log.write(f"$ {command}\n")
            log.flush()
            result = subprocess.run(
                shlex.split(command), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, check=False
            )
            passed = passed and result.returncode == 0
            verdict = "passed" if result.returncode == 0 else f"FAILED (exit {result.returncode})"
            summary.append(f"{command}: {verdict}{pytest_tally(log.name, command)}")
    return passed, summary


def pytest_tally(log_path: str, command: str) -> str:
    """`  (512 passed, 3 skipped)` from the last pytest summary line in the log, if any."""
    lines = Path(log_path).read_text(encoding="utf-8").splitlines()
    start = max(i for i, line in enumerate(lines) if line == f"$ {command}")
    for line in reversed(lines[start:]):
        match = re.search(r"(\d+ (?:passed|failed)[^=]*?) in [\d.]+s", line)
        if match:
            return f"  ({match.group(1).strip(' =')})"
    return ""


# ---------------------------------------------------------------- the report


def render(plan: Plan, new_spec: Path) -> str:
    out = [f"Spec changes ({SPEC.name} -> {new_spec}): {len(plan.spec_changes)}"]
    out += [
        f"  {c.severity:5}  {c.rule:28}  {c.location}\n         {c.message}"
        for c in plan.spec_changes
    ]
    out.append(f"Python API changes ({API_REPORT.relative_to(ROOT)}): {len(plan.api_changes)}")
    out += [
        f"  {'breaking' if c.breaking else 'ok':8}  {c.kind:7}  {c.object}\n         {c.message}"
        for c in plan.api_changes
    ]
    for rename, cls in plan.renamed:
        out.append(f"Renamed schema {rename.schema_from} -> {rename.schema_to}: class {cls} kept")
    out.append(
        f"Semver: {plan.semver} (spec {plan.spec_semver}, Python API {plan.api_semver}): "
        f"{plan.from_version} -> {plan.to_version}"
    )
    if plan.semver != "none":
        out += ["", "CHANGELOG.md entry:", "", changelog_entry(plan)]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--spec", required=True, type=Path, help="the new OpenAPI document")
    parser.add_argument("--json", type=Path, help="also write the report as JSON to this file")
    parser.add_argument("--allow-breaking", action="store_true", help="bump even when it breaks")
    parser.add_argument("--dry-run", action="store_true", help="print the report, change nothing")
    parser.add_argument(
        "--check-command",
        action="append",
        help="a check to run on the bumped tree (repeatable; default: the steps of `make test`)",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    new_spec: Path = args.spec.resolve()
    with tempfile.TemporaryDirectory(prefix="tight-bump-") as tmp:
        try:
            plan = make_plan(new_spec, Path(tmp))
        except InvalidSpecError as exc:
            print(f"bump: invalid spec: {exc}\nNothing was changed.", file=sys.stderr)
            return EXIT_USAGE
        print(render(plan, new_spec))
        if args.json is not None:
            args.json.write_text(json.dumps(plan.to_json(), indent=2) + "\n", encoding="utf-8")
        if plan.semver == "none":
            print("Nothing to bump: no change to the spec or the Python API. Nothing was written.")
            return EXIT_OK
        if plan.semver == "major" and not args.allow_breaking:
            print(
                "Breaking changes (above): nothing was written. Re-run with --allow-breaking "
                "(make bump SPEC=... ALLOW_BREAKING=1) to release them as a major version."
            )
            return EXIT_BREAKING
        if args.dry_run:
            print("Dry run: nothing was written.")
            return EXIT_OK
        write(plan, new_spec)
    print(
        f"Bumped {plan.from_version} -> {plan.to_version}: wrote {SPEC.name}, generated/, "
        f"{API_REPORT.relative_to(ROOT)}, {VERSION_FILE.relative_to(ROOT)}, {CHANGELOG.name}"
        + (f", class_overrides in {GENERATOR_CONFIG.relative_to(ROOT)}" if plan.renamed else "")
        + f" ({time.monotonic() - started:.1f} s)"
    )
    checks = args.check_command if args.check_command is not None else list(DEFAULT_CHECKS)
    passed, summary = check(checks)
    print(f"Checks on the bumped tree ({CHECK_LOG.relative_to(ROOT)}):")
    print("\n".join(f"  {line}" for line in summary))
    took = f"bump took {time.monotonic() - started:.1f} s"
    print(took)
    with CHECK_LOG.open("a", encoding="utf-8") as log:
        log.write("\n".join(["", "Summary:", *summary, took, ""]))
    if not passed:
        print("The bumped tree fails its checks; it is left bumped for inspection.")
        return EXIT_CHECKS_FAILED
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
