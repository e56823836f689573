from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    model_repr,
    wrong_type,
)

_new_object = object.__new__
_from_isoformat = datetime.datetime.fromisoformat


@_attrs_define(repr=False)
class StringFilter:
    """Operators on a string field (`name`, `email`).
    **(inferred)** Comparisons (`equal` … `lessThanEqual`) are exact and order strings by
    their Unicode code points (case-sensitive, like a binary collation). `contain` is a
    case-insensitive substring test (Unicode case folding). A customer whose field is null
    or absent matches no operator except `notEqual`.

        Example:
            >>> model = StringFilter.from_dict(data)  # doctest: +SKIP
            >>> model.to_dict() == data  # doctest: +SKIP
            True

        Attributes:
            equal (str | None): The field equals this value.
            not_equal (str | None): The field differs from this value (a null field differs from every value).
            greater_than (str | None): The field sorts after this value.
            greater_than_equal (str | None): The field sorts after or equals this value.
            less_than (str | None): The field sorts before this value.
            less_than_equal (str | None): The field sorts before or equals this value.
            contain (str | None): The field contains this value, ignoring case.
    """

    equal: str | None = None
    not_equal: str | None = None
    greater_than: str | None = None
    greater_than_equal: str | None = None
    less_than: str | None = None
    less_than_equal: str | None = None
    contain: str | None = None
    # The members received as null or as an end-of-chain marker, and date-times as received.
    _wire: dict[str, Any] | None = _attrs_field(init=False, default=None, eq=False)

    def __repr__(self) -> str:
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this model: what was received, with any changes made since."""
        _out: dict[str, Any] = {}
        _wire = self._wire
        _v1 = self.equal
        if _v1 is not None:
            _out["equal"] = _v1
        elif _wire is not None and "equal" in _wire:
            _out["equal"] = _wire["equal"]
        _v2 = self.not_equal
        if _v2 is not None:
            _out["notEqual"] = _v2
        elif _wire is not None and "notEqual" in _wire:
            _out["notEqual"] = _wire["notEqual"]
        _v3 = self.greater_than
        if _v3 is not None:
            _out["greaterThan"] = _v3
        elif _wire is not None and "greaterThan" in _wire:
            _out["greaterThan"] = _wire["greaterThan"]
        _v4 = self.greater_than_equal
        if _v4 is not None:
            _out["greaterThanEqual"] = _v4
        elif _wire is not None and "greaterThanEqual" in _wire:
            _out["greaterThanEqual"] = _wire["greaterThanEqual"]
        _v5 = self.less_than
        if _v5 is not None:
            _out["lessThan"] = _v5
        elif _wire is not None and "lessThan" in _wire:
            _out["lessThan"] = _wire["lessThan"]
        _v6 = self.less_than_equal
        if _v6 is not None:
            _out["lessThanEqual"] = _v6
        elif _wire is not None and "lessThanEqual" in _wire:
            _out["lessThanEqual"] = _wire["lessThanEqual"]
        _v7 = self.contain
        if _v7 is not None:
            _out["contain"] = _v7
        elif _wire is not None and "contain" in _wire:
            _out["contain"] = _wire["contain"]
        return _out

    def to_json(self, *, indent: int | None = None) -> str:
        """`to_dict()` as JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Parse a decoded JSON object; raises `WireTypeError` naming a member of the wrong type."""
        _wire: dict[str, Any] | None = None
        p_equal: str | None
        p_not_equal: str | None
        p_greater_than: str | None
        p_greater_than_equal: str | None
        p_less_than: str | None
        p_less_than_equal: str | None
        p_contain: str | None
        if "equal" not in src_dict:
            p_equal = None
        else:
            _v = src_dict["equal"]
            if _v is None:
                p_equal = None
                _wire = _wire or {}
                _wire["equal"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("equal", "string", _v)
                p_equal = _v

        if "notEqual" not in src_dict:
            p_not_equal = None
        else:
            _v = src_dict["notEqual"]
            if _v is None:
                p_not_equal = None
                _wire = _wire or {}
                _wire["notEqual"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("notEqual", "string", _v)
                p_not_equal = _v

        if "greaterThan" not in src_dict:
            p_greater_than = None
        else:
            _v = src_dict["greaterThan"]
            if _v is None:
                p_greater_than = None
                _wire = _wire or {}
                _wire["greaterThan"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("greaterThan", "string", _v)
                p_greater_than = _v

        if "greaterThanEqual" not in src_dict:
            p_greater_than_equal = None
        else:
            _v = src_dict["greaterThanEqual"]
            if _v is None:
                p_greater_than_equal = None
                _wire = _wire or {}
                _wire["greaterThanEqual"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("greaterThanEqual", "string", _v)
                p_greater_than_equal = _v

        if "lessThan" not in src_dict:
            p_less_than = None
        else:
            _v = src_dict["lessThan"]
            if _v is None:
                p_less_than = None
                _wire = _wire or {}
                _wire["lessThan"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("lessThan", "string", _v)
                p_less_than = _v

        if "lessThanEqual" not in src_dict:
            p_less_than_equal = None
        else:
            _v = src_dict["lessThanEqual"]
            if _v is None:
                p_less_than_equal = None
                _wire = _wire or {}
                _wire["lessThanEqual"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("lessThanEqual", "string", _v)
                p_less_than_equal = _v

        if "contain" not in src_dict:
            p_contain = None
        else:
            _v = src_dict["contain"]
            if _v is None:
                p_contain = None
                _wire = _wire or {}
                _wire["contain"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("contain", "string", _v)
                p_contain = _v

        # Set the fields directly: the attrs __init__ would only cost time here.
        _model = _new_object(cls)
        _model.equal = p_equal
        _model.not_equal = p_not_equal
        _model.greater_than = p_greater_than
        _model.greater_than_equal = p_greater_than_equal
        _model.less_than = p_less_than
        _model.less_than_equal = p_less_than_equal
        _model.contain = p_contain
        _model._wire = _wire
        return _model
