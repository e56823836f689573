"""What users see of the models: importable from tight_customers, no `Unset` anywhere in the
public surface, compact reprs, and parse errors that stay typed however deep the data goes."""

from __future__ import annotations

import inspect
import json
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest

import tight_customers as tc
from tight_customers import _adapter, segments
from tight_customers._adapter import BodyShapeError

ROOT = Path(__file__).resolve().parent.parent.parent
MODELS = ["Customer", "ClassSegment", "ClassLabel", "Address", "InvoiceSettings", "CustomData"]


def docs_customer() -> dict[str, Any]:
    body = json.loads((ROOT / "tests" / "fixtures" / "docs_query_response.json").read_text())
    customer: dict[str, Any] = body["data"][0]
    return customer


def public_objects() -> list[Any]:
    found = [getattr(tc, name) for name in tc.__all__ if name != "__version__"]
    found += [getattr(segments, name) for name in segments.__all__]
    return found


def annotation_texts(obj: Any) -> list[str]:
    texts: list[str] = []
    if attrs.has(obj):
        texts += [str(f.type) for f in attrs.fields(obj)]
    members = inspect.getmembers(obj, callable) if inspect.isclass(obj) else [("", obj)]
    for _name, member in members:
        try:
            texts.append(str(inspect.signature(member)))
        except (TypeError, ValueError):
            continue
    if inspect.isclass(obj):
        texts += [str(v) for v in getattr(obj, "__annotations__", {}).values()]
    return texts


def test_the_models_and_their_field_types_are_importable_from_tight_customers() -> None:
    from tight_api import models

    for name in [*MODELS, "CustomerStatus", "Requiredness"]:
        assert getattr(tc, name) is getattr(models, name)
        assert name in tc.__all__
    customer = typing.get_type_hints(tc.Customer)
    assert customer["address"] == tc.Address | None
    assert customer["status"] == tc.CustomerStatus | str


@pytest.mark.parametrize("obj", public_objects(), ids=lambda o: getattr(o, "__name__", repr(o)))
def test_no_public_annotation_mentions_unset(obj: Any) -> None:
    for text in annotation_texts(obj):
        assert "Unset" not in text and "UNSET" not in text, text


def test_no_unset_in_the_docs() -> None:
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text()
        assert "Unset" not in text and "UNSET" not in text, doc.name


def test_the_docs_customer_repr_is_short_and_leads_with_id_name_status() -> None:
    customer = tc.Customer.from_dict(docs_customer())
    text = repr(customer)
    assert len(text) < 400, len(text)
    assert text.startswith("Customer(id='cus_28868401', name='Acme Corp', status='ACTIVE', ")
    assert "created_date_time=2023-11-07T05:31:56Z" in text
    bare = tc.Customer.from_dict({"id": "c", "name": "N", "status": "NEW", "x": 1, "email": None})
    assert repr(bare) == "Customer(id='c', name='N', status='NEW', additional_properties={'x': 1})"


def test_page_and_customers_say_what_they_are() -> None:
    client = tc.TightClient(token="tkn_secret_value", base_url="https://api.example.test")
    assert repr(client.customers) == (
        "<Customers of https://api.example.test: query, get, iterate, pages>"
    )
    assert "tkn_secret_value" not in repr(client.customers)
    client.close()


def test_to_dict_and_to_json_reproduce_what_was_received() -> None:
    raw = docs_customer()
    customer = tc.Customer.from_dict(raw)
    assert customer.to_dict() == raw
    assert json.loads(customer.to_json()) == raw
    assert customer.to_json(indent=2).startswith("{\n  ")


def deep_chain(depth: int) -> dict[str, Any]:
    node: dict[str, Any] = {"id": "leaf", "child": None}
    for level in range(depth):
        node = {"id": f"s{level}", "child": node}
    return node


@pytest.mark.parametrize("parse", [_adapter.parse_customer_page, _adapter.parse_customer])
def test_a_50000_deep_decoded_chain_is_nested_too_deeply_not_a_recursion_error(parse: Any) -> None:
    customer = {
        "id": "cus_1",
        "name": "n",
        "status": "ACTIVE",
        "classSegments": [deep_chain(50_000)],
    }
    body = {
        "result": "SUCCESS",
        "data": [customer] if parse is _adapter.parse_customer_page else customer,
    }
    with pytest.raises(BodyShapeError, match="nested too deeply") as info:
        parse(body)
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_a_long_but_parseable_chain_keeps_every_segment() -> None:
    customer = tc.Customer.from_dict(
        {"id": "cus_1", "name": "n", "status": "ACTIVE", "classSegments": [deep_chain(200)]}
    )
    assert customer.class_segments is not None
    assert len(segments.chain(customer.class_segments[0])) == 201
