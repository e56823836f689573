"""chain, path, joined_path, leaf, depth, chains, assigned: on dicts and generated models."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from tight_api.models import ClassSegment, Customer
from tight_api.types import WireTypeError
from tight_customers import segments
from tight_customers.segments import SegmentDataWarning

from ._data import customer, deep_dict_chain, deep_model_chain, docs_response, seg_chain


def ids(segs: list[Any]) -> list[str]:
    return [s.id if isinstance(s, ClassSegment) else s["id"] for s in segs]


# ------------------------------------------------------------------ the docs' example


def docs_chain_dict() -> dict[str, Any]:
    chain: dict[str, Any] = docs_response()["data"][0]["classSegments"][0]
    return chain


def docs_chain_model() -> ClassSegment:
    model = Customer.from_dict(docs_response()["data"][0])
    assert isinstance(model.class_segments, list)
    return model.class_segments[0]


def test_docs_example_model_ends_at_the_placeholder_when_parsed(no_warnings: None) -> None:
    # The generated parser ends a chain at a non-object `child`; `to_dict()` still shows it.
    seg = docs_chain_model()
    assert seg.child is not None and seg.child.child is None
    assert seg.to_dict()["child"]["child"] == "<unknown>"
    assert ids(segments.chain(seg)) == ["cls_593051", "cls_593052"]
    assert segments.path(seg) == ["Mid-Atlantic", "Washington DC"]


def test_docs_example_ends_at_the_placeholder_with_a_warning() -> None:
    seg = docs_chain_dict()
    with pytest.warns(SegmentDataWarning, match=r"after 'cls_593052'.*'<unknown>'"):
        assert ids(segments.chain(seg)) == ["cls_593051", "cls_593052"]
    with pytest.warns(SegmentDataWarning):
        assert segments.path(seg) == ["Mid-Atlantic", "Washington DC"]
    with pytest.warns(SegmentDataWarning):
        assert segments.joined_path(seg) == "Mid-Atlantic \u203a Washington DC"
    with pytest.warns(SegmentDataWarning):
        assert segments.joined_path(seg, sep="/") == "Mid-Atlantic/Washington DC"
    with pytest.warns(SegmentDataWarning):
        assert ids([segments.leaf(seg)]) == ["cls_593052"]
    with pytest.warns(SegmentDataWarning):
        assert segments.depth(seg) == 2


def test_chain_returns_the_objects_given(no_warnings: None) -> None:
    seg = seg_chain("R1", "L1", "J1")
    got = segments.chain(seg)
    assert got[0] is seg
    assert got[1] is seg["child"]
    assert got[2] is seg["child"]["child"]
    model = ClassSegment(id="a", child=ClassSegment(id="b"))
    assert segments.chain(model) == [model, model.child]


# ------------------------------------------------------------------ regular ends: no warning


@pytest.mark.parametrize(
    "seg",
    [
        {"id": "a", "name": "A", "child": None},
        {"id": "a", "name": "A"},
        ClassSegment(id="a", name="A"),
        ClassSegment(id="a", name="A", child=None),
    ],
    ids=["dict-null", "dict-absent", "model-default", "model-none"],
)
def test_a_lone_root_is_a_chain_of_one(seg: Any, no_warnings: None) -> None:
    assert segments.chain(seg) == [seg]
    assert segments.path(seg) == ["A"]
    assert segments.depth(seg) == 1
    assert segments.leaf(seg) is seg


def test_a_segment_without_name_shows_its_id_in_paths(no_warnings: None) -> None:
    seg = {"id": "cls_1", "name": "Top", "child": {"id": "cls_2"}}
    assert segments.path(seg) == ["Top", "cls_2"]
    assert segments.joined_path(seg, sep=" > ") == "Top > cls_2"
    assert segments.path(ClassSegment(id="m1", child=ClassSegment(id="m2", name="N"))) == [
        "m1",
        "N",
    ]


# ------------------------------------------------------------------ bad children


BAD_CHILDREN = ["<unknown>", 42, 3.5, True, {}, {"id": 7}, {"id": ""}, {"name": "x"}, [], ["a"]]


@pytest.mark.parametrize("bad", BAD_CHILDREN, ids=repr)
def test_a_child_that_is_not_a_segment_ends_the_dict_chain(bad: object) -> None:
    seg = {"id": "cls_1", "name": "Top", "child": {"id": "cls_2", "name": "Mid", "child": bad}}
    with pytest.warns(SegmentDataWarning, match="after 'cls_2'.*is not a segment"):
        assert ids(segments.chain(seg)) == ["cls_1", "cls_2"]
    with pytest.warns(SegmentDataWarning):
        assert segments.leaf(seg) is seg["child"]
    with pytest.warns(SegmentDataWarning):
        assert segments.depth(seg) == 2


@pytest.mark.parametrize("bad", BAD_CHILDREN, ids=repr)
def test_a_child_that_is_not_a_segment_ends_the_model_chain(bad: object) -> None:
    mid = ClassSegment(id="cls_2", name="Mid", child=bad)  # type: ignore[arg-type]
    seg = ClassSegment(id="cls_1", name="Top", child=mid)
    with pytest.warns(SegmentDataWarning, match="after 'cls_2'"):
        assert segments.chain(seg) == [seg, mid]
    with pytest.warns(SegmentDataWarning):
        assert segments.path(seg) == ["Top", "Mid"]


@pytest.mark.parametrize("bad", ["<unknown>", 42, [], True])
def test_the_generated_parser_ends_the_chain_at_a_non_object_child(
    bad: object, no_warnings: None
) -> None:
    raw = {"id": "cls_1", "child": {"id": "cls_2", "child": bad}}
    model = ClassSegment.from_dict(raw)
    assert isinstance(model.child, ClassSegment)
    assert model.child.child is None
    assert model.to_dict() == raw  # the marker is written back as it came
    assert ids(segments.chain(model)) == ["cls_1", "cls_2"]


@pytest.mark.parametrize("bad", [{}, {"name": "no id"}], ids=repr)
def test_the_generated_parser_rejects_a_child_object_without_an_id(bad: object) -> None:
    with pytest.raises(WireTypeError, match=r"^child\.child\.id: required member is missing"):
        ClassSegment.from_dict({"id": "cls_1", "child": {"id": "cls_2", "child": bad}})


@pytest.mark.parametrize("bad", ["<unknown>", 42, None, {}, ClassSegment(id="")], ids=repr)
def test_a_root_that_is_not_a_segment_gives_an_empty_chain(bad: object) -> None:
    with pytest.warns(SegmentDataWarning, match="at its root"):
        assert segments.chain(bad) == []  # type: ignore[type-var]
    with pytest.warns(SegmentDataWarning):
        assert segments.leaf(bad) is None  # type: ignore[type-var]
    with pytest.warns(SegmentDataWarning):
        assert segments.depth(bad) == 0  # type: ignore[arg-type]
    with pytest.warns(SegmentDataWarning):
        assert segments.joined_path(bad) == ""  # type: ignore[arg-type]


# ------------------------------------------------------------------ cycles


def test_a_dict_chain_that_loops_on_itself_stops_at_the_repeat() -> None:
    a: dict[str, Any] = {"id": "A", "name": "a"}
    b: dict[str, Any] = {"id": "B", "name": "b", "child": a}
    a["child"] = b
    with pytest.warns(SegmentDataWarning, match="revisits segment 'A' after 'B'"):
        assert segments.chain(a) == [a, b]
    with pytest.warns(SegmentDataWarning):
        assert segments.path(a) == ["a", "b"]


def test_a_chain_that_repeats_an_id_in_a_new_object_stops_at_the_repeat() -> None:
    seg = {"id": "A", "child": {"id": "B", "child": {"id": "A", "name": "again", "child": None}}}
    with pytest.warns(SegmentDataWarning, match="revisits segment 'A'"):
        assert ids(segments.chain(seg)) == ["A", "B"]
    with pytest.warns(SegmentDataWarning):
        assert segments.leaf(seg) is seg["child"]


def test_a_model_that_is_its_own_child_is_a_chain_of_one() -> None:
    seg = ClassSegment(id="A")
    seg.child = seg
    with pytest.warns(SegmentDataWarning, match="revisits segment 'A' after 'A'"):
        assert segments.chain(seg) == [seg]


# ------------------------------------------------------------------ depth


DEEP = 100_000


def test_a_dict_chain_100000_deep_needs_no_recursion(no_warnings: None) -> None:
    seg = deep_dict_chain(DEEP)
    got = segments.chain(seg)
    assert len(got) == DEEP
    assert got[-1]["id"] == f"cls_{DEEP - 1}"
    assert segments.depth(seg) == DEEP
    assert segments.leaf(seg) is got[-1]
    names = segments.path(seg)
    assert names[0] == "level 0"
    assert names[-1] == f"level {DEEP - 1}"
    assert segments.joined_path(seg, sep="/").count("/") == DEEP - 1


def test_a_model_chain_100000_deep_needs_no_recursion(no_warnings: None) -> None:
    seg = deep_model_chain(DEEP)
    got = segments.chain(seg)
    assert len(got) == DEEP
    assert got[-1].id == f"cls_{DEEP - 1}"
    assert segments.depth(seg) == DEEP
    assert segments.path(seg)[-1] == f"level {DEEP - 1}"


def test_a_deep_chain_ending_in_garbage_keeps_every_good_segment() -> None:
    seg = deep_dict_chain(DEEP)
    last = segments.chain(seg)[-1]
    last["child"] = "<unknown>"
    with pytest.warns(SegmentDataWarning, match=f"after 'cls_{DEEP - 1}'"):
        assert segments.depth(seg) == DEEP


# ------------------------------------------------------------------ customers


def test_chains_and_assigned_of_a_customer_with_two_chains(no_warnings: None) -> None:
    c = customer("c1", seg_chain("R1", "L1", "J1"), seg_chain("R1", "L1", "J2"))
    assert [ids(ch) for ch in segments.chains(c)] == [["R1", "L1", "J1"], ["R1", "L1", "J2"]]
    assert ids(segments.assigned(c)) == ["J1", "J2"]
    model = Customer.from_dict(c)
    assert ids(segments.assigned(model)) == ["J1", "J2"]


def test_assigned_lists_a_segment_once_and_a_cut_chain_at_its_last_valid_segment() -> None:
    c = customer(
        "c1",
        seg_chain("R1", "L1"),
        seg_chain("R1", "L1"),
        seg_chain("R2", end="<unknown>"),
        "<unknown>",
    )
    with pytest.warns(SegmentDataWarning):
        assert ids(segments.assigned(c)) == ["L1", "R2"]


@pytest.mark.parametrize("value", [None, [], "absent"])
def test_a_customer_without_chains_has_none(value: object, no_warnings: None) -> None:
    c: dict[str, Any] = {"id": "c1", "name": "n", "status": "ACTIVE"}
    if value != "absent":
        c["classSegments"] = value
    assert segments.chains(c) == []
    assert segments.assigned(c) == []
    assert segments.chains(Customer(id="c1", name="n", status="ACTIVE")) == []


def test_class_segments_that_are_not_a_list_warn() -> None:
    c = {"id": "c1", "classSegments": "<unknown>"}
    with pytest.warns(SegmentDataWarning, match="at its root"):
        assert segments.chains(c) == []


def test_something_that_is_not_a_customer_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="Customer model or a wire dict"):
        segments.chains(42)


@pytest.mark.parametrize(
    ("helper", "arg"),
    [
        (segments.chain, {"id": "a", "child": "<unknown>"}),
        (segments.path, {"id": "a", "child": "<unknown>"}),
        (segments.joined_path, {"id": "a", "child": "<unknown>"}),
        (segments.leaf, {"id": "a", "child": "<unknown>"}),
        (segments.depth, {"id": "a", "child": "<unknown>"}),
        (segments.chains, {"id": "c1", "classSegments": 7}),
        (segments.chains, customer("c1", {"id": "a", "child": "<unknown>"})),
        (segments.assigned, customer("c1", {"id": "a", "child": "<unknown>"})),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_warnings_point_at_the_caller(helper: Any, arg: Any) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        helper(arg)
    assert [w.filename for w in caught] == [__file__]
