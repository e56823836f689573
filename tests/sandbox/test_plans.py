"""Every way of planning a page gives the same pages: plans forced or chosen, against brute force.

The planner picks a way in by estimates (how many rows an email range selects, whether the
full-text index can name the segments of a filter); these tests take each way on purpose and
walk whole result sets forward and back, in both directions.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest

from tests.sandbox.oracle import expected
from tests.sandbox.test_contain import Plain, query, walk
from tight_customers.sandbox import Sandbox, _pages, _store, generate_customers

_OPS = ("greaterThan", "greaterThanEqual", "lessThan", "lessThanEqual")


@pytest.fixture(scope="module")
def emails_sb() -> Iterator[tuple[Sandbox, list[dict[str, Any]], Plain]]:
    with Sandbox(customers=300, seed=21, rate_limit=10**9) as sb:
        client = Plain(sb)
        yield sb, sb.customers(), client
        client.close()


def _edges(customers: list[dict[str, Any]]) -> list[str]:
    """Email operands at and around both ends of the range and in its middle."""
    emails = sorted({c["email"] for c in customers if isinstance(c.get("email"), str)})
    top = emails[-1]
    return ["", emails[0], emails[1], emails[len(emails) // 2], emails[-2], top, top + "\U0010ffff"]


def _by_rowid(sb: Sandbox, flt: dict[str, Any]) -> bool:
    """Whether the planner reads the rows of `flt` by rowid (through an index's selection)."""
    return _pages._Pager(sb._state.store, sb._state.codec, flt, False, 7).by_rowid


@pytest.mark.parametrize("through_index", [False, True], ids=["name walk", "email index"])
@pytest.mark.parametrize("op", _OPS)
def test_one_sided_email_ranges_page_alike_in_either_plan(
    emails_sb: tuple[Sandbox, list[dict[str, Any]], Plain],
    monkeypatch: pytest.MonkeyPatch,
    op: str,
    through_index: bool,
) -> None:
    sb, customers, client = emails_sb
    monkeypatch.setattr(_pages, "_EMAIL_ROWS_MAX", 10**9 if through_index else -1)
    for operand in _edges(customers):
        flt = {"email": {op: operand}}
        assert _by_rowid(sb, flt) is through_index
        for desc in (False, True):
            want = expected(customers, flt, desc)
            assert walk(client, query(flt, desc, 7)) == want, (operand, desc)
            # Pages reached by a cursor of another page size start at the same place.
            page = client.ok(query(flt, desc, 3))
            if page["cursor"]["after"] is not None:
                page = client.ok({"cursor": page["cursor"]["after"], "limit": 50})
                assert [c["id"] for c in page["data"]] == want[3:53], (operand, desc)


def test_email_range_estimate_follows_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    with Sandbox(customers=50, seed=4, rate_limit=10**9) as sb:
        client = Plain(sb)
        try:
            monkeypatch.setattr(_pages, "_EMAIL_ROWS_MAX", 0)
            flt = {"email": {"greaterThan": "zzzz"}}
            assert _by_rowid(sb, flt)  # nothing sorts above "zzzz" yet
            for i in range(70):
                sb.insert_customer({"name": f"Top {i}", "email": f"zzzz{i:03}@example.com"})
            assert not _by_rowid(sb, flt)
            customers = sb.customers()
            for desc in (False, True):
                assert walk(client, query(flt, desc, 9)) == expected(customers, flt, desc)
        finally:
            client.close()


def _chain(*ids: str) -> dict[str, Any]:
    """A root-first class-segment chain of `ids`."""
    node: dict[str, Any] | None = None
    for depth, sid in reversed(list(enumerate(ids))):
        label = {"id": f"cll_{depth}", "name": f"Level {depth}", "requiredness": "NOT_REQUIRED"}
        node = {"id": sid, "name": sid, "label": label, "child": node}
    assert node is not None
    return node


_ODD_IDS = ["Seg_A", "seg_a", "SEG_A", "x\x1fy", "long" + "g" * 300, ""]


@pytest.fixture(scope="module")
def segments_sb() -> Iterator[tuple[list[dict[str, Any]], Plain]]:
    """Segment ids that differ only in case, that no token can hold, and a root with more
    children than one full-text query names; contain terms and statuses to combine them with."""
    customers = generate_customers(420, seed=12)
    for i, customer in enumerate(customers):
        if i < 300:
            chains = [_chain("wide_root", f"leaf_{i}")]
        else:
            chains = [_chain("odd_root", _ODD_IDS[i % len(_ODD_IDS)])]
        if i % 5 == 0:
            chains.append(_chain("other_root", "Other_Leaf"))
        customer["classSegments"] = chains
        customer["status"] = "ARCHIVED" if i % 11 == 0 else "ACTIVE"
    with Sandbox(data=copy.deepcopy(customers), rate_limit=10**9) as sb:
        client = Plain(sb)
        yield sb.customers(), client
        client.close()


@pytest.mark.parametrize("desc", [False, True])
@pytest.mark.parametrize(
    "segments",
    [
        {"id": {"in": ["Seg_A"]}},
        {"id": {"in": ["seg_a", "x\x1fy"]}},
        {"id": {"in": ["long" + "g" * 300]}},
        {"id": {"in": [""]}},
        {"expand": True, "id": {"in": ["odd_root"]}},
        {"expand": True, "id": {"in": ["wide_root"]}},
        {"expand": True, "id": {"in": ["other_root", "leaf_7"]}},
    ],
)
@pytest.mark.parametrize(
    "others",
    [{}, {"name": {"contain": "a"}}, {"status": {"in": ["ARCHIVED"]}}],
    ids=["alone", "contain", "status"],
)
def test_segment_filters_page_like_brute_force(
    segments_sb: tuple[list[dict[str, Any]], Plain],
    segments: dict[str, Any],
    others: dict[str, Any],
    desc: bool,
) -> None:
    customers, client = segments_sb
    flt = {**others, "classSegments": {"expand": False, **segments}}
    assert walk(client, query(flt, desc, 9)) == expected(customers, flt, desc)


def test_full_text_index_names_plain_segments_only() -> None:
    assert _store.Store.segments_indexed(["Seg_A", "cls_1"])
    for odd in (["x\x1fy"], ["nul\x00"], ["g" * 300], [""], [f"s{i}" for i in range(300)]):
        assert not _store.Store.segments_indexed(odd)
        assert _store.Store.driver([], odd) is None


def test_segment_changes_reach_the_full_text_index(fresh_sb: Sandbox) -> None:
    client = Plain(fresh_sb)
    try:
        victim = fresh_sb.customers()[5]
        flt = {"classSegments": {"expand": False, "id": {"in": ["fresh_leaf"]}}}
        assert walk(client, query(flt, False, 5)) == []
        fresh_sb.update_customer(victim["id"], classSegments=[_chain("fresh_root", "fresh_leaf")])
        assert walk(client, query(flt, False, 5)) == [victim["id"]]
        fresh_sb.update_customer(victim["id"], name="Renamed", classSegments=[])
        assert walk(client, query(flt, False, 5)) == []
        added = fresh_sb.insert_customer(
            {"name": "Added", "classSegments": [_chain("fresh_root", "fresh_leaf")]}
        )
        expand = {"classSegments": {"expand": True, "id": {"in": ["fresh_root"]}}}
        assert walk(client, query(expand, True, 5)) == [added["id"]]
    finally:
        client.close()
