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
class IdInFilter:
    """A set of ids.

    Example:
        >>> model = IdInFilter.from_dict(data)  # doctest: +SKIP
        >>> model.to_dict() == data  # doctest: +SKIP
        True

    Attributes:
        in_ (list[str]): The segment ids, e.g. `cls_593051`.
    """

    in_: list[str]
    # The members received as null or as an end-of-chain marker, and date-times as received.
    _wire: dict[str, Any] | None = _attrs_field(init=False, default=None, eq=False)

    def __repr__(self) -> str:
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this model: what was received, with any changes made since."""
        _out: dict[str, Any] = {}
        _wire = self._wire
        _out["in"] = list(self.in_)
        return _out

    def to_json(self, *, indent: int | None = None) -> str:
        """`to_dict()` as JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Parse a decoded JSON object; raises `WireTypeError` naming a member of the wrong type."""
        _wire: dict[str, Any] | None = None
        p_in_: list[str]
        if "in" not in src_dict:
            raise missing_member("in")
        _v = src_dict["in"]
        if type(_v) is not list:
            raise wrong_type("in", "array", _v)
        p_in__items: list[str] = []
        try:
            for p_in__raw in _v:
                if not isinstance(p_in__raw, str):
                    raise wrong_type("", "string", p_in__raw)
                p_in__item = p_in__raw

                p_in__items.append(p_in__item)
        except WireTypeError as _exc:
            raise _exc.inside(f"[{len(p_in__items)}]").inside("in") from None
        p_in_ = p_in__items

        # Set the fields directly: the attrs __init__ would only cost time here.
        _model = _new_object(cls)
        _model.in_ = p_in_
        _model._wire = _wire
        return _model
