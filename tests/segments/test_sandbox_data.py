"""The tree on the sandbox's generated customers, checked against the raw chains."""

from __future__ import annotations

import warnings
from collections import defaultdict
from typing import Any

import pytest

from tight_api.models import Customer
from tight_customers.segments import SegmentTree


@pytest.fixture(scope="module")
def sandbox_customers() -> list[dict[str, Any]]:
    sandbox = pytest.importorskip("tight_customers.sandbox")
    generate = getattr(sandbox, "generate_customers", None)
    if generate is None:
        pytest.skip("tight_customers.sandbox.generate_customers is not there yet")
    customers: list[dict[str, Any]] = generate(3000, seed=1)
    return customers


def raw_chain_ids(root: Any) -> list[str]:
    ids: list[str] = []
    seg = root
    while isinstance(seg, dict) and isinstance(seg.get("id"), str) and seg["id"] not in ids:
        ids.append(seg["id"])
        seg = seg.get("child")
    return ids


def test_customers_in_agrees_with_the_raw_chains(sandbox_customers: list[dict[str, Any]]) -> None:
    direct: dict[str, list[str]] = defaultdict(list)
    under: dict[str, list[str]] = defaultdict(list)
    for c in sandbox_customers:
        chains = [raw_chain_ids(root) for root in c.get("classSegments") or []]
        leaves = {ids[-1] for ids in chains if ids}
        above = {sid for ids in chains for sid in ids}
        for sid in leaves:
            direct[sid].append(c["id"])
        for sid in above:
            under[sid].append(c["id"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tree = SegmentTree.from_customers(sandbox_customers)
    assert tree.conflicts == ()
    assert len(tree) == len(under)
    for node in tree:
        assert [c["id"] for c in node.customers] == direct.get(node.id, [])
        assert [c["id"] for c in tree.customers_in(node.id)] == under[node.id]
    assert sum(len(n.customers) for n in tree) == sum(len(v) for v in direct.values())


def test_models_give_the_same_tree(sandbox_customers: list[dict[str, Any]]) -> None:
    sample = sandbox_customers[:500]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from_dicts = SegmentTree.from_customers(sample)
        from_models = SegmentTree.from_customers([Customer.from_dict(c) for c in sample])
    assert from_models.to_forest() == from_dicts.to_forest()
    assert from_models.render() == from_dicts.render()
