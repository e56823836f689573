"""`Sort`: the order of a customer query."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypedDict, cast, get_args

import attrs

from tight_customers._public import public

__all__ = ["RawSort", "Sort", "SortDirection", "SortField", "SortLike", "normalize_sort"]

SortField = Literal["NAME"]
SortDirection = Literal["ASC", "DESC"]
# Type aliases take no docstring; the alias objects hold one for help() and the API report.
SortField.__doc__ = """The fields customers can be sorted by (`CustomerSortField` in openapi.yaml).

Example:
    >>> Sort("NAME").order_by
    'NAME'
"""
SortDirection.__doc__ = """The sort directions (`SortDirection` in openapi.yaml).

Example:
    >>> Sort("NAME", "DESC").direction
    'DESC'
"""

SORT_FIELDS: tuple[str, ...] = get_args(SortField)
DIRECTIONS: tuple[str, ...] = get_args(SortDirection)


# Required members in a base class: `Required[...]` is not seen in string annotations at run time.
class _RawSortRequired(TypedDict):
    orderBy: SortField


@public
class RawSort(_RawSortRequired, total=False):
    """The wire JSON of a query's `sort` member (`CustomerSort` in openapi.yaml), for type
    checkers: `sort=` takes one as a plain dict.

    Example:
        >>> order: RawSort = {"orderBy": "NAME", "direction": "DESC"}
        >>> order == Sort("NAME", "DESC").to_dict()
        True
    """

    direction: SortDirection


def _check(name: str, value: object, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str):
        raise TypeError(
            f"Sort {name} must be a string, one of {', '.join(allowed)}; "
            f"got {type(value).__name__} {value!r}"
        )
    upper = value.upper()
    if upper not in allowed:
        raise ValueError(f"Sort {name} must be one of {', '.join(allowed)}; got {value!r}")
    return upper


def _order_by(value: object) -> SortField:
    return cast(SortField, _check("order_by", value, SORT_FIELDS))


def _direction(value: object) -> SortDirection:
    return cast(SortDirection, _check("direction", value, DIRECTIONS))


@public
@attrs.frozen(init=False)
class Sort:
    """The order of a query: `Sort("NAME", "ASC" | "DESC")` (case-insensitive, validated).

    Ties on name are broken by id in the same direction (server side).

    Example:
        >>> Sort("NAME", "DESC").to_dict()
        {'orderBy': 'NAME', 'direction': 'DESC'}
        >>> Sort("NAME")
        Sort(order_by='NAME', direction='ASC')
    """

    order_by: SortField
    direction: SortDirection

    def __init__(self, order_by: SortField, direction: SortDirection = "ASC") -> None:
        # Checked at run time too (any case is accepted there), for callers without a type checker.
        self.__attrs_init__(_order_by(order_by), _direction(direction))

    def to_dict(self) -> dict[str, str]:
        """The wire JSON of the query's `sort` member.

        Example:
            >>> Sort("NAME").to_dict()
            {'orderBy': 'NAME', 'direction': 'ASC'}
        """
        return {"orderBy": self.order_by, "direction": self.direction}


SortLike = Sort | RawSort
"""A `sort=` argument. At run time any mapping is sent as given."""


def normalize_sort(value: SortLike | None) -> dict[str, Any] | None:
    """The wire JSON for a `sort=` argument: a `Sort`, a raw dict (sent as given), or None."""
    if value is None:
        return None
    if isinstance(value, Sort):
        return value.to_dict()
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"sort must be a Sort (e.g. Sort('NAME', 'DESC')) or a dict, got {value!r}")
