"""The nested `children` shape of `POST /v6/classes/segments/query`: to_forest / from_forest."""

from __future__ import annotations

from typing import Any

import pytest

from tight_api.models import ClassSegment
from tight_customers.segments import SegmentDataWarning, SegmentLabel, SegmentTree

from ._data import FOREST, customer, found, seg_chain


def nested_forest() -> list[dict[str, Any]]:
    """FOREST in the children shape, siblings in declaration order."""
    items: dict[str, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for sid, (name, label, parent) in FOREST.items():
        item = {"id": sid, "name": name, "label": dict(label), "children": []}
        items[sid] = item
        (roots if parent is None else items[parent]["children"]).append(item)
    return roots


def test_from_forest_keeps_segments_without_customers(no_warnings: None) -> None:
    c1 = customer("c1", seg_chain("R1", "L1", "J2"))
    tree: SegmentTree[Any] = SegmentTree.from_forest(nested_forest(), [c1])
    assert [(d, n.id) for d, n in tree.walk()] == [
        (0, "R1"),
        (1, "L1"),
        (2, "J1"),
        (2, "J2"),
        (1, "L2"),
        (0, "R2"),
    ]
    assert found(tree, "L2").label == SegmentLabel("cll_4522", "Location", "NOT_REQUIRED")
    assert tree.customers_in("L2") == []
    assert tree.customers_in("L1") == [c1]
    assert tree.customers_in("J2", include_descendants=False) == [c1]
    assert "Baltimore, MD [Location] (L2): 0 customers (0 here)" in tree.render()


def test_to_forest_round_trips(no_warnings: None) -> None:
    forest = nested_forest()
    assert SegmentTree.from_forest(forest).to_forest() == forest


def test_from_forest_accepts_the_response_body(no_warnings: None) -> None:
    body = {"result": "SUCCESS", "data": nested_forest()}
    assert SegmentTree.from_forest(body).to_forest() == nested_forest()


def test_from_forest_accepts_generated_models_parsed_from_the_tree(no_warnings: None) -> None:
    models = [ClassSegment.from_dict(node) for node in nested_forest()]
    assert SegmentTree.from_forest(models).to_forest() == nested_forest()


def test_to_forest_omits_unknown_names_and_labels(no_warnings: None) -> None:
    c = customer("c1", {"id": "A", "child": {"id": "B", "name": "b"}})
    assert SegmentTree.from_customers([c]).to_forest() == [
        {"id": "A", "children": [{"id": "B", "name": "b", "children": []}]}
    ]


def test_the_forest_wins_over_customers_that_disagree() -> None:
    c = customer("c1", seg_chain("R1", "L1"))
    c["classSegments"][0]["child"]["name"] = "Old name"
    with pytest.warns(SegmentDataWarning, match="1 conflicting"):
        tree: SegmentTree[Any] = SegmentTree.from_forest(nested_forest(), [c])
    assert found(tree, "L1").name == FOREST["L1"][0]
    [conflict] = tree.conflicts
    assert (conflict.field, conflict.seen, conflict.customer) == ("name", "Old name", c)


def test_bad_forest_nodes_are_skipped_with_a_warning() -> None:
    forest: list[Any] = [
        {"id": "A", "children": ["<unknown>", {}, 42, {"id": "B", "children": None}]},
        "<unknown>",
    ]
    with pytest.warns(SegmentDataWarning, match="4 chain"):
        tree: SegmentTree[Any] = SegmentTree.from_forest(forest)
    assert [(d, n.id) for d, n in tree.walk()] == [(0, "A"), (1, "B")]
    assert [(p.kind, p.after_id) for p in tree.problems] == [
        ("not_a_segment", "A"),
        ("not_a_segment", "A"),
        ("not_a_segment", "A"),
        ("not_a_segment", None),
    ]


@pytest.mark.parametrize("forest", [None, "<unknown>", 42, {"data": "x"}], ids=repr)
def test_a_forest_that_is_not_a_list_gives_an_empty_tree(forest: object) -> None:
    with pytest.warns(SegmentDataWarning):
        tree: SegmentTree[Any] = SegmentTree.from_forest(forest)
    assert len(tree) == 0


def test_a_forest_that_contains_itself_does_not_loop() -> None:
    node: dict[str, Any] = {"id": "A", "name": "a", "children": []}
    node["children"].append(node)
    with pytest.warns(SegmentDataWarning, match="cycle"):
        tree: SegmentTree[Any] = SegmentTree.from_forest([node])
    assert [n.id for n in tree] == ["A"]


def test_a_forest_listing_an_id_under_two_parents_keeps_the_first() -> None:
    forest = [
        {"id": "A", "children": [{"id": "X", "name": "x"}]},
        {"id": "B", "children": [{"id": "X", "name": "x", "children": [{"id": "Y"}]}]},
    ]
    with pytest.warns(SegmentDataWarning, match="1 conflicting"):
        tree: SegmentTree[Any] = SegmentTree.from_forest(forest)
    assert [n.id for n in tree.ancestors("Y")] == ["X", "A"]
    assert [(c.segment_id, c.field, c.kept, c.seen) for c in tree.conflicts] == [
        ("X", "parent", "A", "B")
    ]
