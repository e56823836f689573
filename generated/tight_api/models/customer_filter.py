from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.class_segment_filter import ClassSegmentFilter
    from ..models.status_filter import StatusFilter
    from ..models.string_filter import StringFilter


T = TypeVar("T", bound="CustomerFilter")


@_attrs_define
class CustomerFilter:
    """Conditions on customers. Several fields are combined with AND, and so are several
    operators on one field (e.g. `greaterThanEqual` + `lessThan` is a range). There is no OR
    and no NOT.

        Attributes:
            name (StringFilter | Unset): Operators on a string field (`name`, `email`).
                **(inferred)** Comparisons (`equal` … `lessThanEqual`) are exact and order strings by
                their Unicode code points (case-sensitive, like a binary collation). `contain` is a
                case-insensitive substring test (Unicode case folding). A customer whose field is null
                or absent matches no operator except `notEqual`.
            email (StringFilter | Unset): Operators on a string field (`name`, `email`).
                **(inferred)** Comparisons (`equal` … `lessThanEqual`) are exact and order strings by
                their Unicode code points (case-sensitive, like a binary collation). `contain` is a
                case-insensitive substring test (Unicode case folding). A customer whose field is null
                or absent matches no operator except `notEqual`.
            status (StatusFilter | Unset): Operators on `status`. **(inferred)** Comparisons order statuses as strings (code
                points), as for names.
            class_segments (ClassSegmentFilter | Unset): Customers by class segment.
                **(inferred)** With `expand: false` a customer matches when one of its assigned segments
                (the deepest segment of one of its chains) is in `id.in`; with `expand: true` it also
                matches when an assigned segment is a descendant of a listed segment.
    """

    name: StringFilter | Unset = UNSET
    email: StringFilter | Unset = UNSET
    status: StatusFilter | Unset = UNSET
    class_segments: ClassSegmentFilter | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name: dict[str, Any] | Unset = UNSET
        if not isinstance(self.name, Unset):
            name = self.name.to_dict()

        email: dict[str, Any] | Unset = UNSET
        if not isinstance(self.email, Unset):
            email = self.email.to_dict()

        status: dict[str, Any] | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.to_dict()

        class_segments: dict[str, Any] | Unset = UNSET
        if not isinstance(self.class_segments, Unset):
            class_segments = self.class_segments.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if email is not UNSET:
            field_dict["email"] = email
        if status is not UNSET:
            field_dict["status"] = status
        if class_segments is not UNSET:
            field_dict["classSegments"] = class_segments

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.class_segment_filter import ClassSegmentFilter
        from ..models.status_filter import StatusFilter
        from ..models.string_filter import StringFilter

        d = dict(src_dict)
        _name = d.pop("name", UNSET)
        name: StringFilter | Unset
        if isinstance(_name, Unset):
            name = UNSET
        else:
            name = StringFilter.from_dict(_name)

        _email = d.pop("email", UNSET)
        email: StringFilter | Unset
        if isinstance(_email, Unset):
            email = UNSET
        else:
            email = StringFilter.from_dict(_email)

        _status = d.pop("status", UNSET)
        status: StatusFilter | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = StatusFilter.from_dict(_status)

        _class_segments = d.pop("classSegments", UNSET)
        class_segments: ClassSegmentFilter | Unset
        if isinstance(_class_segments, Unset):
            class_segments = UNSET
        else:
            class_segments = ClassSegmentFilter.from_dict(_class_segments)

        customer_filter = cls(
            name=name,
            email=email,
            status=status,
            class_segments=class_segments,
        )

        return customer_filter
