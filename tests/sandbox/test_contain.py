"""`contain` through its token index: any text, bunched terms, case folding, writes, migration.

Every result is compared with the brute-force evaluation of openapi.yaml's semantics (case-
insensitive substring by Unicode case folding, NAME order with id tie-break), walking whole
result sets page by page in both directions.
"""

# Cyrillic and Greek letters that look like Latin ones are the point of several tests here.
# ruff: noqa: RUF001

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sandbox.conftest import Checked
from tests.sandbox.oracle import expected
from tight_customers.sandbox import Sandbox, _store, generate_customers


class Plain:
    """A client that skips the openapi.yaml check of each response (for long walks through big
    pages, which other tests validate)."""

    def __init__(self, sb: Sandbox) -> None:
        headers = {"Authorization": f"Bearer {sb.token}"}
        self.http = httpx.Client(base_url=sb.url, headers=headers, timeout=10)

    def ok(self, body: Any) -> dict[str, Any]:
        response = self.http.post("/v6/customers/query", json=body)
        assert response.status_code == 200, response.text
        decoded: dict[str, Any] = response.json()
        return decoded

    def close(self) -> None:
        self.http.close()


def walk(client: Checked | Plain, body: dict[str, Any]) -> list[str]:
    """Every id of a query, following `after` cursors, then checked against the way back."""
    page = client.ok(body)
    pages = [[c["id"] for c in page["data"]]]
    for _ in range(1000):
        if page["cursor"]["after"] is None:
            break
        page = client.ok({"cursor": page["cursor"]["after"]})
        pages.append([c["id"] for c in page["data"]])
    else:
        raise AssertionError("the walk did not end")
    forward = [i for p in pages for i in p]
    back = [c["id"] for c in page["data"]]
    for _ in range(1000):
        if page["cursor"]["before"] is None:
            break
        page = client.ok({"cursor": page["cursor"]["before"]})
        back = [c["id"] for c in page["data"]] + back
    assert back == forward, "the walk back differs from the walk forward"
    return forward


def query(flt: dict[str, Any], desc: bool, limit: int) -> dict[str, Any]:
    sort = {"orderBy": "NAME", "direction": "DESC" if desc else "ASC"}
    return {"filter": flt, "sort": sort, "limit": limit}


# ---------------------------------------------------------------------------- any text

# Characters that fold to several (ß, ẞ, ﬃ, İ), fold alike (Σσς, Kk and the Kelvin sign), combine,
# lie outside the BMP, or are what the index itself uses or cannot read (NUL, U+001E, U+001F).
_TRICKY = list('aAbBsSkKßẞﬃİıiIΣσςé\u0301 "\\*\x00\x1e\x1f\u212a東😀Мм-.@') + ["e"] * 4
_texts = st.one_of(
    st.text(st.sampled_from(_TRICKY), max_size=8),
    st.text(max_size=6),
)


@st.composite
def _term(draw: st.DrawFn, values: list[str]) -> str:
    if not values or draw(st.integers(0, 4)) == 0:
        return draw(st.text(st.sampled_from(_TRICKY), max_size=5))
    value = draw(st.sampled_from(values))
    start = draw(st.integers(0, len(value)))
    term = value[start : start + draw(st.integers(0, 5))]
    changes: list[Callable[[str], str]] = [str, str.upper, str.lower, str.casefold, str.swapcase]
    change = draw(st.sampled_from(changes))
    return change(term)


@pytest.fixture(scope="module")
def any_text_sb() -> Iterator[Sandbox]:
    with Sandbox(customers=1, rate_limit=10**9) as sb:
        yield sb


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_contain_over_any_text_equals_brute_force(
    any_text_sb: Sandbox, data: st.DataObject
) -> None:
    base = generate_customers(data.draw(st.integers(1, 30)), seed=5)
    for customer in base:
        customer["name"] = data.draw(_texts)
        customer["email"] = data.draw(st.one_of(st.none(), _texts))
    any_text_sb.replace_customers(base)
    names = [c["name"] for c in base]
    emails = [c["email"] for c in base if c["email"] is not None]
    flt: dict[str, Any] = {}
    if data.draw(st.booleans()):
        flt["name"] = {"contain": data.draw(_term(names))}
    if not flt or data.draw(st.booleans()):
        flt["email"] = {"contain": data.draw(_term(emails))}
    desc = data.draw(st.booleans())
    client = Checked(any_text_sb)
    try:
        got = walk(client, query(flt, desc, data.draw(st.sampled_from([1, 3, 100]))))
    finally:
        client.close()
    assert got == expected(any_text_sb.customers(), flt, desc)


