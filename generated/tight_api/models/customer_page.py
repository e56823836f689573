from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.result_code import ResultCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cursor import Cursor
    from ..models.customer import Customer
    from ..models.error_item import ErrorItem


T = TypeVar("T", bound="CustomerPage")


@_attrs_define
class CustomerPage:
    """The envelope of `POST /v6/customers/query` on success.

    Attributes:
        result (ResultCode | str): The outcome of the call. `FAILURE` with HTTP 200 is still a failure. The set is open
            (207 partial success exists elsewhere in v6). Example: SUCCESS.
        data (list[Customer]): The customers of this page.
        error (list[ErrorItem] | Unset): Empty (or absent) on success.
        cursor (Cursor | Unset): Cursors for the neighbouring pages. "Only populated if there are more pages available":
            `after` is null on the last page, `before` is null on the first.
    """

    result: ResultCode | str
    data: list[Customer]
    error: list[ErrorItem] | Unset = UNSET
    cursor: Cursor | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        result: str
        if isinstance(self.result, ResultCode):
            result = self.result.value
        else:
            result = self.result

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        error: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = []
            for error_item_data in self.error:
                error_item = error_item_data.to_dict()
                error.append(error_item)

        cursor: dict[str, Any] | Unset = UNSET
        if not isinstance(self.cursor, Unset):
            cursor = self.cursor.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "result": result,
                "data": data,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error
        if cursor is not UNSET:
            field_dict["cursor"] = cursor

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.cursor import Cursor
        from ..models.customer import Customer
        from ..models.error_item import ErrorItem

        d = dict(src_dict)

        def _parse_result(data: object) -> ResultCode | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_result_value_type_0 = ResultCode(data)

                return componentsschemas_result_value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ResultCode | str, data)

        result = _parse_result(d.pop("result"))

        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = Customer.from_dict(data_item_data)

            data.append(data_item)

        _error = d.pop("error", UNSET)
        error: list[ErrorItem] | Unset = UNSET
        if _error is not UNSET:
            error = []
            for error_item_data in _error:
                error_item = ErrorItem.from_dict(error_item_data)

                error.append(error_item)

        _cursor = d.pop("cursor", UNSET)
        cursor: Cursor | Unset
        if isinstance(_cursor, Unset):
            cursor = UNSET
        else:
            cursor = Cursor.from_dict(_cursor)

        customer_page = cls(
            result=result,
            data=data,
            error=error,
            cursor=cursor,
        )

        customer_page.additional_properties = d
        return customer_page

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
