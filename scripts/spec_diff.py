"""Validate an OpenAPI document and rate every change between two versions as major/minor/patch.

    python scripts/spec_diff.py OLD.yaml NEW.yaml     # prints one line per change

Redocly's `diff` (with `diff-recommended` switched on in redocly.yaml) finds and rates the
changes; the project's own rules then add what Redocly has no rule for, and re-rate what it
rates without knowing this SDK:

- closed-response-enum (major): a response schema gains an `enum` that is not the known-values
  branch of an open `anyOf: [<enum>, {type: string}]`; the generated client would reject a value
  the server adds later.
- closed-response-object (major): a response object gains `additionalProperties: false`.
- open-enum-value-added (minor): a value added to an enum that every use keeps open (Redocly
  rates every enum addition major).
- schema-renamed (patch): a schema that disappears while another with the same shape appears;
  the bump keeps its Python class name through the generator's `class_overrides`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
REDOCLY = ROOT / ".tools" / "node" / "node_modules" / ".bin" / "redocly"
REDOCLY_CONFIG = ROOT / "redocly.yaml"
SEVERITIES = ("none", "patch", "minor", "major")
# Keys that do not change what goes over the wire.
DOC_KEYS = frozenset({"description", "summary", "example", "examples", "title", "externalDocs"})
OWN_RULES = {
    "closed-response-enum": "major",
    "closed-response-object": "major",
    "open-enum-value-added": "minor",
    "schema-renamed": "patch",
}


@dataclass(frozen=True, order=True)
class SpecChange:
    severity: str
    rule: str
    location: str
    message: str

    def to_json(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class Rename:
    schema_from: str
    schema_to: str


class InvalidSpecError(Exception):
    """The document cannot be read or is not valid OpenAPI (the message says why)."""


def worst(severities: Iterator[str] | list[str]) -> str:
    return max(severities, key=SEVERITIES.index, default="none")


# ---------------------------------------------------------------- validation


def load(path: Path) -> dict[str, Any]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidSpecError(f"{path}: cannot read it ({exc})") from exc
    except yaml.YAMLError as exc:
        raise InvalidSpecError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(document, dict):
        raise InvalidSpecError(f"{path}: not an OpenAPI document (top level is not a mapping)")
    return document


def validate(path: Path) -> dict[str, Any]:
    """The document at `path`, or InvalidSpecError from the validator or Redocly lint."""
    from openapi_spec_validator import validate as validate_openapi

    document = load(path)
    try:
        validate_openapi(document)
    except Exception as exc:  # the validator raises several unrelated types
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InvalidSpecError(f"{path}: invalid OpenAPI ({message})") from exc
    lint = subprocess.run(
        [str(REDOCLY), "lint", str(path), f"--config={REDOCLY_CONFIG}", "--format=codeframe"],
        capture_output=True,
        text=True,
        check=False,
    )
    if lint.returncode != 0:
        problems = [line for line in lint.stdout.splitlines() if line.strip()][:20]
        raise InvalidSpecError(f"{path}: Redocly lint failed:\n" + "\n".join(problems))
    return document


# ---------------------------------------------------------------- Redocly's diff


def redocly_changes(old: Path, new: Path) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="tight-diff-") as tmp:
        report = Path(tmp) / "diff.json"
        result = subprocess.run(
            [
                str(REDOCLY),
                "diff",
                str(old),
                str(new),
                f"--config={REDOCLY_CONFIG}",
                "--format=json",
                "--fail-on=none",
                f"--output={report}",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0 or not report.exists():
            raise RuntimeError(f"redocly diff failed:\n{result.stdout}{result.stderr}")
        changes: list[dict[str, Any]] = json.loads(report.read_text(encoding="utf-8"))["changes"]
        return changes


def _pointer(change: dict[str, Any]) -> str:
    side = change.get("revision") or change.get("base") or {}
    return str(side.get("pointer") or change["path"])


def from_redocly(change: dict[str, Any]) -> list[SpecChange]:
    """Redocly's verdicts; a change no rule reports is `added` (minor) or `changed` (patch)."""
    verdicts = change.get("verdicts") or []
    if verdicts:
        return [
            SpecChange(v["impact"], v["ruleId"], v["location"]["pointer"], v["message"])
            for v in verdicts
        ]
    kind = change["kind"]
    what = change.get("property") or change.get("typeName", "item")
    location = _pointer(change)
    name = location.rsplit("/", 1)[-1].replace("~1", "/")
    if kind in {"added", "removed"}:
        what = "property" if "/properties/" in location else change["typeName"]
        message = f"{what} `{name}` {kind}"
        return [SpecChange(change["impact"], kind, location, message)]
    rule = "documentation-changed" if what in DOC_KEYS else "changed"
    return [SpecChange(change["impact"], rule, location, f"`{what}` changed")]


