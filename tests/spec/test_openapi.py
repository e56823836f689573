"""openapi.yaml is a valid OpenAPI 3.1 document and describes everything the docs show."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from tests.openapi_support import (
    SPEC_PATH,
    resolve_ref,
    spec,
    validate_request_body,
    validate_response,
    validate_schema,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
QUERY = "/v6/customers/query"


def docs_request() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((FIXTURES / "docs_query_request.json").read_text())
    return loaded


def docs_response() -> dict[str, Any]:
    """The docs' response example with the recursive-type placeholder replaced by null."""
    loaded: dict[str, Any] = json.loads((FIXTURES / "docs_query_response.json").read_text())
    chain = loaded["data"][0]["classSegments"][0]
    assert chain["child"]["child"] == "<unknown>"
    chain["child"]["child"] = None
    return loaded


def test_spec_is_valid_openapi_3_1() -> None:
    spec_dict, base_uri = read_from_filename(str(SPEC_PATH))
    validate(spec_dict, base_uri=base_uri)
    assert spec_dict["openapi"].startswith("3.1")


def test_docs_request_example_validates() -> None:
    validate_request_body(QUERY, "post", docs_request())


def test_docs_response_example_validates() -> None:
    validate_response(QUERY, "post", 200, docs_response())


def test_request_schema_rejects_unknown_members() -> None:
    body = docs_request()
    body["filter"]["name"]["like"] = "acme"
    with pytest.raises(AssertionError, match="like"):
        validate_request_body(QUERY, "post", body)


@pytest.mark.parametrize("limit", [0, 1001, "100"])
def test_request_schema_rejects_bad_limits(limit: object) -> None:
    with pytest.raises(AssertionError, match="limit"):
        validate_request_body(QUERY, "post", {"limit": limit})


@pytest.mark.parametrize(
    ("schema", "value"),
    [
        ("CustomerStatusValue", "ARCHIVED"),
        ("RequirednessValue", "SOMETIMES"),
        ("ResultValue", "PARTIAL_SUCCESS"),
        ("ErrorTypeValue", "QUOTA_EXCEEDED"),
    ],
)
def test_extensible_enums_accept_unknown_values(schema: str, value: str) -> None:
    validate_schema(schema, value)


def test_customer_with_unknown_status_and_fields_is_valid() -> None:
    customer = docs_response()["data"][0]
    customer["status"] = "ARCHIVED"
    customer["loyaltyTier"] = "gold"
    validate_schema("Customer", customer)


def test_error_envelope_with_several_errors_validates() -> None:
    body = {
        "result": "FAILURE",
        "data": None,
        "error": [
            {"type": "INVALID_VALUE", "message": "limit too large", "param": "limit"},
            {"type": "BAD_REQUEST", "message": "unknown operator", "param": "filter.name.like"},
        ],
    }
    for status in (400, 401, 403, 429, 500, 503, 504):
        validate_response(QUERY, "post", status, body)
    validate_response("/v6/customers/{id}", "get", 404, body)


def test_undocumented_status_is_reported() -> None:
    with pytest.raises(AssertionError, match="does not document"):
        validate_response(QUERY, "post", 418, {"result": "FAILURE", "error": []})


def test_every_schema_and_property_has_a_description() -> None:
    missing: list[str] = []
    for name, schema in spec()["components"]["schemas"].items():
        if "description" not in schema:
            missing.append(name)
        for prop, sub in schema.get("properties", {}).items():
            if "description" not in sub and "$ref" not in sub:
                missing.append(f"{name}.{prop}")
    assert missing == []


def test_no_anonymous_inline_objects_in_operations() -> None:
    """Request and response bodies are named component schemas, so users see named types."""
    for path, item in spec()["paths"].items():
        for method, operation in item.items():
            for content in operation.get("requestBody", {}).get("content", {}).values():
                assert "$ref" in content["schema"], f"{method} {path} request"
            for status, response in operation["responses"].items():
                for content in response.get("content", {}).values():
                    assert "$ref" in content["schema"], f"{method} {path} {status}"


# ---------------------------------------------------------------- coverage of the docs' examples


def json_paths(value: Any, prefix: str = "$") -> Iterator[str]:
    """Every path in a JSON document, with array indices written as [*]."""
    yield prefix
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from json_paths(sub, f"{prefix}.{key}")
    elif isinstance(value, list):
        for sub in value:
            yield from json_paths(sub, f"{prefix}[*]")


def _deref(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = resolve_ref(schema["$ref"])
    return schema


def _alternatives(schema: dict[str, Any]) -> list[dict[str, Any]]:
    schema = _deref(schema)
    options = schema.get("anyOf") or schema.get("oneOf")
    if options:
        return [alt for option in options for alt in _alternatives(option)]
    return [schema]


def described(schema: dict[str, Any], steps: list[str]) -> bool:
    """True when the schema names (not merely tolerates) every step of the path."""
    if not steps:
        return True
    step, rest = steps[0], steps[1:]
    for alt in _alternatives(schema):
        if step == "[*]" and "items" in alt and described(alt["items"], rest):
            return True
        properties = alt.get("properties", {})
        if step != "[*]" and step in properties and described(properties[step], rest):
            return True
    return False


def split_path(path: str) -> list[str]:
    steps: list[str] = []
    for part in path.removeprefix("$").replace("[*]", ".[*]").split("."):
        if part:
            steps.append(part)
    return steps


FREE_FORM = ("$.data[*].customData.",)


def coverage(example: Any, schema: dict[str, Any]) -> tuple[list[str], list[str]]:
    paths = sorted(set(json_paths(example)))
    checked = [p for p in paths if not p.startswith(FREE_FORM)]
    missing = [p for p in checked if not described(schema, split_path(p))]
    return checked, missing


def test_every_path_in_the_docs_examples_is_described() -> None:
    components = spec()["components"]["schemas"]
    checked_req, missing_req = coverage(docs_request(), components["CustomerQuery"])
    checked_resp, missing_resp = coverage(docs_response(), components["CustomerPage"])
    assert missing_req == []
    assert missing_resp == []
    # 39 request paths and 51 response paths (customData's free-form members excluded: the
    # spec declares that object open on purpose).
    assert (len(checked_req), len(checked_resp)) == (39, 51)


def test_coverage_check_notices_an_undescribed_path() -> None:
    example = copy.deepcopy(docs_response())
    example["data"][0]["address"]["planet"] = "Mars"
    _, missing = coverage(example, spec()["components"]["schemas"]["CustomerPage"])
    assert missing == ["$.data[*].address.planet"]
