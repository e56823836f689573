from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    WireTypeError,
    missing_member,
    model_repr,
    wrong_type,
)

_new_object = object.__new__
_from_isoformat = datetime.datetime.fromisoformat


@_attrs_define(repr=False)
class ClassSegmentFilter:
    """Customers by class segment.
    **(inferred)** With `expand: false` a customer matches when one of its assigned segments
    (the deepest segment of one of its chains) is in `id.in`; with `expand: true` it also
    matches when an assigned segment is a descendant of a listed segment.

        Example:
            >>> model = ClassSegmentFilter.from_dict(data)  # doctest: +SKIP
            >>> model.to_dict() == data  # doctest: +SKIP
            True

        Attributes:
            id (IdInFilter): A set of ids.
            expand (bool | None): Also match customers assigned to descendants of the listed segments.
    """

    id: IdInFilter
    expand: bool | None = None
    # The members received as null or as an end-of-chain marker, and date-times as received.
    _wire: dict[str, Any] | None = _attrs_field(init=False, default=None, eq=False)

    def __repr__(self) -> str:
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this model: what was received, with any changes made since."""
        _out: dict[str, Any] = {}
        _wire = self._wire
        _out["id"] = self.id.to_dict()
        _v2 = self.expand
        if _v2 is not None:
            _out["expand"] = _v2
        elif _wire is not None and "expand" in _wire:
            _out["expand"] = _wire["expand"]
        return _out

    def to_json(self, *, indent: int | None = None) -> str:
        """`to_dict()` as JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Parse a decoded JSON object; raises `WireTypeError` naming a member of the wrong type."""
        _wire: dict[str, Any] | None = None
        p_id: IdInFilter
        p_expand: bool | None
        if "id" not in src_dict:
            raise missing_member("id")
        _v = src_dict["id"]
        if not isinstance(_v, dict):
            raise wrong_type("id", "object", _v)
        try:
            p_id = IdInFilter.from_dict(_v)
        except WireTypeError as _exc:
            raise _exc.inside("id") from None

        if "expand" not in src_dict:
            p_expand = None
        else:
            _v = src_dict["expand"]
            if _v is None:
                p_expand = None
                _wire = _wire or {}
                _wire["expand"] = None
            else:
                if _v is not True and _v is not False:
                    raise wrong_type("expand", "boolean", _v)
                p_expand = _v

        # Set the fields directly: the attrs __init__ would only cost time here.
        _model = _new_object(cls)
        _model.id = p_id
        _model.expand = p_expand
        _model._wire = _wire
        return _model


# At the end, so that models referring to each other import in any order.
from ..models.id_in_filter import IdInFilter
