from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.id_in_filter import IdInFilter


T = TypeVar("T", bound="ClassSegmentFilter")


@_attrs_define
class ClassSegmentFilter:
    """Customers by class segment.
    **(inferred)** With `expand: false` a customer matches when one of its assigned segments
    (the deepest segment of one of its chains) is in `id.in`; with `expand: true` it also
    matches when an assigned segment is a descendant of a listed segment.

        Attributes:
            id (IdInFilter): A set of ids.
            expand (bool | Unset): Also match customers assigned to descendants of the listed segments. Default: False.
    """

    id: IdInFilter
    expand: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        id = self.id.to_dict()

        expand = self.expand

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
            }
        )
        if expand is not UNSET:
            field_dict["expand"] = expand

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.id_in_filter import IdInFilter

        d = dict(src_dict)
        id = IdInFilter.from_dict(d.pop("id"))

        expand = d.pop("expand", UNSET)

        class_segment_filter = cls(
            id=id,
            expand=expand,
        )

        return class_segment_filter
