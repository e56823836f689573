"""Follow one chain: a root segment whose `child` leads down to the assigned segment."""

from __future__ import annotations

import warnings
from typing import Any, TypeVar, cast

from tight_customers.segments._access import (
    SegmentLike,
    is_end,
    read_chains,
    read_segment,
    short_repr,
    text,
)
from tight_customers.segments._models import SegmentDataWarning, SegmentProblem

SegmentT = TypeVar("SegmentT", bound=SegmentLike)

DEFAULT_SEP = " \N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK} "
"""The separator `joined_path` uses unless told otherwise."""

# One followed segment: (id, name, label, the segment object itself).
Step = tuple[str, object, object, object]


def follow(seg: object, customer: object = None) -> tuple[list[Step], SegmentProblem | None]:
    """The steps of the chain starting at `seg`, and what cut it short (None: a regular end).

    Iterative, so a chain of any depth is fine; stops at a child that is not a segment and at
    the first repeated segment id.
    """
    steps: list[Step] = []
    seen: set[str] = set()
    current: object = seg
    after: str | None = None
    while True:
        fields = read_segment(current)
        if fields is None:
            return steps, SegmentProblem("not_a_segment", after, short_repr(current), customer)
        sid, name, label, child = fields
        if sid in seen:
            return steps, SegmentProblem("cycle", after, repr(sid), customer)
        seen.add(sid)
        steps.append((sid, name, label, current))
        if is_end(child):
            return steps, None
        after = sid
        current = child


def describe(problem: SegmentProblem) -> str:
    """A one-line English description of a problem, as used in warnings."""
    where = f"after {problem.after_id!r}" if problem.after_id is not None else "at its root"
    if problem.kind == "cycle":
        return f"class-segment chain revisits segment {problem.value} {where}; stopped there"
    return f"class-segment chain ends {where}: {problem.value} is not a segment"


def _warn(problem: SegmentProblem) -> None:
    # stacklevel 4 (_warn, _steps or _customer_steps, the public helper, its caller): the
    # warning points at the caller of the public helper.
    warnings.warn(describe(problem), SegmentDataWarning, stacklevel=4)


def _steps(seg: object) -> list[Step]:
    """`follow(seg)`, warning about what cut it short. Call it from the public helper only."""
    steps, problem = follow(seg)
    if problem is not None:
        _warn(problem)
    return steps


def chain(seg: SegmentT) -> list[SegmentT]:
    """The segments from `seg` down to the last child (root first).

    Works on generated `ClassSegment` models and on wire dicts. Bad data never raises: a `child`
    that is not a segment (the docs' `"<unknown>"` placeholder, a number, `{}`) ends the chain,
    and a repeated segment id (a cycle) stops it before the repeat; both emit a
    `SegmentDataWarning`. If `seg` itself is not a segment the result is empty (with a warning).

    >>> [s["id"] for s in chain({"id": "cls_1", "child": {"id": "cls_2", "child": None}})]
    ['cls_1', 'cls_2']
    """
    return [cast(SegmentT, step[3]) for step in _steps(seg)]


def path(seg: SegmentLike) -> list[str]:
    """The names of `chain(seg)`, root first; a segment without a name shows its id.

    >>> path({"id": "cls_1", "name": "Mid-Atlantic", "child": {"id": "cls_2", "name": "DC"}})
    ['Mid-Atlantic', 'DC']
    """
    return [text(name) or sid for sid, name, _, _ in _steps(seg)]


def joined_path(seg: SegmentLike, sep: str = DEFAULT_SEP) -> str:
    """`path(seg)` joined with `sep` (by default `DEFAULT_SEP`, a spaced right angle quote).

    >>> seg = {"id": "cls_1", "name": "Mid-Atlantic", "child": {"id": "cls_2", "name": "DC"}}
    >>> joined_path(seg, sep=" / ")
    'Mid-Atlantic / DC'
    """
    return sep.join(text(name) or sid for sid, name, _, _ in _steps(seg))


def leaf(seg: SegmentT) -> SegmentT | None:
    """The last segment of `chain(seg)`: the one a customer is assigned to. None when `seg` is
    not a segment; when the chain ends early on bad data, its last valid segment (with a warning).

    >>> leaf({"id": "cls_1", "child": {"id": "cls_2", "child": "<unknown>"}})["id"]
    'cls_2'
    """
    steps = _steps(seg)
    return cast(SegmentT, steps[-1][3]) if steps else None


def depth(seg: SegmentLike) -> int:
    """How many segments `chain(seg)` holds (1 for a lone root, 0 when `seg` is not a segment).

    >>> depth({"id": "cls_1", "child": {"id": "cls_2", "child": None}})
    2
    """
    return len(_steps(seg))


def _chain_roots(customer: object) -> tuple[list[object], SegmentProblem | None]:
    raw = read_chains(customer)
    if is_end(raw):
        return [], None
    if not isinstance(raw, list | tuple):
        return [], SegmentProblem("not_a_segment", None, short_repr(raw), customer)
    return list(raw), None


def _customer_steps(customer: object) -> list[list[Step]]:
    """The steps of each chain of `customer` that has any, warning about bad entries. Call it
    from the public helper only."""
    roots, problem = _chain_roots(customer)
    if problem is not None:
        _warn(problem)
    result: list[list[Step]] = []
    for root in roots:
        steps, problem = follow(root, customer)
        if problem is not None:
            _warn(problem)
        if steps:
            result.append(steps)
    return result


def chains(customer: Any) -> list[list[Any]]:
    """Every chain of a customer (model or wire dict): one list of segments per `classSegments`
    entry, root first. Bad entries are skipped or cut short with a `SegmentDataWarning`.

    >>> chains({"id": "cus_1", "classSegments": [{"id": "cls_1", "child": {"id": "cls_2"}}]})
    [[{'id': 'cls_1', 'child': {'id': 'cls_2'}}, {'id': 'cls_2'}]]
    """
    return [[step[3] for step in steps] for steps in _customer_steps(customer)]


def assigned(customer: Any) -> list[Any]:
    """The segments a customer is assigned to: the deepest segment of each of its chains, each
    id once, in chain order. A chain cut short by bad data counts its last valid segment.

    >>> c = {"id": "cus_1", "classSegments": [{"id": "cls_1", "child": {"id": "cls_2"}}]}
    >>> [s["id"] for s in assigned(c)]
    ['cls_2']
    """
    result: list[Any] = []
    ids: set[str] = set()
    for steps in _customer_steps(customer):
        sid, _, _, last = steps[-1]
        if sid not in ids:
            ids.add(sid)
            result.append(last)
    return result
