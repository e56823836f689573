from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.customer_filter import CustomerFilter
    from ..models.customer_sort import CustomerSort


T = TypeVar("T", bound="CustomerQuery")


@_attrs_define
class CustomerQuery:
    """Body of `POST /v6/customers/query`. Every member is optional.

    Attributes:
        cursor (str | Unset): `cursor.after` (next page) or `cursor.before` (previous page) of an earlier response.
            Opaque.
        limit (int | Unset): Page size. **(inferred)** Default 100, maximum 1000; out of range gets 400 `INVALID_VALUE`
            with `param: "limit"`. Default: 100. Example: 100.
        sort (CustomerSort | Unset): Sort order. **(inferred)** Ties on name are broken by `id` in the same direction;
            without `sort` the order is NAME ASC.
        filter_ (CustomerFilter | Unset): Conditions on customers. Several fields are combined with AND, and so are
            several
            operators on one field (e.g. `greaterThanEqual` + `lessThan` is a range). There is no OR
            and no NOT.
    """

    cursor: str | Unset = UNSET
    limit: int | Unset = 100
    sort: CustomerSort | Unset = UNSET
    filter_: CustomerFilter | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        cursor = self.cursor

        limit = self.limit

        sort: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sort, Unset):
            sort = self.sort.to_dict()

        filter_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filter_, Unset):
            filter_ = self.filter_.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if cursor is not UNSET:
            field_dict["cursor"] = cursor
        if limit is not UNSET:
            field_dict["limit"] = limit
        if sort is not UNSET:
            field_dict["sort"] = sort
        if filter_ is not UNSET:
            field_dict["filter"] = filter_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.customer_filter import CustomerFilter
        from ..models.customer_sort import CustomerSort

        d = dict(src_dict)
        cursor = d.pop("cursor", UNSET)

        limit = d.pop("limit", UNSET)

        _sort = d.pop("sort", UNSET)
        sort: CustomerSort | Unset
        if isinstance(_sort, Unset):
            sort = UNSET
        else:
            sort = CustomerSort.from_dict(_sort)

        _filter_ = d.pop("filter", UNSET)
        filter_: CustomerFilter | Unset
        if isinstance(_filter_, Unset):
            filter_ = UNSET
        else:
            filter_ = CustomerFilter.from_dict(_filter_)

        customer_query = cls(
            cursor=cursor,
            limit=limit,
            sort=sort,
            filter_=filter_,
        )

        return customer_query
