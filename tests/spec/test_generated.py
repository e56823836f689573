"""The generated client (generated/tight_api) parses what the API sends, including what it does
not know yet."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from tight_api.models import (
    ClassSegment,
    Customer,
    CustomerPage,
    CustomerQuery,
    CustomerStatus,
    ErrorResult,
    ErrorType,
    Requiredness,
)
from tight_api.types import Unset

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def docs_response() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((FIXTURES / "docs_query_response.json").read_text())
    loaded["data"][0]["classSegments"][0]["child"]["child"] = None
    return loaded


def normalise_datetimes(value: Any) -> Any:
    """The models write datetimes with isoformat(): `Z` comes back as `+00:00`, same instant."""
    if isinstance(value, dict):
        return {k: normalise_datetimes(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise_datetimes(v) for v in value]
    if isinstance(value, str) and value.endswith("Z") and "T" in value:
        return datetime.datetime.fromisoformat(value).isoformat()
    return value


def test_docs_response_round_trips() -> None:
    original = docs_response()
    page = CustomerPage.from_dict(original)
    assert normalise_datetimes(page.to_dict()) == normalise_datetimes(original)


def test_docs_response_parses_to_typed_models() -> None:
    page = CustomerPage.from_dict(docs_response())
    assert isinstance(page.data, list)
    customer = page.data[0]
    assert customer.id == "cus_28868401"
    assert customer.status == CustomerStatus.ACTIVE
    assert customer.created_date_time == datetime.datetime(
        2023, 11, 7, 5, 31, 56, tzinfo=datetime.UTC
    )
    assert not isinstance(customer.custom_data, Unset)
    assert customer.custom_data.additional_properties == {
        "internal_key": "some_internal_key",
        "some_other_field": 23434,
    }
    assert not isinstance(customer.class_segments, Unset)
    root = customer.class_segments[0]
    assert isinstance(root.child, ClassSegment)
    assert root.child.name == "Washington DC"
    assert root.child.child is None


def test_docs_request_round_trips() -> None:
    request = json.loads((FIXTURES / "docs_query_request.json").read_text())
    assert CustomerQuery.from_dict(request).to_dict() == request


def segment_chain(depth: int) -> dict[str, Any]:
    node: dict[str, Any] | None = None
    for level in reversed(range(depth)):
        node = {
            "id": f"cls_{level}",
            "name": f"Level {level}",
            "label": {"id": f"cll_{level}", "name": f"L{level}", "requiredness": "REQUIRED"},
            "child": node,
        }
    assert node is not None
    return node


def test_five_deep_chain_parses_to_nested_models() -> None:
    segment: ClassSegment | Unset | str | None = ClassSegment.from_dict(segment_chain(5))
    names = []
    while isinstance(segment, ClassSegment):
        names.append(segment.name)
        assert not isinstance(segment.label, Unset)
        assert segment.label.requiredness == Requiredness.REQUIRED
        segment = segment.child
    assert names == [f"Level {n}" for n in range(5)]
    assert segment is None


def test_unknown_enum_values_are_kept_raw() -> None:
    body = docs_response()
    customer = body["data"][0]
    customer["status"] = "ARCHIVED"
    customer["classSegments"][0]["label"]["requiredness"] = "SOMETIMES"
    page = CustomerPage.from_dict(body)
    parsed = page.data[0]
    assert parsed.status == "ARCHIVED"
    assert not isinstance(parsed.status, CustomerStatus)
    assert page.to_dict()["data"][0]["status"] == "ARCHIVED"
    assert page.to_dict()["data"][0]["classSegments"][0]["label"]["requiredness"] == "SOMETIMES"


def test_unknown_fields_are_kept() -> None:
    body = docs_response()
    body["requestId"] = "req_1"
    body["data"][0]["loyaltyTier"] = {"level": 3}
    body["data"][0]["address"]["planet"] = "Earth"
    page = CustomerPage.from_dict(body)
    assert page.additional_properties == {"requestId": "req_1"}
    assert page.data[0].additional_properties == {"loyaltyTier": {"level": 3}}
    assert page.to_dict()["data"][0]["address"]["planet"] == "Earth"


def test_missing_optional_fields_are_fine() -> None:
    customer = Customer.from_dict({"id": "cus_1", "name": "Bare", "status": "INACTIVE"})
    assert isinstance(customer.email, Unset)
    assert customer.to_dict() == {"id": "cus_1", "name": "Bare", "status": "INACTIVE"}


def test_error_envelope_with_unknown_type_parses() -> None:
    body = {
        "result": "FAILURE",
        "data": None,
        "error": [
            {"type": "EXPIRED_TOKEN", "message": "expired", "param": "Authorization"},
            {"type": "QUOTA_EXCEEDED", "message": "new kind", "param": None},
        ],
    }
    result = ErrorResult.from_dict(body)
    assert not isinstance(result.error, Unset)
    assert result.error[0].type_ == ErrorType.EXPIRED_TOKEN
    assert result.error[1].type_ == "QUOTA_EXCEEDED"
    assert result.to_dict() == body
