"""Keyset cursors: exactly-once walks both ways, under inserts and deletes; binding; tampering."""

from __future__ import annotations

import base64
import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sandbox.conftest import Checked
from tests.sandbox.oracle import expected
from tight_customers.sandbox import Sandbox, generate_customers

ACME = {"name": {"contain": "a"}}


def ids(page: dict[str, Any]) -> list[str]:
    return [c["id"] for c in page["data"]]


def walk_forward(client: Checked, body: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    page = client.ok(body)
    seen = ids(page)
    for _ in range(1000):
        if page["cursor"]["after"] is None:
            return seen, page
        page = client.ok({"cursor": page["cursor"]["after"]})
        seen += ids(page)
    raise AssertionError("unbounded walk")


def walk_backward(client: Checked, last: dict[str, Any]) -> list[str]:
    pages = [ids(last)]
    page = last
    for _ in range(1000):
        if page["cursor"]["before"] is None:
            return [i for p in reversed(pages) for i in p]
        page = client.ok({"cursor": page["cursor"]["before"]})
        pages.append(ids(page))
    raise AssertionError("unbounded walk")


@pytest.mark.parametrize("desc", [False, True])
@pytest.mark.parametrize("limit", [3, 64, 1000])
def test_forward_and_backward_visit_everything_once(
    static_sb: Sandbox, static_client: Checked, desc: bool, limit: int
) -> None:
    flt = {"status": {"notEqual": "INACTIVE"}}
    body = {"filter": flt, "limit": limit, "sort": {"orderBy": "NAME",
            "direction": "DESC" if desc else "ASC"}}  # fmt: skip
    want = expected(static_sb.customers(), flt, desc)
    forward, last = walk_forward(static_client, body)
    assert forward == want
    assert walk_backward(static_client, last) == want


def test_before_page_keeps_sort_order_and_first_page_has_no_before(
    static_client: Checked,
) -> None:
    first = static_client.ok({"limit": 5, "sort": {"orderBy": "NAME", "direction": "DESC"}})
    assert first["cursor"]["before"] is None
    second = static_client.ok({"cursor": first["cursor"]["after"]})
    back = static_client.ok({"cursor": second["cursor"]["before"]})
    assert ids(back) == ids(first)
    assert back["cursor"]["before"] is None
    names = [c["name"] for c in back["data"]]
    assert names == sorted(names, reverse=True)


def test_last_page_has_no_after(static_client: Checked) -> None:
    page = static_client.ok({"filter": {"name": {"equal": "no such name at all"}}})
    assert page["data"] == [] and page["cursor"] == {"after": None, "before": None}
    everything = static_client.ok({"limit": 1000})
    assert everything["cursor"]["after"] is None


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    seed=st.integers(0, 10**6),
    limit=st.integers(1, 15),
    desc=st.booleans(),
    backward=st.booleans(),
)
def test_exactly_once_under_inserts_and_deletes(
    fresh_sb: Sandbox, fresh_client: Checked, seed: int, limit: int, desc: bool, backward: bool
) -> None:
    fresh_sb.replace_customers(generate_customers(60, seed % 7))
    _walk_with_churn(fresh_sb, fresh_client, random.Random(seed), limit, desc, backward)


def _walk_with_churn(
    sb: Sandbox, client: Checked, rng: random.Random, limit: int, desc: bool, backward: bool
) -> None:
    stable = {c["id"] for c in sb.customers()}  # records that exist unchanged throughout
    direction = "DESC" if desc else "ASC"
    body = {"limit": limit, "sort": {"orderBy": "NAME", "direction": direction}}
    if backward:
        _, page = walk_forward(client, body)  # start from the last page
    else:
        page = client.ok(body)
    seen = ids(page)
    move = "before" if backward else "after"
    for _ in range(500):
        for _ in range(rng.randint(0, 3)):  # churn between pages
            if rng.random() < 0.5:
                pool = sorted(c["name"] for c in sb.customers()) or ["m"]
                base = rng.choice(pool)
                fresh = sb.insert_customer({"name": rng.choice([base, base + "!", base[:2]])})
                stable.discard(fresh["id"])
            else:
                victims = sorted(stable | {c["id"] for c in sb.customers()})
                victim = rng.choice(victims)
                if victim in {c["id"] for c in sb.customers()}:
                    sb.delete_customer(victim)
                stable.discard(victim)
        cursor = page["cursor"][move]
        if cursor is None:
            break
        page = client.ok({"cursor": cursor})
        seen += ids(page)
    assert len(seen) == len(set(seen)), "a record was served twice"
    assert stable <= set(seen), "a record that existed throughout was skipped"


