from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.requiredness import Requiredness
from ..types import (
    missing_member,
    model_repr,
    wrong_type,
)

_new_object = object.__new__
_from_isoformat = datetime.datetime.fromisoformat


_Requiredness_BY_VALUE = {m.value: m for m in Requiredness}

_KNOWN_MEMBERS: frozenset[str] = frozenset(
    (
        "id",
        "name",
        "requiredness",
    )
)


@_attrs_define(repr=False)
class ClassLabel:
    """The level a segment belongs to (e.g. Region → Location → Job Site).

    Example:
        >>> model = ClassLabel.from_dict(data)  # doctest: +SKIP
        >>> model.to_dict() == data  # doctest: +SKIP
        True

    Attributes:
        id (str): The label id. Example: cll_4521.
        name (str | None): The level's name. Example: Region.
        requiredness (Requiredness | str | None): Whether a segment of this level must be set. The set is open; keep
            unknown values. Example: NOT_REQUIRED.
    """

    id: str
    name: str | None = None
    requiredness: Requiredness | str | None = None
    additional_properties: dict[str, Any] = _attrs_field(factory=dict, kw_only=True)
    # The members received as null or as an end-of-chain marker, and date-times as received.
    _wire: dict[str, Any] | None = _attrs_field(init=False, default=None, eq=False)

    def __repr__(self) -> str:
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this model: what was received, with any changes made since."""
        _out: dict[str, Any] = dict(self.additional_properties)
        _wire = self._wire
        _out["id"] = self.id
        _v2 = self.name
        if _v2 is not None:
            _out["name"] = _v2
        elif _wire is not None and "name" in _wire:
            _out["name"] = _wire["name"]
        _v3 = self.requiredness
        if _v3 is not None:
            _out["requiredness"] = _v3.value if isinstance(_v3, Requiredness) else _v3
        elif _wire is not None and "requiredness" in _wire:
            _out["requiredness"] = _wire["requiredness"]
        return _out

    def to_json(self, *, indent: int | None = None) -> str:
        """`to_dict()` as JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Parse a decoded JSON object; raises `WireTypeError` naming a member of the wrong type."""
        _wire: dict[str, Any] | None = None
        _seen = 1
        p_id: str
        p_name: str | None
        p_requiredness: Requiredness | str | None
        if "id" not in src_dict:
            raise missing_member("id")
        _v = src_dict["id"]
        if not isinstance(_v, str):
            raise wrong_type("id", "string", _v)
        p_id = _v

        if "name" not in src_dict:
            p_name = None
        else:
            _seen += 1
            _v = src_dict["name"]
            if _v is None:
                p_name = None
                _wire = _wire or {}
                _wire["name"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("name", "string", _v)
                p_name = _v

        if "requiredness" not in src_dict:
            p_requiredness = None
        else:
            _seen += 1
            _v = src_dict["requiredness"]
            if _v is None:
                p_requiredness = None
                _wire = _wire or {}
                _wire["requiredness"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("requiredness", "string", _v)
                p_requiredness = _Requiredness_BY_VALUE.get(_v, _v)

        # Set the fields directly: the attrs __init__ would only cost time here.
        _model = _new_object(cls)
        _model.id = p_id
        _model.name = p_name
        _model.requiredness = p_requiredness
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
