"""POST /v6/customers/query: results equal a brute-force evaluation; bad bodies get every error."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sandbox.conftest import Checked
from tests.sandbox.oracle import expected
from tight_customers.sandbox import Sandbox

STRING_OPS = ("equal", "notEqual", "greaterThan", "greaterThanEqual", "lessThan",
              "lessThanEqual", "contain")  # fmt: skip
STATUS_OPS = ("equal", "notEqual", "greaterThan", "greaterThanEqual", "lessThan",
              "lessThanEqual", "in", "notIn")  # fmt: skip


def walk(client: Checked, body: dict[str, Any], max_pages: int = 500) -> list[str]:
    """Every id of a query, following `after` cursors (bounded)."""
    page = client.ok(body)
    ids = [c["id"] for c in page["data"]]
    assert page["cursor"]["before"] is None
    for _ in range(max_pages):
        after = page["cursor"]["after"]
        if after is None:
            return ids
        page = client.ok({"cursor": after})
        ids += [c["id"] for c in page["data"]]
    raise AssertionError("the walk did not end")


@st.composite
def filters(draw: st.DrawFn, customers: list[dict[str, Any]]) -> dict[str, Any]:
    names = [c["name"] for c in customers]
    emails = [c["email"] for c in customers if isinstance(c.get("email"), str)]
    statuses = [*sorted({c["status"] for c in customers}), "NEVER_SEEN"]
    segment_ids = sorted(
        {
            node["id"]
            for c in customers
            for top in c.get("classSegments") or []
            for node in _walk_chain(top)
        }
    )

    def text_for(pool: list[str]) -> st.SearchStrategy[str]:
        picked = st.sampled_from(pool)
        return st.one_of(
            picked,
            picked.map(str.upper),
            picked.map(str.lower),
            st.tuples(picked, st.integers(0, 6), st.integers(1, 6)).map(
                lambda t: t[0][t[1] : t[1] + t[2]]
            ),
            st.text(max_size=4),
        )

    flt: dict[str, Any] = {}
    for field, pool in (("name", names), ("email", emails)):
        if draw(st.booleans()):
            ops = draw(st.lists(st.sampled_from(STRING_OPS), min_size=1, max_size=2, unique=True))
            flt[field] = {op: draw(text_for(pool)) for op in ops}
    if draw(st.booleans()):
        ops = draw(st.lists(st.sampled_from(STATUS_OPS), min_size=1, max_size=2, unique=True))
        status: dict[str, Any] = {}
        for op in ops:
            if op in ("in", "notIn"):
                status[op] = draw(st.lists(st.sampled_from(statuses), min_size=1, max_size=3))
            else:
                status[op] = draw(st.sampled_from(statuses))
        flt["status"] = status
    if draw(st.integers(0, 3)) == 0:
        ids = draw(st.lists(st.sampled_from(segment_ids), min_size=1, max_size=3))
        flt["classSegments"] = {"expand": draw(st.booleans()), "id": {"in": ids}}
    return flt


def _walk_chain(node: Any) -> list[dict[str, Any]]:
    out = []
    while isinstance(node, dict):
        out.append(node)
        node = node.get("child")
    return out


_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def dataset(static_sb: Sandbox) -> list[dict[str, Any]]:
    return static_sb.customers()


@_SETTINGS
@given(data=st.data())
def test_query_equals_brute_force(
    static_client: Checked, dataset: list[dict[str, Any]], data: st.DataObject
) -> None:
    flt = data.draw(filters(dataset))
    desc = data.draw(st.booleans())
    limit = data.draw(st.sampled_from([1, 3, 7, 50, 100, 1000]))
    body: dict[str, Any] = {"filter": flt, "limit": limit}
    if desc or data.draw(st.booleans()):
        body["sort"] = {"orderBy": "NAME", "direction": "DESC" if desc else "ASC"}
    want = expected(dataset, flt, desc)
    first = static_client.ok(body)
    assert len(first["data"]) == min(limit, len(want))
    if len(want) > 60 * limit:  # a full walk would be long; the first page says enough
        assert [c["id"] for c in first["data"]] == want[:limit]
        return
    assert walk(static_client, body) == want


def test_dataset_is_in_name_order(dataset: list[dict[str, Any]]) -> None:
    keys = [(c["name"], c["id"]) for c in dataset]
    assert keys == sorted(keys)


def test_defaults_are_limit_100_name_asc(static_client: Checked, dataset: list[Any]) -> None:
    page = static_client.ok()
    assert [c["id"] for c in page["data"]] == [c["id"] for c in dataset[:100]]
    assert page["cursor"]["before"] is None
    assert page["cursor"]["after"] is not None
    assert page["result"] == "SUCCESS"


def test_comparisons_use_code_point_order(fresh_sb: Sandbox, fresh_client: Checked) -> None:
    for name in ("zeta", "Zeta", "Ärger", "Äb", "東京", "a"):
        fresh_sb.insert_customer({"name": name})
    page = fresh_client.ok({"filter": {"name": {"greaterThanEqual": "Z", "lessThan": "a"}}})
    names = [c["name"] for c in page["data"]]
    assert "Zeta" in names and "zeta" not in names and "Ärger" not in names
    page = fresh_client.ok({"filter": {"name": {"greaterThan": "z"}}, "limit": 1000})
    assert {"Äb", "Ärger", "東京", "zeta"} <= {c["name"] for c in page["data"]}


def test_contain_folds_unicode_case(fresh_sb: Sandbox, fresh_client: Checked) -> None:
    fresh_sb.insert_customer({"name": "STRASSE Ölwerk", "email": "X@ÉCOLE.example"})
    fresh_sb.insert_customer({"name": "Große Straße"})
    found = fresh_client.ok({"filter": {"name": {"contain": "straße"}}, "limit": 1000})
    assert {"STRASSE Ölwerk", "Große Straße"} <= {c["name"] for c in found["data"]}
    found = fresh_client.ok({"filter": {"name": {"contain": "öLW"}}})
    assert [c["name"] for c in found["data"]] == ["STRASSE Ölwerk"]
    found = fresh_client.ok({"filter": {"email": {"contain": "école"}}})
    assert [c["email"] for c in found["data"]] == ["X@ÉCOLE.example"]


def test_null_email_matches_only_not_equal(fresh_sb: Sandbox, fresh_client: Checked) -> None:
    person = fresh_sb.insert_customer({"name": "Nobody Mailless", "email": None})
    for op in ("equal", "greaterThan", "lessThan", "contain", "lessThanEqual"):
        page = fresh_client.ok({"filter": {"email": {op: ""}, "name": {"equal": person["name"]}}})
        assert page["data"] == [], op
    page = fresh_client.ok(
        {"filter": {"email": {"notEqual": "x"}, "name": {"equal": person["name"]}}}
    )
    assert [c["id"] for c in page["data"]] == [person["id"]]


def test_class_segments_expand(fresh_sb: Sandbox, fresh_client: Checked) -> None:
    def chain(*ids: str) -> dict[str, Any]:
        node: dict[str, Any] | None = None
        for sid in reversed(ids):
            node = {"id": sid, "name": sid, "child": node}
        assert node is not None
        return node

    deep = fresh_sb.insert_customer({"name": "Deep", "classSegments": [chain("r", "l", "j")]})
    mid = fresh_sb.insert_customer({"name": "Mid", "classSegments": [chain("r", "l")]})

    def ids(expand: bool, *segments: str) -> set[str]:
        flt = {"classSegments": {"expand": expand, "id": {"in": list(segments)}}}
        return {c["id"] for c in fresh_client.ok({"filter": flt})["data"]}

    assert ids(False, "l") == {mid["id"]}
    assert ids(False, "j") == {deep["id"]}
    assert ids(False, "r") == set()
    assert ids(True, "r") == {mid["id"], deep["id"]}
    assert ids(True, "l") == {mid["id"], deep["id"]}
    assert ids(True, "j") == {deep["id"]}


# ---------------------------------------------------------------------------- bad requests


def _errors(response: Any) -> list[tuple[str, str | None]]:
    assert response.status_code == 400, response.text
    return [(e["type"], e["param"]) for e in response.json()["error"]]


def test_every_error_at_once(static_client: Checked) -> None:
    body = {
        "limit": 0,
        "sort": {"orderBy": "EMAIL", "direction": "UP", "extra": 1},
        "filter": {
            "name": {"like": "x", "contain": 5},
            "email": {},
            "status": {"in": []},
            "classSegments": {"expand": "yes", "id": {}},
            "phone": {"equal": "1"},
        },
        "page": 2,
    }
    errors = _errors(static_client.query(body))
    assert set(errors) == {
        ("INVALID_VALUE", "limit"),
        ("INVALID_VALUE", "sort.orderBy"),
        ("INVALID_VALUE", "sort.direction"),
        ("BAD_REQUEST", "sort.extra"),
        ("BAD_REQUEST", "filter.name.like"),
        ("INVALID_FORMAT", "filter.name.contain"),
        ("INVALID_VALUE", "filter.email"),
        ("INVALID_VALUE", "filter.status.in"),
        ("INVALID_FORMAT", "filter.classSegments.expand"),
        ("REQUIRED", "filter.classSegments.id.in"),
        ("BAD_REQUEST", "filter.phone"),
        ("BAD_REQUEST", "page"),
    }


@pytest.mark.parametrize(
    ("body", "expected_error"),
    [
        ({"limit": 1001}, ("INVALID_VALUE", "limit")),
        ({"limit": "10"}, ("INVALID_FORMAT", "limit")),
        ({"limit": True}, ("INVALID_FORMAT", "limit")),
        ({"limit": 10**400}, ("INVALID_VALUE", "limit")),
        ({"limit": 2.5}, ("INVALID_FORMAT", "limit")),
        ({"cursor": ""}, ("INVALID_VALUE", "cursor")),
        ({"cursor": 7}, ("INVALID_FORMAT", "cursor")),
        ({"cursor": "abc"}, ("INVALID_VALUE", "cursor")),
        ({"sort": {}}, ("REQUIRED", "sort.orderBy")),
        ({"sort": None}, ("INVALID_FORMAT", "sort")),
        ({"filter": []}, ("INVALID_FORMAT", "filter")),
        ({"filter": {"status": {"in": ["A", 1]}}}, ("INVALID_FORMAT", "filter.status.in[1]")),
        ({"filter": {"classSegments": {}}}, ("REQUIRED", "filter.classSegments.id")),
        ({"filter": {"name": {"equal": "\ud800"}}}, ("INVALID_VALUE", "filter.name.equal")),
        ([1, 2], ("INVALID_FORMAT", None)),
        ("text", ("INVALID_FORMAT", None)),
        (None, ("INVALID_FORMAT", None)),
    ],
)
def test_single_errors(static_client: Checked, body: Any, expected_error: tuple[str, Any]) -> None:
    content = json.dumps(body).encode()
    errors = _errors(static_client.query(content=content))
    assert errors == [expected_error]


@pytest.mark.parametrize(
    "content",
    [b"{bad", b"[" * 100_000 + b"]" * 100_000, b'{"limit": NaN}', b"\xff\xfe\x00", b"1" * 5000,
     b'{"a": 1} trailing'],
)  # fmt: skip
def test_unreadable_json_is_json_error(static_client: Checked, content: bytes) -> None:
    assert _errors(static_client.query(content=content)) == [("JSON_ERROR", None)]


def test_limit_ten_point_zero_is_an_integer(static_client: Checked) -> None:
    assert len(static_client.ok({"limit": 10.0})["data"]) == 10


@pytest.mark.parametrize("content", [b"", b"  \n", b"{}"])
def test_empty_body_is_an_empty_query(static_client: Checked, content: bytes) -> None:
    response = static_client.query(content=content, headers={"Content-Type": "text/plain"})
    assert response.status_code == 200
    assert len(response.json()["data"]) == 100


def test_huge_body_is_rejected(static_client: Checked) -> None:
    content = json.dumps({"filter": {"name": {"contain": "x" * (2 << 20)}}}).encode()
    assert _errors(static_client.query(content=content)) == [("BAD_REQUEST", None)]


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
_keys = st.sampled_from(["cursor", "limit", "sort", "filter", "orderBy", "direction", "name",
                         "email", "status", "classSegments", "expand", "id", "in", "notIn",
                         "equal", "contain", "lessThan"])  # fmt: skip
_shaped = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 2000) | st.text(max_size=6)
    | st.sampled_from(["NAME", "ASC", "DESC", "ACTIVE"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=16,
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(body=st.one_of(_json, _shaped))
def test_any_json_body_gets_a_documented_answer(static_client: Checked, body: Any) -> None:
    # The validating client checks the status is documented and the body matches its schema.
    response = static_client.query(content=json.dumps(body).encode())
    assert response.status_code in (200, 400)


# ---------------------------------------------------------------------------- get


def test_get_customer(static_client: Checked, dataset: list[dict[str, Any]]) -> None:
    customer = dataset[17]
    response = static_client.http.get(f"/v6/customers/{customer['id']}")
    assert response.status_code == 200
    assert response.json()["data"] == customer


@pytest.mark.parametrize("cid", ["cus_404", "a%2Fb", "x/y/z", "%C3%A9t%C3%A9", "query"])
def test_get_unknown_customer_is_404(static_client: Checked, cid: str) -> None:
    response = static_client.http.get(f"/v6/customers/{cid}")
    assert response.status_code == 404
    assert response.json()["error"][0]["param"] == "id"


def test_contain_follows_updates_and_deletes(fresh_sb: Sandbox, fresh_client: Checked) -> None:
    def found(term: str) -> list[str]:
        return [c["id"] for c in fresh_client.ok({"filter": {"name": {"contain": term}}})["data"]]

    person = fresh_sb.insert_customer({"name": "Quokka Quarry"})
    assert found("okka qu") == [person["id"]]
    fresh_sb.update_customer(person["id"], name="Wombat Works")
    assert found("okka qu") == [] and found("BAT WO") == [person["id"]]
    fresh_sb.delete_customer(person["id"])
    assert found("bat wo") == []
