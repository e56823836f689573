"""The rating rules of the bump, one by one, without running the tools."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from tests.bump.conftest import ROOT


def script(name: str) -> ModuleType:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(ROOT / "scripts"))


api_report = script("api_report")
bump = script("bump")
spec_diff = script("spec_diff")

OLD = "method(self, a: int, *, b: str = 'x') -> None"


@pytest.mark.parametrize(
    ("new", "breaking"),
    [
        ("method(self, a: int, *, b: str = 'x', c: int = 1) -> None", False),
        ("method(self, a: int, *, b: str = 'y') -> None", False),
        ("method(self, a: int, *, b: str = 'x', c: int) -> None", True),
        ("method(self, a: int, *, b: str) -> None", True),
        ("method(self, a: str, *, b: str = 'x') -> None", True),
        ("method(self, *, a: int, b: str = 'x') -> None", True),
        ("method(self, a: int) -> None", True),
        ("method(self, a: int, *, b: str = 'x') -> int", True),
        ("async method(self, a: int, *, b: str = 'x') -> None", True),
    ],
)
def test_signature_changes_are_rated_for_callers(new: str, breaking: bool) -> None:
    change = api_report.classify("pkg.C.m", OLD, new)
    assert change.kind == "changed"
    assert change.breaking is breaking, change.message


def test_compare_reports_removed_added_and_changed_once_per_object() -> None:
    old = "pkg.A  class()\npkg.A.x  field: int\npkg.B  class()\npkg.f  function() -> int\n"
    new = "pkg.B  class()\npkg.B.y  field: str\npkg.C  class()\npkg.C.z  field: int\n"
    new += "pkg.f  function() -> str\n"
    changes = {c.object: c for c in api_report.compare(old, new)}
    assert set(changes) == {"pkg.A", "pkg.B.y", "pkg.C", "pkg.f"}
    assert changes["pkg.A"].kind == "removed" and changes["pkg.A"].breaking
    assert changes["pkg.B.y"].kind == "added" and not changes["pkg.B.y"].breaking
    assert changes["pkg.C"].semver == "minor"
    assert changes["pkg.f"].breaking


def test_field_type_change_breaks_and_base_added_does_not() -> None:
    assert api_report.classify("p.M.f", "field: str", "field: str | None").breaking
    assert not api_report.classify("p.E", "class(p.Base)", "class(p.Base, p.Mixin)").breaking
    assert api_report.classify("p.E", "class(p.Base)", "class(p.Other)").breaking


def test_check_api_fails_with_a_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    committed = tmp_path / "api.txt"
    committed.write_text("x\n", encoding="utf-8")
    assert api_report.check(committed, "y\n") == 1
    out = capsys.readouterr()
    assert "-x" in out.out and "+y" in out.out and "make api-report" in out.err
    assert api_report.check(committed, "x\n") == 0


def test_report_lists_attrs_inits_generated_models_and_attributes() -> None:
    report = api_report.parse(api_report.build_report())
    assert report["tight_customers.TightClient.customers"].startswith("attribute: Customers")
    assert "tight_customers._resources.Customers.query" in report
    # The generated model behind Customer.address is listed, whether exported or only reached.
    (address,) = [p for p in report if p.endswith(".Address")]
    assert report[address].startswith("attrs class")
    assert f"{address}.city" in report
    assert report["tight_customers.Customer.__init__"].startswith("constructor(id: str")
    assert "at 0x" not in "".join(report.values())


def test_overrides_replace_only_their_block() -> None:
    config = "a: 1\nclass_overrides:\n  Old:\n    class_name: X\npost_hooks:\n  - x\n"
    text = bump.write_overrides(config, {"New": "Address"})
    assert yaml.safe_load(text) == {
        "a": 1,
        "post_hooks": ["x"],
        "class_overrides": {"New": {"class_name": "Address"}},
    }
    assert "class_overrides" not in bump.write_overrides(text, {})


def test_a_renamed_class_keeps_its_first_name_across_renames() -> None:
    _, overrides = bump.plan_renames([spec_diff.Rename("Address", "PostalAddress")], {})
    assert overrides == {"PostalAddress": "Address"}
    second, overrides = bump.plan_renames([spec_diff.Rename("PostalAddress", "Place")], overrides)
    assert overrides == {"Place": "Address"}
    assert second[0][1] == "Address"


def test_renames_need_the_same_shape() -> None:
    base = {"type": "object", "properties": {"a": {"type": "string"}}}
    old = {"components": {"schemas": {"Old": base}}}
    same = {"components": {"schemas": {"New": {**base, "description": "docs differ"}}}}
    other = {"components": {"schemas": {"New": {"type": "object"}}}}
    assert spec_diff.find_renames(old, same) == [spec_diff.Rename("Old", "New")]
    assert spec_diff.find_renames(old, other) == []


def test_forward_compat_rules_see_closed_enums_and_objects_in_responses_only() -> None:
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    assert spec_diff.forward_compat_violations(spec) == {}
    schemas = spec["components"]["schemas"]
    schemas["Cursor"]["additionalProperties"] = False
    schemas["ClassLabel"]["properties"]["requiredness"] = {
        "$ref": "#/components/schemas/Requiredness"
    }
    found = spec_diff.forward_compat_violations(spec)
    assert set(found) == {
        ("closed-response-object", "#/components/schemas/Cursor"),
        ("closed-response-enum", "#/components/schemas/Requiredness"),
    }


@pytest.mark.parametrize(
    ("version", "semver", "expected"),
    [
        ("0.1.0", "major", "1.0.0"),
        ("1.4.2", "minor", "1.5.0"),
        ("1.4.2", "patch", "1.4.3"),
        ("1.4.2", "none", "1.4.2"),
    ],
)
def test_next_version(version: str, semver: str, expected: str) -> None:
    assert bump.next_version(version, semver) == expected
