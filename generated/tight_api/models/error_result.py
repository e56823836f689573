from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.result_code import ResultCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_item import ErrorItem


T = TypeVar("T", bound="ErrorResult")


@_attrs_define
class ErrorResult:
    """The unified error envelope of every v6 endpoint.

    Attributes:
        result (ResultCode | str): The outcome of the call. `FAILURE` with HTTP 200 is still a failure. The set is open
            (207 partial success exists elsewhere in v6). Example: SUCCESS.
        error (list[ErrorItem]): Every problem found, at once.
        data (None | Unset): Always null on failure.
    """

    result: ResultCode | str
    error: list[ErrorItem]
    data: None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        result: str
        if isinstance(self.result, ResultCode):
            result = self.result.value
        else:
            result = self.result

        error = []
        for error_item_data in self.error:
            error_item = error_item_data.to_dict()
            error.append(error_item)

        data = self.data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "result": result,
                "error": error,
            }
        )
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
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

        error = []
        _error = d.pop("error")
        for error_item_data in _error:
            error_item = ErrorItem.from_dict(error_item_data)

            error.append(error_item)

        data = d.pop("data", UNSET)

        error_result = cls(
            result=result,
            error=error,
            data=data,
        )

        error_result.additional_properties = d
        return error_result

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
