"""A brute-force evaluation of the query semantics openapi.yaml states, over wire dicts."""

from __future__ import annotations

from typing import Any

_COMPARE = {
    "equal": lambda v, x: v == x,
    "greaterThan": lambda v, x: v > x,
    "greaterThanEqual": lambda v, x: v >= x,
    "lessThan": lambda v, x: v < x,
    "lessThanEqual": lambda v, x: v <= x,
}


def _paths(customer: dict[str, Any]) -> list[list[str]]:
    out = []
    for head in customer.get("classSegments") or []:
        path = []
        node = head
        while isinstance(node, dict):
            path.append(node["id"])
            node = node.get("child")
        out.append(path)
    return out


def _field_matches(value: Any, ops: dict[str, Any]) -> bool:
    value = value if isinstance(value, str) else None
    for op, operand in ops.items():
        if op == "notEqual":
            ok = value is None or value != operand
        elif value is None:
            ok = False
        elif op == "contain":
            ok = operand.casefold() in value.casefold()
        elif op == "in":
            ok = value in operand
        elif op == "notIn":
            ok = value not in operand
        else:
            ok = _COMPARE[op](value, operand)
        if not ok:
            return False
    return True


def matches(customer: dict[str, Any], flt: dict[str, Any]) -> bool:
    """Whether `customer` satisfies the wire filter `flt`."""
    for field in ("name", "email", "status"):
        if field in flt and not _field_matches(customer.get(field), flt[field]):
            return False
    segments = flt.get("classSegments")
    if segments is not None:
        wanted = set(segments["id"]["in"])
        paths = _paths(customer)
        if segments.get("expand", False):
            # The chain is the root-first path to the assigned segment: a listed ancestor (or the
            # segment itself) on it means the assigned segment is in a listed subtree.
            ok = any(wanted.intersection(path) for path in paths)
        else:
            ok = any(path[-1] in wanted for path in paths)
        if not ok:
            return False
    return True


def expected(customers: list[dict[str, Any]], flt: dict[str, Any], desc: bool) -> list[str]:
    """The ids `flt` selects, in (name, id) order, descending if `desc`."""
    hits = [c for c in customers if matches(c, flt)]
    hits.sort(key=lambda c: (c["name"], c["id"]), reverse=desc)
    return [c["id"] for c in hits]
