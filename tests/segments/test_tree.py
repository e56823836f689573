"""SegmentTree: merging, navigation, customers_in (the `expand` semantics), render, bad data."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import pytest

from tight_api.models import ClassSegment, Customer
from tight_customers.segments import (
    SegmentConflict,
    SegmentDataWarning,
    SegmentLabel,
    SegmentTree,
)

from ._data import (
    FOREST,
    as_model,
    customer,
    deep_dict_chain,
    deep_model_chain,
    docs_response,
    found,
    seg_chain,
)


def cids(customers: Sequence[Any]) -> list[str]:
    return [c.id if isinstance(c, Customer) else c["id"] for c in customers]


def node_ids(nodes: Any) -> list[str]:
    return [n.id for n in nodes]


# c1 → J1; c2 → L1; c3 → J1 and J2 (two chains ending in siblings); c4 → R2; c5 → none;
# c6 → cut short after L1 by the docs' placeholder, so assigned to L1; c7 → J1 twice.
def sample_customers() -> list[dict[str, Any]]:
    return [
        customer("c1", seg_chain("R1", "L1", "J1")),
        customer("c2", seg_chain("R1", "L1")),
        customer("c3", seg_chain("R1", "L1", "J1"), seg_chain("R1", "L1", "J2")),
        customer("c4", seg_chain("R2")),
        {"id": "c5", "name": "c5", "status": "ACTIVE"},
        customer("c6", seg_chain("R1", "L1", end="<unknown>")),
        customer("c7", seg_chain("R1", "L1", "J1"), seg_chain("R1", "L1", "J1")),
    ]


@pytest.fixture(params=["dict", "model"])
def sample(request: pytest.FixtureRequest) -> tuple[list[Any], SegmentTree[Any]]:
    customers: list[Any] = sample_customers()
    if request.param == "model":
        # The generated parser already ends c6's chain at the placeholder: nothing to warn about.
        customers = [as_model(c) for c in customers]
        with warnings.catch_warnings():
            warnings.simplefilter("error", SegmentDataWarning)
            return customers, SegmentTree.from_customers(customers)
    with pytest.warns(SegmentDataWarning, match="1 chain.*ended early"):
        tree = SegmentTree.from_customers(customers)
    return customers, tree


# ------------------------------------------------------------------ structure


def test_the_forest_is_keyed_by_id_in_first_sighting_order(sample: Any) -> None:
    _, tree = sample
    assert node_ids(tree.roots) == ["R1", "R2"]
    assert len(tree) == 5
    assert "J1" in tree
    assert "L2" not in tree  # no customer reaches it
    assert node_ids(tree) == ["R1", "L1", "J1", "J2", "R2"]
    j1 = tree.find("J1")
    assert j1 is not None
    assert (j1.name, j1.parent_id, j1.child_ids, j1.depth) == ("1611 Connecticut Ave", "L1", (), 2)
    assert j1.label == SegmentLabel("cll_4523", "Job Site", "REQUIRED")
    assert found(tree, "L1").child_ids == ("J1", "J2")
    assert tree.find("nope") is None


def test_ancestors_descendants_and_walk(sample: Any) -> None:
    _, tree = sample
    assert node_ids(tree.ancestors("J2")) == ["L1", "R1"]
    assert tree.ancestors("R1") == []
    assert node_ids(tree.descendants("R1")) == ["L1", "J1", "J2"]
    assert tree.descendants("J1") == []
    assert [(d, n.id) for d, n in tree.walk()] == [
        (0, "R1"),
        (1, "L1"),
        (2, "J1"),
        (2, "J2"),
        (0, "R2"),
    ]
    assert [(d, n.id) for d, n in tree.walk("L1")] == [(1, "L1"), (2, "J1"), (2, "J2")]
    assert node_ids(tree.walk_nodes()) == ["R1", "L1", "J1", "J2", "R2"]


@pytest.mark.parametrize("method", ["ancestors", "descendants", "walk"])
def test_navigation_from_an_unknown_id_is_a_key_error(sample: Any, method: str) -> None:
    _, tree = sample
    with pytest.raises(KeyError, match="no segment 'nope'"):
        list(getattr(tree, method)("nope"))


# ------------------------------------------------------------------ customers


def test_customers_assigned_to_each_node(sample: Any) -> None:
    customers, tree = sample
    assigned = {n.id: cids(list(n.customers)) for n in tree}
    assert assigned == {
        "R1": [],
        "L1": ["c2", "c6"],
        "J1": ["c1", "c3", "c7"],
        "J2": ["c3"],
        "R2": ["c4"],
    }
    assert found(tree, "J1").customers[0] is customers[0]


@pytest.mark.parametrize(
    ("segment", "expand", "expected"),
    [
        ("R1", True, ["c1", "c2", "c3", "c6", "c7"]),
        ("R1", False, []),
        ("L1", True, ["c1", "c2", "c3", "c6", "c7"]),
        ("L1", False, ["c2", "c6"]),
        ("J1", True, ["c1", "c3", "c7"]),
        ("J1", False, ["c1", "c3", "c7"]),
        ("J2", True, ["c3"]),
        ("R2", True, ["c4"]),
        ("R2", False, ["c4"]),
        ("L2", True, []),
        ("unknown", False, []),
    ],
)
def test_customers_in_follows_the_expand_semantics(
    sample: Any, segment: str, expand: bool, expected: list[str]
) -> None:
    customers, tree = sample
    got = tree.customers_in(segment, include_descendants=expand)
    assert cids(got) == expected
    assert all(any(g is c for c in customers) for g in got)  # the objects given, not copies
    assert tree.count_in(segment, include_descendants=expand) == len(expected)


def test_customers_in_defaults_to_include_descendants(sample: Any) -> None:
    _, tree = sample
    assert tree.customers_in("L1") == tree.customers_in("L1", include_descendants=True)


def test_customers_in_returns_a_fresh_list(sample: Any) -> None:
    _, tree = sample
    tree.customers_in("J1").clear()
    assert len(tree.customers_in("J1")) == 3


def test_the_same_customer_object_twice_counts_once(no_warnings: None) -> None:
    c = customer("c1", seg_chain("R1"))
    tree = SegmentTree.from_customers([c, c])
    assert tree.customers == (c,)
    assert tree.customers_in("R1") == [c]


def test_models_and_dicts_build_the_same_tree(no_warnings: None) -> None:
    data = [c for c in sample_customers() if c["id"] != "c6"]
    from_dicts = SegmentTree.from_customers(data)
    from_models = SegmentTree.from_customers([as_model(c) for c in data])
    assert from_dicts.to_forest() == from_models.to_forest()
    for node in from_dicts:
        for expand in (False, True):
            assert cids(from_dicts.customers_in(node.id, expand)) == cids(
                from_models.customers_in(node.id, expand)
            )


def test_a_generated_model_built_by_hand_with_dict_children_works(no_warnings: None) -> None:
    seg = ClassSegment(id="R1", name="Mid-Atlantic", child={"id": "L1", "name": "DC"})  # type: ignore[arg-type]
    c = Customer(id="c1", name="n", status="ACTIVE", class_segments=[seg])
    tree = SegmentTree.from_customers([c])
    assert node_ids(tree.walk_nodes()) == ["R1", "L1"]
    assert tree.customers_in("L1", include_descendants=False) == [c]


# ------------------------------------------------------------------ render


def test_render_is_an_indented_tree_with_counts(sample: Any) -> None:
    _, tree = sample
    assert tree.render() == "\n".join(
        [
            "Mid-Atlantic [Region] (R1): 5 customers (0 here)",
            "  District of Columbia, DC [Location] (L1): 5 customers (2 here)",
            "    1611 Connecticut Ave [Job Site] (J1): 3 customers (3 here)",
            "    900 K St [Job Site] (J2): 1 customer (1 here)",
            "Pacific [Region] (R2): 1 customer (1 here)",
        ]
    )
    assert tree.render(indent="\t", max_depth=0).splitlines() == [
        "Mid-Atlantic [Region] (R1): 5 customers (0 here)",
        "Pacific [Region] (R2): 1 customer (1 here)",
    ]


def test_render_of_a_nameless_unlabelled_segment_shows_its_id(no_warnings: None) -> None:
    tree = SegmentTree.from_customers([{"id": "c", "classSegments": [{"id": "cls_9"}]}])
    assert tree.render() == "cls_9 (cls_9): 1 customer (1 here)"


def test_an_empty_tree(no_warnings: None) -> None:
    tree: SegmentTree[Any] = SegmentTree.from_customers([])
    assert (len(tree), tree.roots, tree.render(), tree.to_forest()) == (0, (), "", [])
    assert tree.customers_in("R1") == []


# ------------------------------------------------------------------ the docs' example


def test_the_docs_example_builds_a_two_level_tree() -> None:
    data = docs_response()["data"]
    for customers in (data, [Customer.from_dict(c) for c in data]):
        if isinstance(customers[0], Customer):
            # Models: the generated parser ended the chain at the placeholder already.
            tree = SegmentTree.from_customers(customers)
            assert tree.problems == ()
        else:
            with pytest.warns(SegmentDataWarning, match=r"ended early.*'<unknown>'"):
                tree = SegmentTree.from_customers(customers)
            [problem] = tree.problems
            assert (problem.kind, problem.after_id, problem.value) == (
                "not_a_segment",
                "cls_593052",
                "'<unknown>'",
            )
            assert problem.customer is customers[0]
        assert [(d, n.name) for d, n in tree.walk()] == [(0, "Mid-Atlantic"), (1, "Washington DC")]
        assert cids(tree.customers_in("cls_593051")) == ["cus_28868401"]
        assert tree.customers_in("cls_593051", include_descendants=False) == []
        assert cids(found(tree, "cls_593052").customers) == ["cus_28868401"]
        assert tree.to_forest() == [
            {
                "id": "cls_593051",
                "name": "Mid-Atlantic",
                "label": {"id": "cll_4521", "name": "Region", "requiredness": "NOT_REQUIRED"},
                "children": [
                    {
                        "id": "cls_593052",
                        "name": "Washington DC",
                        "label": {
                            "id": "cll_4521",
                            "name": "Region",
                            "requiredness": "NOT_REQUIRED",
                        },
                        "children": [],
                    }
                ],
            }
        ]


# ------------------------------------------------------------------ bad data


def test_bad_data_in_many_customers_gives_one_summary_warning() -> None:
    customers = [
        customer("a", seg_chain("R1", end="<unknown>")),
        customer("b", seg_chain("R1", end=42)),
        customer("c", seg_chain("R1", end={})),
        customer("d", "<unknown>"),
        {"id": "e", "classSegments": 7},
    ]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tree = SegmentTree.from_customers(customers)
    assert [w.category for w in caught] == [SegmentDataWarning]
    assert "5 chain(s) ended early" in str(caught[0].message)
    assert caught[0].filename == __file__  # points at the caller
    assert [p.after_id for p in tree.problems] == ["R1", "R1", "R1", None, None]
    assert cids(tree.customers_in("R1", include_descendants=False)) == ["a", "b", "c"]


def test_a_cycle_in_a_customers_chain_stops_at_the_repeat() -> None:
    a: dict[str, Any] = {"id": "A", "name": "a"}
    a["child"] = {"id": "B", "name": "b", "child": a}
    c = customer("c1", a)
    with pytest.warns(SegmentDataWarning, match="1 chain.*cycle"):
        tree = SegmentTree.from_customers([c])
    assert [(d, n.id) for d, n in tree.walk()] == [(0, "A"), (1, "B")]
    assert tree.customers_in("B", include_descendants=False) == [c]
    [problem] = tree.problems
    assert (problem.kind, problem.after_id, problem.value) == ("cycle", "B", "'A'")


def test_chains_that_disagree_on_parents_keep_the_first_and_stay_a_forest() -> None:
    c1 = customer("c1", {"id": "A", "child": {"id": "B"}})
    c2 = customer("c2", {"id": "B", "child": {"id": "A"}})
    with pytest.warns(SegmentDataWarning, match="2 conflicting"):
        tree = SegmentTree.from_customers([c1, c2])
    assert [(d, n.id) for d, n in tree.walk()] == [(0, "A"), (1, "B")]
    assert node_ids(tree.ancestors("B")) == ["A"]
    assert [(c.segment_id, c.field, c.kept, c.seen) for c in tree.conflicts] == [
        ("B", "parent", "A", None),
        ("A", "parent", None, "B"),
    ]
    assert all(c.customer is c2 for c in tree.conflicts)
    # c2 is assigned to the deepest segment of its own chain, A; A's subtree holds B as well.
    assert cids(tree.customers_in("A", include_descendants=False)) == ["c2"]
    assert cids(tree.customers_in("A")) == ["c1", "c2"]


def test_a_name_or_label_conflict_keeps_the_first_and_is_recorded_once() -> None:
    first = customer("c1", seg_chain("R1", "L1"))
    renamed = customer("c2", seg_chain("R1", "L1"))
    renamed["classSegments"][0]["child"]["name"] = "Washington, D.C."
    relabelled = customer("c3", seg_chain("R1", "L1"))
    relabelled["classSegments"][0]["child"]["label"] = {"id": "cll_other", "name": "Other"}
    again = customer("c4", seg_chain("R1", "L1"))
    again["classSegments"][0]["child"]["name"] = "Washington, D.C."
    with pytest.warns(SegmentDataWarning, match="2 conflicting sighting"):
        tree = SegmentTree.from_customers([first, renamed, relabelled, again])
    node = found(tree, "L1")
    assert node.name == FOREST["L1"][0]
    assert node.label is not None
    assert node.label.id == "cll_4522"
    assert [(c.segment_id, c.field, c.kept, c.seen) for c in tree.conflicts] == [
        ("L1", "name", "District of Columbia, DC", "Washington, D.C."),
        ("L1", "label", "cll_4522", "cll_other"),
    ]
    assert [c.customer for c in tree.conflicts] == [renamed, relabelled]
    assert isinstance(tree.conflicts[0], SegmentConflict)
    assert cids(tree.customers_in("L1")) == ["c1", "c2", "c3", "c4"]


def test_a_missing_name_or_label_is_filled_in_later_without_conflict(no_warnings: None) -> None:
    bare = customer("c1", {"id": "R1", "child": {"id": "L1"}})
    full = customer("c2", seg_chain("R1", "L1"))
    tree = SegmentTree.from_customers([bare, full])
    assert tree.conflicts == ()
    assert found(tree, "L1").name == FOREST["L1"][0]
    assert found(tree, "L1").label == SegmentLabel("cll_4522", "Location", "NOT_REQUIRED")


# ------------------------------------------------------------------ depth


DEEP = 100_000


@pytest.mark.parametrize("make", [deep_dict_chain, deep_model_chain], ids=["dict", "model"])
def test_a_tree_100000_deep_needs_no_recursion(make: Any, no_warnings: None) -> None:
    root = make(DEEP)
    c: Any = (
        customer("deep", root)
        if isinstance(root, dict)
        else Customer(id="deep", name="d", status="ACTIVE", class_segments=[root])
    )
    tree = SegmentTree.from_customers([c])
    leaf_id = f"cls_{DEEP - 1}"
    assert len(tree) == DEEP
    assert len(tree.ancestors(leaf_id)) == DEEP - 1
    assert len(tree.descendants("cls_0")) == DEEP - 1
    assert found(tree, leaf_id).depth == DEEP - 1
    assert tree.customers_in("cls_0") == [c]
    assert tree.customers_in("cls_0", include_descendants=False) == []
    assert sum(1 for _ in tree.walk()) == DEEP
    lines = tree.render().splitlines()
    assert len(lines) == DEEP
    assert lines[-1].startswith("  " * 40 + f"(level {DEEP - 1}) level {DEEP - 1}")
    assert len(tree.render(max_depth=3).splitlines()) == 4
    forest = tree.to_forest()
    again = SegmentTree.from_forest(forest, [c])
    assert node_ids(again.walk_nodes()) == node_ids(tree.walk_nodes())
    assert again.customers_in(leaf_id) == [c]
