from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.customer_status import CustomerStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="StatusFilter")


@_attrs_define
class StatusFilter:
    """Operators on `status`. **(inferred)** Comparisons order statuses as strings (code
    points), as for names.

        Attributes:
            in_ (list[CustomerStatus | str] | Unset): The status is one of these. **(inferred)** An empty list gets 400
                `INVALID_VALUE`.
            not_in (list[CustomerStatus | str] | Unset): The status is none of these.
            equal (CustomerStatus | str | Unset): A customer status. `ACTIVE` is the only value the documentation shows;
                Tight entities
                also use `INACTIVE`, and the set is open: any other string is a status this client does
                not know yet and must keep as it is.
                 Example: ACTIVE.
            not_equal (CustomerStatus | str | Unset): A customer status. `ACTIVE` is the only value the documentation shows;
                Tight entities
                also use `INACTIVE`, and the set is open: any other string is a status this client does
                not know yet and must keep as it is.
                 Example: ACTIVE.
            greater_than (CustomerStatus | str | Unset): A customer status. `ACTIVE` is the only value the documentation
                shows; Tight entities
                also use `INACTIVE`, and the set is open: any other string is a status this client does
                not know yet and must keep as it is.
                 Example: ACTIVE.
            greater_than_equal (CustomerStatus | str | Unset): A customer status. `ACTIVE` is the only value the
                documentation shows; Tight entities
                also use `INACTIVE`, and the set is open: any other string is a status this client does
                not know yet and must keep as it is.
                 Example: ACTIVE.
            less_than (CustomerStatus | str | Unset): A customer status. `ACTIVE` is the only value the documentation shows;
                Tight entities
                also use `INACTIVE`, and the set is open: any other string is a status this client does
                not know yet and must keep as it is.
                 Example: ACTIVE.
            less_than_equal (CustomerStatus | str | Unset): A customer status. `ACTIVE` is the only value the documentation
                shows; Tight entities
                also use `INACTIVE`, and the set is open: any other string is a status this client does
                not know yet and must keep as it is.
                 Example: ACTIVE.
    """

    in_: list[CustomerStatus | str] | Unset = UNSET
    not_in: list[CustomerStatus | str] | Unset = UNSET
    equal: CustomerStatus | str | Unset = UNSET
    not_equal: CustomerStatus | str | Unset = UNSET
    greater_than: CustomerStatus | str | Unset = UNSET
    greater_than_equal: CustomerStatus | str | Unset = UNSET
    less_than: CustomerStatus | str | Unset = UNSET
    less_than_equal: CustomerStatus | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        in_: list[str] | Unset = UNSET
        if not isinstance(self.in_, Unset):
            in_ = []
            for in_item_data in self.in_:
                in_item: str
                if isinstance(in_item_data, CustomerStatus):
                    in_item = in_item_data.value
                else:
                    in_item = in_item_data
                in_.append(in_item)

        not_in: list[str] | Unset = UNSET
        if not isinstance(self.not_in, Unset):
            not_in = []
            for not_in_item_data in self.not_in:
                not_in_item: str
                if isinstance(not_in_item_data, CustomerStatus):
                    not_in_item = not_in_item_data.value
                else:
                    not_in_item = not_in_item_data
                not_in.append(not_in_item)

        equal: str | Unset
        if isinstance(self.equal, Unset):
            equal = UNSET
        elif isinstance(self.equal, CustomerStatus):
            equal = self.equal.value
        else:
            equal = self.equal

        not_equal: str | Unset
        if isinstance(self.not_equal, Unset):
            not_equal = UNSET
        elif isinstance(self.not_equal, CustomerStatus):
            not_equal = self.not_equal.value
        else:
            not_equal = self.not_equal

        greater_than: str | Unset
        if isinstance(self.greater_than, Unset):
            greater_than = UNSET
        elif isinstance(self.greater_than, CustomerStatus):
            greater_than = self.greater_than.value
        else:
            greater_than = self.greater_than

        greater_than_equal: str | Unset
        if isinstance(self.greater_than_equal, Unset):
            greater_than_equal = UNSET
        elif isinstance(self.greater_than_equal, CustomerStatus):
            greater_than_equal = self.greater_than_equal.value
        else:
            greater_than_equal = self.greater_than_equal

        less_than: str | Unset
        if isinstance(self.less_than, Unset):
            less_than = UNSET
        elif isinstance(self.less_than, CustomerStatus):
            less_than = self.less_than.value
        else:
            less_than = self.less_than

        less_than_equal: str | Unset
        if isinstance(self.less_than_equal, Unset):
            less_than_equal = UNSET
        elif isinstance(self.less_than_equal, CustomerStatus):
            less_than_equal = self.less_than_equal.value
        else:
            less_than_equal = self.less_than_equal

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if in_ is not UNSET:
            field_dict["in"] = in_
        if not_in is not UNSET:
            field_dict["notIn"] = not_in
        if equal is not UNSET:
            field_dict["equal"] = equal
        if not_equal is not UNSET:
            field_dict["notEqual"] = not_equal
        if greater_than is not UNSET:
            field_dict["greaterThan"] = greater_than
        if greater_than_equal is not UNSET:
            field_dict["greaterThanEqual"] = greater_than_equal
        if less_than is not UNSET:
            field_dict["lessThan"] = less_than
        if less_than_equal is not UNSET:
            field_dict["lessThanEqual"] = less_than_equal

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _in_ = d.pop("in", UNSET)
        in_: list[CustomerStatus | str] | Unset = UNSET
        if _in_ is not UNSET:
            in_ = []
            for in_item_data in _in_:

                def _parse_in_item(data: object) -> CustomerStatus | str:
                    try:
                        if not isinstance(data, str):
                            raise TypeError()
                        componentsschemas_customer_status_value_type_0 = CustomerStatus(
                            data
                        )

                        return componentsschemas_customer_status_value_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    return cast(CustomerStatus | str, data)

                in_item = _parse_in_item(in_item_data)

                in_.append(in_item)

        _not_in = d.pop("notIn", UNSET)
        not_in: list[CustomerStatus | str] | Unset = UNSET
        if _not_in is not UNSET:
            not_in = []
            for not_in_item_data in _not_in:

                def _parse_not_in_item(data: object) -> CustomerStatus | str:
                    try:
                        if not isinstance(data, str):
                            raise TypeError()
                        componentsschemas_customer_status_value_type_0 = CustomerStatus(
                            data
                        )

                        return componentsschemas_customer_status_value_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    return cast(CustomerStatus | str, data)

                not_in_item = _parse_not_in_item(not_in_item_data)

                not_in.append(not_in_item)

        def _parse_equal(data: object) -> CustomerStatus | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_customer_status_value_type_0 = CustomerStatus(data)

                return componentsschemas_customer_status_value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomerStatus | str | Unset, data)

        equal = _parse_equal(d.pop("equal", UNSET))

        def _parse_not_equal(data: object) -> CustomerStatus | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_customer_status_value_type_0 = CustomerStatus(data)

                return componentsschemas_customer_status_value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomerStatus | str | Unset, data)

        not_equal = _parse_not_equal(d.pop("notEqual", UNSET))

        def _parse_greater_than(data: object) -> CustomerStatus | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_customer_status_value_type_0 = CustomerStatus(data)

                return componentsschemas_customer_status_value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomerStatus | str | Unset, data)

        greater_than = _parse_greater_than(d.pop("greaterThan", UNSET))

        def _parse_greater_than_equal(data: object) -> CustomerStatus | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_customer_status_value_type_0 = CustomerStatus(data)

                return componentsschemas_customer_status_value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomerStatus | str | Unset, data)

        greater_than_equal = _parse_greater_than_equal(d.pop("greaterThanEqual", UNSET))

        def _parse_less_than(data: object) -> CustomerStatus | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_customer_status_value_type_0 = CustomerStatus(data)

                return componentsschemas_customer_status_value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomerStatus | str | Unset, data)

        less_than = _parse_less_than(d.pop("lessThan", UNSET))

        def _parse_less_than_equal(data: object) -> CustomerStatus | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_customer_status_value_type_0 = CustomerStatus(data)

                return componentsschemas_customer_status_value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomerStatus | str | Unset, data)

        less_than_equal = _parse_less_than_equal(d.pop("lessThanEqual", UNSET))

        status_filter = cls(
            in_=in_,
            not_in=not_in,
            equal=equal,
            not_equal=not_equal,
            greater_than=greater_than,
            greater_than_equal=greater_than_equal,
            less_than=less_than,
            less_than_equal=less_than_equal,
        )

        return status_filter
