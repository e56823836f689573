"""Turn the filter flags of a command line into one filter expression (see `F`)."""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from typing import TYPE_CHECKING, Any, cast

from tight_customers import CustomerStatus, F, Filter, Sort
from tight_customers._sort import DIRECTIONS, SORT_FIELDS

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


EQUALITY_OPS = ("eq", "ne")
CUSTOMER_STATUSES = tuple(s.value for s in CustomerStatus)


def known_status(value: str) -> str:
    """A known status in its wire spelling (`active` → `ACTIVE`); other values as typed."""
    upper = value.strip().upper()
    return upper if upper in CUSTOMER_STATUSES else value


def unknown_statuses(flags: FilterFlags) -> list[str]:
    """The status values of the flags that are not a known status (sent as typed)."""
    values = [*flags.status_in, *flags.status_not_in]
    values += [v for op, v in flags.status.items() if op in EQUALITY_OPS]
    return [v for v in values if known_status(v) not in CUSTOMER_STATUSES]


def status_hint(values: list[str]) -> str:
    return (
        f"note: {', '.join(repr(v) for v in values)} is not a known status "
        f"({', '.join(CUSTOMER_STATUSES)}, any case); sent as typed, it may match nothing"
    )


def build_filter(flags: FilterFlags) -> Filter | None:
    """The AND of every condition the flags ask for, or None when there are none.

    Known statuses match in any case (`--status active`); range comparisons keep their value."""
    conditions: list[Filter] = []
    for text_field, ops in ((F.name, flags.name), (F.email, flags.email)):
        for op, value in ops.items():
            build = COMPARISONS.get(op)
            conditions.append(
                text_field.contains(value) if build is None else build(text_field, value)
            )
    conditions += [
        COMPARISONS[op](F.status, known_status(value) if op in EQUALITY_OPS else value)
        for op, value in flags.status.items()
    ]
    if flags.status_in:
        conditions.append(F.status.in_([known_status(v) for v in flags.status_in]))
    if flags.status_not_in:
        conditions.append(F.status.not_in([known_status(v) for v in flags.status_not_in]))
    if flags.segments:
        conditions.append(F.class_segments.in_(flags.segments, expand=flags.expand))
    elif flags.expand:
        raise ValueError("--expand needs at least one --segment ID")
    return reduce(operator.and_, conditions) if conditions else None


SORT_CHOICES = ", ".join(f"{f}:{d}".lower() for f in SORT_FIELDS for d in DIRECTIONS)


def parse_sort(text: str | None) -> Sort | None:
    """`name:asc` / `name:desc` (any case; the direction defaults to asc) → Sort."""
    if text is None:
        return None
    field_name, _, direction = text.partition(":")
    field_name, direction = field_name.strip().upper(), (direction.strip() or "asc").upper()
    if field_name not in SORT_FIELDS or direction not in DIRECTIONS:
        raise ValueError(f"--sort {text!r} is not a sort order; valid: {SORT_CHOICES}")
    return Sort(cast("SortField", field_name), cast("SortDirection", direction))
