from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.result_code import ResultCode
from ..types import (
    WireTypeError,
    missing_member,
    model_repr,
    wrong_type,
)

_new_object = object.__new__
_from_isoformat = datetime.datetime.fromisoformat


_ResultCode_BY_VALUE = {m.value: m for m in ResultCode}

_KNOWN_MEMBERS: frozenset[str] = frozenset(
    (
        "result",
        "data",
        "error",
        "cursor",
    )
)


@_attrs_define(repr=False)
class CustomerPage:
    """The envelope of `POST /v6/customers/query` on success.

    Example:
        >>> model = CustomerPage.from_dict(data)  # doctest: +SKIP
        >>> model.to_dict() == data  # doctest: +SKIP
        True

    Attributes:
        result (ResultCode | str): The outcome of the call. `FAILURE` with HTTP 200 is still a failure. The set is open
            (207 partial success exists elsewhere in v6). Example: SUCCESS.
        data (list[Customer]): The customers of this page.
        error (list[ErrorItem] | None): Empty (or absent) on success.
        cursor (Cursor | None): Cursors for the neighbouring pages. "Only populated if there are more pages available":
            `after` is null on the last page, `before` is null on the first.
    """

    result: ResultCode | str
    data: list[Customer]
    error: list[ErrorItem] | None = None
    cursor: Cursor | None = None
    additional_properties: dict[str, Any] = _attrs_field(factory=dict, kw_only=True)
    # The members received as null or as an end-of-chain marker, and date-times as received.
    _wire: dict[str, Any] | None = _attrs_field(init=False, default=None, eq=False)

    def __repr__(self) -> str:
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this model: what was received, with any changes made since."""
        _out: dict[str, Any] = dict(self.additional_properties)
        _wire = self._wire
        _out["result"] = (
            self.result.value if isinstance(self.result, ResultCode) else self.result
        )
        _out["data"] = [_i.to_dict() for _i in self.data]
        _v3 = self.error
        if _v3 is not None:
            _out["error"] = [_i.to_dict() for _i in _v3]
        elif _wire is not None and "error" in _wire:
            _out["error"] = _wire["error"]
        _v4 = self.cursor
        if _v4 is not None:
            _out["cursor"] = _v4.to_dict()
        elif _wire is not None and "cursor" in _wire:
            _out["cursor"] = _wire["cursor"]
        return _out

    def to_json(self, *, indent: int | None = None) -> str:
        """`to_dict()` as JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Parse a decoded JSON object; raises `WireTypeError` naming a member of the wrong type."""
        _wire: dict[str, Any] | None = None
        _seen = 2
        p_result: ResultCode | str
        p_data: list[Customer]
        p_error: list[ErrorItem] | None
        p_cursor: Cursor | None
        if "result" not in src_dict:
            raise missing_member("result")
        _v = src_dict["result"]
        if not isinstance(_v, str):
            raise wrong_type("result", "string", _v)
        p_result = _ResultCode_BY_VALUE.get(_v, _v)

        if "data" not in src_dict:
            raise missing_member("data")
        _v = src_dict["data"]
        if type(_v) is not list:
            raise wrong_type("data", "array", _v)
        p_data_items: list[Customer] = []
        try:
            for p_data_raw in _v:
                if not isinstance(p_data_raw, dict):
                    raise wrong_type("", "object", p_data_raw)
                p_data_item = Customer.from_dict(p_data_raw)

                p_data_items.append(p_data_item)
        except WireTypeError as _exc:
            raise _exc.inside(f"[{len(p_data_items)}]").inside("data") from None
        p_data = p_data_items

        if "error" not in src_dict:
            p_error = None
        else:
            _seen += 1
            _v = src_dict["error"]
            if _v is None:
                p_error = None
                _wire = _wire or {}
                _wire["error"] = None
            else:
                if type(_v) is not list:
                    raise wrong_type("error", "array", _v)
                p_error_items: list[ErrorItem] = []
                try:
                    for p_error_raw in _v:
                        if not isinstance(p_error_raw, dict):
                            raise wrong_type("", "object", p_error_raw)
                        p_error_item = ErrorItem.from_dict(p_error_raw)

                        p_error_items.append(p_error_item)
                except WireTypeError as _exc:
                    raise _exc.inside(f"[{len(p_error_items)}]").inside(
                        "error"
                    ) from None
                p_error = p_error_items

        if "cursor" not in src_dict:
            p_cursor = None
        else:
            _seen += 1
            _v = src_dict["cursor"]
            if _v is None:
                p_cursor = None
                _wire = _wire or {}
                _wire["cursor"] = None
            else:
                if not isinstance(_v, dict):
                    raise wrong_type("cursor", "object", _v)
                try:
                    p_cursor = Cursor.from_dict(_v)
                except WireTypeError as _exc:
                    raise _exc.inside("cursor") from None

        # Set the fields directly: the attrs __init__ would only cost time here.
        _model = _new_object(cls)
        _model.result = p_result
        _model.data = p_data
        _model.error = p_error
        _model.cursor = p_cursor
        _model.additional_properties = (
            {}
            if len(src_dict) == _seen
            else {_k: _x for _k, _x in src_dict.items() if _k not in _KNOWN_MEMBERS}
        )
        _model._wire = _wire
        return _model

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# At the end, so that models referring to each other import in any order.
from ..models.cursor import Cursor
from ..models.customer import Customer
from ..models.error_item import ErrorItem
