"""Filter expressions and Sort: wire JSON, validation at build time, equality, repr."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import pytest

from tests.openapi_support import validate_schema
from tight_api.models import CustomerFilter, CustomerSort
from tight_customers import F, Filter, Sort
from tight_customers._filters import normalize_filter
from tight_customers._sort import normalize_sort

COMPARISONS = [
    (operator.eq, "equal"),
    (operator.ne, "notEqual"),
    (operator.lt, "lessThan"),
    (operator.le, "lessThanEqual"),
    (operator.gt, "greaterThan"),
    (operator.ge, "greaterThanEqual"),
]


@pytest.mark.parametrize(
    ("field", "wire"), [(F.name, "name"), (F.email, "email"), (F.status, "status")]
)
@pytest.mark.parametrize(("op", "wire_op"), COMPARISONS)
def test_comparisons_give_the_wire_operator(
    field: Any, wire: str, op: Callable[[Any, str], Filter], wire_op: str
) -> None:
    assert op(field, "x").to_dict() == {wire: {wire_op: "x"}}


def test_reflected_comparison_keeps_its_meaning() -> None:
    assert ("A" <= F.name).to_dict() == {"name": {"greaterThanEqual": "A"}}  # noqa: SIM300


def test_contains_in_and_not_in() -> None:
    assert F.name.contains("acme").to_dict() == {"name": {"contain": "acme"}}
    assert F.email.contains("@acme").to_dict() == {"email": {"contain": "@acme"}}
    assert F.status.in_(["ACTIVE", "NEW"]).to_dict() == {"status": {"in": ["ACTIVE", "NEW"]}}
    assert F.status.not_in(("INACTIVE",)).to_dict() == {"status": {"notIn": ["INACTIVE"]}}


def test_class_segments_in_with_and_without_expand() -> None:
    assert F.class_segments.in_(["cls_1"]).to_dict() == {
        "classSegments": {"expand": False, "id": {"in": ["cls_1"]}}
    }
    assert F.class_segments.in_(["cls_1", "cls_2"], expand=True).to_dict() == {
        "classSegments": {"expand": True, "id": {"in": ["cls_1", "cls_2"]}}
    }


def test_and_merges_operators_on_one_field_into_a_range() -> None:
    flt = (F.name >= "A") & (F.name < "N") & F.status.in_(["ACTIVE"]) & F.email.contains("@")
    assert flt.to_dict() == {
        "name": {"greaterThanEqual": "A", "lessThan": "N"},
        "status": {"in": ["ACTIVE"]},
        "email": {"contain": "@"},
    }


def test_every_operator_at_once_matches_the_schema_and_the_generated_model() -> None:
    flt = (
        (F.name == "a")
        & (F.name != "b")
        & (F.name > "c")
        & (F.name >= "d")
        & (F.name < "e")
        & (F.name <= "f")
        & F.name.contains("g")
        & F.email.contains("h")
        & F.status.in_(["ACTIVE"])
        & F.status.not_in(["INACTIVE"])
        & (F.status == "ACTIVE")
        & F.class_segments.in_(["cls_1"], expand=True)
    )
    wire = flt.to_dict()
    validate_schema("CustomerFilter", wire)
    # The generated model reads and writes exactly the same JSON: the names agree with the spec.
    assert CustomerFilter.from_dict(wire).to_dict() == wire


def test_sort_matches_the_schema_and_the_generated_model() -> None:
    lower = Sort("name", "asc")  # type: ignore[arg-type]  # case-insensitive at run time
    for sort in (Sort("NAME"), Sort("NAME", "DESC"), lower):
        wire = sort.to_dict()
        validate_schema("CustomerSort", wire)
        assert CustomerSort.from_dict(wire).to_dict() == wire
    assert Sort("name", "desc") == Sort("NAME", "DESC")  # type: ignore[arg-type]


def test_to_dict_returns_a_fresh_dict_each_time() -> None:
    flt = F.status.in_(["ACTIVE"])
    first = flt.to_dict()
    first["status"]["in"].append("MUTATED")
    assert flt.to_dict() == {"status": {"in": ["ACTIVE"]}}


def test_equal_expressions_compare_equal_whatever_the_order() -> None:
    a = F.name.contains("acme") & F.status.in_(["ACTIVE"])
    b = F.status.in_(["ACTIVE"]) & F.name.contains("acme")
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b}) == 1
    assert a != F.name.contains("acme")
    assert a != F.status.in_(["ACTIVE", "INACTIVE"]) & F.name.contains("acme")


def test_repr_reads_like_the_code_that_built_it() -> None:
    assert repr(F.name.contains("acme")) == "F.name.contains('acme')"
    assert repr(F.name == "x") == "F.name == 'x'"
    assert repr((F.name >= "A") & F.status.in_(["ACTIVE"])) == (
        "(F.name >= 'A') & F.status.in_(['ACTIVE'])"
    )
    assert repr(F.class_segments.in_(["c"], expand=True)) == (
        "F.class_segments.in_(['c'], expand=True)"
    )
    assert repr(F) == "F"


def test_the_same_operator_twice_on_one_field_names_the_field() -> None:
    with pytest.raises(ValueError, match=r"F\.name.*>"):
        (F.name > "a") & (F.name > "b")
    with pytest.raises(ValueError, match=r"F\.status.*in_"):
        F.status.in_(["A"]) & F.status.in_(["B"])
    with pytest.raises(ValueError, match=r"F\.class_segments"):
        F.class_segments.in_(["a"]) & F.class_segments.in_(["b"], expand=True)


@pytest.mark.parametrize("bad", [5, None, 1.5, b"bytes", True, ["a"]])
def test_a_non_string_value_is_a_type_error_naming_the_field(bad: Any) -> None:
    with pytest.raises(TypeError, match=r"F\.email"):
        F.email == bad  # noqa: B015
    with pytest.raises(TypeError, match=r"F\.name"):
        F.name.contains(bad)


def test_in_lists_are_validated() -> None:
    with pytest.raises(ValueError, match=r"F\.status\.in_\(\).*at least one"):
        F.status.in_([])
    with pytest.raises(ValueError, match=r"F\.status\.not_in\(\)"):
        F.status.not_in([])
    with pytest.raises(ValueError, match=r"F\.class_segments"):
        F.class_segments.in_([])
    with pytest.raises(TypeError, match=r"F\.status\.in_\(\) takes a list"):
        F.status.in_("ACTIVE")  # a bare string would be a list of letters
    with pytest.raises(TypeError, match=r"F\.status.*item 1"):
        F.status.in_(["ACTIVE", 3])  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"expand"):
        F.class_segments.in_(["c"], expand="yes")  # type: ignore[arg-type]


def test_or_and_not_are_refused_saying_and_only() -> None:
    with pytest.raises(TypeError, match="AND only"):
        F.name.contains("a") | F.name.contains("b")
    with pytest.raises(TypeError, match="AND only"):
        ~F.name.contains("a")


def test_and_keyword_is_refused_instead_of_dropping_a_condition() -> None:
    with pytest.raises(TypeError, match="combine conditions with &"):
        F.name.contains("a") and F.status.in_(["ACTIVE"])


def test_and_with_something_else_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        F.name.contains("a") & {"status": {"in": ["ACTIVE"]}}


def test_status_enum_values_are_sent_as_plain_strings() -> None:
    from tight_api.models import CustomerStatus

    wire = F.status.in_([CustomerStatus.ACTIVE]).to_dict()
    assert wire == {"status": {"in": ["ACTIVE"]}}
    assert type(wire["status"]["in"][0]) is str


def test_raw_dicts_are_accepted_and_copied() -> None:
    raw: Any = {"name": {"like": "acme"}}  # an operator the SDK does not know: sent as given
    sent = normalize_filter(raw)
    assert sent == raw
    assert sent is not raw
    assert normalize_filter(None) is None
    assert normalize_filter(F.name == "x") == {"name": {"equal": "x"}}
    with pytest.raises(TypeError, match="filter must be built from F"):
        normalize_filter("name=acme")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="keys must be strings"):
        normalize_filter({1: "x"})  # type: ignore[arg-type]


def test_sort_is_validated() -> None:
    assert Sort("NAME", "DESC").to_dict() == {"orderBy": "NAME", "direction": "DESC"}
    assert Sort("NAME").to_dict() == {"orderBy": "NAME", "direction": "ASC"}
    with pytest.raises(ValueError, match="order_by must be one of NAME"):
        Sort("EMAIL")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="direction must be one of ASC, DESC"):
        Sort("NAME", "UP")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="direction"):
        Sort("NAME", None)  # type: ignore[arg-type]
    assert normalize_sort({"orderBy": "NAME"}) == {"orderBy": "NAME"}
    with pytest.raises(TypeError, match="sort must be a Sort"):
        normalize_sort("NAME")  # type: ignore[arg-type]


def test_filter_type_is_public() -> None:
    assert isinstance(F.name == "x", Filter)
