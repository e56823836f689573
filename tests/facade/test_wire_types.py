"""A member whose JSON type contradicts openapi.yaml fails the page with a `ResponseParseError`
naming the customer and the member; nothing is reshaped silently. Unknown members and unknown
enum values stay tolerated. (The sandbox validates what it serves against the spec, so these
bodies come from a scripted transport.)"""

from __future__ import annotations

from typing import Any

import pytest

import tight_customers as tc
from tests.facade.conftest import Script, customer, envelope, json_response, scripted_client

CONTRADICTIONS = [
    ({"ccEmails": "a@b.example"}, "ccEmails: expected array, got string"),
    ({"bccEmails": ["x@y.example", 7]}, r"bccEmails\[1\]: expected string, got number"),
    ({"name": ["Acme", "Corp"]}, "name: expected string, got array"),
    ({"email": 5}, "email: expected string, got number"),
    ({"address": {"city": ["Paris"]}}, r"address\.city: expected string, got array"),
    ({"invoiceSettings": {"showName": "yes"}}, r"invoiceSettings\.showName: expected boolean"),
    ({"createdDateTime": 1700000000}, "createdDateTime: expected a date-time string, got number"),
    ({"customData": ["not", "an", "object"]}, "customData: expected object, got array"),
    (
        {"classSegments": [{"id": "cls_1", "child": {"id": "cls_2", "name": 9}}]},
        r"classSegments\[0\]\.child\.name: expected string, got number",
    ),
]


@pytest.mark.parametrize(("change", "message"), CONTRADICTIONS, ids=lambda v: str(v)[:30])
def test_a_contradicting_member_names_the_customer_and_the_member(
    change: dict[str, Any], message: str
) -> None:
    body = envelope([customer("cus_ok"), customer("cus_bad", **change)])
    script = Script(json_response(200, body))
    with pytest.raises(tc.ResponseParseError, match=rf"customer 'cus_bad': data\[1\]\.{message}"):
        scripted_client(script).customers.query()
    assert len(script.requests) == 1  # a wrong shape is not retried


def test_a_number_id_is_named_by_its_position() -> None:
    numbered = customer(5)  # type: ignore[arg-type]
    script = Script(json_response(200, envelope([customer("cus_ok"), numbered])))
    with pytest.raises(tc.ResponseParseError, match=r"data\[1\]\.id: expected string, got number"):
        scripted_client(script).customers.query()


def test_get_names_the_customer_too() -> None:
    script = Script(json_response(200, envelope(customer("cus_7", ccEmails="a@b.example"))))
    with pytest.raises(tc.ResponseParseError, match=r"customer 'cus_7': data\.ccEmails: expected"):
        scripted_client(script).customers.get("cus_7")


def test_items_already_yielded_stay_yielded() -> None:
    good = envelope([customer("cus_1")], cursor={"after": "c1"})
    bad = envelope([customer("cus_2", ccEmails="a@b.example")], cursor={"after": None})
    script = Script(json_response(200, good), json_response(200, bad))
    seen: list[str] = []
    with pytest.raises(tc.ResponseParseError, match="cus_2"):
        for item in scripted_client(script).customers.iterate(page_size=1):
            seen.append(item.id)
    assert seen == ["cus_1"]


def test_unknown_members_and_enum_values_are_still_kept() -> None:
    odd = customer(
        "cus_odd",
        status="ON_HOLD",
        loyalty={"tier": 3},
        classSegments=[{"id": "cls_1", "label": {"id": "cll_1", "requiredness": "MAYBE"}}],
    )
    script = Script(json_response(200, envelope([odd])))
    [got] = scripted_client(script).customers.query().data
    assert got.status == "ON_HOLD" and got["loyalty"] == {"tier": 3}
    assert got.class_segments is not None and got.class_segments[0].label is not None
    assert got.class_segments[0].label.requiredness == "MAYBE"
    assert got.to_dict() == odd
