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


_KNOWN_MEMBERS: frozenset[str] = frozenset(
    (
        "countryCode",
        "state",
        "city",
        "zip",
        "phoneWork",
        "address1",
        "address2",
    )
)


@_attrs_define(repr=False)
class Address:
    """A postal address.

    Example:
        >>> model = Address.from_dict(data)  # doctest: +SKIP
        >>> model.to_dict() == data  # doctest: +SKIP
        True

    Attributes:
        country_code (str | None): ISO 3166-1 alpha-3 country code. Example: USA.
        state (str | None): State or region.
        city (str | None): City.
        zip_ (str | None): Postal code.
        phone_work (str | None): Work phone number.
        address1 (str | None): First address line.
        address2 (str | None): Second address line.
    """

    country_code: str | None = None
    state: str | None = None
    city: str | None = None
    zip_: str | None = None
    phone_work: str | None = None
    address1: str | None = None
    address2: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(factory=dict, kw_only=True)
    # The members received as null or as an end-of-chain marker, and date-times as received.
    _wire: dict[str, Any] | None = _attrs_field(init=False, default=None, eq=False)

    def __repr__(self) -> str:
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this model: what was received, with any changes made since."""
        _out: dict[str, Any] = dict(self.additional_properties)
        _wire = self._wire
        _v1 = self.country_code
        if _v1 is not None:
            _out["countryCode"] = _v1
        elif _wire is not None and "countryCode" in _wire:
            _out["countryCode"] = _wire["countryCode"]
        _v2 = self.state
        if _v2 is not None:
            _out["state"] = _v2
        elif _wire is not None and "state" in _wire:
            _out["state"] = _wire["state"]
        _v3 = self.city
        if _v3 is not None:
            _out["city"] = _v3
        elif _wire is not None and "city" in _wire:
            _out["city"] = _wire["city"]
        _v4 = self.zip_
        if _v4 is not None:
            _out["zip"] = _v4
        elif _wire is not None and "zip" in _wire:
            _out["zip"] = _wire["zip"]
        _v5 = self.phone_work
        if _v5 is not None:
            _out["phoneWork"] = _v5
        elif _wire is not None and "phoneWork" in _wire:
            _out["phoneWork"] = _wire["phoneWork"]
        _v6 = self.address1
        if _v6 is not None:
            _out["address1"] = _v6
        elif _wire is not None and "address1" in _wire:
            _out["address1"] = _wire["address1"]
        _v7 = self.address2
        if _v7 is not None:
            _out["address2"] = _v7
        elif _wire is not None and "address2" in _wire:
            _out["address2"] = _wire["address2"]
        return _out

    def to_json(self, *, indent: int | None = None) -> str:
        """`to_dict()` as JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Parse a decoded JSON object; raises `WireTypeError` naming a member of the wrong type."""
        _wire: dict[str, Any] | None = None
        _seen = 0
        p_country_code: str | None
        p_state: str | None
        p_city: str | None
        p_zip_: str | None
        p_phone_work: str | None
        p_address1: str | None
        p_address2: str | None
        if "countryCode" not in src_dict:
            p_country_code = None
        else:
            _seen += 1
            _v = src_dict["countryCode"]
            if _v is None:
                p_country_code = None
                _wire = _wire or {}
                _wire["countryCode"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("countryCode", "string", _v)
                p_country_code = _v

        if "state" not in src_dict:
            p_state = None
        else:
            _seen += 1
            _v = src_dict["state"]
            if _v is None:
                p_state = None
                _wire = _wire or {}
                _wire["state"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("state", "string", _v)
                p_state = _v

        if "city" not in src_dict:
            p_city = None
        else:
            _seen += 1
            _v = src_dict["city"]
            if _v is None:
                p_city = None
                _wire = _wire or {}
                _wire["city"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("city", "string", _v)
                p_city = _v

        if "zip" not in src_dict:
            p_zip_ = None
        else:
            _seen += 1
            _v = src_dict["zip"]
            if _v is None:
                p_zip_ = None
                _wire = _wire or {}
                _wire["zip"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("zip", "string", _v)
                p_zip_ = _v

        if "phoneWork" not in src_dict:
            p_phone_work = None
        else:
            _seen += 1
            _v = src_dict["phoneWork"]
            if _v is None:
                p_phone_work = None
                _wire = _wire or {}
                _wire["phoneWork"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("phoneWork", "string", _v)
                p_phone_work = _v

        if "address1" not in src_dict:
            p_address1 = None
        else:
            _seen += 1
            _v = src_dict["address1"]
            if _v is None:
                p_address1 = None
                _wire = _wire or {}
                _wire["address1"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("address1", "string", _v)
                p_address1 = _v

        if "address2" not in src_dict:
            p_address2 = None
        else:
            _seen += 1
            _v = src_dict["address2"]
            if _v is None:
                p_address2 = None
                _wire = _wire or {}
                _wire["address2"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("address2", "string", _v)
                p_address2 = _v

        # Set the fields directly: the attrs __init__ would only cost time here.
        _model = _new_object(cls)
        _model.country_code = p_country_code
        _model.state = p_state
        _model.city = p_city
        _model.zip_ = p_zip_
        _model.phone_work = p_phone_work
        _model.address1 = p_address1
        _model.address2 = p_address2
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
