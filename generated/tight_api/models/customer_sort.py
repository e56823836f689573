from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.customer_sort_field import CustomerSortField
from ..models.sort_direction import SortDirection
from ..types import UNSET, Unset

T = TypeVar("T", bound="CustomerSort")


@_attrs_define
class CustomerSort:
    """Sort order. **(inferred)** Ties on name are broken by `id` in the same direction; without `sort` the order is NAME
    ASC.

        Attributes:
            order_by (CustomerSortField): The field to sort by. Only `NAME` is documented for customers.
            direction (SortDirection | Unset): Ascending or descending. **(inferred)** Default `ASC`.
    """

    order_by: CustomerSortField
    direction: SortDirection | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        order_by = self.order_by.value

        direction: str | Unset = UNSET
        if not isinstance(self.direction, Unset):
            direction = self.direction.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "orderBy": order_by,
            }
        )
        if direction is not UNSET:
            field_dict["direction"] = direction

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        order_by = CustomerSortField(d.pop("orderBy"))

        _direction = d.pop("direction", UNSET)
        direction: SortDirection | Unset
        if isinstance(_direction, Unset):
            direction = UNSET
        else:
            direction = SortDirection(_direction)

        customer_sort = cls(
            order_by=order_by,
            direction=direction,
        )

        return customer_sort
