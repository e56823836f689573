from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="IdInFilter")


@_attrs_define
class IdInFilter:
    """A set of ids.

    Attributes:
        in_ (list[str]): The segment ids, e.g. `cls_593051`.
    """

    in_: list[str]

    def to_dict(self) -> dict[str, Any]:
        in_ = self.in_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "in": in_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        in_ = cast(list[str], d.pop("in"))

        id_in_filter = cls(
            in_=in_,
        )

        return id_in_filter
