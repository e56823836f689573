"""Validate `POST /v6/customers/query` bodies and turn filters into SQL.

Validation reports every problem at once, each as an `ErrorItem` of openapi.yaml with the
dotted `param` it concerns. A valid filter is normalized (defaults applied, id and status lists
sorted and deduplicated) so that two spellings of one query compare equal, which is what binds
a cursor to its query.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "QueryRequest",
    "SqlFilter",
    "error_item",
    "filter_sql",
    "parse_query",
]

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000

COMPARISONS = {
    "equal": "=",
    "notEqual": "!=",
    "greaterThan": ">",
    "greaterThanEqual": ">=",
    "lessThan": "<",
    "lessThanEqual": "<=",
}
STRING_OPERATORS = (*COMPARISONS, "contain")
STATUS_OPERATORS = (*COMPARISONS, "in", "notIn")
_FILTER_FIELDS = ("name", "email", "status", "classSegments")
_TOP_LEVEL = ("cursor", "limit", "sort", "filter")
_MAX_PARAM = 120  # characters of a client-sent key echoed in `param`


def error_item(kind: str, message: str, param: str | None) -> dict[str, Any]:
    """One openapi.yaml `ErrorItem`."""
    return {"type": kind, "message": message, "param": param}


@dataclass(frozen=True)
class QueryRequest:
    """A valid query body. `filter`/`descending`/`limit`/`cursor` are None when not sent."""

    filter: dict[str, Any] | None
    descending: bool | None
    limit: int | None
    cursor: str | None


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _param(base: str, key: str) -> str:
    return f"{base}.{key[:_MAX_PARAM]}" if base else key[:_MAX_PARAM]


def _valid_text(value: str) -> bool:
    """False for strings with lone surrogates, which are not Unicode text (JSON allows them)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class _Checker:
    def __init__(self) -> None:
        self.errors: list[dict[str, Any]] = []

    def add(self, kind: str, message: str, param: str | None) -> None:
        self.errors.append(error_item(kind, message, param))

    def wrong_type(self, param: str, expected: str, value: Any) -> None:
        self.add("INVALID_FORMAT", f"{param} must be {expected}, not {_json_type(value)}", param)

    def obj(self, value: Any, param: str, allowed: Sequence[str]) -> dict[str, Any] | None:
        """`value` if it is an object; unknown keys are reported (BAD_REQUEST) and dropped."""
        if not isinstance(value, dict):
            self.wrong_type(param, "an object", value)
            return None
        for key in value:
            if key not in allowed:
                where = param or "the body"
                self.add("BAD_REQUEST", f"unknown member {key[:_MAX_PARAM]!r} in {where}",
                         _param(param, key))  # fmt: skip
        return {k: v for k, v in value.items() if k in allowed}

    def text(self, value: Any, param: str) -> str | None:
        if not isinstance(value, str):
            self.wrong_type(param, "a string", value)
            return None
        if not _valid_text(value):
            self.add("INVALID_VALUE", f"{param} is not valid Unicode text", param)
            return None
        return value

    def text_list(self, value: Any, param: str) -> list[str] | None:
        if not isinstance(value, list):
            self.wrong_type(param, "an array of strings", value)
            return None
        if not value:
            self.add("INVALID_VALUE", f"{param} must not be empty", param)
            return None
        items = [self.text(item, f"{param}[{i}]") for i, item in enumerate(value)]
        if any(item is None for item in items):
            return None
        return sorted({item for item in items if item is not None})


def parse_query(
    body: Any, max_limit: int = MAX_LIMIT
) -> tuple[QueryRequest | None, list[dict[str, Any]]]:
    """Check a decoded JSON body; (request, []) when valid, else (None, every error).
    `limit` may be at most `max_limit`."""
    check = _Checker()
    if not isinstance(body, dict):
        check.add("INVALID_FORMAT", f"the body must be a JSON object, not {_json_type(body)}",
                  None)  # fmt: skip
        return None, check.errors
    members = check.obj(body, "", _TOP_LEVEL) or {}
    cursor = None
    if "cursor" in members:
        cursor = check.text(members["cursor"], "cursor")
        if cursor == "":
            check.add("INVALID_VALUE", "cursor must not be empty", "cursor")
    limit = _limit(check, members["limit"], max_limit) if "limit" in members else None
    descending = _sort(check, members["sort"]) if "sort" in members else None
    flt = _filter(check, members["filter"]) if "filter" in members else None
    if check.errors:
        return None, check.errors
    return QueryRequest(flt, descending, limit, cursor or None), []


