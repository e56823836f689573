"""The spec's semantics as plain functions over wire-format customers: what a query should
return, computed from customers the probe has already read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

__all__ = ["chain_ids", "code_point_key", "fold_key", "matches", "out_of_order"]

Customer = dict[str, Any]


def code_point_key(customer: Customer) -> tuple[str, str]:
    """The spec's sort key: name by code point, ties broken by id."""
    return (str(customer.get("name")), str(customer.get("id")))


def fold_key(customer: Customer) -> tuple[str, str]:
    """A case-insensitive sort key (case-folded name, then id)."""
    return (str(customer.get("name")).casefold(), str(customer.get("id")))


def out_of_order(customers: list[Customer], descending: bool, key: Any = code_point_key) -> int:
    """The index of the first customer out of `key` order, or -1 when all are in order."""
    keys = [key(c) for c in customers]
    for i in range(1, len(keys)):
        before, after = keys[i - 1], keys[i]
        if (after < before) if not descending else (after > before):
            return i
    return -1


def chain_ids(customer: Customer) -> Iterator[list[str]]:
    """Each class-segment chain of `customer` as its root-first ids (bounded depth)."""
    chains = customer.get("classSegments")
    for head in chains if isinstance(chains, list) else []:
        ids: list[str] = []
        node = head
        while isinstance(node, dict) and isinstance(node.get("id"), str) and len(ids) < 64:
            ids.append(node["id"])
            node = node.get("child")
        if ids:
            yield ids


def _string_matches(value: Any, op: str, operand: str) -> bool:
    text = value if isinstance(value, str) else None
    if op == "notEqual":
        return text is None or text != operand
    if text is None:
        return False
    if op == "equal":
        return text == operand
    if op == "contain":
        return operand.casefold() in text.casefold()
    comparisons = {
        "greaterThan": text > operand,
        "greaterThanEqual": text >= operand,
        "lessThan": text < operand,
        "lessThanEqual": text <= operand,
    }
    return comparisons[op]


def matches(customer: Customer, flt: dict[str, Any]) -> bool:
    """Whether `customer` passes `flt` (a wire-format filter) as openapi.yaml describes it."""
    for field in ("name", "email"):
        for op, operand in flt.get(field, {}).items():
            if not _string_matches(customer.get(field), op, operand):
                return False
    status = customer.get("status")
    for op, operand in flt.get("status", {}).items():
        if op == "in" and status not in operand:
            return False
        if op == "notIn" and status in operand:
            return False
        if op not in ("in", "notIn") and not _string_matches(status, op, operand):
            return False
    segments = flt.get("classSegments")
    if segments is not None:
        wanted = set(segments["id"]["in"])
        chains = list(chain_ids(customer))
        if segments.get("expand"):
            return any(wanted.intersection(ids) for ids in chains)
        return any(ids[-1] in wanted for ids in chains)
    return True
