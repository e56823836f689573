from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="InvoiceSettings")


@_attrs_define
class InvoiceSettings:
    """How the customer appears on invoices.

    Attributes:
        invoice_prefix (None | str | Unset): Prefix of invoice numbers. Example: INV-.
        show_additional_contact_name (bool | Unset): Print the additional contact name.
        show_business_name (bool | Unset): Print the business name.
        show_name (bool | Unset): Print the customer name.
        show_email (bool | Unset): Print the email address.
        show_address (bool | Unset): Print the address.
        show_phone_work (bool | Unset): Print the work phone number.
    """

    invoice_prefix: None | str | Unset = UNSET
    show_additional_contact_name: bool | Unset = UNSET
    show_business_name: bool | Unset = UNSET
    show_name: bool | Unset = UNSET
    show_email: bool | Unset = UNSET
    show_address: bool | Unset = UNSET
    show_phone_work: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        invoice_prefix: None | str | Unset
        if isinstance(self.invoice_prefix, Unset):
            invoice_prefix = UNSET
        else:
            invoice_prefix = self.invoice_prefix

        show_additional_contact_name = self.show_additional_contact_name

        show_business_name = self.show_business_name

        show_name = self.show_name

        show_email = self.show_email

        show_address = self.show_address

        show_phone_work = self.show_phone_work

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if invoice_prefix is not UNSET:
            field_dict["invoicePrefix"] = invoice_prefix
        if show_additional_contact_name is not UNSET:
            field_dict["showAdditionalContactName"] = show_additional_contact_name
        if show_business_name is not UNSET:
            field_dict["showBusinessName"] = show_business_name
        if show_name is not UNSET:
            field_dict["showName"] = show_name
        if show_email is not UNSET:
            field_dict["showEmail"] = show_email
        if show_address is not UNSET:
            field_dict["showAddress"] = show_address
        if show_phone_work is not UNSET:
            field_dict["showPhoneWork"] = show_phone_work

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_invoice_prefix(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        invoice_prefix = _parse_invoice_prefix(d.pop("invoicePrefix", UNSET))

        show_additional_contact_name = d.pop("showAdditionalContactName", UNSET)

        show_business_name = d.pop("showBusinessName", UNSET)

        show_name = d.pop("showName", UNSET)

        show_email = d.pop("showEmail", UNSET)

        show_address = d.pop("showAddress", UNSET)

        show_phone_work = d.pop("showPhoneWork", UNSET)

        invoice_settings = cls(
            invoice_prefix=invoice_prefix,
            show_additional_contact_name=show_additional_contact_name,
            show_business_name=show_business_name,
            show_name=show_name,
            show_email=show_email,
            show_address=show_address,
            show_phone_work=show_phone_work,
        )

        invoice_settings.additional_properties = d
        return invoice_settings

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
