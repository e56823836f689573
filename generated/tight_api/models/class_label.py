from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.requiredness import Requiredness
from ..types import UNSET, Unset

T = TypeVar("T", bound="ClassLabel")


@_attrs_define
class ClassLabel:
    """The level a segment belongs to (e.g. Region → Location → Job Site).

    Attributes:
        id (str): The label id. Example: cll_4521.
        name (str | Unset): The level's name. Example: Region.
        requiredness (Requiredness | str | Unset): Whether a segment of this level must be set. The set is open; keep
            unknown values. Example: NOT_REQUIRED.
    """

    id: str
    name: str | Unset = UNSET
    requiredness: Requiredness | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        requiredness: str | Unset
        if isinstance(self.requiredness, Unset):
            requiredness = UNSET
        elif isinstance(self.requiredness, Requiredness):
            requiredness = self.requiredness.value
        else:
            requiredness = self.requiredness

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if requiredness is not UNSET:
            field_dict["requiredness"] = requiredness

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name", UNSET)

        def _parse_requiredness(data: object) -> Requiredness | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_requiredness_value_type_0 = Requiredness(data)

                return componentsschemas_requiredness_value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Requiredness | str | Unset, data)

        requiredness = _parse_requiredness(d.pop("requiredness", UNSET))

        class_label = cls(
            id=id,
            name=name,
            requiredness=requiredness,
        )

        class_label.additional_properties = d
        return class_label

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
