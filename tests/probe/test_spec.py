"""The spec the probe ships (a JSON copy of openapi.yaml inside the package) and how it turns
validation errors into JSON paths and spec pointers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from tight_customers.probe._expect import matches
from tight_customers.probe._spec import Spec, load_spec

ROOT = Path(__file__).resolve().parents[2]


def test_the_packaged_spec_is_openapi_yaml() -> None:
    shipped = ROOT / "facade" / "tight_customers" / "probe" / "openapi.json"
    source = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    assert json.loads(shipped.read_text(encoding="utf-8")) == source, "run `make probe-spec`"
    assert load_spec().document == source


def test_the_drift_check_passes_on_the_committed_copy() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "probe_spec.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def test_a_deviation_has_a_json_path_and_the_pointer_of_the_broken_keyword() -> None:
    spec = load_spec()
    page = {
        "result": "SUCCESS",
        "data": [
            {"id": "cus_1", "name": "A", "status": "ACTIVE"},
            {"id": "cus_2", "name": "B", "status": 7, "address": {"city": 3}},
        ],
        "cursor": {"after": 5},
    }
    found = {
        (d.json_path, d.spec_pointer)
        for d in spec.validate(page, "/components/schemas/CustomerPage")
    }
    assert found == {
        ("$.data[1].status", "/components/schemas/CustomerStatusValue/anyOf"),
        ("$.data[1].address.city", "/components/schemas/Address/properties/city/type"),
        ("$.cursor.after", "/components/schemas/Cursor/properties/after/type"),
    }


def test_a_valid_item_seen_before_is_still_reported_at_its_new_place() -> None:
    spec = Spec(load_spec().document)
    good = {"id": "cus_1", "name": "A", "status": "ACTIVE"}
    bad = {"id": "cus_2", "name": 5, "status": "ACTIVE"}
    where = "/components/schemas/CustomerPage"
    assert spec.validate({"result": "SUCCESS", "data": [good]}, where) == []
    found = spec.validate({"result": "SUCCESS", "data": [good, bad]}, where)
    assert [d.json_path for d in found] == ["$.data[1].name"]
    # Invalid items are never remembered as valid.
    again = spec.validate({"result": "SUCCESS", "data": [bad]}, where)
    assert [d.json_path for d in again] == ["$.data[0].name"]


def test_documented_responses_are_located_through_their_refs() -> None:
    spec = load_spec()
    assert spec.response_schema("GET", "/v6/customers/{id}", 404) == (
        "/components/responses/NotFound",
        "/components/schemas/ErrorResult",
    )
    assert spec.response_schema("GET", "/v6/customers/{id}", 400) is None


def test_the_expected_answers_follow_the_spec_semantics() -> None:
    acme = {"id": "c1", "name": "Acme", "status": "ACTIVE", "email": None}
    beta = {"id": "c2", "name": "beta", "status": "INACTIVE", "email": "b@x.io"}
    assert matches(acme, {"name": {"contain": "CM"}})
    assert not matches(acme, {"email": {"greaterThanEqual": ""}})
    assert matches(acme, {"email": {"notEqual": "b@x.io"}})
    assert matches(beta, {"name": {"greaterThan": "Acme"}})  # 'b' > 'A' by code point
    assert not matches(beta, {"status": {"notIn": ["INACTIVE"]}})
    chain = {"id": "r", "child": {"id": "m", "child": {"id": "leaf", "child": None}}}
    placed = {**acme, "classSegments": [chain]}
    assert matches(placed, {"classSegments": {"expand": True, "id": {"in": ["m"]}}})
    assert not matches(placed, {"classSegments": {"expand": False, "id": {"in": ["m"]}}})
    assert matches(placed, {"classSegments": {"expand": False, "id": {"in": ["leaf"]}}})
