from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    WireTypeError,
    model_repr,
    wrong_type,
)

_new_object = object.__new__
_from_isoformat = datetime.datetime.fromisoformat


@_attrs_define(repr=False)
class CustomerFilter:
    """Conditions on customers. Several fields are combined with AND, and so are several
    operators on one field (e.g. `greaterThanEqual` + `lessThan` is a range). There is no OR
    and no NOT.

        Example:
            >>> model = CustomerFilter.from_dict(data)  # doctest: +SKIP
            >>> model.to_dict() == data  # doctest: +SKIP
            True

        Attributes:
            name (StringFilter | None): Operators on a string field (`name`, `email`).
                **(inferred)** Comparisons (`equal` … `lessThanEqual`) are exact and order strings by
                their Unicode code points (case-sensitive, like a binary collation). `contain` is a
                case-insensitive substring test (Unicode case folding). A customer whose field is null
                or absent matches no operator except `notEqual`.
            email (StringFilter | None): Operators on a string field (`name`, `email`).
                **(inferred)** Comparisons (`equal` … `lessThanEqual`) are exact and order strings by
                their Unicode code points (case-sensitive, like a binary collation). `contain` is a
                case-insensitive substring test (Unicode case folding). A customer whose field is null
                or absent matches no operator except `notEqual`.
            status (StatusFilter | None): Operators on `status`. **(inferred)** Comparisons order statuses as strings (code
                points), as for names.
            class_segments (ClassSegmentFilter | None): Customers by class segment.
                **(inferred)** With `expand: false` a customer matches when one of its assigned segments
                (the deepest segment of one of its chains) is in `id.in`; with `expand: true` it also
                matches when an assigned segment is a descendant of a listed segment.
    """

    name: StringFilter | None = None
    email: StringFilter | None = None
    status: StatusFilter | None = None
    class_segments: ClassSegmentFilter | None = None
    # The members received as null or as an end-of-chain marker, and date-times as received.
    _wire: dict[str, Any] | None = _attrs_field(init=False, default=None, eq=False)

    def __repr__(self) -> str:
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this model: what was received, with any changes made since."""
        _out: dict[str, Any] = {}
        _wire = self._wire
        _v1 = self.name
        if _v1 is not None:
            _out["name"] = _v1.to_dict()
        elif _wire is not None and "name" in _wire:
            _out["name"] = _wire["name"]
        _v2 = self.email
        if _v2 is not None:
            _out["email"] = _v2.to_dict()
        elif _wire is not None and "email" in _wire:
            _out["email"] = _wire["email"]
        _v3 = self.status
        if _v3 is not None:
            _out["status"] = _v3.to_dict()
        elif _wire is not None and "status" in _wire:
            _out["status"] = _wire["status"]
        _v4 = self.class_segments
        if _v4 is not None:
            _out["classSegments"] = _v4.to_dict()
        elif _wire is not None and "classSegments" in _wire:
            _out["classSegments"] = _wire["classSegments"]
        return _out

    def to_json(self, *, indent: int | None = None) -> str:
        """`to_dict()` as JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Parse a decoded JSON object; raises `WireTypeError` naming a member of the wrong type."""
        _wire: dict[str, Any] | None = None
        p_name: StringFilter | None
        p_email: StringFilter | None
        p_status: StatusFilter | None
        p_class_segments: ClassSegmentFilter | None
        if "name" not in src_dict:
            p_name = None
        else:
            _v = src_dict["name"]
            if _v is None:
                p_name = None
                _wire = _wire or {}
                _wire["name"] = None
            else:
                if not isinstance(_v, dict):
                    raise wrong_type("name", "object", _v)
                try:
                    p_name = StringFilter.from_dict(_v)
                except WireTypeError as _exc:
                    raise _exc.inside("name") from None

        if "email" not in src_dict:
            p_email = None
        else:
            _v = src_dict["email"]
            if _v is None:
                p_email = None
                _wire = _wire or {}
                _wire["email"] = None
            else:
                if not isinstance(_v, dict):
                    raise wrong_type("email", "object", _v)
                try:
                    p_email = StringFilter.from_dict(_v)
                except WireTypeError as _exc:
                    raise _exc.inside("email") from None

        if "status" not in src_dict:
            p_status = None
        else:
            _v = src_dict["status"]
            if _v is None:
                p_status = None
                _wire = _wire or {}
                _wire["status"] = None
            else:
                if not isinstance(_v, dict):
                    raise wrong_type("status", "object", _v)
                try:
                    p_status = StatusFilter.from_dict(_v)
                except WireTypeError as _exc:
                    raise _exc.inside("status") from None

        if "classSegments" not in src_dict:
            p_class_segments = None
        else:
            _v = src_dict["classSegments"]
            if _v is None:
                p_class_segments = None
                _wire = _wire or {}
                _wire["classSegments"] = None
            else:
                if not isinstance(_v, dict):
                    raise wrong_type("classSegments", "object", _v)
                try:
                    p_class_segments = ClassSegmentFilter.from_dict(_v)
                except WireTypeError as _exc:
                    raise _exc.inside("classSegments") from None

        # Set the fields directly: the attrs __init__ would only cost time here.
        _model = _new_object(cls)
        _model.name = p_name
        _model.email = p_email
        _model.status = p_status
        _model.class_segments = p_class_segments
        _model._wire = _wire
        return _model


# At the end, so that models referring to each other import in any order.
from ..models.class_segment_filter import ClassSegmentFilter
from ..models.status_filter import StatusFilter
from ..models.string_filter import StringFilter
