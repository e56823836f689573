from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.customer_status import CustomerStatus
from ..types import (
    WireTypeError,
    model_repr,
    wrong_type,
)

_new_object = object.__new__
_from_isoformat = datetime.datetime.fromisoformat


_CustomerStatus_BY_VALUE = {m.value: m for m in CustomerStatus}


@_attrs_define(repr=False)
class StatusFilter:
    """Operators on `status`. **(inferred)** Comparisons order statuses as strings (code
    points), as for names.

        Example:
            >>> model = StatusFilter.from_dict(data)  # doctest: +SKIP
            >>> model.to_dict() == data  # doctest: +SKIP
            True

        Attributes:
            in_ (list[CustomerStatus | str] | None): The status is one of these. **(inferred)** An empty list gets 400
                `INVALID_VALUE`.
            not_in (list[CustomerStatus | str] | None): The status is none of these.
            equal (CustomerStatus | str | None): A customer status. `ACTIVE` is the only value the documentation shows;
                Tight entities
                also use `INACTIVE`, and the set is open: any other string is a status this client does
                not know yet and must keep as it is.
                 Example: ACTIVE.
            not_equal (CustomerStatus | str | None): A customer status. `ACTIVE` is the only value the documentation shows;
                Tight entities
                also use `INACTIVE`, and the set is open: any other string is a status this client does
                not know yet and must keep as it is.
                 Example: ACTIVE.
            greater_than (CustomerStatus | str | None): A customer status. `ACTIVE` is the only value the documentation
                shows; Tight entities
                also use `INACTIVE`, and the set is open: any other string is a status this client does
                not know yet and must keep as it is.
                 Example: ACTIVE.
            greater_than_equal (CustomerStatus | str | None): A customer status. `ACTIVE` is the only value the
                documentation shows; Tight entities
                also use `INACTIVE`, and the set is open: any other string is a status this client does
                not know yet and must keep as it is.
                 Example: ACTIVE.
            less_than (CustomerStatus | str | None): A customer status. `ACTIVE` is the only value the documentation shows;
                Tight entities
                also use `INACTIVE`, and the set is open: any other string is a status this client does
                not know yet and must keep as it is.
                 Example: ACTIVE.
            less_than_equal (CustomerStatus | str | None): A customer status. `ACTIVE` is the only value the documentation
                shows; Tight entities
                also use `INACTIVE`, and the set is open: any other string is a status this client does
                not know yet and must keep as it is.
                 Example: ACTIVE.
    """

    in_: list[CustomerStatus | str] | None = None
    not_in: list[CustomerStatus | str] | None = None
    equal: CustomerStatus | str | None = None
    not_equal: CustomerStatus | str | None = None
    greater_than: CustomerStatus | str | None = None
    greater_than_equal: CustomerStatus | str | None = None
    less_than: CustomerStatus | str | None = None
    less_than_equal: CustomerStatus | str | None = None
    # The members received as null or as an end-of-chain marker, and date-times as received.
    _wire: dict[str, Any] | None = _attrs_field(init=False, default=None, eq=False)

    def __repr__(self) -> str:
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this model: what was received, with any changes made since."""
        _out: dict[str, Any] = {}
        _wire = self._wire
        _v1 = self.in_
        if _v1 is not None:
            _out["in"] = [
                _i.value if isinstance(_i, CustomerStatus) else _i for _i in _v1
            ]
        elif _wire is not None and "in" in _wire:
            _out["in"] = _wire["in"]
        _v2 = self.not_in
        if _v2 is not None:
            _out["notIn"] = [
                _i.value if isinstance(_i, CustomerStatus) else _i for _i in _v2
            ]
        elif _wire is not None and "notIn" in _wire:
            _out["notIn"] = _wire["notIn"]
        _v3 = self.equal
        if _v3 is not None:
            _out["equal"] = _v3.value if isinstance(_v3, CustomerStatus) else _v3
        elif _wire is not None and "equal" in _wire:
            _out["equal"] = _wire["equal"]
        _v4 = self.not_equal
        if _v4 is not None:
            _out["notEqual"] = _v4.value if isinstance(_v4, CustomerStatus) else _v4
        elif _wire is not None and "notEqual" in _wire:
            _out["notEqual"] = _wire["notEqual"]
        _v5 = self.greater_than
        if _v5 is not None:
            _out["greaterThan"] = _v5.value if isinstance(_v5, CustomerStatus) else _v5
        elif _wire is not None and "greaterThan" in _wire:
            _out["greaterThan"] = _wire["greaterThan"]
        _v6 = self.greater_than_equal
        if _v6 is not None:
            _out["greaterThanEqual"] = (
                _v6.value if isinstance(_v6, CustomerStatus) else _v6
            )
        elif _wire is not None and "greaterThanEqual" in _wire:
            _out["greaterThanEqual"] = _wire["greaterThanEqual"]
        _v7 = self.less_than
        if _v7 is not None:
            _out["lessThan"] = _v7.value if isinstance(_v7, CustomerStatus) else _v7
        elif _wire is not None and "lessThan" in _wire:
            _out["lessThan"] = _wire["lessThan"]
        _v8 = self.less_than_equal
        if _v8 is not None:
            _out["lessThanEqual"] = (
                _v8.value if isinstance(_v8, CustomerStatus) else _v8
            )
        elif _wire is not None and "lessThanEqual" in _wire:
            _out["lessThanEqual"] = _wire["lessThanEqual"]
        return _out

    def to_json(self, *, indent: int | None = None) -> str:
        """`to_dict()` as JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Parse a decoded JSON object; raises `WireTypeError` naming a member of the wrong type."""
        _wire: dict[str, Any] | None = None
        p_in_: list[CustomerStatus | str] | None
        p_not_in: list[CustomerStatus | str] | None
        p_equal: CustomerStatus | str | None
        p_not_equal: CustomerStatus | str | None
        p_greater_than: CustomerStatus | str | None
        p_greater_than_equal: CustomerStatus | str | None
        p_less_than: CustomerStatus | str | None
        p_less_than_equal: CustomerStatus | str | None
        if "in" not in src_dict:
            p_in_ = None
        else:
            _v = src_dict["in"]
            if _v is None:
                p_in_ = None
                _wire = _wire or {}
                _wire["in"] = None
            else:
                if type(_v) is not list:
                    raise wrong_type("in", "array", _v)
                p_in__items: list[CustomerStatus | str] = []
                try:
                    for p_in__raw in _v:
                        if not isinstance(p_in__raw, str):
                            raise wrong_type("", "string", p_in__raw)
                        p_in__item = _CustomerStatus_BY_VALUE.get(p_in__raw, p_in__raw)

                        p_in__items.append(p_in__item)
                except WireTypeError as _exc:
                    raise _exc.inside(f"[{len(p_in__items)}]").inside("in") from None
                p_in_ = p_in__items

        if "notIn" not in src_dict:
            p_not_in = None
        else:
            _v = src_dict["notIn"]
            if _v is None:
                p_not_in = None
                _wire = _wire or {}
                _wire["notIn"] = None
            else:
                if type(_v) is not list:
                    raise wrong_type("notIn", "array", _v)
                p_not_in_items: list[CustomerStatus | str] = []
                try:
                    for p_not_in_raw in _v:
                        if not isinstance(p_not_in_raw, str):
                            raise wrong_type("", "string", p_not_in_raw)
                        p_not_in_item = _CustomerStatus_BY_VALUE.get(
                            p_not_in_raw, p_not_in_raw
                        )

                        p_not_in_items.append(p_not_in_item)
                except WireTypeError as _exc:
                    raise _exc.inside(f"[{len(p_not_in_items)}]").inside(
                        "notIn"
                    ) from None
                p_not_in = p_not_in_items

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
                p_equal = _CustomerStatus_BY_VALUE.get(_v, _v)

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
                p_not_equal = _CustomerStatus_BY_VALUE.get(_v, _v)

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
                p_greater_than = _CustomerStatus_BY_VALUE.get(_v, _v)

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
                p_greater_than_equal = _CustomerStatus_BY_VALUE.get(_v, _v)

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
                p_less_than = _CustomerStatus_BY_VALUE.get(_v, _v)

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
                p_less_than_equal = _CustomerStatus_BY_VALUE.get(_v, _v)

        # Set the fields directly: the attrs __init__ would only cost time here.
        _model = _new_object(cls)
        _model.in_ = p_in_
        _model.not_in = p_not_in
        _model.equal = p_equal
        _model.not_equal = p_not_equal
        _model.greater_than = p_greater_than
        _model.greater_than_equal = p_greater_than_equal
        _model.less_than = p_less_than
        _model.less_than_equal = p_less_than_equal
        _model._wire = _wire
        return _model