def _limit(check: _Checker, value: Any, max_limit: int) -> int | None:
    # JSON Schema's "integer" includes numbers with a zero fraction, such as 10.0.
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        check.wrong_type("limit", "an integer", value)
        return None
    if not 1 <= value <= max_limit:
        check.add("INVALID_VALUE", f"limit must be between 1 and {max_limit}", "limit")
        return None
    return value


def _sort(check: _Checker, value: Any) -> bool | None:
    sort = check.obj(value, "sort", ("orderBy", "direction"))
    if sort is None:
        return None
    if "orderBy" not in sort:
        check.add("REQUIRED", "sort.orderBy is required", "sort.orderBy")
    else:
        order_by = check.text(sort["orderBy"], "sort.orderBy")
        if order_by is not None and order_by != "NAME":
            check.add("INVALID_VALUE", "sort.orderBy must be NAME", "sort.orderBy")
    direction = "ASC"
    if "direction" in sort:
        direction = check.text(sort["direction"], "sort.direction") or "ASC"
        if direction not in ("ASC", "DESC"):
            check.add("INVALID_VALUE", "sort.direction must be ASC or DESC", "sort.direction")
    return direction == "DESC"


def _filter(check: _Checker, value: Any) -> dict[str, Any] | None:
    fields = check.obj(value, "filter", _FILTER_FIELDS)
    if fields is None:
        return None
    out: dict[str, Any] = {}
    for field in ("name", "email", "status"):
        if field in fields:
            ops = _operators(check, fields[field], f"filter.{field}", field == "status")
            if ops:
                out[field] = ops
    if "classSegments" in fields:
        segments = _segments(check, fields["classSegments"])
        if segments is not None:
            out["classSegments"] = segments
    return out


def _operators(check: _Checker, value: Any, param: str, status: bool) -> dict[str, Any] | None:
    ops = check.obj(value, param, STATUS_OPERATORS if status else STRING_OPERATORS)
    if ops is None:
        return None
    if not value:
        check.add("INVALID_VALUE", f"{param} needs at least one operator", param)
        return None
    out: dict[str, Any] = {}
    for op, operand in ops.items():
        if op in ("in", "notIn"):
            items = check.text_list(operand, f"{param}.{op}")
            if items is not None:
                out[op] = items
        else:
            text = check.text(operand, f"{param}.{op}")
            if text is not None:
                out[op] = text
    return out


def _segments(check: _Checker, value: Any) -> dict[str, Any] | None:
    param = "filter.classSegments"
    seg = check.obj(value, param, ("expand", "id"))
    if seg is None:
        return None
    expand = seg.get("expand", False)
    if not isinstance(expand, bool):
        check.wrong_type(f"{param}.expand", "a boolean", expand)
    if "id" not in seg:
        check.add("REQUIRED", f"{param}.id is required", f"{param}.id")
        return None
    id_filter = check.obj(seg["id"], f"{param}.id", ("in",))
    if id_filter is None:
        return None
    if "in" not in id_filter:
        check.add("REQUIRED", f"{param}.id.in is required", f"{param}.id.in")
        return None
    ids = check.text_list(id_filter["in"], f"{param}.id.in")
    if ids is None or not isinstance(expand, bool):
        return None
    return {"expand": expand, "in": ids}


# Above this many matching segment links, paging is faster by walking (the name index or the
# full-text index) and testing membership than by fetching every member and sorting them.
_DRIVE_BY_SEGMENTS_MAX = 2000
# Name comparisons that bound the key from below or above (`equal` does both).
_NAME_BOUNDS = {
    "equal": (">=", "<="),
    "greaterThan": (">",),
    "greaterThanEqual": (">=",),
    "lessThan": ("<",),
    "lessThanEqual": ("<=",),
}


