from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.customer_sort_field import CustomerSortField
from ..models.sort_direction import SortDirection
from ..types import (
    missing_member,
    model_repr,
    wrong_type,
)

_new_object = object.__new__
_from_isoformat = datetime.datetime.fromisoformat


_CustomerSortField_BY_VALUE = {m.value: m for m in CustomerSortField}
_SortDirection_BY_VALUE = {m.value: m for m in SortDirection}


@_attrs_define(repr=False)
class CustomerSort:
    """Sort order. **(inferred)** Ties on name are broken by `id` in the same direction; without `sort` the order is NAME
    ASC.

        Example:
            >>> model = CustomerSort.from_dict(data)  # doctest: +SKIP
            >>> model.to_dict() == data  # doctest: +SKIP
            True

        Attributes:
            order_by (CustomerSortField): The field to sort by. Only `NAME` is documented for customers.
            direction (SortDirection | None): Ascending or descending. **(inferred)** Default `ASC`.
    """

    order_by: CustomerSortField
    direction: SortDirection | None = None
    # The members received as null or as an end-of-chain marker, and date-times as received.
    _wire: dict[str, Any] | None = _attrs_field(init=False, default=None, eq=False)

    def __repr__(self) -> str:
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this model: what was received, with any changes made since."""
        _out: dict[str, Any] = {}
        _wire = self._wire
        _out["orderBy"] = self.order_by.value
        _v2 = self.direction
        if _v2 is not None:
            _out["direction"] = _v2.value
        elif _wire is not None and "direction" in _wire:
            _out["direction"] = _wire["direction"]
        return _out

    def to_json(self, *, indent: int | None = None) -> str:
        """`to_dict()` as JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Parse a decoded JSON object; raises `WireTypeError` naming a member of the wrong type."""
        _wire: dict[str, Any] | None = None
        p_order_by: CustomerSortField
        p_direction: SortDirection | None
        if "orderBy" not in src_dict:
            raise missing_member("orderBy")
        _v = src_dict["orderBy"]
        p_order_by_e = (
            _CustomerSortField_BY_VALUE.get(_v) if isinstance(_v, str) else None
        )
        if p_order_by_e is None:
            raise wrong_type("orderBy", "one of NAME", _v)
        p_order_by = p_order_by_e

        if "direction" not in src_dict:
            p_direction = None
        else:
            _v = src_dict["direction"]
            if _v is None:
                p_direction = None
                _wire = _wire or {}
                _wire["direction"] = None
            else:
                p_direction_e = (
                    _SortDirection_BY_VALUE.get(_v) if isinstance(_v, str) else None
                )
                if p_direction_e is None:
                    raise wrong_type("direction", "one of ASC, DESC", _v)
                p_direction = p_direction_e

        # Set the fields directly: the attrs __init__ would only cost time here.
        _model = _new_object(cls)
        _model.order_by = p_order_by
        _model.direction = p_direction
        _model._wire = _wire
        return _model
