"""Read segments and customers whether they are generated models or plain wire dicts.

This is the only module of `tight_customers.segments` that knows the generated model classes;
everything else sees `(id, name, label, child)` tuples.
"""

from __future__ import annotations

import reprlib
from collections.abc import Mapping
from typing import Any, TypeAlias

from tight_customers._adapter import ClassLabel, ClassSegment, Customer

SegmentLike: TypeAlias = ClassSegment | Mapping[str, Any]
"""A class segment: the generated `ClassSegment` model or its wire dict (camelCase keys)."""

CustomerLike: TypeAlias = Customer | Mapping[str, Any]
"""A customer: the generated `Customer` model or its wire dict (camelCase keys)."""

_short = reprlib.Repr()
_short.maxstring = 40
_short.maxother = 40


def short_repr(value: object) -> str:
    """A bounded, recursion-safe repr for messages about bad data."""
    return _short.repr(value)


def read_segment(obj: object) -> tuple[str, object, object, object] | None:
    """`(id, name, label, child)` of a segment, or None when `obj` is not a segment.

    A segment is a `ClassSegment` or a mapping whose `id` is a non-empty string; anything else
    (the docs' `"<unknown>"` placeholder, a number, `{}`) is not.
    """
    # Exact-type checks first: this runs once per segment of every chain.
    if type(obj) is dict:
        sid: object = obj.get("id")
        if isinstance(sid, str) and sid:
            return sid, obj.get("name"), obj.get("label"), obj.get("child")
        return None
    if isinstance(obj, ClassSegment):
        sid = obj.id
        if isinstance(sid, str) and sid:
            return sid, obj.name, obj.label, obj.child
        return None
    if isinstance(obj, Mapping):
        sid = obj.get("id")
        if isinstance(sid, str) and sid:
            return sid, obj.get("name"), obj.get("label"), obj.get("child")
    return None


def is_end(child: object) -> bool:
    """True when `child` marks a regular end of chain (null or absent)."""
    return child is None


def read_children(obj: object) -> object:
    """The `children` member of a node in the `POST /v6/classes/segments/query` shape."""
    if isinstance(obj, Mapping):
        return obj.get("children")
    if isinstance(obj, ClassSegment):
        # The generated model has no `children` field; a parsed tree node keeps it here.
        return obj.additional_properties.get("children")
    return None


def text(value: object) -> str | None:
    """`value` if it is a string, else None (absent or malformed)."""
    return value if isinstance(value, str) else None


def read_label(label: object) -> tuple[str, str | None, str | None] | None:
    """`(id, name, requiredness)` of a label model or dict, or None when there is none."""
    if type(label) is dict or isinstance(label, Mapping):
        lid, name, req = label.get("id"), label.get("name"), label.get("requiredness")
    elif isinstance(label, ClassLabel):
        lid, name, req = label.id, label.name, label.requiredness
    else:
        return None
    if not isinstance(lid, str):
        return None
    # str() turns the generated `Requiredness` StrEnum into its wire value.
    return lid, text(name), str(req) if isinstance(req, str) else None


def label_id(label: object) -> str | None:
    """The id of a label model or dict, or None."""
    if type(label) is dict:
        lid: object = label.get("id")
    elif isinstance(label, ClassLabel):
        lid = label.id
    elif isinstance(label, Mapping):
        lid = label.get("id")
    else:
        return None
    return lid if isinstance(lid, str) else None


def read_chains(customer: object) -> object:
    """The raw `classSegments` of a customer model or dict (may be absent or malformed)."""
    if type(customer) is dict:
        return customer.get("classSegments")
    if isinstance(customer, Customer):
        return customer.class_segments
    if isinstance(customer, Mapping):
        return customer.get("classSegments")
    try:
        return customer.class_segments  # type: ignore[attr-defined]
    except AttributeError:
        raise TypeError(
            f"expected a Customer model or a wire dict, got {type(customer).__name__}"
        ) from None
