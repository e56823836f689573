"""customers_in against a direct reading of the `classSegments` filter semantics."""

from __future__ import annotations

import warnings
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tight_customers.segments import SegmentTree


@st.composite
def forests_and_customers(draw: st.DrawFn) -> tuple[list[int | None], list[dict[str, Any]]]:
    """A random forest (parent index per node, parents first) and customers whose chains are
    root-to-node paths of it, some cut short by the docs' placeholder."""
    size = draw(st.integers(1, 12))
    parents: list[int | None] = [None]
    for i in range(1, size):
        parents.append(draw(st.one_of(st.none(), st.integers(0, i - 1))))
    customers = []
    for n in range(draw(st.integers(0, 12))):
        chains = []
        for target in draw(st.lists(st.integers(0, size - 1), max_size=3)):
            path = [target]
            while (parent := parents[path[0]]) is not None:
                path.insert(0, parent)
            child: object = "<unknown>" if draw(st.booleans()) else None
            for node in reversed(path):
                child = {"id": f"s{node}", "name": f"n{node}", "child": child}
            chains.append(child)
        customers.append({"id": f"c{n}", "classSegments": chains})
    return parents, customers


def expected(
    parents: list[int | None], customers: list[dict[str, Any]], target: int, expand: bool
) -> list[str]:
    def ancestors_or_self(node: int) -> set[int]:
        result = {node}
        while (parent := parents[node]) is not None:
            result.add(parent)
            node = parent
        return result

    out = []
    for c in customers:
        leaves = []
        for root in c["classSegments"]:
            seg = root
            while isinstance(seg["child"], dict):
                seg = seg["child"]
            leaves.append(int(seg["id"][1:]))
        if any(target == leaf or (expand and target in ancestors_or_self(leaf)) for leaf in leaves):
            out.append(c["id"])
    return out


@settings(max_examples=150, deadline=None)
@given(forests_and_customers())
def test_customers_in_matches_the_filter_semantics(
    data: tuple[list[int | None], list[dict[str, Any]]],
) -> None:
    parents, customers = data
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tree = SegmentTree.from_customers(customers)
    assert tree.conflicts == ()
    for node in range(len(parents)):
        for expand in (False, True):
            got = [c["id"] for c in tree.customers_in(f"s{node}", include_descendants=expand)]
            assert got == expected(parents, customers, node, expand)
            if f"s{node}" in tree:
                here = tree.find(f"s{node}")
                assert here is not None
                want_parent = parents[node]
                assert here.parent_id == (None if want_parent is None else f"s{want_parent}")
