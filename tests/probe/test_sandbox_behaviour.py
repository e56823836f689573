"""The documented `Behaviour` options of `Sandbox`, seen over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from tight_customers.sandbox import Behaviour, Sandbox

PEOPLE = [
    {"id": f"cus_{i}", "name": name, "status": "ACTIVE"}
    for i, name in enumerate(["Zed", "apple", "Banana", "acme", "ACME Corp", "banana"] * 20)
]


@contextmanager
def client_for(behaviour: Behaviour, data: list[dict[str, Any]] = PEOPLE) -> Iterator[httpx.Client]:
    with Sandbox(data=data, behaviour=behaviour) as sb:
        headers = {"Authorization": f"Bearer {sb.token}"}
        with httpx.Client(base_url=sb.url, headers=headers) as client:
            yield client


def names(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [c["name"] for c in response.json()["data"]]


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"default_page_size": 0}, "default_page_size"),
        ({"max_page_size": True}, "max_page_size"),
        ({"default_page_size": 200, "max_page_size": 100}, "default_page_size"),
    ],
)
def test_bad_options_name_the_field(options: dict[str, Any], field: str) -> None:
    with pytest.raises(ValueError, match=field):
        Behaviour(**options)


def test_the_defaults_are_the_spec() -> None:
    assert Sandbox(customers=1).behaviour == Behaviour(
        default_page_size=100,
        max_page_size=1000,
        contain_ignores_case=True,
        order_ignores_case=False,
        before_cursors=True,
        error_params=True,
    )


def test_page_sizes() -> None:
    with client_for(Behaviour(default_page_size=7, max_page_size=9)) as client:
        assert len(names(client.post("/v6/customers/query", json={}))) == 7
        assert len(names(client.post("/v6/customers/query", json={"limit": 9}))) == 9
        refused = client.post("/v6/customers/query", json={"limit": 10})
        assert refused.status_code == 400
        assert refused.json()["error"][0]["param"] == "limit"
        assert "between 1 and 9" in refused.json()["error"][0]["message"]


def test_contain_with_case() -> None:
    body = {"filter": {"name": {"contain": "acme"}}, "limit": 1000}
    with client_for(Behaviour(contain_ignores_case=False)) as client:
        assert set(names(client.post("/v6/customers/query", json=body))) == {"acme"}
    with client_for(Behaviour()) as client:
        found = set(names(client.post("/v6/customers/query", json=body)))
        assert found == {"acme", "ACME Corp"}


def test_order_ignoring_case_within_each_page() -> None:
    with client_for(Behaviour(order_ignores_case=True)) as client:
        got = names(client.post("/v6/customers/query", json={"limit": 1000}))
        assert got == sorted(got, key=str.casefold)
        desc = {"limit": 1000, "sort": {"orderBy": "NAME", "direction": "DESC"}}
        got = names(client.post("/v6/customers/query", json=desc))
        assert got == sorted(got, key=str.casefold, reverse=True)
    with client_for(Behaviour()) as client:
        got = names(client.post("/v6/customers/query", json={"limit": 1000}))
        assert got == sorted(got)


def test_no_before_cursors() -> None:
    with client_for(Behaviour(before_cursors=False)) as client:
        first = client.post("/v6/customers/query", json={"limit": 5}).json()
        second = client.post("/v6/customers/query", json={"cursor": first["cursor"]["after"]})
        assert second.status_code == 200
        assert second.json()["cursor"]["before"] is None
        assert second.json()["cursor"]["after"] is not None


def test_errors_without_param() -> None:
    with client_for(Behaviour(error_params=False)) as client:
        bad = client.post("/v6/customers/query", json={"limit": 0, "filter": {"x": 1}})
        assert bad.status_code == 400
        assert len(bad.json()["error"]) == 2
        assert all("param" not in item for item in bad.json()["error"])
        assert int(bad.headers["content-length"]) == len(bad.content)
        unauthorized = client.get("/v6/customers/cus_1", headers={"Authorization": "Bearer x"})
        assert unauthorized.status_code == 401
        assert unauthorized.json()["error"][0]["type"] == "INVALID_TOKEN"
        assert "param" not in unauthorized.json()["error"][0]
        assert client.get("/v6/customers/cus_1").status_code == 200
