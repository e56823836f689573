"""The merged segment forest of many customers, keyed by segment id."""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Generic, Literal, TypeVar

from tight_customers.segments._access import (
    label_id,
    read_children,
    read_label,
    read_segment,
    short_repr,
    text,
)
from tight_customers.segments._chain import _chain_roots, describe, follow
from tight_customers.segments._models import (
    CustomerT,
    SegmentConflict,
    SegmentDataWarning,
    SegmentLabel,
    SegmentNode,
    SegmentProblem,
)

# Indentation stops growing past this level in `render`, so a pathologically deep tree still
# renders in linear space; deeper lines carry their level number instead.
_MAX_INDENT_LEVELS = 40


def _label(label: object) -> SegmentLabel | None:
    fields = read_label(label)
    return SegmentLabel(*fields) if fields is not None else None


class _Draft:
    """A node while the tree is being built."""

    __slots__ = ("assigned", "children", "id", "label", "name", "parent")

    def __init__(self, sid: str, name: str | None, label: object, parent: str | None) -> None:
        self.id = sid
        self.name = name
        self.label = _label(label)
        self.parent = parent
        self.children: list[str] = []
        self.assigned: list[int] = []


class _Builder:
    """Merges chains and forest nodes: the first sighting of a segment id wins."""

    def __init__(self) -> None:
        self.drafts: dict[str, _Draft] = {}
        self.roots: list[str] = []
        self.customers: list[Any] = []
        self.problems: list[SegmentProblem] = []
        self.conflicts: list[SegmentConflict] = []
        self._conflict_keys: set[tuple[str, str, str | None]] = set()

    def _conflict(
        self,
        sid: str,
        field: Literal["name", "label", "parent"],
        kept: str | None,
        seen: str | None,
        customer: object,
    ) -> None:
        key = (sid, field, seen)
        if key not in self._conflict_keys:
            self._conflict_keys.add(key)
            self.conflicts.append(SegmentConflict(sid, field, kept, seen, customer))

    def visit(
        self, sid: str, name: object, label: object, parent: str | None, customer: object
    ) -> _Draft:
        """Record one sighting of segment `sid` under `parent` (None: as a root)."""
        draft = self.drafts.get(sid)
        if draft is None:
            draft = _Draft(sid, text(name), label, parent)
            self.drafts[sid] = draft
            if parent is None:
                self.roots.append(sid)
            else:
                self.drafts[parent].children.append(sid)
            return draft
        if draft.parent != parent:
            self._conflict(sid, "parent", draft.parent, parent, customer)
        if name is not draft.name and isinstance(name, str):
            if draft.name is None:
                draft.name = name
            elif name != draft.name:
                self._conflict(sid, "name", draft.name, name, customer)
        if label is not None:
            lid = label_id(label)
            if lid is not None:
                kept = draft.label
                if kept is None:
                    draft.label = _label(label)
                elif lid != kept.id:
                    self._conflict(sid, "label", kept.id, lid, customer)
        return draft

    def add_customers(self, customers: Iterable[Any]) -> None:
        seen_objects: set[int] = set()
        for customer in customers:
            if id(customer) in seen_objects:
                continue
            seen_objects.add(id(customer))
            index = len(self.customers)
            self.customers.append(customer)
            roots, problem = _chain_roots(customer)
            if problem is not None:
                self.problems.append(problem)
            for root in roots:
                steps, problem = follow(root, customer)
                if problem is not None:
                    self.problems.append(problem)
                parent: str | None = None
                draft: _Draft | None = None
                for sid, name, label, _ in steps:
                    draft = self.visit(sid, name, label, parent, customer)
                    parent = sid
                if draft is not None:
                    assigned = draft.assigned
                    if not assigned or assigned[-1] != index:
                        assigned.append(index)

    def add_forest(self, forest: object) -> None:
        if isinstance(forest, Mapping) and "data" in forest:
            forest = forest["data"]
        if not isinstance(forest, list | tuple):
            self.problems.append(SegmentProblem("not_a_segment", None, short_repr(forest)))
            return
        # (node, parent id); children are pushed reversed so siblings keep their order.
        stack: list[tuple[object, str | None]] = [(node, None) for node in reversed(forest)]
        entered: set[int] = set()  # node objects, so a self-containing structure cannot loop
        while stack:
            node, parent = stack.pop()
            fields = read_segment(node)
            if fields is None:
                self.problems.append(SegmentProblem("not_a_segment", parent, short_repr(node)))
                continue
            if id(node) in entered:
                self.problems.append(SegmentProblem("cycle", parent, repr(fields[0])))
                continue
            entered.add(id(node))
            sid, name, label, _ = fields
            self.visit(sid, name, label, parent, None)
            children = read_children(node)
            if isinstance(children, list | tuple):
                stack.extend((child, sid) for child in reversed(children))

    def build(self) -> SegmentTree[Any]:
        drafts = self.drafts
        customers = self.customers
        nodes: dict[str, SegmentNode[Any]] = {}
        # Preorder numbering: a node's subtree is the contiguous range [pre, end) of `order`.
        order: list[str] = []
        span: dict[str, tuple[int, int]] = {}
        stack: list[tuple[str, int, bool]] = [(sid, 0, False) for sid in reversed(self.roots)]
        while stack:
            sid, level, done = stack.pop()
            if done:
                span[sid] = (span[sid][0], len(order))
                continue
            draft = drafts[sid]
            span[sid] = (len(order), 0)
            order.append(sid)
            nodes[sid] = SegmentNode(
                id=sid,
                name=draft.name,
                label=draft.label,
                parent_id=draft.parent,
                child_ids=tuple(draft.children),
                depth=level,
                customers=tuple(customers[i] for i in draft.assigned),
            )
            stack.append((sid, level, True))
            stack.extend((child, level + 1, False) for child in reversed(draft.children))
        # Customer indices of every node's assignments, concatenated in preorder.
        flat: list[int] = []
        starts: list[int] = []
        for sid in order:
            starts.append(len(flat))
            flat.extend(drafts[sid].assigned)
        starts.append(len(flat))
        # Preserve first-sighting order in `nodes` for iteration.
        nodes = {sid: nodes[sid] for sid in drafts}
        return SegmentTree(
            nodes=nodes,
            roots=tuple(nodes[sid] for sid in self.roots),
            customers=tuple(customers),
            order=order,
            span=span,
            flat=flat,
            starts=starts,
            problems=tuple(self.problems),
            conflicts=tuple(self.conflicts),
        )

    def warn(self, stacklevel: int) -> None:
        if not self.problems and not self.conflicts:
            return
        kinds = Counter(p.kind for p in self.problems)
        parts = []
        if kinds["not_a_segment"]:
            parts.append(f"{kinds['not_a_segment']} chain(s) ended early at a non-segment")
        if kinds["cycle"]:
            parts.append(f"{kinds['cycle']} chain(s) stopped at a repeated segment id (cycle)")
        if self.conflicts:
            parts.append(f"{len(self.conflicts)} conflicting sighting(s) of a segment; kept first")
        first = self.problems[0] if self.problems else None
        example = f" (first: {describe(first)})" if first is not None else ""
        warnings.warn(
            "segment tree: " + "; ".join(parts) + example + ". See tree.problems, tree.conflicts.",
            SegmentDataWarning,
            stacklevel=stacklevel + 1,
        )


