"""The series of spec versions the bump tests use: today's openapi.yaml with one kind of change.

Each version is built from the committed openapi.yaml when the test runs, so the series stays a
one-change diff whatever else the contract gains later.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
Spec = dict[str, Any]


def schemas(spec: Spec) -> dict[str, Any]:
    result: dict[str, Any] = spec["components"]["schemas"]
    return result


def optional_response_field(spec: Spec) -> None:
    schemas(spec)["Customer"]["properties"]["nickname"] = {
        "type": "string",
        "description": "A short name the business uses for the customer.",
    }


def open_enum_value(spec: Spec) -> None:
    schemas(spec)["CustomerStatus"]["enum"].append("ARCHIVED")


def new_operation(spec: Spec) -> None:
    get = copy.deepcopy(spec["paths"]["/v6/customers/{id}"]["get"])
    get["operationId"] = "getCustomerByNumber"
    get["summary"] = "Get one customer by number"
    get["parameters"][0]["description"] = "The customer number."
    spec["paths"]["/v6/customers/by-number/{id}"] = {"get": get}


def new_filter_operator(spec: Spec) -> None:
    schemas(spec)["StringFilter"]["properties"]["startsWith"] = {
        "type": "string",
        "description": "The field starts with this value.",
    }


def description_only(spec: Spec) -> None:
    schemas(spec)["Customer"]["properties"]["name"]["description"] = "The customer's name."


def schema_renamed(spec: Spec) -> None:
    schemas(spec)["PostalAddress"] = schemas(spec).pop("Address")
    schemas(spec)["Customer"]["properties"]["address"]["$ref"] = (
        "#/components/schemas/PostalAddress"
    )


def response_field_removed(spec: Spec) -> None:
    del schemas(spec)["Customer"]["properties"]["businessName"]


def request_property_required(spec: Spec) -> None:
    schemas(spec)["CustomerQuery"]["required"] = ["limit"]


def new_required_request_property(spec: Spec) -> None:
    query = schemas(spec)["CustomerQuery"]
    query["properties"]["companyId"] = {"type": "string", "description": "The company."}
    query["required"] = ["companyId"]


def operation_removed(spec: Spec) -> None:
    del spec["paths"]["/v6/customers/{id}"]


def property_type_changed(spec: Spec) -> None:
    schemas(spec)["TokenResponse"]["properties"]["expires_in"] = {
        "type": "string",
        "description": "Lifetime of the token in seconds.",
    }


def closed_response_enum(spec: Spec) -> None:
    schemas(spec)["ClassLabel"]["properties"]["level"] = {
        "type": "string",
        "description": "How deep the level is.",
        "enum": ["TOP", "MIDDLE", "BOTTOM"],
    }


@dataclass(frozen=True)
class Case:
    name: str
    change: Callable[[Spec], None]
    semver: str
    rules: frozenset[str]
    # (section, text) pairs the CHANGELOG entry must contain.
    changelog: tuple[tuple[str, str], ...] = ()
    # Python objects (by the end of their dotted path) the bump must report added or breaking.
    api_added: frozenset[str] = field(default_factory=frozenset)
    api_breaking: frozenset[str] = field(default_factory=frozenset)


CASES = [
    Case(
        "optional response field",
        optional_response_field,
        "minor",
        frozenset({"added"}),
        (
            ("Added", "`#/components/schemas/Customer/properties/nickname`: property `nickname`"),
            ("Added", "`tight_customers.Customer.nickname`: added: field: str"),
        ),
        api_added=frozenset({".Customer.nickname"}),
    ),
    Case(
        "enum value added to an open enum",
        open_enum_value,
        "minor",
        frozenset({"open-enum-value-added"}),
        (("Added", "`#/components/schemas/CustomerStatus/enum`: Enum of `CustomerStatus`"),),
        api_added=frozenset({".CustomerStatus.ARCHIVED"}),
    ),
    Case(
        "new operation",
        new_operation,
        "minor",
        frozenset({"added"}),
        (("Added", "`#/paths/~1v6~1customers~1by-number~1{id}`"),),
    ),
    Case(
        "new optional filter operator",
        new_filter_operator,
        "minor",
        frozenset({"added"}),
        (("Added", "`#/components/schemas/StringFilter/properties/startsWith`"),),
    ),
    Case(
        "description-only change",
        description_only,
        "patch",
        frozenset({"documentation-changed"}),
        (("Fixed", "`#/components/schemas/Customer/properties/name/description`"),),
    ),
    Case(
        "schema renamed with the same shape",
        schema_renamed,
        "patch",
        frozenset({"schema-renamed"}),
        (("Changed", "schema `Address` renamed to `PostalAddress`"),),
    ),
    Case(
        "response field removed",
        response_field_removed,
        "major",
        frozenset({"property-removed"}),
        (
            ("Breaking", "`#/components/schemas/Customer/properties/businessName`"),
            ("Breaking", "`tight_customers.Customer.business_name`: removed"),
        ),
        api_breaking=frozenset({".Customer.business_name"}),
    ),
    Case(
        "optional request property made required",
        request_property_required,
        "major",
        frozenset({"required-properties-added"}),
        (("Breaking", "CustomerQuery"),),
    ),
    Case(
        "new required request property",
        new_required_request_property,
        "major",
        frozenset({"required-properties-added"}),
        (("Breaking", "CustomerQuery"),),
    ),
    Case(
        "operation removed",
        operation_removed,
        "major",
        frozenset({"path-removed"}),
        (("Breaking", "`#/paths/~1v6~1customers~1{id}`"),),
    ),
    Case(
        "property type changed",
        property_type_changed,
        "major",
        frozenset({"schema-type-changed"}),
        (("Breaking", "expires_in"),),
    ),
    Case(
        "closed response enum introduced",
        closed_response_enum,
        "major",
        frozenset({"closed-response-enum"}),
        (("Breaking", "`#/components/schemas/ClassLabel/properties/level`: a response enum"),),
    ),
]


def write_spec(path: Path, change: Callable[[Spec], None] | None = None) -> Path:
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    if change is not None:
        change(spec)
    path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path
