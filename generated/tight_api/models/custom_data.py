from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    model_repr,
)

_new_object = object.__new__
_from_isoformat = datetime.datetime.fromisoformat


_KNOWN_MEMBERS: frozenset[str] = frozenset(())


@_attrs_define(repr=False)
class CustomData:
    """Partner-defined fields: up to 50 fields and 2000 characters; values of any JSON type.

    Example:
        >>> model = CustomData.from_dict(data)  # doctest: +SKIP
        >>> model.to_dict() == data  # doctest: +SKIP
        True

    """

    additional_properties: dict[str, Any] = _attrs_field(factory=dict, kw_only=True)
    # The members received as null or as an end-of-chain marker, and date-times as received.
    _wire: dict[str, Any] | None = _attrs_field(init=False, default=None, eq=False)

    def __repr__(self) -> str:
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this model: what was received, with any changes made since."""
        _out: dict[str, Any] = dict(self.additional_properties)
        _wire = self._wire
        return _out

    def to_json(self, *, indent: int | None = None) -> str:
        """`to_dict()` as JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Parse a decoded JSON object; raises `WireTypeError` naming a member of the wrong type."""
        _wire: dict[str, Any] | None = None
        _seen = 0
        # Set the fields directly: the attrs __init__ would only cost time here.
        _model = _new_object(cls)
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
