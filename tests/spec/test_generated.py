"""The generated client (generated/tight_api) parses what the API sends, including what it does
not know yet."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from tight_api.models import (
    Address,
    ClassSegment,
    Customer,
    CustomerPage,
    CustomerQuery,
    CustomerStatus,
    ErrorResult,
    ErrorType,
    Requiredness,
)
from tight_api.types import WireTypeError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def docs_response() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((FIXTURES / "docs_query_response.json").read_text())
    return loaded


def test_docs_response_round_trips_exactly() -> None:
    original = docs_response()
    page = CustomerPage.from_dict(original)
    assert page.to_dict() == original  # `Z` stays `Z`, the "<unknown>" marker stays
    assert json.loads(page.data[0].to_json()) == original["data"][0]


def test_absent_and_null_members_round_trip_as_they_came() -> None:
    raw = {"id": "cus_1", "name": "N", "status": "ACTIVE", "email": None, "address": {"city": None}}
    customer = Customer.from_dict(raw)
    assert customer.email is None and customer.business_name is None  # null and absent alike
    assert customer.address is not None and customer.address.city is None
    assert customer.to_dict() == raw  # email stays null, businessName stays absent
    assert customer == Customer(
        id="cus_1", name="N", status=CustomerStatus.ACTIVE, address=Address()
    )  # presence is not part of equality
    assert "email" not in repr(customer)
    customer.email = "a@b.example"
    customer.business_name = "Biz"
    assert customer.to_dict()["email"] == "a@b.example"
    assert customer.to_dict()["businessName"] == "Biz"
    customer.email = None  # received as null, set back to None: null again
    assert customer.to_dict()["email"] is None


def test_a_changed_datetime_is_written_in_isoformat() -> None:
    customer = Customer.from_dict(docs_response()["data"][0])
    assert customer.to_dict()["createdDateTime"] == "2023-11-07T05:31:56Z"
    customer.created_date_time = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    assert customer.to_dict()["createdDateTime"] == "2024-01-02T03:04:05+00:00"


def test_the_same_instant_at_another_offset_is_written_as_set() -> None:
    customer = Customer.from_dict(docs_response()["data"][0])
    plus_one = datetime.timezone(datetime.timedelta(hours=1))
    customer.created_date_time = datetime.datetime(2023, 11, 7, 6, 31, 56, tzinfo=plus_one)
    assert customer.to_dict()["createdDateTime"] == "2023-11-07T06:31:56+01:00"
    customer.created_date_time = None  # received as a date-time, cleared: written as null
    assert customer.to_dict()["createdDateTime"] is None


def test_the_docs_customer_repr_is_compact() -> None:
    customer = Customer.from_dict(docs_response()["data"][0])
    text = repr(customer)
    assert len(text) < 400
    assert text.startswith("Customer(id='cus_28868401', name='Acme Corp', status='ACTIVE', ")
    assert "Unset" not in text and "additional_properties" not in text and "<Req" not in text
    assert "class_segments=[ClassSegment(id='cls_593051', …)]" in text
    assert repr(customer.class_segments[0].label) == (  # type: ignore[index]
        "ClassLabel(id='cll_4521', name='Region', requiredness='NOT_REQUIRED')"
    )


def test_docs_response_parses_to_typed_models() -> None:
    page = CustomerPage.from_dict(docs_response())
    assert isinstance(page.data, list)
    customer = page.data[0]
    assert customer.id == "cus_28868401"
    assert customer.status == CustomerStatus.ACTIVE
    assert customer.created_date_time == datetime.datetime(
        2023, 11, 7, 5, 31, 56, tzinfo=datetime.UTC
    )
    assert customer.custom_data is not None
    assert customer.custom_data.additional_properties == {
        "internal_key": "some_internal_key",
        "some_other_field": 23434,
    }
    assert customer.class_segments is not None
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
    segment: ClassSegment | None = ClassSegment.from_dict(segment_chain(5))
    names = []
    while isinstance(segment, ClassSegment):
        names.append(segment.name)
        assert segment.label is not None
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
    assert customer.email is None
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
    assert result.error is not None
    assert result.error[0].type_ == ErrorType.EXPIRED_TOKEN
    assert result.error[1].type_ == "QUOTA_EXCEEDED"
    assert result.to_dict() == body


CONTRADICTIONS = [
    ({"ccEmails": "a@b.example"}, "ccEmails: expected array, got string"),
    ({"ccEmails": ["a@b.example", 5]}, r"ccEmails\[1\]: expected string, got number"),
    ({"id": 5}, "id: expected string, got number"),
    ({"name": ["A", "B"]}, "name: expected string, got array"),
    ({"status": 1}, "status: expected string, got number"),
    ({"address": "Main St"}, "address: expected object, got string"),
    ({"address": {"city": 7}}, r"address\.city: expected string, got number"),
    ({"invoiceSettings": {"showName": "yes"}}, "invoiceSettings.showName: expected boolean"),
    ({"createdDateTime": "yesterday"}, "createdDateTime: expected a date-time string"),
    (
        {"classSegments": [{"id": "s", "child": {"id": "t", "name": 3}}]},
        r"classSegments\[0\]\.child\.name: expected string, got number",
    ),
    ({"classSegments": [{"id": "s", "label": {"id": 1}}]}, r"classSegments\[0\]\.label\.id"),
    ({"name": None}, "name: expected string, got null"),
]


@pytest.mark.parametrize(("change", "message"), CONTRADICTIONS, ids=lambda v: str(v)[:40])
def test_a_member_whose_json_type_contradicts_the_spec_is_an_error(
    change: dict[str, Any], message: str
) -> None:
    raw = {**docs_response()["data"][0], **change}
    with pytest.raises(WireTypeError, match=message):
        Customer.from_dict(raw)


def test_unknown_members_and_enum_values_stay_tolerated() -> None:
    raw = {**docs_response()["data"][0], "status": "ON_HOLD", "brandNew": [1, {"x": None}]}
    customer = Customer.from_dict(raw)
    assert customer.status == "ON_HOLD" and customer["brandNew"] == [1, {"x": None}]
    assert customer.to_dict() == raw