# ---------------------------------------------------------------- the project's own rules


def _resolve(document: dict[str, Any], ref: str) -> tuple[str, Any]:
    node: Any = document
    for part in ref.removeprefix("#/").split("/"):
        node = node.get(part.replace("~1", "/").replace("~0", "~"), {})
    return ref, node


def _is_open_string(schema: Any) -> bool:
    if not isinstance(schema, dict) or "enum" in schema or "$ref" in schema:
        return False
    kind = schema.get("type")
    return kind == "string" or (isinstance(kind, list) and "string" in kind)


def response_schemas(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """Every schema reachable from a response: (location, schema, open), each once.

    `open` is true for the known-values branch of an `anyOf` that also accepts any string.
    """
    seen: set[tuple[str, bool]] = set()
    stack: list[tuple[str, Any, bool]] = []
    for path, item in sorted((document.get("paths") or {}).items()):
        for method, operation in sorted(item.items()):
            if not isinstance(operation, dict):
                continue
            for status, response in sorted((operation.get("responses") or {}).items()):
                base = f"#/paths/{path.replace('/', '~1')}/{method}/responses/{status}"
                body = response
                if isinstance(response, dict) and "$ref" in response:
                    base, body = _resolve(document, response["$ref"])
                for media, content in sorted(((body or {}).get("content") or {}).items()):
                    if "schema" in content:
                        where = f"{base}/content/{media.replace('/', '~1')}/schema"
                        stack.append((where, content["schema"], False))
    while stack:
        where, schema, is_open = stack.pop()
        if not isinstance(schema, dict):
            continue
        if "$ref" in schema:
            where, schema = _resolve(document, schema["$ref"])
        if (where, is_open) in seen:
            continue
        seen.add((where, is_open))
        yield where, schema, is_open
        for key in ("properties", "patternProperties", "$defs"):
            for name, sub in sorted((schema.get(key) or {}).items()):
                stack.append((f"{where}/{key}/{name}", sub, False))
        for key in ("items", "additionalProperties", "not", "contains"):
            if isinstance(schema.get(key), dict):
                stack.append((f"{where}/{key}", schema[key], False))
        for key in ("anyOf", "oneOf", "allOf", "prefixItems"):
            branches = schema.get(key) or []
            opened = key in {"anyOf", "oneOf"} and any(_is_open_string(b) for b in branches)
            for index, sub in enumerate(branches):
                stack.append((f"{where}/{key}/{index}", sub, opened))


def forward_compat_violations(document: dict[str, Any]) -> dict[tuple[str, str], str]:
    """{(rule, location): message} for closed enums and closed objects in responses."""
    closed_enums = {where for where, s, is_open in response_schemas(document) if "enum" in s}
    open_enums = {where for where, s, is_open in response_schemas(document) if is_open}
    found: dict[tuple[str, str], str] = {}
    for where in sorted(closed_enums - open_enums):
        found[("closed-response-enum", where)] = (
            "a response enum that is not open (`anyOf: [<enum>, {type: string}]`): "
            "the generated client would reject a value the server adds later"
        )
    for where, schema, _ in response_schemas(document):
        if schema.get("additionalProperties") is False:
            found[("closed-response-object", where)] = (
                "a response object with `additionalProperties: false`: "
                "the generated client would reject a member the server adds later"
            )
    return found


def _every_enum_use_is_open(document: dict[str, Any], enum_pointer: str) -> bool:
    """True when every `$ref` to the enum schema is the known-values branch of an open anyOf."""
    target = enum_pointer.removesuffix("/enum")
    uses: list[bool] = []

    def visit(node: Any, parent_branches: list[Any] | None) -> None:
        if isinstance(node, dict):
            if node.get("$ref") == target:
                uses.append(
                    parent_branches is not None and any(_is_open_string(b) for b in parent_branches)
                )
            for key, value in node.items():
                visit(value, value if key in {"anyOf", "oneOf"} else None)
        elif isinstance(node, list):
            for item in node:
                visit(item, parent_branches)

    visit(document, None)
    return bool(uses) and all(uses)


def _shape(schema: Any, renames: dict[str, str]) -> Any:
    """The schema without documentation, with references to renamed schemas rewritten."""
    if isinstance(schema, dict):
        shaped = {}
        for key, value in schema.items():
            if key in DOC_KEYS:
                continue
            if key == "$ref" and isinstance(value, str):
                name = value.rsplit("/", 1)[-1]
                shaped[key] = value[: -len(name)] + renames.get(name, name)
            else:
                shaped[key] = _shape(value, renames)
        return shaped
    if isinstance(schema, list):
        return [_shape(item, renames) for item in schema]
    return schema


def find_renames(old: dict[str, Any], new: dict[str, Any]) -> list[Rename]:
    """Schemas that left `old` while a schema of the same shape arrived in `new`."""
    old_schemas = (old.get("components") or {}).get("schemas") or {}
    new_schemas = (new.get("components") or {}).get("schemas") or {}
    gone = sorted(set(old_schemas) - set(new_schemas))
    arrived = sorted(set(new_schemas) - set(old_schemas))
    pairs: dict[str, str] = {}
    for name in gone:
        for candidate in arrived:
            if candidate in pairs.values():
                continue
            trial = {**pairs, name: candidate}
            if _shape(old_schemas[name], trial) == _shape(new_schemas[candidate], {}):
                pairs[name] = candidate
                break
    return [Rename(a, b) for a, b in sorted(pairs.items())]


# ---------------------------------------------------------------- together

SCHEMA_KEY = re.compile(r"^#/components/schemas/([^/]+)$")


def diff(old_path: Path, new_path: Path) -> tuple[list[SpecChange], list[Rename]]:
    old, new = load(old_path), load(new_path)
    renames = find_renames(old, new)
    renamed = {r.schema_to for r in renames} | {r.schema_from for r in renames}
    changes: list[SpecChange] = []
    for raw in redocly_changes(old_path, new_path):
        match = SCHEMA_KEY.match(_pointer(raw))
        if match and match.group(1) in renamed and not raw.get("verdicts"):
            continue  # Redocly's view of a rename; reported below as schema-renamed
        for found in from_redocly(raw):
            change = found
            if found.rule == "enum-values-added" and _every_enum_use_is_open(new, found.location):
                change = SpecChange(
                    "minor",
                    "open-enum-value-added",
                    found.location,
                    f"{found.message} The enum is open: clients keep unknown values.",
                )
            changes.append(change)
    for rename in renames:
        changes.append(
            SpecChange(
                "patch",
                "schema-renamed",
                f"#/components/schemas/{rename.schema_to}",
                f"schema `{rename.schema_from}` renamed to `{rename.schema_to}` with the same "
                "shape; its Python class keeps its name",
            )
        )
    before = forward_compat_violations(old)
    for (rule, where), message in forward_compat_violations(new).items():
        if (rule, where) not in before:
            changes.append(SpecChange(OWN_RULES[rule], rule, where, message))
    return sorted(
        set(changes), key=lambda c: (-SEVERITIES.index(c.severity), c.location, c.rule)
    ), renames


def main() -> int:
    old, new = Path(sys.argv[1]), Path(sys.argv[2])
    changes, _ = diff(old, new)
    for change in changes:
        print(f"{change.severity:5}  {change.rule:28}  {change.location}  {change.message}")
    print(f"semver: {worst([c.severity for c in changes])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
