"""Filter expressions: `F.name.contains("acme") & F.status.in_(["ACTIVE"])` → wire JSON.

An expression is plain, immutable data: a set of (field, operator, value) clauses. Clauses on one
field merge into one object (two operators make a range); the API has AND only, so `&` is the one
combinator. Everything is validated when the expression is built, so a mistake surfaces at the
line that made it, naming the field.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NoReturn, TypedDict

from tight_customers._adapter import CustomerStatus
from tight_customers._public import public

__all__ = [
    "F",
    "Filter",
    "FilterLike",
    "RawClassSegmentFilter",
    "RawFilter",
    "RawIdInFilter",
    "RawStatusFilter",
    "RawStringFilter",
    "normalize_filter",
]

_AND_ONLY = "the Tight API supports AND only (combine conditions with &); there is no OR or NOT"

# Wire operator → how it is spelled in Python, for repr().
_COMPARISONS = {
    "equal": "==",
    "notEqual": "!=",
    "lessThan": "<",
    "lessThanEqual": "<=",
    "greaterThan": ">",
    "greaterThanEqual": ">=",
}
_METHODS = {"contain": "contains", "in": "in_", "notIn": "not_in"}

# (python name, wire name, wire operator, value, expand) — expand only for classSegments.
_Clause = tuple[str, str, str, "str | tuple[str, ...]", "bool | None"]


@public
class Filter:
    """An immutable AND of conditions on customers, built from `F`.

    Combine with `&`; `to_dict()` gives the exact wire JSON of the query's `filter` member.
    Equal expressions compare equal (whatever the order they were combined in) and hash alike.

    Example:
        >>> flt = (F.name >= "A") & (F.name < "N") & F.status.in_(["ACTIVE"])
        >>> flt.to_dict()
        {'name': {'greaterThanEqual': 'A', 'lessThan': 'N'}, 'status': {'in': ['ACTIVE']}}
        >>> flt
        (F.name >= 'A') & (F.name < 'N') & F.status.in_(['ACTIVE'])
    """

    __slots__ = ("_clauses",)

    def __init__(self, clauses: Iterable[_Clause] = ()) -> None:
        merged: list[_Clause] = []
        seen: set[tuple[str, str]] = set()
        for clause in clauses:
            py_name, wire, op = clause[0], clause[1], clause[2]
            if (wire, op) in seen:
                raise ValueError(
                    f"filter field {py_name} has operator {_spell(op)} twice; "
                    "give each operator at most once per field"
                )
            seen.add((wire, op))
            merged.append(clause)
        self._clauses: tuple[_Clause, ...] = tuple(merged)

    def to_dict(self) -> dict[str, Any]:
        """The wire JSON of the `filter` member (a new dict each call).

        Example:
            >>> F.class_segments.in_(["cls_1"], expand=True).to_dict()
            {'classSegments': {'expand': True, 'id': {'in': ['cls_1']}}}
        """
        out: dict[str, Any] = {}
        for _py, wire, op, value, expand in self._clauses:
            if wire == "classSegments":
                out[wire] = {"expand": bool(expand), "id": {"in": list(value)}}
            else:
                out.setdefault(wire, {})[op] = list(value) if isinstance(value, tuple) else value
        return out

    def __and__(self, other: object) -> Filter:
        if not isinstance(other, Filter):
            return NotImplemented
        return Filter(self._clauses + other._clauses)

    def __rand__(self, other: object) -> Filter:
        return NotImplemented

    def __or__(self, other: object) -> NoReturn:
        raise TypeError(f"cannot use | on filters: {_AND_ONLY}")

    __ror__ = __or__

    def __invert__(self) -> NoReturn:
        raise TypeError(f"cannot use ~ on filters: {_AND_ONLY}")

    def __bool__(self) -> NoReturn:
        raise TypeError(
            "a filter has no truth value; combine conditions with & (not `and`/`or`), "
            "and test for a missing filter with `is None`"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Filter):
            return NotImplemented
        return frozenset(self._clauses) == frozenset(other._clauses)

    def __hash__(self) -> int:
        return hash(frozenset(self._clauses))

    def __repr__(self) -> str:
        nested = len(self._clauses) > 1
        return " & ".join(_clause_repr(c, nested) for c in self._clauses) or "Filter()"


def _spell(op: str) -> str:
    return _COMPARISONS.get(op) or f".{_METHODS[op]}()"


def _clause_repr(clause: _Clause, nested: bool) -> str:
    py_name, _wire, op, value, expand = clause
    if op in _COMPARISONS:
        text = f"{py_name} {_COMPARISONS[op]} {value!r}"
        return f"({text})" if nested else text
    shown = repr(list(value)) if isinstance(value, tuple) else repr(value)
    extra = ", expand=True" if expand else ""
    return f"{py_name}.{_METHODS[op]}({shown}{extra})"


def _string(py_name: str, value: object, what: str = "value") -> str:
    # bool is not a str; str subclasses (StrEnum statuses) are sent as their plain value.
    if not isinstance(value, str):
        raise TypeError(
            f"filter field {py_name}: {what} must be a string, got {type(value).__name__} {value!r}"
        )
    return str.__str__(value)


def _strings(py_name: str, values: object, method: str) -> tuple[str, ...]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise TypeError(
            f"filter field {py_name}.{method}() takes a list of strings, "
            f"got {type(values).__name__} {values!r}"
        )
    items = tuple(_string(py_name, v, f"item {i} of {method}()") for i, v in enumerate(values))
    if not items:
        raise ValueError(f"filter field {py_name}.{method}() needs at least one value, got none")
    return items


class _ComparableField:
    """A field that takes `==, !=, <, <=, >, >=` (comparisons by Unicode code point)."""

    __slots__ = ("_py", "_wire")

    def __init__(self, py_name: str, wire: str) -> None:
        self._py = py_name
        self._wire = wire

    def _make(self, op: str, value: str | tuple[str, ...], expand: bool | None = None) -> Filter:
        return Filter([(self._py, self._wire, op, value, expand)])

    def _compare(self, op: str, value: object) -> Filter:
        return self._make(op, _string(self._py, value))

    def __eq__(self, value: object) -> Filter:  # type: ignore[override]
        return self._compare("equal", value)

    def __ne__(self, value: object) -> Filter:  # type: ignore[override]
        return self._compare("notEqual", value)

    def __lt__(self, value: object) -> Filter:
        return self._compare("lessThan", value)

    def __le__(self, value: object) -> Filter:
        return self._compare("lessThanEqual", value)

    def __gt__(self, value: object) -> Filter:
        return self._compare("greaterThan", value)

    def __ge__(self, value: object) -> Filter:
        return self._compare("greaterThanEqual", value)

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return self._py


class StringField(_ComparableField):
    """`F.name` / `F.email`: comparisons and `.contains()`.

    Example:
        >>> (F.email == "billing@acme.com").to_dict()
        {'email': {'equal': 'billing@acme.com'}}
    """

    __slots__ = ()

    def contains(self, text: str) -> Filter:
        """The field contains `text`, ignoring case.

        Example:
            >>> F.name.contains("acme").to_dict()
            {'name': {'contain': 'acme'}}
        """
        return self._make("contain", _string(self._py, text))


class StatusField(_ComparableField):
    """`F.status`: comparisons, `.in_()` and `.not_in()` (unknown statuses are allowed).

    Example:
        >>> F.status.not_in(["INACTIVE"]).to_dict()
        {'status': {'notIn': ['INACTIVE']}}
    """

    __slots__ = ()

    def in_(self, values: Iterable[CustomerStatus | str]) -> Filter:
        """The status is one of `values` (a non-empty list of strings).

        Example:
            >>> F.status.in_(["ACTIVE"]).to_dict()
            {'status': {'in': ['ACTIVE']}}
        """
        return self._make("in", _strings(self._py, values, "in_"))

    def not_in(self, values: Iterable[CustomerStatus | str]) -> Filter:
        """The status is none of `values` (a non-empty list of strings).

        Example:
            >>> F.status.not_in(["INACTIVE"]).to_dict()
            {'status': {'notIn': ['INACTIVE']}}
        """
        return self._make("notIn", _strings(self._py, values, "not_in"))


class ClassSegmentsField:
    """`F.class_segments`: only `.in_(ids, expand=False)`.

    Example:
        >>> F.class_segments.in_(["cls_593051"]).to_dict()
        {'classSegments': {'expand': False, 'id': {'in': ['cls_593051']}}}
    """

    __slots__ = ()
    _py = "F.class_segments"

    def in_(self, ids: Iterable[str], expand: bool = False) -> Filter:
        """Customers assigned to one of the segments `ids` (with `expand=True`, or to a
        descendant of one of them).

        Example:
            >>> F.class_segments.in_(["cls_1"], expand=True)
            F.class_segments.in_(['cls_1'], expand=True)
        """
        if not isinstance(expand, bool):
            raise TypeError(
                f"filter field {self._py}.in_(): expand must be True or False, "
                f"got {type(expand).__name__} {expand!r}"
            )
        values = _strings(self._py, ids, "in_")
        return Filter([(self._py, "classSegments", "in", values, expand)])

    def __repr__(self) -> str:
        return self._py


class _Fields:
    """The filterable customer fields: `F.name`, `F.email`, `F.status`, `F.class_segments`.

    Example:
        >>> (F.name.contains("acme") & F.status.in_(["ACTIVE"])).to_dict()
        {'name': {'contain': 'acme'}, 'status': {'in': ['ACTIVE']}}
    """

    __slots__ = ()
    name = StringField("F.name", "name")
    email = StringField("F.email", "email")
    status = StatusField("F.status", "status")
    class_segments = ClassSegmentsField()

    def __repr__(self) -> str:
        return "F"


F = _Fields()


# The wire JSON of a query's `filter` member, as openapi.yaml states it (tests/typing checks
# that these match the spec). `in` is a keyword, hence the functional TypedDict syntax.
class RawStringFilter(TypedDict, total=False):
    """`StringFilter`: operators on `name` or `email`."""

    equal: str
    notEqual: str
    greaterThan: str
    greaterThanEqual: str
    lessThan: str
    lessThanEqual: str
    contain: str


RawStatusFilter = TypedDict(
    "RawStatusFilter",
    {
        "in": Sequence[CustomerStatus | str],
        "notIn": Sequence[CustomerStatus | str],
        "equal": CustomerStatus | str,
        "notEqual": CustomerStatus | str,
        "greaterThan": CustomerStatus | str,
        "greaterThanEqual": CustomerStatus | str,
        "lessThan": CustomerStatus | str,
        "lessThanEqual": CustomerStatus | str,
    },
    total=False,
)
"""`StatusFilter`: operators on `status`."""

RawIdInFilter = TypedDict("RawIdInFilter", {"in": Sequence[str]})
"""`IdInFilter`: the segment ids of a class-segment filter."""


# Required members in a base class: `Required[...]` is not seen in string annotations at run time.
class _RawClassSegmentFilterRequired(TypedDict):
    id: RawIdInFilter


class RawClassSegmentFilter(_RawClassSegmentFilterRequired, total=False):
    """`ClassSegmentFilter`: customers by class segment."""

    expand: bool


@public
class RawFilter(TypedDict, total=False):
    """`CustomerFilter`: the wire JSON of a query's `filter` member, for type checkers:
    `filter=` takes one as a plain dict, and a misspelt member is a type error.

    Example:
        >>> flt: RawFilter = {"name": {"contain": "acme"}, "status": {"in": ["ACTIVE"]}}
        >>> flt == (F.name.contains("acme") & F.status.in_(["ACTIVE"])).to_dict()
        True
    """

    name: RawStringFilter
    email: RawStringFilter
    status: RawStatusFilter
    classSegments: RawClassSegmentFilter


FilterLike = Filter | RawFilter
"""A `filter=` argument. At run time any mapping is sent as given."""


def normalize_filter(value: FilterLike | None) -> dict[str, Any] | None:
    """The wire JSON for a `filter=` argument: a `Filter`, a raw dict (sent as given), or None."""
    if value is None:
        return None
    if isinstance(value, Filter):
        return value.to_dict()
    if isinstance(value, Mapping):
        for key in value:
            if not isinstance(key, str):
                raise TypeError(f"filter: keys must be strings, got {type(key).__name__} {key!r}")
        return copy.deepcopy(dict(value))
    raise TypeError(
        f"filter must be built from F (e.g. F.name.contains('acme')) or be a dict, "
        f"got {type(value).__name__}"
    )
