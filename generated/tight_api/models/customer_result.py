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
    )
)


@_attrs_define(repr=False)
class CustomerResult:
    """The envelope of `GET /v6/customers/{id}` on success.

    Example:
        >>> model = CustomerResult.from_dict(data)  # doctest: +SKIP
        >>> model.to_dict() == data  # doctest: +SKIP
        True

    Attributes:
        result (ResultCode | str): The outcome of the call. `FAILURE` with HTTP 200 is still a failure. The set is open
            (207 partial success exists elsewhere in v6). Example: SUCCESS.
        data (Customer): A customer of the business.
        error (list[ErrorItem] | None): Empty (or absent) on success.
    """

    result: ResultCode | str
    data: Customer
    error: list[ErrorItem] | None = None
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
        _out["data"] = self.data.to_dict()
        _v3 = self.error
        if _v3 is not None:
            _out["error"] = [_i.to_dict() for _i in _v3]
        elif _wire is not None and "error" in _wire:
            _out["error"] = _wire["error"]
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
        p_data: Customer
        p_error: list[ErrorItem] | None
        if "result" not in src_dict:
            raise missing_member("result")
        _v = src_dict["result"]
        if not isinstance(_v, str):
            raise wrong_type("result", "string", _v)
        p_result = _ResultCode_BY_VALUE.get(_v, _v)

        if "data" not in src_dict:
            raise missing_member("data")
        _v = src_dict["data"]
        if not isinstance(_v, dict):
            raise wrong_type("data", "object", _v)
        try:
            p_data = Customer.from_dict(_v)
        except WireTypeError as _exc:
            raise _exc.inside("data") from None

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

        # Set the fields directly: the attrs __init__ would only cost time here.
        _model = _new_object(cls)
        _model.result = p_result
        _model.data = p_data
        _model.error = p_error
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
from ..models.customer import Customer
from ..models.error_item import ErrorItem
