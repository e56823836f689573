"""Plain data of the segment helpers: labels, tree nodes, and records of bad data."""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

import attrs
from attrs import frozen

CustomerT = TypeVar("CustomerT")


class SegmentDataWarning(UserWarning):
    """Class-segment data that the helpers had to work around (a chain ended early, a cycle, a
    conflict between customers). The helpers never raise for bad segment data; they warn.

    >>> import warnings
    >>> warnings.simplefilter("error", SegmentDataWarning)  # make bad data fatal in a test run
    """


@frozen
class SegmentLabel:
    """The level a segment belongs to (e.g. Region → Location → Job Site).

    >>> SegmentLabel("cll_4521", "Region", "NOT_REQUIRED").name
    'Region'
    """

    id: str
    name: str | None = None
    requiredness: str | None = None


@frozen(eq=False)
class SegmentNode(Generic[CustomerT]):
    """One segment of a `SegmentTree`.

    `customers` are the customers *assigned* to this segment: those with a chain whose deepest
    segment is this one (in input order, each once). A chain that ends early because of bad data
    assigns its customer to its last valid segment. `parent_id` and `child_ids` refer to other
    nodes of the same tree (`tree.find(id)`); `depth` is 0 for a root.

    >>> node = tree.find("cls_593051")  # doctest: +SKIP
    >>> node.name, node.label.name, len(node.customers)  # doctest: +SKIP
    ('Mid-Atlantic', 'Region', 0)
    """

    id: str
    name: str | None
    label: SegmentLabel | None
    parent_id: str | None
    child_ids: tuple[str, ...]
    depth: int
    customers: tuple[CustomerT, ...] = attrs.field(repr=lambda c: f"<{len(c)} customers>")


@frozen(eq=False)
class SegmentConflict:
    """The same segment id seen with a different name, label or parent than first recorded.

    The tree keeps the first value (`kept`); `seen` is the other one and `customer` the customer
    whose chain carried it (None when it came from a forest). A missing name or label filling
    in a known one is not a conflict. For `field="parent"` the values are parent ids (None: a
    root); for `field="label"` they are label ids.

    >>> [(c.segment_id, c.field, c.kept, c.seen) for c in tree.conflicts]  # doctest: +SKIP
    [('cls_2', 'name', 'Washington DC', 'Washington, D.C.')]
    """

    segment_id: str
    field: Literal["name", "label", "parent"]
    kept: str | None
    seen: str | None
    customer: object = attrs.field(default=None, repr=False)


@frozen(eq=False)
class SegmentProblem:
    """A chain (or forest node) that could not be followed to its end.

    `kind` is `"not_a_segment"` (a `child` or chain entry that is not a segment: the docs'
    `"<unknown>"` placeholder, a number, `{}`) or `"cycle"` (the chain revisits a segment id).
    `after_id` is the last valid segment (where the chain now ends; None when there was none),
    `value` a short repr of the offending value, `customer` the customer concerned (or None).

    >>> [(p.kind, p.after_id, p.value) for p in tree.problems]  # doctest: +SKIP
    [('not_a_segment', 'cls_593052', "'<unknown>'")]
    """

    kind: Literal["not_a_segment", "cycle"]
    after_id: str | None
    value: str
    customer: object = attrs.field(default=None, repr=False)
