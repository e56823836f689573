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
class CustomerQuery:
    """Body of `POST /v6/customers/query`. Every member is optional.

    Example:
        >>> model = CustomerQuery.from_dict(data)  # doctest: +SKIP
        >>> model.to_dict() == data  # doctest: +SKIP
        True

    Attributes:
        cursor (str | None): `cursor.after` (next page) or `cursor.before` (previous page) of an earlier response.
            Opaque.
        limit (int | None): Page size. **(inferred)** Default 100, maximum 1000; out of range gets 400 `INVALID_VALUE`
            with `param: "limit"`. Example: 100.
        sort (CustomerSort | None): Sort order. **(inferred)** Ties on name are broken by `id` in the same direction;
            without `sort` the order is NAME ASC.
        filter_ (CustomerFilter | None): Conditions on customers. Several fields are combined with AND, and so are
            several
            operators on one field (e.g. `greaterThanEqual` + `lessThan` is a range). There is no OR
            and no NOT.
    """

    cursor: str | None = None
    limit: int | None = None
    sort: CustomerSort | None = None
    filter_: CustomerFilter | None = None
    # The members received as null or as an end-of-chain marker, and date-times as received.
    _wire: dict[str, Any] | None = _attrs_field(init=False, default=None, eq=False)

    def __repr__(self) -> str:
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this model: what was received, with any changes made since."""
        _out: dict[str, Any] = {}
        _wire = self._wire
        _v1 = self.cursor
        if _v1 is not None:
            _out["cursor"] = _v1
        elif _wire is not None and "cursor" in _wire:
            _out["cursor"] = _wire["cursor"]
        _v2 = self.limit
        if _v2 is not None:
            _out["limit"] = _v2
        elif _wire is not None and "limit" in _wire:
            _out["limit"] = _wire["limit"]
        _v3 = self.sort
        if _v3 is not None:
            _out["sort"] = _v3.to_dict()
        elif _wire is not None and "sort" in _wire:
            _out["sort"] = _wire["sort"]
        _v4 = self.filter_
        if _v4 is not None:
            _out["filter"] = _v4.to_dict()
        elif _wire is not None and "filter" in _wire:
            _out["filter"] = _wire["filter"]
        return _out

    def to_json(self, *, indent: int | None = None) -> str:
        """`to_dict()` as JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Parse a decoded JSON object; raises `WireTypeError` naming a member of the wrong type."""
        _wire: dict[str, Any] | None = None
        p_cursor: str | None
        p_limit: int | None
        p_sort: CustomerSort | None
        p_filter_: CustomerFilter | None
        if "cursor" not in src_dict:
            p_cursor = None
        else:
            _v = src_dict["cursor"]
            if _v is None:
                p_cursor = None
                _wire = _wire or {}
                _wire["cursor"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("cursor", "string", _v)
                p_cursor = _v

        if "limit" not in src_dict:
            p_limit = None
        else:
            _v = src_dict["limit"]
            if _v is None:
                p_limit = None
                _wire = _wire or {}
                _wire["limit"] = None
            else:
                if type(_v) is not int:
                    raise wrong_type("limit", "integer", _v)
                p_limit = _v

        if "sort" not in src_dict:
            p_sort = None
        else:
            _v = src_dict["sort"]
            if _v is None:
                p_sort = None
                _wire = _wire or {}
                _wire["sort"] = None
            else:
                if not isinstance(_v, dict):
                    raise wrong_type("sort", "object", _v)
                try:
                    p_sort = CustomerSort.from_dict(_v)
                except WireTypeError as _exc:
                    raise _exc.inside("sort") from None

        if "filter" not in src_dict:
            p_filter_ = None
        else:
            _v = src_dict["filter"]
            if _v is None:
                p_filter_ = None
                _wire = _wire or {}
                _wire["filter"] = None
            else:
                if not isinstance(_v, dict):
                    raise wrong_type("filter", "object", _v)
                try:
                    p_filter_ = CustomerFilter.from_dict(_v)
                except WireTypeError as _exc:
                    raise _exc.inside("filter") from None

        # Set the fields directly: the attrs __init__ would only cost time here.
        _model = _new_object(cls)
        _model.cursor = p_cursor
        _model.limit = p_limit
        _model.sort = p_sort
        _model.filter_ = p_filter_
        _model._wire = _wire
        return _model


# At the end, so that models referring to each other import in any order.
from ..models.customer_filter import CustomerFilter
from ..models.customer_sort import CustomerSort
