"""Turn the filter flags of a command line into one filter expression (see `F`)."""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from typing import TYPE_CHECKING, Any, cast

from tight_customers import F, Filter, Sort

if TYPE_CHECKING:
    from tight_customers import SortDirection, SortField

# Flag suffix → how the condition is built on a field (`--name-gte X` → `F.name >= X`).
COMPARISONS: dict[str, Callable[[Any, str], Filter]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


@dataclass(frozen=True)
class FilterFlags:
    """The filter flags of one command line, as typed (empty means not given)."""

    name: dict[str, str] = field(default_factory=dict)
    email: dict[str, str] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)
    status_in: Sequence[str] = ()
    status_not_in: Sequence[str] = ()
    segments: Sequence[str] = ()
    expand: bool = False


def build_filter(flags: FilterFlags) -> Filter | None:
    """The AND of every condition the flags ask for, or None when there are none."""
    conditions: list[Filter] = []
    for text_field, ops in ((F.name, flags.name), (F.email, flags.email)):
        for op, value in ops.items():
            build = COMPARISONS.get(op)
            conditions.append(
                text_field.contains(value) if build is None else build(text_field, value)
            )
    conditions += [COMPARISONS[op](F.status, value) for op, value in flags.status.items()]
    if flags.status_in:
        conditions.append(F.status.in_(flags.status_in))
    if flags.status_not_in:
        conditions.append(F.status.not_in(flags.status_not_in))
    if flags.segments:
        conditions.append(F.class_segments.in_(flags.segments, expand=flags.expand))
    elif flags.expand:
        raise ValueError("--expand needs at least one --segment")
    return reduce(operator.and_, conditions) if conditions else None


def parse_sort(text: str | None) -> Sort | None:
    """`name:asc` / `name:desc` (any case; the direction defaults to asc) → Sort."""
    if text is None:
        return None
    field_name, _, direction = text.partition(":")
    # Sort checks the names at run time and names the bad one.
    order_by = cast("SortField", field_name.strip().upper())
    return Sort(order_by, cast("SortDirection", (direction.strip() or "asc").upper()))
