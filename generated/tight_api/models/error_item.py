from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_type import ErrorType
from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorItem")


@_attrs_define
class ErrorItem:
    """One problem with the request.

    Attributes:
        type_ (ErrorType | str): The kind of error. The set is open; keep unknown values. Example: INVALID_VALUE.
        message (str): A human-readable explanation. Example: limit must be between 1 and 1000.
        param (None | str | Unset): The request field the error concerns (a dotted path such as `filter.name.contain`),
            or null. Example: limit.
    """

    type_: ErrorType | str
    message: str
    param: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str
        if isinstance(self.type_, ErrorType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        message = self.message

        param: None | str | Unset
        if isinstance(self.param, Unset):
            param = UNSET
        else:
            param = self.param

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "message": message,
            }
        )
        if param is not UNSET:
            field_dict["param"] = param

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_type_(data: object) -> ErrorType | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_error_type_value_type_0 = ErrorType(data)

                return componentsschemas_error_type_value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ErrorType | str, data)

        type_ = _parse_type_(d.pop("type"))

        message = d.pop("message")

        def _parse_param(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        param = _parse_param(d.pop("param", UNSET))

        error_item = cls(
            type_=type_,
            message=message,
            param=param,
        )

        error_item.additional_properties = d
        return error_item

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
