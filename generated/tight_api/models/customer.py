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
    format_datetime,
    missing_member,
    model_repr,
    wrong_type,
)

_new_object = object.__new__
_from_isoformat = datetime.datetime.fromisoformat


_CustomerStatus_BY_VALUE = {m.value: m for m in CustomerStatus}

_KNOWN_MEMBERS: frozenset[str] = frozenset(
    (
        "id",
        "name",
        "status",
        "additionalContactName",
        "businessName",
        "email",
        "ccEmails",
        "bccEmails",
        "invoiceSettings",
        "address",
        "classSegments",
        "createdDateTime",
        "customData",
    )
)


@_attrs_define(repr=False)
class Customer:
    """A customer of the business.

    Example:
        >>> model = Customer.from_dict(data)  # doctest: +SKIP
        >>> model.to_dict() == data  # doctest: +SKIP
        True

    Attributes:
        id (str): The customer id. Example: cus_28868401.
        name (str): The customer's display name. Example: Acme Corp.
        status (CustomerStatus | str): A customer status. `ACTIVE` is the only value the documentation shows; Tight
            entities
            also use `INACTIVE`, and the set is open: any other string is a status this client does
            not know yet and must keep as it is.
             Example: ACTIVE.
        additional_contact_name (str | None): A second contact person. Example: Jane Smith.
        business_name (str | None): The legal business name. Example: Acme Corporation LLC.
        email (str | None): The billing email address. Example: billing@acme.com.
        cc_emails (list[str] | None): Addresses copied on invoices. Example: ['cc@acme.com'].
        bcc_emails (list[str] | None): Addresses blind-copied on invoices. Example: ['bcc@acme.com'].
        invoice_settings (InvoiceSettings | None): How the customer appears on invoices.
        address (Address | None): A postal address.
        class_segments (list[ClassSegment] | None): The class segments assigned to the customer: one chain per entry,
            root first, each `child` leading down to the assigned segment.
        created_date_time (datetime.datetime | None): When the customer was created (RFC 3339). Example:
            2023-11-07T05:31:56Z.
        custom_data (CustomData | None): Partner-defined fields: up to 50 fields and 2000 characters; values of any JSON
            type. Example: {'internal_key': 'some_internal_key', 'some_other_field': 23434}.
    """

    id: str
    name: str
    status: CustomerStatus | str
    additional_contact_name: str | None = None
    business_name: str | None = None
    email: str | None = None
    cc_emails: list[str] | None = None
    bcc_emails: list[str] | None = None
    invoice_settings: InvoiceSettings | None = None
    address: Address | None = None
    class_segments: list[ClassSegment] | None = None
    created_date_time: datetime.datetime | None = None
    custom_data: CustomData | None = None
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
        _out["name"] = self.name
        _out["status"] = (
            self.status.value
            if isinstance(self.status, CustomerStatus)
            else self.status
        )
        _v4 = self.additional_contact_name
        if _v4 is not None:
            _out["additionalContactName"] = _v4
        elif _wire is not None and "additionalContactName" in _wire:
            _out["additionalContactName"] = _wire["additionalContactName"]
        _v5 = self.business_name
        if _v5 is not None:
            _out["businessName"] = _v5
        elif _wire is not None and "businessName" in _wire:
            _out["businessName"] = _wire["businessName"]
        _v6 = self.email
        if _v6 is not None:
            _out["email"] = _v6
        elif _wire is not None and "email" in _wire:
            _out["email"] = _wire["email"]
        _v7 = self.cc_emails
        if _v7 is not None:
            _out["ccEmails"] = list(_v7)
        elif _wire is not None and "ccEmails" in _wire:
            _out["ccEmails"] = _wire["ccEmails"]
        _v8 = self.bcc_emails
        if _v8 is not None:
            _out["bccEmails"] = list(_v8)
        elif _wire is not None and "bccEmails" in _wire:
            _out["bccEmails"] = _wire["bccEmails"]
        _v9 = self.invoice_settings
        if _v9 is not None:
            _out["invoiceSettings"] = _v9.to_dict()
        elif _wire is not None and "invoiceSettings" in _wire:
            _out["invoiceSettings"] = _wire["invoiceSettings"]
        _v10 = self.address
        if _v10 is not None:
            _out["address"] = _v10.to_dict()
        elif _wire is not None and "address" in _wire:
            _out["address"] = _wire["address"]
        _v11 = self.class_segments
        if _v11 is not None:
            _out["classSegments"] = [_i.to_dict() for _i in _v11]
        elif _wire is not None and "classSegments" in _wire:
            _out["classSegments"] = _wire["classSegments"]
        _v12 = self.created_date_time
        if _v12 is not None:
            _out["createdDateTime"] = format_datetime(
                _v12, _wire.get("createdDateTime") if _wire else None
            )
        elif _wire is not None and "createdDateTime" in _wire:
            _out["createdDateTime"] = None
        _v13 = self.custom_data
        if _v13 is not None:
            _out["customData"] = _v13.to_dict()
        elif _wire is not None and "customData" in _wire:
            _out["customData"] = _wire["customData"]
        return _out

    def to_json(self, *, indent: int | None = None) -> str:
        """`to_dict()` as JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Parse a decoded JSON object; raises `WireTypeError` naming a member of the wrong type."""
        _wire: dict[str, Any] | None = None
        _seen = 3
        p_id: str
        p_name: str
        p_status: CustomerStatus | str
        p_additional_contact_name: str | None
        p_business_name: str | None
        p_email: str | None
        p_cc_emails: list[str] | None
        p_bcc_emails: list[str] | None
        p_invoice_settings: InvoiceSettings | None
        p_address: Address | None
        p_class_segments: list[ClassSegment] | None
        p_created_date_time: datetime.datetime | None
        p_custom_data: CustomData | None
        if "id" not in src_dict:
            raise missing_member("id")
        _v = src_dict["id"]
        if not isinstance(_v, str):
            raise wrong_type("id", "string", _v)
        p_id = _v

        if "name" not in src_dict:
            raise missing_member("name")
        _v = src_dict["name"]
        if not isinstance(_v, str):
            raise wrong_type("name", "string", _v)
        p_name = _v

        if "status" not in src_dict:
            raise missing_member("status")
        _v = src_dict["status"]
        if not isinstance(_v, str):
            raise wrong_type("status", "string", _v)
        p_status = _CustomerStatus_BY_VALUE.get(_v, _v)

        if "additionalContactName" not in src_dict:
            p_additional_contact_name = None
        else:
            _seen += 1
            _v = src_dict["additionalContactName"]
            if _v is None:
                p_additional_contact_name = None
                _wire = _wire or {}
                _wire["additionalContactName"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("additionalContactName", "string", _v)
                p_additional_contact_name = _v

        if "businessName" not in src_dict:
            p_business_name = None
        else:
            _seen += 1
            _v = src_dict["businessName"]
            if _v is None:
                p_business_name = None
                _wire = _wire or {}
                _wire["businessName"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("businessName", "string", _v)
                p_business_name = _v

        if "email" not in src_dict:
            p_email = None
        else:
            _seen += 1
            _v = src_dict["email"]
            if _v is None:
                p_email = None
                _wire = _wire or {}
                _wire["email"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("email", "string", _v)
                p_email = _v

        if "ccEmails" not in src_dict:
            p_cc_emails = None
        else:
            _seen += 1
            _v = src_dict["ccEmails"]
            if _v is None:
                p_cc_emails = None
                _wire = _wire or {}
                _wire["ccEmails"] = None
            else:
                if type(_v) is not list:
                    raise wrong_type("ccEmails", "array", _v)
                p_cc_emails_items: list[str] = []
                try:
                    for p_cc_emails_raw in _v:
                        if not isinstance(p_cc_emails_raw, str):
                            raise wrong_type("", "string", p_cc_emails_raw)
                        p_cc_emails_item = p_cc_emails_raw

                        p_cc_emails_items.append(p_cc_emails_item)
                except WireTypeError as _exc:
                    raise _exc.inside(f"[{len(p_cc_emails_items)}]").inside(
                        "ccEmails"
                    ) from None
                p_cc_emails = p_cc_emails_items

        if "bccEmails" not in src_dict:
            p_bcc_emails = None
        else:
            _seen += 1
            _v = src_dict["bccEmails"]
            if _v is None:
                p_bcc_emails = None
                _wire = _wire or {}
                _wire["bccEmails"] = None
            else:
                if type(_v) is not list:
                    raise wrong_type("bccEmails", "array", _v)
                p_bcc_emails_items: list[str] = []
                try:
                    for p_bcc_emails_raw in _v:
                        if not isinstance(p_bcc_emails_raw, str):
                            raise wrong_type("", "string", p_bcc_emails_raw)
                        p_bcc_emails_item = p_bcc_emails_raw

                        p_bcc_emails_items.append(p_bcc_emails_item)
                except WireTypeError as _exc:
                    raise _exc.inside(f"[{len(p_bcc_emails_items)}]").inside(
                        "bccEmails"
                    ) from None
                p_bcc_emails = p_bcc_emails_items

        if "invoiceSettings" not in src_dict:
            p_invoice_settings = None
        else:
            _seen += 1
            _v = src_dict["invoiceSettings"]
            if _v is None:
                p_invoice_settings = None
                _wire = _wire or {}
                _wire["invoiceSettings"] = None
            else:
                if not isinstance(_v, dict):
                    raise wrong_type("invoiceSettings", "object", _v)
                try:
                    p_invoice_settings = InvoiceSettings.from_dict(_v)
                except WireTypeError as _exc:
                    raise _exc.inside("invoiceSettings") from None

        if "address" not in src_dict:
            p_address = None
        else:
            _seen += 1
            _v = src_dict["address"]
            if _v is None:
                p_address = None
                _wire = _wire or {}
                _wire["address"] = None
            else:
                if not isinstance(_v, dict):
                    raise wrong_type("address", "object", _v)
                try:
                    p_address = Address.from_dict(_v)
                except WireTypeError as _exc:
                    raise _exc.inside("address") from None

        if "classSegments" not in src_dict:
            p_class_segments = None
        else:
            _seen += 1
            _v = src_dict["classSegments"]
            if _v is None:
                p_class_segments = None
                _wire = _wire or {}
                _wire["classSegments"] = None
            else:
                if type(_v) is not list:
                    raise wrong_type("classSegments", "array", _v)
                p_class_segments_items: list[ClassSegment] = []
                try:
                    for p_class_segments_raw in _v:
                        if not isinstance(p_class_segments_raw, dict):
                            raise wrong_type("", "object", p_class_segments_raw)
                        p_class_segments_item = ClassSegment.from_dict(
                            p_class_segments_raw
                        )

                        p_class_segments_items.append(p_class_segments_item)
                except WireTypeError as _exc:
                    raise _exc.inside(f"[{len(p_class_segments_items)}]").inside(
                        "classSegments"
                    ) from None
                p_class_segments = p_class_segments_items

        if "createdDateTime" not in src_dict:
            p_created_date_time = None
        else:
            _seen += 1
            _v = src_dict["createdDateTime"]
            if _v is None:
                p_created_date_time = None
                _wire = _wire or {}
                _wire["createdDateTime"] = None
            else:
                try:
                    p_created_date_time = _from_isoformat(_v)
                except (TypeError, ValueError):
                    raise wrong_type(
                        "createdDateTime", "a date-time string", _v
                    ) from None
                _wire = _wire or {}
                _wire["createdDateTime"] = _v

        if "customData" not in src_dict:
            p_custom_data = None
        else:
            _seen += 1
            _v = src_dict["customData"]
            if _v is None:
                p_custom_data = None
                _wire = _wire or {}
                _wire["customData"] = None
            else:
                if not isinstance(_v, dict):
                    raise wrong_type("customData", "object", _v)
                try:
                    p_custom_data = CustomData.from_dict(_v)
                except WireTypeError as _exc:
                    raise _exc.inside("customData") from None

        # Set the fields directly: the attrs __init__ would only cost time here.
        _model = _new_object(cls)
        _model.id = p_id
        _model.name = p_name
        _model.status = p_status
        _model.additional_contact_name = p_additional_contact_name
        _model.business_name = p_business_name
        _model.email = p_email
        _model.cc_emails = p_cc_emails
        _model.bcc_emails = p_bcc_emails
        _model.invoice_settings = p_invoice_settings
        _model.address = p_address
        _model.class_segments = p_class_segments
        _model.created_date_time = p_created_date_time
        _model.custom_data = p_custom_data
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
from ..models.address import Address
from ..models.class_segment import ClassSegment
from ..models.custom_data import CustomData
from ..models.invoice_settings import InvoiceSettings
