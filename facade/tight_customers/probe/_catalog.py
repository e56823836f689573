"""Every check of the battery: the semantic, what openapi.yaml says about it, where it says so
(a JSON pointer into the spec) and what else follows that text if it has to change."""

from __future__ import annotations

from dataclasses import dataclass

from tight_customers.probe._spec import pointer

__all__ = ["CATALOG", "Entry"]

_QUERY = pointer("paths", "/v6/customers/query", "post", "description")
_LIMIT = pointer("components", "schemas", "CustomerQuery", "properties", "limit")
_STRINGS = pointer("components", "schemas", "StringFilter", "description")

SANDBOX, FACADE, DOCS = "sandbox", "facade", "docs"


@dataclass(frozen=True)
class Entry:
    semantic: str
    spec_says: str
    spec_pointer: str
    affects: tuple[str, ...]


CATALOG: dict[str, Entry] = {
    "schemas": Entry(
        "answers match the schemas",
        "every status, envelope, schema and stated header of openapi.yaml",
        pointer("components", "schemas"),
        (SANDBOX, FACADE, DOCS),
    ),
    "status_values": Entry(
        "customer status values",
        "ACTIVE or INACTIVE (an open set: clients keep other values)",
        pointer("components", "schemas", "CustomerStatus", "enum"),
        (DOCS,),
    ),
    "undocumented_members": Entry(
        "undocumented members",
        "only the members the schemas declare",
        pointer("components", "schemas", "Customer", "properties"),
        (DOCS,),
    ),
    "token": Entry(
        "token endpoint",
        "HTTP Basic + form gives a Bearer token (TokenResponse)",
        pointer("paths", "/v6/auth/token", "post"),
        (SANDBOX, FACADE, DOCS),
    ),
    "default_page_size": Entry(
        "default page size",
        "100 customers when `limit` is left out",
        _LIMIT,
        (SANDBOX, DOCS),
    ),
    "max_page_size": Entry(
        "maximum page size",
        "limit 1000 gives pages of 1000; 1001 gets 400 INVALID_VALUE",
        _LIMIT,
        (SANDBOX, FACADE, DOCS),
    ),
    "sort_order": Entry(
        "sort order",
        "names by code point (case-sensitive); NAME ASC without `sort`",
        _STRINGS,
        (SANDBOX, DOCS),
    ),
    "tie_break": Entry(
        "sort tie-break",
        "equal names ordered by id, in the sort direction",
        pointer("components", "schemas", "CustomerSort", "description"),
        (SANDBOX, DOCS),
    ),
    "contain_case": Entry(
        "`contain` and letter case",
        "case-insensitive substring test",
        pointer("components", "schemas", "StringFilter", "properties", "contain", "description"),
        (SANDBOX, DOCS),
    ),
    "range_boundaries": Entry(
        "range operators at the boundaries",
        "greaterThan/lessThan exclude the operand, …Equal include it",
        _STRINGS,
        (SANDBOX, DOCS),
    ),
    "status_in": Entry(
        "status `in` / `notIn`",
        "`in`: one of the list; `notIn`: none of it",
        pointer("components", "schemas", "StatusFilter", "properties"),
        (SANDBOX, DOCS),
    ),
    "null_handling": Entry(
        "null fields",
        "a null or absent email matches `notEqual` only",
        _STRINGS,
        (SANDBOX, DOCS),
    ),
    "expand": Entry(
        "class segments and `expand`",
        "false: the assigned segment is listed; true: or lies below a listed one",
        pointer("components", "schemas", "ClassSegmentFilter", "description"),
        (SANDBOX, DOCS),
    ),
    "cursor_round_trip": Entry(
        "cursor round trips",
        "`after` then `before` gives the same page back, both ways; no `before` on page 1",
        _QUERY,
        (SANDBOX, FACADE, DOCS),
    ),
    "cursor_other_filter": Entry(
        "cursor reused with another filter or sort",
        "400 INVALID_VALUE (a cursor is bound to its filter and sort)",
        _QUERY,
        (SANDBOX, FACADE, DOCS),
    ),
    "cursor_modified": Entry(
        "modified cursor",
        "400 INVALID_VALUE (cursors are tamper-evident)",
        _QUERY,
        (SANDBOX, DOCS),
    ),
    "error_envelope": Entry(
        "error envelope of an invalid request",
        "400 with every problem at once, each naming its `param`",
        pointer("components", "responses", "BadRequest"),
        (SANDBOX, FACADE, DOCS),
    ),
    "bad_token": Entry(
        "bad token",
        "401 INVALID_TOKEN in the error envelope",
        pointer("components", "responses", "Unauthorized"),
        (SANDBOX, FACADE, DOCS),
    ),
    "get_by_id": Entry(
        "get by id",
        "the customer the query returns; 404 for an unknown id",
        pointer("paths", "/v6/customers/{id}", "get"),
        (SANDBOX, FACADE, DOCS),
    ),
}
