"""Tokens, rate limits, fault injection, the request log, lifecycle, in-process use and the CLI."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.openapi_support import validate_response, validate_schema
from tests.sandbox.conftest import Checked, check_response
from tight_customers.sandbox import Faults, Sandbox, generate_customers

TOKEN = "/v6/auth/token"


@pytest.fixture
def http(fresh_sb: Sandbox) -> Iterator[httpx.Client]:
    """A validating client without default credentials."""
    with httpx.Client(
        base_url=fresh_sb.url,
        timeout=10,
        event_hooks={"response": [check_response]},
    ) as client:
        yield client


# ---------------------------------------------------------------------------- data


def test_generator_is_deterministic_and_realistic() -> None:
    customers = generate_customers(3000, seed=5)
    assert customers == generate_customers(3000, seed=5)
    assert customers != generate_customers(3000, seed=6)
    for customer in customers[:300]:
        validate_schema("Customer", customer)
    names = [c["name"] for c in customers]
    assert len(set(names)) < len(names)  # duplicates
    folded = {n.casefold() for n in names}
    assert len(folded) < len(set(names))  # names differing only in case
    assert any(not n.isascii() for n in names)
    statuses = {c["status"] for c in customers}
    assert {"ACTIVE", "INACTIVE"} < statuses and len(statuses) > 2
    assert any(c["email"] is None for c in customers)
    assert any(c.get("customData") for c in customers)
    depths = set()
    for c in customers:
        for head in c.get("classSegments") or []:
            node = head
            depth = 0
            labels = []
            while node is not None:
                depth += 1
                labels.append(node["label"]["name"])
                node = node["child"]
            assert labels == ["Region", "Location", "Job Site", "Crew"][:depth]
            depths.add(depth)
    assert depths == {1, 2, 3, 4}
    assert any(not c.get("classSegments") for c in customers)


def test_sandbox_serves_given_data_and_helpers_change_it(fresh_sb: Sandbox) -> None:
    with Sandbox(data=[{"id": "cus_1", "name": "Only", "status": "ACTIVE"}]) as sb:
        assert sb.customers() == [{"id": "cus_1", "name": "Only", "status": "ACTIVE"}]
        added = sb.insert_customer({"name": "Added"})
        assert added["status"] == "ACTIVE" and added["id"].startswith("cus_")
        sb.update_customer("cus_1", name="Zed", status="INACTIVE")
        assert [c["name"] for c in sb.customers()] == ["Added", "Zed"]
        sb.delete_customer(added["id"])
        assert [c["id"] for c in sb.customers()] == ["cus_1"]
        with pytest.raises(KeyError):
            sb.delete_customer(added["id"])
        with pytest.raises(ValueError):
            sb.insert_customer({"id": "cus_1", "name": "Duplicate"})
        with pytest.raises(ValueError):
            sb.insert_customer({"status": "ACTIVE"})


def test_db_file_is_kept_between_runs(tmp_path: Any) -> None:
    path = str(tmp_path / "sandbox.db")
    first = Sandbox(customers=25, seed=1, db_path=path)
    first.insert_customer({"id": "cus_kept", "name": "Kept"})
    again = Sandbox(customers=5, db_path=path)
    assert again.customer_count() == 26
    assert again.get_customer("cus_kept")["name"] == "Kept"


# ---------------------------------------------------------------------------- auth


def test_token_with_client_credentials(fresh_sb: Sandbox, http: httpx.Client) -> None:
    auth = (fresh_sb.client_id, fresh_sb.client_secret)
    form = {"grant_type": "client_credentials", "scope": "read", "userId": "owner-1"}
    response = http.post(TOKEN, auth=auth, data=form)
    assert response.status_code == 200
    token = response.json()
    assert token["token_type"] == "Bearer" and token["expires_in"] == 3600
    assert token["scope"] == "read"
    query = http.post("/v6/customers/query", json={"limit": 1},
                      headers={"Authorization": f"Bearer {token['access_token']}"})  # fmt: skip
    assert query.status_code == 200


@pytest.mark.parametrize(
    "auth", [None, ("wrong", "creds"), "Basic !!!", "Bearer x", "Basic " + "a" * 10]
)
def test_token_with_bad_credentials_is_401(
    fresh_sb: Sandbox, http: httpx.Client, auth: Any
) -> None:
    kwargs: dict[str, Any] = {"data": {"grant_type": "client_credentials"}}
    if isinstance(auth, tuple):
        kwargs["auth"] = auth
    elif isinstance(auth, str):
        kwargs["headers"] = {"Authorization": auth}
    assert http.post(TOKEN, **kwargs).status_code == 401


@pytest.mark.parametrize(
    ("data", "params"),
    [
        ({"grant_type": "password"}, ["grant_type"]),
        ({"grant_type": "refresh_token", "refresh_token": "x"}, ["grant_type"]),
        ({"scope": "admin", "color": "red"}, ["color", "scope"]),
    ],
)
def test_token_with_bad_form_is_400(
    fresh_sb: Sandbox, http: httpx.Client, data: dict[str, str], params: list[str]
) -> None:
    response = http.post(TOKEN, auth=(fresh_sb.client_id, fresh_sb.client_secret), data=data)
    assert response.status_code == 400
    assert sorted(e["param"] for e in response.json()["error"]) == params


def test_token_with_json_body_is_400(fresh_sb: Sandbox, http: httpx.Client) -> None:
    auth = (fresh_sb.client_id, fresh_sb.client_secret)
    assert http.post(TOKEN, auth=auth, json={"grant_type": "x"}).status_code == 400


def test_expired_and_unknown_tokens(fresh_sb: Sandbox, http: httpx.Client) -> None:
    def error_type(token: str | None) -> str:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = http.post("/v6/customers/query", headers=headers)
        assert response.status_code == 401
        assert response.json()["error"][0]["param"] == "Authorization"
        return str(response.json()["error"][0]["type"])

    assert error_type(fresh_sb.issue_token(ttl=0)) == "EXPIRED_TOKEN"
    assert error_type("tkn_unknown") == "INVALID_TOKEN"
    assert error_type(None) == "INVALID_TOKEN"
    live = fresh_sb.issue_token()
    assert http.get(f"/v6/customers/{fresh_sb.customers()[0]['id']}",
                    headers={"Authorization": f"Bearer {live}"}).status_code == 200  # fmt: skip
    fresh_sb.expire_all_tokens()
    assert error_type(live) == "EXPIRED_TOKEN"
    assert error_type(fresh_sb.token) == "EXPIRED_TOKEN"


def test_short_token_ttl_is_reported(fresh_sb: Sandbox, http: httpx.Client) -> None:
    fresh_sb.token_ttl = 2.5
    response = http.post(TOKEN, auth=(fresh_sb.client_id, fresh_sb.client_secret))
    assert response.json()["expires_in"] == 2


def test_no_secrets_in_repr(fresh_sb: Sandbox) -> None:
    text = repr(fresh_sb)
    assert fresh_sb.token not in text and fresh_sb.client_secret not in text
    assert fresh_sb.url in text


# ---------------------------------------------------------------------------- rate limit


def test_rate_limit_answers_429_with_retry_after(fresh_sb: Sandbox) -> None:
    fresh_sb.rate_limit, fresh_sb.rate_window = 3, 120
    client = Checked(fresh_sb, token=fresh_sb.issue_token())
    try:
        statuses = [client.query({"limit": 1}).status_code for _ in range(3)]
        limited = client.query({"limit": 1})
        assert statuses == [200, 200, 200]
        assert limited.status_code == 429
        assert 1 <= int(limited.headers["retry-after"]) <= 120
        other = Checked(fresh_sb, token=fresh_sb.issue_token())  # the limit is per token
        assert other.query({"limit": 1}).status_code == 200
        other.close()
        fresh_sb.rate_limit = 10
        assert client.query({"limit": 1}).status_code == 200
    finally:
        client.close()


# ---------------------------------------------------------------------------- faults


def test_enqueued_faults_in_order(fresh_sb: Sandbox, fresh_client: Checked) -> None:
    fresh_sb.faults.retry_after = 7
    fresh_sb.enqueue_faults(500, 503, 504, 429, "429-no-retry-after", 408, "delay:0.01")
    got = [fresh_client.query({"limit": 1}) for _ in range(8)]
    assert [r.status_code for r in got] == [500, 503, 504, 429, 429, 408, 200, 200]
    assert got[3].headers["retry-after"] == "7"
    assert "retry-after" not in got[4].headers
    faults = [r.fault for r in fresh_sb.request_log[-8:]]
    assert faults == ["500", "503", "504", "429", "429-no-retry-after", "408", "delay:0.01", None]


def test_faults_never_touch_the_token_endpoint(fresh_sb: Sandbox, http: httpx.Client) -> None:
    fresh_sb.faults = Faults(error_rate=1.0)
    fresh_sb.enqueue_faults(503)
    response = http.post(TOKEN, auth=(fresh_sb.client_id, fresh_sb.client_secret))
    assert response.status_code == 200
    assert fresh_sb.request_log[-1].fault is None


def test_drop_truncate_and_html502(fresh_sb: Sandbox, fresh_client: Checked) -> None:
    fresh_sb.enqueue_faults("drop", "truncate", "html502")
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        fresh_client.query({"limit": 5})
    truncated = fresh_client.query({"limit": 5})
    assert truncated.status_code == 200
    assert int(truncated.headers["content-length"]) == len(truncated.content)
    with pytest.raises(json.JSONDecodeError):
        json.loads(truncated.content)
    html = fresh_client.query({"limit": 5})
    assert html.status_code == 502 and html.headers["content-type"].startswith("text/html")
    log = fresh_sb.request_log[-3:]
    assert [(r.fault, r.status) for r in log] == [("drop", None), ("truncate", 200),
                                                  ("html502", 502)]  # fmt: skip
    assert fresh_client.query({"limit": 5}).status_code == 200


def test_random_faults_follow_their_shares(fresh_sb: Sandbox, fresh_client: Checked) -> None:
    fresh_sb.faults = Faults(error_rate=1.0, error_statuses=(503,), seed=1)
    assert {fresh_client.query({"limit": 1}).status_code for _ in range(5)} == {503}
    fresh_sb.faults = Faults(rate_429=0.5, seed=2, retry_after=None)
    statuses = [fresh_client.query({"limit": 1}).status_code for _ in range(60)]
    assert set(statuses) == {200, 429} and 10 < statuses.count(429) < 50
    fresh_sb.faults = Faults(latency=0.01, jitter=0.01)
    assert fresh_client.query({"limit": 1}).status_code == 200


def test_request_log_hides_authorization(fresh_sb: Sandbox, fresh_client: Checked) -> None:
    fresh_client.query({"limit": 2, "filter": {"name": {"contain": "x"}}})
    record = fresh_sb.request_log[-1]
    assert record.method == "POST" and record.path == "/v6/customers/query"
    assert record.status == 200 and record.json_body["limit"] == 2
    assert "authorization" not in {k.lower() for k in record.headers}
    fresh_sb.request_log.clear()
    assert len(fresh_sb.request_log) == 0


def test_bad_fault_actions_are_refused(fresh_sb: Sandbox) -> None:
    for action in (99, "explode", "delay:x", True):
        with pytest.raises(ValueError):
            fresh_sb.enqueue_faults(action)


# ---------------------------------------------------------------------------- lifecycle


@pytest.mark.anyio
async def test_in_process_asgi_without_start() -> None:
    sb = Sandbox(customers=30, seed=2)
    transport = httpx.ASGITransport(app=sb.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as c:
        response = await c.post("/v6/customers/query", json={"limit": 3},
                                headers={"Authorization": f"Bearer {sb.token}"})  # fmt: skip
    assert response.status_code == 200
    validate_response("/v6/customers/query", "post", 200, response.json())
    with pytest.raises(RuntimeError):
        _ = sb.url


def test_stop_is_idempotent_and_frees_the_port() -> None:
    sb = Sandbox(customers=5).start()
    url = sb.url
    assert httpx.post(url + TOKEN, auth=(sb.client_id, sb.client_secret)).status_code == 200
    sb.stop()
    sb.stop()
    assert not sb.running
    with pytest.raises(httpx.ConnectError):
        httpx.post(url + TOKEN, timeout=2)


def test_module_entry_point_serves() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tight_customers.sandbox", "--port", "0", "--customers", "20",
         "--seed", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "TIGHT_CLIENT_SECRET": "s3", "TIGHT_CLIENT_ID": "cid"},
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        banner = ""
        deadline = time.monotonic() + 20
        while "Ctrl-C" not in banner and time.monotonic() < deadline:
            banner += proc.stdout.readline()
        assert "s3" not in banner
        url = re.search(r"http://127\.0\.0\.1:\d+", banner)
        assert url is not None, banner
        for _ in range(100):  # the banner comes just before uvicorn accepts
            try:
                response = httpx.post(url.group(0) + TOKEN, auth=("cid", "s3"))
                break
            except httpx.ConnectError:
                time.sleep(0.05)
        assert response.status_code == 200
    finally:
        proc.terminate()
        proc.wait(10)