# The classmethods' own type variable: `SegmentTree.from_customers(...)` is called on the bare
# class, where the class's variable is still unsolved (pyright would make it Unknown).
_C = TypeVar("_C")


class SegmentTree(Generic[CustomerT]):
    """Every chain of every customer merged into one forest keyed by segment id.

    Build it with `SegmentTree.from_customers(customers)` (generated `Customer` models or wire
    dicts) or `SegmentTree.from_forest(forest, customers)` (the nested `children` shape of
    `POST /v6/classes/segments/query`). A customer is *assigned* to the deepest segment of each of
    its chains (its last valid segment when bad data cuts a chain short); a customer with two
    chains ending in sibling segments is assigned to both.

    Bad data never raises: chains cut short or stopped at a cycle are listed in `.problems`,
    a segment id seen with a different name, label or parent keeps its first sighting and is
    listed in `.conflicts`, and one `SegmentDataWarning` summarises both.

    >>> tree = SegmentTree.from_customers(customers)  # doctest: +SKIP
    >>> [n.name for n in tree.roots]  # doctest: +SKIP
    ['Mid-Atlantic']
    >>> len(tree.customers_in("cls_593051"))  # doctest: +SKIP
    1
    """

    __slots__ = (
        "_flat",
        "_nodes",
        "_order",
        "_span",
        "_starts",
        "conflicts",
        "customers",
        "problems",
        "roots",
    )

    def __init__(
        self,
        *,
        nodes: dict[str, SegmentNode[CustomerT]],
        roots: tuple[SegmentNode[CustomerT], ...],
        customers: tuple[CustomerT, ...],
        order: list[str],
        span: dict[str, tuple[int, int]],
        flat: list[int],
        starts: list[int],
        problems: tuple[SegmentProblem, ...],
        conflicts: tuple[SegmentConflict, ...],
    ) -> None:
        """Internal: use `from_customers` or `from_forest`."""
        self._nodes = nodes
        self._order = order
        self._span = span
        self._flat = flat
        self._starts = starts
        self.roots = roots
        """The root segments, in order of first sighting."""
        self.customers = customers
        """Every customer given, in input order, each object once."""
        self.problems = problems
        """Chains that were cut short (`SegmentProblem`), in the order met."""
        self.conflicts = conflicts
        """Sightings that disagreed with the first one (`SegmentConflict`)."""

    # ------------------------------------------------------------------ construction

    @classmethod
    def from_customers(cls, customers: Iterable[_C]) -> SegmentTree[_C]:
        """Merge the `classSegments` chains of `customers` (models or wire dicts) in one pass.

        >>> c = {"id": "cus_1", "classSegments": [{"id": "cls_1", "child": {"id": "cls_2"}}]}
        >>> tree = SegmentTree.from_customers([c])
        >>> [n.id for n in tree.walk_nodes()], tree.customers_in("cls_1") == [c]
        (['cls_1', 'cls_2'], True)
        """
        builder = _Builder()
        builder.add_customers(customers)
        builder.warn(stacklevel=2)
        return builder.build()

    @classmethod
    def from_forest(cls, forest: object, customers: Iterable[_C] = ()) -> SegmentTree[_C]:
        """A tree from the nested `children` shape of `POST /v6/classes/segments/query` (a list
        of `{"id", "name", "label", "children"}` nodes, or the response body with that list under
        `data`), joined with `customers`. Forest segments come first, so the forest's names,
        labels and parents win over the customers' chains; segments without customers stay in
        the tree with a count of zero.

        >>> forest = [{"id": "cls_1", "name": "Mid-Atlantic", "children": [{"id": "cls_2"}]}]
        >>> [n.id for n in SegmentTree.from_forest(forest).descendants("cls_1")]
        ['cls_2']
        """
        builder = _Builder()
        builder.add_forest(forest)
        builder.add_customers(customers)
        builder.warn(stacklevel=2)
        return builder.build()

    def to_forest(self) -> list[dict[str, Any]]:
        """The tree in the nested `children` shape of `POST /v6/classes/segments/query`:
        `[{"id", "name", "label": {"id", "name", "requiredness"}, "children": [...]}]`
        (`name` and `label` members only when known).

        >>> SegmentTree.from_forest([{"id": "cls_1", "name": "Mid-Atlantic"}]).to_forest()
        [{'id': 'cls_1', 'name': 'Mid-Atlantic', 'children': []}]
        """
        forest: list[dict[str, Any]] = []
        out: dict[str, dict[str, Any]] = {}
        for sid in self._order:  # preorder: a parent is always converted before its children
            node = self._nodes[sid]
            item: dict[str, Any] = {"id": sid}
            if node.name is not None:
                item["name"] = node.name
            if node.label is not None:
                label: dict[str, Any] = {"id": node.label.id}
                if node.label.name is not None:
                    label["name"] = node.label.name
                if node.label.requiredness is not None:
                    label["requiredness"] = node.label.requiredness
                item["label"] = label
            item["children"] = []
            out[sid] = item
            parent = node.parent_id
            (forest if parent is None else out[parent]["children"]).append(item)
        return forest

    # ------------------------------------------------------------------ navigation

    def __len__(self) -> int:
        """The number of segments."""
        return len(self._nodes)

    def __contains__(self, segment_id: object) -> bool:
        """Whether the tree holds a segment with this id."""
        return segment_id in self._nodes

    def __iter__(self) -> Iterator[SegmentNode[CustomerT]]:
        """Every node, in order of first sighting."""
        return iter(self._nodes.values())

    def __repr__(self) -> str:
        return (
            f"<SegmentTree {len(self._nodes)} segments, {len(self.roots)} roots, "
            f"{len(self.customers)} customers>"
        )

    def find(self, segment_id: str) -> SegmentNode[CustomerT] | None:
        """The node of `segment_id`, or None when the tree has no such segment.

        >>> tree.find("cls_593051").name  # doctest: +SKIP
        'Mid-Atlantic'
        """
        return self._nodes.get(segment_id)

    def _get(self, segment_id: str) -> SegmentNode[CustomerT]:
        try:
            return self._nodes[segment_id]
        except KeyError:
            raise KeyError(f"no segment {segment_id!r} in this tree") from None

    def ancestors(self, segment_id: str) -> list[SegmentNode[CustomerT]]:
        """The nodes above `segment_id`, nearest first (parent, grandparent, ..., root).
        Raises KeyError for an unknown id.

        >>> [n.id for n in tree.ancestors("cls_593052")]  # doctest: +SKIP
        ['cls_593051']
        """
        result: list[SegmentNode[CustomerT]] = []
        parent = self._get(segment_id).parent_id
        while parent is not None:
            node = self._nodes[parent]
            result.append(node)
            parent = node.parent_id
        return result

    def descendants(self, segment_id: str) -> list[SegmentNode[CustomerT]]:
        """The nodes below `segment_id`, depth-first preorder (itself excluded). Raises KeyError
        for an unknown id.

        >>> [n.id for n in tree.descendants("cls_593051")]  # doctest: +SKIP
        ['cls_593052']
        """
        self._get(segment_id)
        lo, hi = self._span[segment_id]
        nodes = self._nodes
        return [nodes[sid] for sid in self._order[lo + 1 : hi]]

    def walk(self, segment_id: str | None = None) -> Iterator[tuple[int, SegmentNode[CustomerT]]]:
        """`(depth, node)` pairs depth-first (preorder, siblings in order of first sighting);
        depth is 0 at the roots. With `segment_id`, only that subtree (depth still absolute).

        >>> for depth, node in tree.walk():  # doctest: +SKIP
        ...     print("  " * depth + node.name)
        """
        nodes = self._nodes
        if segment_id is None:
            ids: Iterable[str] = self._order
        else:
            self._get(segment_id)
            lo, hi = self._span[segment_id]
            ids = self._order[lo:hi]
        for sid in ids:
            node = nodes[sid]
            yield node.depth, node

    def walk_nodes(self) -> list[SegmentNode[CustomerT]]:
        """Every node in depth-first preorder.

        >>> [n.id for n in tree.walk_nodes()]  # doctest: +SKIP
        ['cls_593051', 'cls_593052']
        """
        nodes = self._nodes
        return [nodes[sid] for sid in self._order]

    # ------------------------------------------------------------------ customers

    def _indices(self, segment_id: str, include_descendants: bool) -> list[int] | None:
        span = self._span.get(segment_id)
        if span is None:
            return None
        lo, hi = span
        if not include_descendants:
            hi = lo + 1
        starts = self._starts
        part = self._flat[starts[lo] : starts[hi]]
        if hi - lo > 1:
            # Several nodes' runs, each already in input order: merge and drop repeats (a
            # customer assigned to two segments of this subtree).
            part = sorted(set(part))
        return part

    def customers_in(self, segment_id: str, include_descendants: bool = True) -> list[CustomerT]:
        """The customers in segment `segment_id`, in input order, each once — the same set the
        API's `classSegments` filter gives. `include_descendants=False` (≙ `expand: false`):
        customers assigned to this segment (the deepest segment of one of their chains).
        `True` (≙ `expand: true`): also those assigned to any descendant. An id the tree does
        not know has no customers (an empty list, as the filter would answer).

        >>> len(tree.customers_in("cls_593051"))  # doctest: +SKIP
        1
        >>> tree.customers_in("cls_593051", include_descendants=False)  # doctest: +SKIP
        []
        """
        indices = self._indices(segment_id, include_descendants)
        if not indices:
            return []
        customers = self.customers
        return [customers[i] for i in indices]

    def count_in(self, segment_id: str, include_descendants: bool = True) -> int:
        """`len(customers_in(segment_id, include_descendants))`, without building the list.

        >>> tree.count_in("cls_593051")  # doctest: +SKIP
        1
        """
        indices = self._indices(segment_id, include_descendants)
        return len(indices) if indices else 0

    def render(self, indent: str = "  ", max_depth: int | None = None) -> str:
        """An indented text tree, one segment per line with its label and customer counts:
        `name [Label] (id): N customers (M assigned here)`. `max_depth` (0 = roots only) cuts
        deeper levels. Levels past 40 stop indenting and show `(level N)` instead.

        >>> print(tree.render())  # doctest: +SKIP
        Mid-Atlantic [Region] (cls_593051): 1 customer (0 here)
          Washington DC [Region] (cls_593052): 1 customer (1 here)
        """
        lines: list[str] = []
        for level, node in self.walk():
            if max_depth is not None and level > max_depth:
                continue
            label = f" [{node.label.name}]" if node.label and node.label.name else ""
            total = self.count_in(node.id)
            noun = "customer" if total == 1 else "customers"
            here = len(node.customers)
            pad = indent * min(level, _MAX_INDENT_LEVELS)
            deep = f"(level {level}) " if level > _MAX_INDENT_LEVELS else ""
            name = node.name if node.name is not None else node.id
            lines.append(f"{pad}{deep}{name}{label} ({node.id}): {total} {noun} ({here} here)")
        return "\n".join(lines)