def test_empty_page_after_deletes_leads_back(fresh_sb: Sandbox, fresh_client: Checked) -> None:
    first = fresh_client.ok({"limit": 100})
    rest = [c["id"] for c in fresh_sb.customers()][100:]
    for cid in rest:
        fresh_sb.delete_customer(cid)
    empty = fresh_client.ok({"cursor": first["cursor"]["after"]})
    assert empty["data"] == [] and empty["cursor"]["after"] is None
    back = fresh_client.ok({"cursor": empty["cursor"]["before"]})
    assert ids(back) == ids(first)[-100:]
    # The walk back from the empty page ends at the first record, each visited once.
    got = walk_backward(fresh_client, back)
    assert got == ids(first)


# ---------------------------------------------------------------------------- binding, tampering


def _cursor_error(response: Any) -> None:
    assert response.status_code == 400, response.text
    assert [(e["type"], e["param"]) for e in response.json()["error"]] == [
        ("INVALID_VALUE", "cursor")
    ]


def test_cursor_continues_its_own_query(static_sb: Sandbox, static_client: Checked) -> None:
    body = {"filter": ACME, "limit": 4, "sort": {"orderBy": "NAME", "direction": "DESC"}}
    want = expected(static_sb.customers(), ACME, True)
    first = static_client.ok(body)
    after = first["cursor"]["after"]
    assert ids(static_client.ok({"cursor": after})) == want[4:8]
    assert ids(static_client.ok({"cursor": after, "limit": 2})) == want[4:6]
    same = {**body, "cursor": after, "filter": {"name": {"contain": "a"}}}
    assert ids(static_client.ok(same)) == want[4:8]


def test_cursor_with_another_filter_or_sort_is_rejected(static_client: Checked) -> None:
    after = static_client.ok({"filter": ACME, "limit": 4})["cursor"]["after"]
    _cursor_error(static_client.query({"cursor": after, "filter": {"name": {"contain": "b"}}}))
    _cursor_error(static_client.query({"cursor": after, "filter": {}}))
    desc = {"orderBy": "NAME", "direction": "DESC"}
    _cursor_error(static_client.query({"cursor": after, "sort": desc}))
    assert static_client.query({"cursor": after, "sort": {"orderBy": "NAME"}}).status_code == 200


@settings(max_examples=40, deadline=None)
@given(position=st.integers(0, 10**6), replacement=st.characters(codec="ascii"))
def test_modified_cursor_is_rejected(
    static_client: Checked, position: int, replacement: str
) -> None:
    after = static_client.ok({"limit": 2})["cursor"]["after"]
    i = position % len(after)
    tampered = after[:i] + replacement + after[i + 1 :]
    if tampered == after:
        return
    _cursor_error(static_client.query({"cursor": tampered}))


def test_forged_cursor_is_rejected(static_client: Checked) -> None:
    after = static_client.ok({"limit": 2})["cursor"]["after"]
    payload, _, signature = after.partition(".")
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    forged = raw.replace(b'"l":2', b'"l":9')
    text = base64.urlsafe_b64encode(forged).rstrip(b"=").decode()
    _cursor_error(static_client.query({"cursor": f"{text}.{signature}"}))
    _cursor_error(static_client.query({"cursor": after + "="}))


def test_cursor_from_another_sandbox_is_rejected(static_client: Checked) -> None:
    with Sandbox(customers=10) as other:
        client = Checked(other)
        try:
            foreign = client.ok({"limit": 2})["cursor"]["after"]
        finally:
            client.close()
    _cursor_error(static_client.query({"cursor": foreign}))