# ---------------------------------------------------------------------------- bunched terms


@pytest.fixture(scope="module")
def bunched() -> Iterator[tuple[list[dict[str, Any]], Plain]]:
    """4,500 customers: 2,500 "Москва …" (sorting after every Latin name) whose emails are
    Cyrillic too, the rest Latin; a few of each ARCHIVED. More than 2,000 rows match the
    frequent terms, so each way of planning a `contain` page is taken."""
    customers = generate_customers(4500, seed=8)
    for i, customer in enumerate(customers):
        if i < 2500:
            customer["name"] = f"Москва {'ГМБХ' if i % 3 else 'ООО'} {i}"
            customer["email"] = f"почта{i}@пример.рф"
        else:
            customer["name"] = f"Acme {'Corp' if i % 3 else 'LLC'} {i}"
            customer["email"] = f"billing{i}@acme.example"
        customer["status"] = "ARCHIVED" if i % 97 == 0 else "ACTIVE"
    with Sandbox(data=customers, rate_limit=10**9) as sb:
        client = Plain(sb)
        yield sb.customers(), client
        client.close()


def _rare_segment(customers: list[dict[str, Any]]) -> str:
    counts: dict[str, int] = {}
    for c in customers:
        for chain in c.get("classSegments") or []:
            node = chain
            while node.get("child"):
                node = node["child"]
            counts[node["id"]] = counts.get(node["id"], 0) + 1
    return min(counts, key=lambda sid: (counts[sid], sid))


@pytest.mark.parametrize("desc", [False, True])
@pytest.mark.parametrize(
    "flt",
    [
        {"name": {"contain": "москва"}},
        {"name": {"contain": "МОСКВА гмбх 1"}},
        {"name": {"contain": "ва"}},
        {"name": {"contain": "м"}},
        {"name": {"contain": "CORP"}},
        {"email": {"contain": "@пример.рф"}},
        {"email": {"contain": "рф"}},
        {"name": {"contain": "а"}, "email": {"contain": "ПОЧТА1"}},
        {"name": {"contain": "москва"}, "status": {"in": ["ARCHIVED"]}},
        {"name": {"contain": "a"}, "status": {"equal": "ARCHIVED"}},
        {"name": {"contain": "москва"}, "status": {"notIn": ["ACTIVE"]}},
        {"name": {"contain": "москва"}, "status": {"in": ["ACTIVE"]}},
        {"name": {"contain": "ва", "greaterThan": "Москва ГМБХ 2", "lessThan": "Москва ООО 1"}},
        {"name": {"contain": "москва", "equal": "Москва ООО 3"}},
        {"name": {"contain": "ООО"}, "email": {"greaterThanEqual": "почта2"}},
        {"name": {"contain": "москва"}, "classSegments": {"id": {"in": ["SEGMENT"]}}},
    ],
)
def test_bunched_frequent_terms_page_like_brute_force(
    bunched: tuple[list[dict[str, Any]], Plain], flt: dict[str, Any], desc: bool
) -> None:
    customers, client = bunched
    if "classSegments" in flt:
        flt = {**flt, "classSegments": {"id": {"in": [_rare_segment(customers)]}}}
    want = expected(customers, flt, desc)
    assert walk(client, query(flt, desc, 600)) == want
    page = client.ok(query(flt, desc, 7))
    got = [c["id"] for c in page["data"]]
    for _ in range(3):
        if page["cursor"]["after"] is None:
            break
        page = client.ok({"cursor": page["cursor"]["after"]})
        got += [c["id"] for c in page["data"]]
    assert got == want[:28]


# ---------------------------------------------------------------------------- case folding


