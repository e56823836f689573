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
        "invoicePrefix",
        "showAdditionalContactName",
        "showBusinessName",
        "showName",
        "showEmail",
        "showAddress",
        "showPhoneWork",
    )
)


@_attrs_define(repr=False)
class InvoiceSettings:
    """How the customer appears on invoices.

    Example:
        >>> model = InvoiceSettings.from_dict(data)  # doctest: +SKIP
        >>> model.to_dict() == data  # doctest: +SKIP
        True

    Attributes:
        invoice_prefix (str | None): Prefix of invoice numbers. Example: INV-.
        show_additional_contact_name (bool | None): Print the additional contact name.
        show_business_name (bool | None): Print the business name.
        show_name (bool | None): Print the customer name.
        show_email (bool | None): Print the email address.
        show_address (bool | None): Print the address.
        show_phone_work (bool | None): Print the work phone number.
    """

    invoice_prefix: str | None = None
    show_additional_contact_name: bool | None = None
    show_business_name: bool | None = None
    show_name: bool | None = None
    show_email: bool | None = None
    show_address: bool | None = None
    show_phone_work: bool | None = None
    additional_properties: dict[str, Any] = _attrs_field(factory=dict, kw_only=True)
    # The members received as null or as an end-of-chain marker, and date-times as received.
    _wire: dict[str, Any] | None = _attrs_field(init=False, default=None, eq=False)

    def __repr__(self) -> str:
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this model: what was received, with any changes made since."""
        _out: dict[str, Any] = dict(self.additional_properties)
        _wire = self._wire
        _v1 = self.invoice_prefix
        if _v1 is not None:
            _out["invoicePrefix"] = _v1
        elif _wire is not None and "invoicePrefix" in _wire:
            _out["invoicePrefix"] = _wire["invoicePrefix"]
        _v2 = self.show_additional_contact_name
        if _v2 is not None:
            _out["showAdditionalContactName"] = _v2
        elif _wire is not None and "showAdditionalContactName" in _wire:
            _out["showAdditionalContactName"] = _wire["showAdditionalContactName"]
        _v3 = self.show_business_name
        if _v3 is not None:
            _out["showBusinessName"] = _v3
        elif _wire is not None and "showBusinessName" in _wire:
            _out["showBusinessName"] = _wire["showBusinessName"]
        _v4 = self.show_name
        if _v4 is not None:
            _out["showName"] = _v4
        elif _wire is not None and "showName" in _wire:
            _out["showName"] = _wire["showName"]
        _v5 = self.show_email
        if _v5 is not None:
            _out["showEmail"] = _v5
        elif _wire is not None and "showEmail" in _wire:
            _out["showEmail"] = _wire["showEmail"]
        _v6 = self.show_address
        if _v6 is not None:
            _out["showAddress"] = _v6
        elif _wire is not None and "showAddress" in _wire:
            _out["showAddress"] = _wire["showAddress"]
        _v7 = self.show_phone_work
        if _v7 is not None:
            _out["showPhoneWork"] = _v7
        elif _wire is not None and "showPhoneWork" in _wire:
            _out["showPhoneWork"] = _wire["showPhoneWork"]
        return _out

    def to_json(self, *, indent: int | None = None) -> str:
        """`to_dict()` as JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Parse a decoded JSON object; raises `WireTypeError` naming a member of the wrong type."""
        _wire: dict[str, Any] | None = None
        _seen = 0
        p_invoice_prefix: str | None
        p_show_additional_contact_name: bool | None
        p_show_business_name: bool | None
        p_show_name: bool | None
        p_show_email: bool | None
        p_show_address: bool | None
        p_show_phone_work: bool | None
        if "invoicePrefix" not in src_dict:
            p_invoice_prefix = None
        else:
            _seen += 1
            _v = src_dict["invoicePrefix"]
            if _v is None:
                p_invoice_prefix = None
                _wire = _wire or {}
                _wire["invoicePrefix"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("invoicePrefix", "string", _v)
                p_invoice_prefix = _v

        if "showAdditionalContactName" not in src_dict:
            p_show_additional_contact_name = None
        else:
            _seen += 1
            _v = src_dict["showAdditionalContactName"]
            if _v is None:
                p_show_additional_contact_name = None
                _wire = _wire or {}
                _wire["showAdditionalContactName"] = None
            else:
                if _v is not True and _v is not False:
                    raise wrong_type("showAdditionalContactName", "boolean", _v)
                p_show_additional_contact_name = _v

        if "showBusinessName" not in src_dict:
            p_show_business_name = None
        else:
            _seen += 1
            _v = src_dict["showBusinessName"]
            if _v is None:
                p_show_business_name = None
                _wire = _wire or {}
                _wire["showBusinessName"] = None
            else:
                if _v is not True and _v is not False:
                    raise wrong_type("showBusinessName", "boolean", _v)
                p_show_business_name = _v

        if "showName" not in src_dict:
            p_show_name = None
        else:
            _seen += 1
            _v = src_dict["showName"]
            if _v is None:
                p_show_name = None
                _wire = _wire or {}
                _wire["showName"] = None
            else:
                if _v is not True and _v is not False:
                    raise wrong_type("showName", "boolean", _v)
                p_show_name = _v

        if "showEmail" not in src_dict:
            p_show_email = None
        else:
            _seen += 1
            _v = src_dict["showEmail"]
            if _v is None:
                p_show_email = None
                _wire = _wire or {}
                _wire["showEmail"] = None
            else:
                if _v is not True and _v is not False:
                    raise wrong_type("showEmail", "boolean", _v)
                p_show_email = _v

        if "showAddress" not in src_dict:
            p_show_address = None
        else:
            _seen += 1
            _v = src_dict["showAddress"]
            if _v is None:
                p_show_address = None
                _wire = _wire or {}
                _wire["showAddress"] = None
            else:
                if _v is not True and _v is not False:
                    raise wrong_type("showAddress", "boolean", _v)
                p_show_address = _v

        if "showPhoneWork" not in src_dict:
            p_show_phone_work = None
        else:
            _seen += 1
            _v = src_dict["showPhoneWork"]
            if _v is None:
                p_show_phone_work = None
                _wire = _wire or {}
                _wire["showPhoneWork"] = None
            else:
                if _v is not True and _v is not False:
                    raise wrong_type("showPhoneWork", "boolean", _v)
                p_show_phone_work = _v

        # Set the fields directly: the attrs __init__ would only cost time here.
        _model = _new_object(cls)
        _model.invoice_prefix = p_invoice_prefix
        _model.show_additional_contact_name = p_show_additional_contact_name
        _model.show_business_name = p_show_business_name
        _model.show_name = p_show_name
        _model.show_email = p_show_email
        _model.show_address = p_show_address
        _model.show_phone_work = p_show_phone_work
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
