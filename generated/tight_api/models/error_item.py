from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_type import ErrorType
from ..types import (
    missing_member,
    model_repr,
    wrong_type,
)

_new_object = object.__new__
_from_isoformat = datetime.datetime.fromisoformat


_ErrorType_BY_VALUE = {m.value: m for m in ErrorType}

_KNOWN_MEMBERS: frozenset[str] = frozenset(
    (
        "type",
        "message",
        "param",
    )
)


@_attrs_define(repr=False)
class ErrorItem:
    """One problem with the request.

    Example:
        >>> model = ErrorItem.from_dict(data)  # doctest: +SKIP
        >>> model.to_dict() == data  # doctest: +SKIP
        True

    Attributes:
        type_ (ErrorType | str): The kind of error. The set is open; keep unknown values. Example: INVALID_VALUE.
        message (str): A human-readable explanation. Example: limit must be between 1 and 1000.
        param (str | None): The request field the error concerns (a dotted path such as `filter.name.contain`), or null.
            Example: limit.
    """

    type_: ErrorType | str
    message: str
    param: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(factory=dict, kw_only=True)
    # The members received as null or as an end-of-chain marker, and date-times as received.
    _wire: dict[str, Any] | None = _attrs_field(init=False, default=None, eq=False)

    def __repr__(self) -> str:
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this model: what was received, with any changes made since."""
        _out: dict[str, Any] = dict(self.additional_properties)
        _wire = self._wire
        _out["type"] = (
            self.type_.value if isinstance(self.type_, ErrorType) else self.type_
        )
        _out["message"] = self.message
        _v3 = self.param
        if _v3 is not None:
            _out["param"] = _v3
        elif _wire is not None and "param" in _wire:
            _out["param"] = _wire["param"]
        return _out

    def to_json(self, *, indent: int | None = None) -> str:
        """`to_dict()` as JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Parse a decoded JSON object; raises `WireTypeError` naming a member of the wrong type."""
        _wire: dict[str, Any] | None = None
        _seen = 2
        p_type_: ErrorType | str
        p_message: str
        p_param: str | None
        if "type" not in src_dict:
            raise missing_member("type")
        _v = src_dict["type"]
        if not isinstance(_v, str):
            raise wrong_type("type", "string", _v)
        p_type_ = _ErrorType_BY_VALUE.get(_v, _v)

        if "message" not in src_dict:
            raise missing_member("message")
        _v = src_dict["message"]
        if not isinstance(_v, str):
            raise wrong_type("message", "string", _v)
        p_message = _v

        if "param" not in src_dict:
            p_param = None
        else:
            _seen += 1
            _v = src_dict["param"]
            if _v is None:
                p_param = None
                _wire = _wire or {}
                _wire["param"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("param", "string", _v)
                p_param = _v

        # Set the fields directly: the attrs __init__ would only cost time here.
        _model = _new_object(cls)
        _model.type_ = p_type_
        _model.message = p_message
        _model.param = p_param
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
