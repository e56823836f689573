from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="StringFilter")


@_attrs_define
class StringFilter:
    """Operators on a string field (`name`, `email`).
    **(inferred)** Comparisons (`equal` … `lessThanEqual`) are exact and order strings by
    their Unicode code points (case-sensitive, like a binary collation). `contain` is a
    case-insensitive substring test (Unicode case folding). A customer whose field is null
    or absent matches no operator except `notEqual`.

        Attributes:
            equal (str | Unset): The field equals this value.
            not_equal (str | Unset): The field differs from this value (a null field differs from every value).
            greater_than (str | Unset): The field sorts after this value.
            greater_than_equal (str | Unset): The field sorts after or equals this value.
            less_than (str | Unset): The field sorts before this value.
            less_than_equal (str | Unset): The field sorts before or equals this value.
            contain (str | Unset): The field contains this value, ignoring case.
    """

    equal: str | Unset = UNSET
    not_equal: str | Unset = UNSET
    greater_than: str | Unset = UNSET
    greater_than_equal: str | Unset = UNSET
    less_than: str | Unset = UNSET
    less_than_equal: str | Unset = UNSET
    contain: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        equal = self.equal

        not_equal = self.not_equal

        greater_than = self.greater_than

        greater_than_equal = self.greater_than_equal

        less_than = self.less_than

        less_than_equal = self.less_than_equal

        contain = self.contain

        field_dict: dict[str, Any] = {}

        field_dict.update({})
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
        if contain is not UNSET:
            field_dict["contain"] = contain

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        equal = d.pop("equal", UNSET)

        not_equal = d.pop("notEqual", UNSET)

        greater_than = d.pop("greaterThan", UNSET)

        greater_than_equal = d.pop("greaterThanEqual", UNSET)

        less_than = d.pop("lessThan", UNSET)

        less_than_equal = d.pop("lessThanEqual", UNSET)

        contain = d.pop("contain", UNSET)

        string_filter = cls(
            equal=equal,
            not_equal=not_equal,
            greater_than=greater_than,
            greater_than_equal=greater_than_equal,
            less_than=less_than,
            less_than_equal=less_than_equal,
            contain=contain,
        )

        return string_filter
