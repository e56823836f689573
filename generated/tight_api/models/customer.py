from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.customer_status import CustomerStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.class_segment import ClassSegment
    from ..models.custom_data import CustomData
    from ..models.invoice_settings import InvoiceSettings


T = TypeVar("T", bound="Customer")


@_attrs_define
class Customer:
    """A customer of the business.

    Attributes:
        id (str): The customer id. Example: cus_28868401.
        name (str): The customer's display name. Example: Acme Corp.
        status (CustomerStatus | str): A customer status. `ACTIVE` is the only value the documentation shows; Tight
            entities
            also use `INACTIVE`, and the set is open: any other string is a status this client does
            not know yet and must keep as it is.
             Example: ACTIVE.
        additional_contact_name (None | str | Unset): A second contact person. Example: Jane Smith.
        business_name (None | str | Unset): The legal business name. Example: Acme Corporation LLC.
        email (None | str | Unset): The billing email address. Example: billing@acme.com.
        cc_emails (list[str] | Unset): Addresses copied on invoices. Example: ['cc@acme.com'].
        bcc_emails (list[str] | Unset): Addresses blind-copied on invoices. Example: ['bcc@acme.com'].
        invoice_settings (InvoiceSettings | Unset): How the customer appears on invoices.
        address (Address | Unset): A postal address.
        class_segments (list[ClassSegment] | Unset): The class segments assigned to the customer: one chain per entry,
            root first, each `child` leading down to the assigned segment.
        created_date_time (datetime.datetime | Unset): When the customer was created (RFC 3339). Example:
            2023-11-07T05:31:56Z.
        custom_data (CustomData | Unset): Partner-defined fields: up to 50 fields and 2000 characters; values of any
            JSON type. Example: {'internal_key': 'some_internal_key', 'some_other_field': 23434}.
    """

    id: str
    name: str
    status: CustomerStatus | str
    additional_contact_name: None | str | Unset = UNSET
    business_name: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    cc_emails: list[str] | Unset = UNSET
    bcc_emails: list[str] | Unset = UNSET
    invoice_settings: InvoiceSettings | Unset = UNSET
    address: Address | Unset = UNSET
    class_segments: list[ClassSegment] | Unset = UNSET
    created_date_time: datetime.datetime | Unset = UNSET
    custom_data: CustomData | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        status: str
        if isinstance(self.status, CustomerStatus):
            status = self.status.value
        else:
            status = self.status

        additional_contact_name: None | str | Unset
        if isinstance(self.additional_contact_name, Unset):
            additional_contact_name = UNSET
        else:
            additional_contact_name = self.additional_contact_name

        business_name: None | str | Unset
        if isinstance(self.business_name, Unset):
            business_name = UNSET
        else:
            business_name = self.business_name

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        cc_emails: list[str] | Unset = UNSET
        if not isinstance(self.cc_emails, Unset):
            cc_emails = self.cc_emails

        bcc_emails: list[str] | Unset = UNSET
        if not isinstance(self.bcc_emails, Unset):
            bcc_emails = self.bcc_emails

        invoice_settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.invoice_settings, Unset):
            invoice_settings = self.invoice_settings.to_dict()

        address: dict[str, Any] | Unset = UNSET
        if not isinstance(self.address, Unset):
            address = self.address.to_dict()

        class_segments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.class_segments, Unset):
            class_segments = []
            for class_segments_item_data in self.class_segments:
                class_segments_item = class_segments_item_data.to_dict()
                class_segments.append(class_segments_item)

        created_date_time: str | Unset = UNSET
        if not isinstance(self.created_date_time, Unset):
            created_date_time = self.created_date_time.isoformat()

        custom_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom_data, Unset):
            custom_data = self.custom_data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "status": status,
            }
        )
        if additional_contact_name is not UNSET:
            field_dict["additionalContactName"] = additional_contact_name
        if business_name is not UNSET:
            field_dict["businessName"] = business_name
        if email is not UNSET:
            field_dict["email"] = email
        if cc_emails is not UNSET:
            field_dict["ccEmails"] = cc_emails
        if bcc_emails is not UNSET:
            field_dict["bccEmails"] = bcc_emails
        if invoice_settings is not UNSET:
            field_dict["invoiceSettings"] = invoice_settings
        if address is not UNSET:
            field_dict["address"] = address
        if class_segments is not UNSET:
            field_dict["classSegments"] = class_segments
        if created_date_time is not UNSET:
            field_dict["createdDateTime"] = created_date_time
        if custom_data is not UNSET:
            field_dict["customData"] = custom_data

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.address import Address
        from ..models.class_segment import ClassSegment
        from ..models.custom_data import CustomData
        from ..models.invoice_settings import InvoiceSettings

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        def _parse_status(data: object) -> CustomerStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_customer_status_value_type_0 = CustomerStatus(data)

                return componentsschemas_customer_status_value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomerStatus | str, data)

        status = _parse_status(d.pop("status"))

        def _parse_additional_contact_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        additional_contact_name = _parse_additional_contact_name(
            d.pop("additionalContactName", UNSET)
        )

        def _parse_business_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        business_name = _parse_business_name(d.pop("businessName", UNSET))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        cc_emails = cast(list[str], d.pop("ccEmails", UNSET))

        bcc_emails = cast(list[str], d.pop("bccEmails", UNSET))

        _invoice_settings = d.pop("invoiceSettings", UNSET)
        invoice_settings: InvoiceSettings | Unset
        if isinstance(_invoice_settings, Unset):
            invoice_settings = UNSET
        else:
            invoice_settings = InvoiceSettings.from_dict(_invoice_settings)

        _address = d.pop("address", UNSET)
        address: Address | Unset
        if isinstance(_address, Unset):
            address = UNSET
        else:
            address = Address.from_dict(_address)

        _class_segments = d.pop("classSegments", UNSET)
        class_segments: list[ClassSegment] | Unset = UNSET
        if _class_segments is not UNSET:
            class_segments = []
            for class_segments_item_data in _class_segments:
                class_segments_item = ClassSegment.from_dict(class_segments_item_data)

                class_segments.append(class_segments_item)

        _created_date_time = d.pop("createdDateTime", UNSET)
        created_date_time: datetime.datetime | Unset
        if isinstance(_created_date_time, Unset):
            created_date_time = UNSET
        else:
            created_date_time = datetime.datetime.fromisoformat(_created_date_time)

        _custom_data = d.pop("customData", UNSET)
        custom_data: CustomData | Unset
        if isinstance(_custom_data, Unset):
            custom_data = UNSET
        else:
            custom_data = CustomData.from_dict(_custom_data)

        customer = cls(
            id=id,
            name=name,
            status=status,
            additional_contact_name=additional_contact_name,
            business_name=business_name,
            email=email,
            cc_emails=cc_emails,
            bcc_emails=bcc_emails,
            invoice_settings=invoice_settings,
            address=address,
            class_segments=class_segments,
            created_date_time=created_date_time,
            custom_data=custom_data,
        )

        customer.additional_properties = d
        return customer

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