@dataclass(frozen=True)
class SqlFilter:
    """A filter as SQL over `customers`, with what a planner needs to pick a plan.

    `where` tests everything exactly. `contains` are the (column, case-folded operand) pairs of
    `contain`; `name_bounds` the name comparisons as bounds on the sort key; `indexed` the
    email and status clauses an index answers by reading only the rows they select
    (comparisons and `in`), each as (index, clause, parameters, whether `where` holds
    the clause as it is); `few_segments` whether the filter names segments that few
    customers have; `email_ranges` the one-sided email comparisons as (operator, operand);
    `segments` the ids of the segments a customer must be assigned one of (None: any).
    """

    where: str
    params: list[Any]
    contains: list[tuple[str, str]]
    name_bounds: list[tuple[str, tuple[str, ...]]]
    indexed: list[tuple[str, str, list[Any], bool]]
    few_segments: bool
    email_ranges: list[tuple[str, str]]
    segments: list[str] | None = None


def filter_sql(
    flt: dict[str, Any],
    expand: Callable[[Sequence[str]], list[str]],
    walk_segments: Callable[[Sequence[str], int], bool],
) -> SqlFilter:
    """The WHERE clause of `flt` over `customers` and its parts (see SqlFilter).

    `walk_segments(ids, n)` says whether to test the segments of each customer a walk meets
    rather than to fetch the customers of `ids` (the store's answer when they are n or fewer).

    Comparisons use SQLite's BINARY collation: UTF-8 bytes compare in code point order.
    `contain` matches the case-folded column against the case-folded operand.
    """
    clauses: list[str] = []
    params: list[Any] = []
    indexed: list[tuple[str, str, list[Any], bool]] = []
    contains: list[tuple[str, str]] = []
    name_bounds: list[tuple[str, tuple[str, ...]]] = []
    email_ranges: list[tuple[str, str]] = []
    for field in ("name", "email", "status"):
        for op, operand in flt.get(field, {}).items():
            clause: str
            args: list[Any]
            if op == "contain":
                folded = operand.casefold()
                clause, args = f"instr({field}_fold, ?) > 0", [folded]
                contains.append((f"{field}_fold", folded))
            elif op == "notEqual":
                clause, args = f"({field} IS NULL OR {field} != ?)", [operand]
            elif op == "in" and len(operand) == 1:
                # As an equality, the (status, name, id) index yields its rows in sort order.
                clause, args = f"{field} = ?", list(operand)
            elif op in ("in", "notIn"):
                negate = "NOT " if op == "notIn" else ""
                clause = f"{field} {negate}IN (SELECT value FROM json_each(?))"
                args = [json.dumps(operand)]
            else:
                clause, args = f"{field} {COMPARISONS[op]} ?", [operand]
            if field == "status" and op in _NAME_BOUNDS and op != "equal":
                # A status range covers whole statuses, mostly common ones: reading them all
                # from the status index to sort them costs far more than walking the name
                # index, so the exact test does not offer that index (unary +) to SQLite.
                clauses.append(f"+{clause}")
            else:
                clauses.append(clause)
            params += args
            if field == "name" and op in _NAME_BOUNDS:
                name_bounds += [(bound, (operand,)) for bound in _NAME_BOUNDS[op]]
            elif op != "contain":
                if op not in ("notEqual", "notIn"):
                    in_where = clauses[-1] == clause
                    indexed.append((f"customers_{field}", clause, args, in_where))
                if field == "email" and op in _NAME_BOUNDS and op != "equal":
                    email_ranges.append((COMPARISONS[op], operand))
    few_segments = False
    ids: list[str] | None = None
    segments = flt.get("classSegments")
    if segments is not None:
        ids = expand(segments["in"]) if segments["expand"] else list(segments["in"])
        if walk_segments(ids, _DRIVE_BY_SEGMENTS_MAX):
            # Unary +: look up the customer's few links and test each against the set, rather
            # than seek every listed segment for every customer walked.
            clause = (
                "EXISTS (SELECT 1 FROM customer_segments s WHERE s.customer = customers.rowid"
                " AND +s.segment IN (SELECT value FROM json_each(?)))"
            )
        else:
            clause = (
                "customers.rowid IN (SELECT customer FROM customer_segments"
                " WHERE segment IN (SELECT value FROM json_each(?)))"
            )
            few_segments = True
        clauses.append(clause)
        params.append(json.dumps(ids))
    return SqlFilter(
        where=" AND ".join(clauses) or "1",
        params=params,
        contains=contains,
        name_bounds=name_bounds,
        indexed=indexed,
        few_segments=few_segments,
        email_ranges=email_ranges,
        segments=ids,
    )
