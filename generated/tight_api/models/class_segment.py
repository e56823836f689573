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


_KNOWN_MEMBERS: frozenset[str] = frozenset(
    (
        "id",
        "name",
        "label",
        "child",
    )
)


@_attrs_define(repr=False)
class ClassSegment:
    """One segment of a class-segment chain. A customer's `classSegments` holds one chain per
    entry, root first; `child` is the next segment down, or null at the end of the chain.
    (The documentation page renders `child` as the string `"<unknown>"`, its marker for a
    recursive type; that is not data, but clients should end the chain there instead of
    failing.)

        Example:
            >>> model = ClassSegment.from_dict(data)  # doctest: +SKIP
            >>> model.to_dict() == data  # doctest: +SKIP
            True

        Attributes:
            id (str): The segment id. Example: cls_593051.
            name (str | None): The segment name. Example: Mid-Atlantic.
            label (ClassLabel | None): The level a segment belongs to (e.g. Region → Location → Job Site).
            child (ClassSegment | None): The next segment down the chain, or null at the end.
    """

    id: str
    name: str | None = None
    label: ClassLabel | None = None
    child: ClassSegment | None = None
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
        _v3 = self.label
        if _v3 is not None:
            _out["label"] = _v3.to_dict()
        elif _wire is not None and "label" in _wire:
            _out["label"] = _wire["label"]
        _v4 = self.child
        if _v4 is not None:
            _out["child"] = _v4.to_dict()
        elif _wire is not None and "child" in _wire:
            _out["child"] = _wire["child"]
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
        p_label: ClassLabel | None
        p_child: ClassSegment | None
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

        if "label" not in src_dict:
            p_label = None
        else:
            _seen += 1
            _v = src_dict["label"]
            if _v is None:
                p_label = None
                _wire = _wire or {}
                _wire["label"] = None
            else:
                if not isinstance(_v, dict):
                    raise wrong_type("label", "object", _v)
                try:
                    p_label = ClassLabel.from_dict(_v)
                except WireTypeError as _exc:
                    raise _exc.inside("label") from None

        if "child" not in src_dict:
            p_child = None
        else:
            _seen += 1
            _v = src_dict["child"]
            if _v is None:
                p_child = None
                _wire = _wire or {}
                _wire["child"] = None
            elif not isinstance(_v, dict):
                # Not an object: the end of a recursive chain (the docs write `"<unknown>"`).
                p_child = None
                _wire = _wire or {}
                _wire["child"] = _v
            else:
                try:
                    p_child = ClassSegment.from_dict(_v)
                except WireTypeError as _exc:
                    raise _exc.inside("child") from None

        # Set the fields directly: the attrs __init__ would only cost time here.
        _model = _new_object(cls)
        _model.id = p_id
        _model.name = p_name
        _model.label = p_label
        _model.child = p_child
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
from ..models.class_label import ClassLabel