def test_contain_folds_expanding_characters(fresh_sb: Sandbox, fresh_client: Checked) -> None:
    names = ["Große Straße", "GROSSE STRASSE", "grosse strasse", "Ofﬁce ﬃx", "office FFIX",
             "İstanbul", "i̇stanbul", "ẞ", "ss", "KELVIN \u212a"]  # fmt: skip
    made = {name: fresh_sb.insert_customer({"name": name})["id"] for name in names}
    customers = fresh_sb.customers()
    for term in ["straße", "STRASSE", "ß", "ẞ", "SS", "s", "ﬃ", "FFI", "ffix", "İ", "i̇s",
                 "\u0307", "kelvin k", "K", "\u212a"]:  # fmt: skip
        for desc in (False, True):
            flt = {"name": {"contain": term}}
            got = walk(fresh_client, query(flt, desc, 2))
            assert got == expected(customers, flt, desc), term
    everything = walk(fresh_client, query({"name": {"contain": "SS"}}, False, 100))
    assert {made["Große Straße"], made["GROSSE STRASSE"], made["ẞ"], made["ss"]} <= set(everything)


# ---------------------------------------------------------------------------- writes


@pytest.mark.parametrize("gap", [2, _store.ROWID_GAP])
def test_writes_keep_contain_and_order_right_through_renumbering(
    fresh_sb: Sandbox, fresh_client: Checked, monkeypatch: pytest.MonkeyPatch, gap: int
) -> None:
    # With a gap of 2 between rowids, every second insert into one gap renumbers them all.
    monkeypatch.setattr(_store, "ROWID_GAP", gap)
    fresh_sb.replace_customers(generate_customers(40, seed=4))
    rng = random.Random(gap)
    pool = ["Alpha", "alpha", "Beta Straße", "BETA STRASSE", "Ω", "a", "Zeta", "Москва"]
    for step in range(60):
        ids = [c["id"] for c in fresh_sb.customers()]
        roll = rng.random()
        if roll < 0.5 or not ids:
            name = rng.choice(pool) + rng.choice(["", "", " 1", " 2"])
            fresh_sb.insert_customer({"name": name, "email": f"{name}@x.example"})
        elif roll < 0.8:
            fresh_sb.update_customer(rng.choice(ids), name=rng.choice(pool))
        else:
            fresh_sb.delete_customer(rng.choice(ids))
        if step % 6:
            continue
        customers = fresh_sb.customers()
        filters = [
            {},
            {"name": {"contain": "strasse"}},
            {"name": {"contain": "a"}},
            {"email": {"contain": "ω@"}},
            {"name": {"contain": "lph", "lessThan": "a"}},
        ]
        for flt in filters:
            for desc in (False, True):
                got = walk(fresh_client, query(flt, desc, 9))
                assert got == expected(customers, flt, desc), (step, flt, desc)


# ---------------------------------------------------------------------------- migration


def test_file_database_of_an_older_version_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "sandbox.db"
    customers = generate_customers(300, seed=2)
    store = _store.Store(path)
    store.replace_all(customers)
    store.close()
    # What an older sandbox left: rowids in load order, not sort order, and another index.
    conn = sqlite3.connect(path, isolation_level=None)
    order = {cid: n for n, cid in enumerate(c["id"] for c in customers)}
    rows = conn.execute("SELECT rowid, id FROM customers").fetchall()
    for rowid, cid in rows:
        conn.execute("UPDATE customers SET rowid = ? WHERE rowid = ?", (-1 - order[cid], rowid))
        conn.execute("UPDATE customer_docs SET rowid = ? WHERE rowid = ?", (-1 - order[cid], rowid))
        conn.execute(
            "UPDATE customer_segments SET customer = ? WHERE customer = ?", (-1 - order[cid], rowid)
        )
    conn.execute("DELETE FROM contain_grams")
    conn.execute("CREATE VIRTUAL TABLE customer_trigrams USING fts5(name_fold, email_fold)")
    conn.execute("PRAGMA user_version = 0")
    conn.close()

    with Sandbox(db_path=path, rate_limit=10**9) as sb:
        client = Checked(sb)
        try:
            segment = _rare_segment(customers)
            for flt in (
                {},
                {"name": {"contain": "ac"}},
                {"email": {"contain": "EXAMPLE.COM"}},
                {"classSegments": {"expand": False, "id": {"in": [segment]}}},
            ):
                for desc in (False, True):
                    got = walk(client, query(flt, desc, 50))
                    assert got == expected(customers, flt, desc)
        finally:
            client.close()
