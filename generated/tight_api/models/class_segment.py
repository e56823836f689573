from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.class_label import ClassLabel


T = TypeVar("T", bound="ClassSegment")


@_attrs_define
class ClassSegment:
    """One segment of a class-segment chain. A customer's `classSegments` holds one chain per
    entry, root first; `child` is the next segment down, or null at the end of the chain.
    (The documentation page renders `child` as the string `"<unknown>"`, its marker for a
    recursive type; that is not data, but clients should end the chain there instead of
    failing.)

        Attributes:
            id (str): The segment id. Example: cls_593051.
            name (str | Unset): The segment name. Example: Mid-Atlantic.
            label (ClassLabel | Unset): The level a segment belongs to (e.g. Region → Location → Job Site).
            child (ClassSegment | None | Unset): The next segment down the chain, or null at the end.
    """

    id: str
    name: str | Unset = UNSET
    label: ClassLabel | Unset = UNSET
    child: ClassSegment | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        label: dict[str, Any] | Unset = UNSET
        if not isinstance(self.label, Unset):
            label = self.label.to_dict()

        child: dict[str, Any] | None | Unset
        if isinstance(self.child, Unset):
            child = UNSET
        elif isinstance(self.child, ClassSegment):
            child = self.child.to_dict()
        else:
            child = self.child

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if label is not UNSET:
            field_dict["label"] = label
        if child is not UNSET:
            field_dict["child"] = child

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.class_label import ClassLabel

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name", UNSET)

        _label = d.pop("label", UNSET)
        label: ClassLabel | Unset
        if isinstance(_label, Unset):
            label = UNSET
        else:
            label = ClassLabel.from_dict(_label)

        def _parse_child(data: object) -> ClassSegment | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                child_type_0 = ClassSegment.from_dict(data)

                return child_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ClassSegment | None | Unset, data)

        child = _parse_child(d.pop("child", UNSET))

        class_segment = cls(
            id=id,
            name=name,
            label=label,
            child=child,
        )

        class_segment.additional_properties = d
        return class_segment

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
