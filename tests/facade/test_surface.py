"""The request surface: per-request options, with_options, raw responses, errors with their
response, auto-paging pages, env-first construction, logging levels, page-size fallback."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest

import tight_customers as tc
from tests.facade.conftest import (
    TOKEN,
    Script,
    customer,
    envelope,
    ids,
    json_response,
    records,
    scripted_client,
)
from tight_customers import F

ENV_VARS = ("TIGHT_API_TOKEN", "TIGHT_CLIENT_ID", "TIGHT_CLIENT_SECRET", "TIGHT_USER_ID")


def client_for(sb: Any, **options: Any) -> tc.TightClient:
    return tc.TightClient(token=sb.token, base_url=sb.url, **options)


# ---------------------------------------------------------------- per-request options


def test_extra_headers_reach_the_server_from_every_method(sandbox: Any) -> None:
    first = sandbox.customers()[0]["id"]
    with client_for(sandbox) as client:
        hdr = {"X-Test": "per-call"}
        client.customers.query(limit=2, extra_headers=hdr)
        client.customers.get(first, extra_headers=hdr)
        list(client.customers.iterate(max_items=3, extra_headers=hdr))
        next(iter(client.customers.pages(page_size=2, extra_headers=hdr)))
        client.customers.with_raw_response.query(limit=1, extra_headers=hdr)
        client.customers.with_raw_response.get(first, extra_headers=hdr)
        client.customers.query(limit=1)  # no header: not counted
    # pages() may have sent its second page's request ahead (with the header too) by the time
    # the walk is dropped.
    assert len(records(sandbox, "per-call", 7, wait=1.0)) in (6, 7)


@pytest.mark.anyio
async def test_async_methods_take_the_same_options(sandbox: Any) -> None:
    first = sandbox.customers()[0]["id"]
    hdr = {"X-Test": "per-call-async"}
    async with tc.AsyncTightClient(token=sandbox.token, base_url=sandbox.url) as client:
        page = await client.customers.query(limit=2, extra_headers=hdr, timeout=9)
        await client.customers.get(first, extra_headers=hdr, max_retries=0)
        got = [c.id async for c in client.customers.iterate(max_items=3, extra_headers=hdr)]
        pages = [p async for p in client.customers.pages(page_size=350, extra_headers=hdr)]
        raw = await client.customers.with_raw_response.get(first, extra_headers=hdr)
        nxt = await page.next()
    assert got == ids(sandbox.customers())[:3] and raw.parse().id == first
    assert len(pages) == 2 and nxt is not None
    # query, get, iterate (1 page), pages (2), raw get, and page.next() re-sends the options
    assert len(records(sandbox, "per-call-async", 7)) == 7


def test_authorization_cannot_be_overridden_per_request() -> None:
    script = Script()
    client = scripted_client(script)
    for name in ("Authorization", "authorization", "AUTHORIZATION"):
        with pytest.raises(ValueError, match="extra_headers may not set"):
            client.customers.get("cus_1", extra_headers={name: "Bearer other"})
    with pytest.raises(TypeError, match="unexpected keyword argument"):
        client.customers.get("cus_1", retries=3)  # type: ignore[call-arg]
    assert script.requests == []


def test_per_request_timeout_and_retries_override_the_client() -> None:
    busy = json_response(503, envelope(None, result="FAILURE", error=[]))
    script = Script(busy, json_response(200, envelope(customer())), busy)
    client = scripted_client(script, timeout=30, initial_retry_delay=0)
    assert client.customers.get("cus_1", timeout=1.5).id == "cus_1"  # one retry (client: 2)
    assert script.requests[0].extensions["timeout"] == httpx.Timeout(1.5).as_dict()
    with pytest.raises(tc.ServerError) as info:
        client.customers.get("cus_1", max_retries=0)
    assert info.value.attempts == 1 and len(script.requests) == 3
    assert script.requests[2].extensions["timeout"] == httpx.Timeout(30).as_dict()


def test_with_options_shares_pool_and_credentials(sandbox: Any) -> None:
    with httpx.Client(headers={"X-Test": "derived"}) as http:
        base = tc.TightClient(
            client_id=sandbox.client_id,
            client_secret=sandbox.client_secret,
            base_url=sandbox.url,
            http_client=http,
        )
        derived = base.with_options(timeout=12, max_retries=4, rate_limit=(10, 1.0))
        assert derived._http is base._http and derived._auth is base._auth
        assert derived._pacer is not base._pacer and derived._options.rate_limit == (10, 1.0)
        assert base.with_options(timeout=3)._pacer is base._pacer
        derived.customers.query(limit=1)
        base.customers.query(limit=1)
        derived.close()  # derived clients never close the shared pool
        assert not http.is_closed
    paths = [r.path for r in records(sandbox, "derived", 3)]
    assert paths.count("/v6/auth/token") == 1  # one token for both
    assert repr(derived).count("max_retries=4") == 1
    with pytest.raises(TypeError, match="cannot change base_url"):
        base.with_options(base_url="https://elsewhere.test")  # type: ignore[call-arg]


def test_closing_the_original_closes_the_shared_pool() -> None:
    client = tc.TightClient(token=TOKEN)
    derived = client.with_options(max_retries=0)
    client.close()
    assert derived._http.is_closed


# ---------------------------------------------------------------- raw responses


def test_raw_response_of_query_and_get(sandbox: Any) -> None:
    with client_for(sandbox) as client:
        raw = client.customers.with_raw_response.query(filter=F.status == "ACTIVE", limit=3)
        page = raw.parse()
        assert raw.status_code == 200 and raw.headers["content-type"].startswith("application/json")
        assert isinstance(raw.http_response, httpx.Response)
        assert raw.http_response.json()["data"][0]["id"] == page.data[0].id
        assert isinstance(page, tc.Page) and len(page.data) == 3
        second = page.next()
        assert second is not None and second.cursor == page.after
        got = client.customers.with_raw_response.get(page.data[0].id)
        assert got.parse().id == page.data[0].id and got.status_code == 200
        assert "RawResponse [200] Customer" in repr(got)


def test_raw_response_request_id_from_common_headers() -> None:
    script = Script(
        json_response(200, envelope(customer()), headers={"X-Request-Id": "req_42"}),
        json_response(200, envelope(customer()), headers={"Request-Id": "req_43"}),
        json_response(200, envelope(customer())),
    )
    raw = scripted_client(script).customers.with_raw_response
    assert [raw.get("c").request_id for _ in range(3)] == ["req_42", "req_43", None]


def test_raw_response_still_raises_api_errors(sandbox: Any) -> None:
    with client_for(sandbox) as client, pytest.raises(tc.NotFoundError):
        client.customers.with_raw_response.get("cus_nope")


# ---------------------------------------------------------------- errors carry their response


def test_api_errors_carry_response_headers_body_and_request_id() -> None:
    body = envelope(
        None,
        result="FAILURE",
        error=[{"type": "INVALID_VALUE", "message": "bad name", "param": "filter.name"}],
    )
    script = Script(json_response(400, body, headers={"X-Request-Id": "req_7"}))
    with pytest.raises(tc.BadRequestError) as info:
        scripted_client(script).customers.query(filter={"name": {"equal": "x"}})
    err = info.value
    assert isinstance(err.response, httpx.Response) and err.response.status_code == 400
    assert err.headers["x-request-id"] == "req_7" and err.request_id == "req_7"
    assert err.body == body
    assert err.response.request.url.path == "/v6/customers/query"


def test_error_bodies_are_text_when_not_json_and_secrets_are_redacted() -> None:
    echo = {"result": "FAILURE", "error": [{"type": "X", "message": f"token {TOKEN} refused"}]}
    script = Script(
        httpx.Response(502, text="<html>Bad Gateway</html>"),
        json_response(401, {**echo, "data": None, "echo": [f"Bearer {TOKEN}", {"k": TOKEN}]}),
    )
    client = scripted_client(script, max_retries=0)
    with pytest.raises(tc.ServerError) as html:
        client.customers.get("c")
    assert html.value.body == "<html>Bad Gateway</html>" and html.value.request_id is None
    with pytest.raises(tc.AuthenticationError) as info:
        client.customers.get("c")
    err = info.value
    notes = getattr(err, "__notes__", [])
    rendered = f"{err} {err!r} {err.body!r} {err.errors!r} {notes!r} {err.args!r}"
    assert TOKEN not in rendered
    assert "[REDACTED]" in repr(err.body)


def test_errors_built_by_hand_have_no_response() -> None:
    err = tc.NotFoundError("no customer", status_code=404)
    assert err.response is None and err.body is None and err.request_id is None
    assert list(err.headers.items()) == []


def test_errors_with_a_response_still_pickle() -> None:
    import pickle

    script = Script(json_response(404, envelope(None, result="FAILURE", error=[])))
    with pytest.raises(tc.NotFoundError) as info:
        scripted_client(script).customers.get("c")
    copy = pickle.loads(pickle.dumps(info.value))
    assert copy.status_code == 404 and str(copy) == str(info.value)


# ---------------------------------------------------------------- pages that auto-page


def test_iterating_a_page_walks_every_following_page(sandbox: Any) -> None:
    everything = ids(sandbox.customers())
    with client_for(sandbox) as client:
        page = client.customers.query(limit=100)
        assert len(page.data) == 100  # the page's own data stays one page
        assert ids(page) == everything
        assert ids(page.data) == everything[:100]
        walked = list(page.iter_pages())
        assert walked[0] is page and sum(len(p.data) for p in walked) == len(everything)
        middle = page.next()
        assert middle is not None and ids(middle) == everything[100:]


def test_pages_have_no_len_or_index_of_their_own(sandbox: Any) -> None:
    with client_for(sandbox) as client:
        page = client.customers.query(limit=5)
    with pytest.raises(TypeError):
        len(page)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        page[0]  # type: ignore[index]
    assert page.data[0].id == ids(sandbox.customers())[0]


@pytest.mark.anyio
async def test_async_pages_auto_page(sandbox: Any) -> None:
    everything = ids(sandbox.customers())
    async with tc.AsyncTightClient(token=sandbox.token, base_url=sandbox.url) as client:
        page = await client.customers.query(limit=250)
        got = [c.id async for c in page]
        walked = [len(p.data) async for p in page.iter_pages()]
    assert got == everything and len(page.data) == 250
    assert walked == [250, 250, len(everything) - 500]


def test_auto_paging_stops_on_a_looping_cursor() -> None:
    page_one = envelope([customer("a")], cursor={"after": "c1"})
    loop = envelope([customer("b")], cursor={"after": "c1"})
    script = Script(json_response(200, page_one), json_response(200, loop))
    page = scripted_client(script).customers.query()
    got: list[str] = []
    with pytest.raises(tc.PaginationError):
        for c in page:
            got.append(c.id)
    assert got == ["a", "b"]


# ---------------------------------------------------------------- env-first construction


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in (*ENV_VARS, "TIGHT_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_a_client_without_credentials_reads_the_environment(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("TIGHT_API_TOKEN", TOKEN)
    clean_env.setenv("TIGHT_BASE_URL", "http://127.0.0.1:1234")
    for cls in (tc.TightClient, tc.AsyncTightClient):
        client: Any = cls()
        assert client.base_url == "http://127.0.0.1:1234" and client._auth.kind == "token"
    clean_env.delenv("TIGHT_API_TOKEN")
    clean_env.setenv("TIGHT_CLIENT_ID", "cid")
    clean_env.setenv("TIGHT_CLIENT_SECRET", "cs_very_secret_987654")
    clean_env.setenv("TIGHT_USER_ID", "owner-9")
    client = tc.TightClient()
    assert client._auth.kind == "client_credentials" and client._auth.user_id == "owner-9"


def test_explicit_arguments_win_over_the_environment(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("TIGHT_CLIENT_ID", "env-id")
    clean_env.setenv("TIGHT_CLIENT_SECRET", "env-secret")
    clean_env.setenv("TIGHT_BASE_URL", "http://127.0.0.1:1234")
    client = tc.TightClient(token=TOKEN, base_url="https://api.example.test")
    assert client._auth.kind == "token" and client.base_url == "https://api.example.test"
    assert tc.TightClient(token=TOKEN).base_url == "http://127.0.0.1:1234"


def test_no_credentials_anywhere_names_the_variables(clean_env: pytest.MonkeyPatch) -> None:
    for make in (tc.TightClient, tc.AsyncTightClient, tc.TightClient.from_env):
        with pytest.raises(ValueError, match="no credentials") as info:
            make()
        for name in ("TIGHT_API_TOKEN", "TIGHT_CLIENT_ID", "TIGHT_CLIENT_SECRET", "TIGHT_BASE_URL"):
            assert name in str(info.value)


# ---------------------------------------------------------------- logging levels


def _messages(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [
        r.getMessage() for r in caplog.records if r.name == "tight_customers" and r.levelno >= level
    ]


def test_info_logs_retries_but_not_every_request(caplog: pytest.LogCaptureFixture) -> None:
    busy = json_response(503, envelope(None, result="FAILURE", error=[]))
    script = Script(busy, json_response(200, envelope(customer())))
    client = scripted_client(script, initial_retry_delay=0)
    with caplog.at_level(logging.INFO, logger="tight_customers"):
        client.customers.get("cus_1")
    info = _messages(caplog, logging.INFO)
    assert any("retry 1 of 2" in m and "HTTP 503" in m for m in info)
    assert not any("-> 200" in m for m in info)  # requests are DEBUG


def test_tight_log_levels_from_the_environment() -> None:
    import subprocess
    import sys

    code = (
        "import logging, tight_customers as tc; "
        "print(logging.getLogger('tight_customers').getEffectiveLevel())"
    )
    levels = {}
    for value in ("info", "debug", "verbose"):
        out = subprocess.run(
            [sys.executable, "-W", "default", "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"TIGHT_LOG": value, "PATH": ""},
        )
        levels[value] = (int(out.stdout), out.stderr)
    assert levels["info"][0] == logging.INFO and levels["debug"][0] == logging.DEBUG
    assert levels["verbose"][0] == logging.WARNING
    assert levels["verbose"][1].count("TIGHT_LOG='verbose' is not a log level") == 1


# ---------------------------------------------------------------- page size


def test_any_positive_limit_is_sent_and_the_server_judges_it(sandbox: Any) -> None:
    with client_for(sandbox) as client, pytest.raises(tc.BadRequestError) as info:
        client.customers.query(limit=5000)
    assert [e.param for e in info.value.errors] == ["limit"]


def test_walks_default_to_1000_per_page(sandbox: Any) -> None:
    with httpx.Client(headers={"X-Test": "walk-size"}) as http:
        client = tc.TightClient(token=sandbox.token, base_url=sandbox.url, http_client=http)
        assert len(list(client.customers.iterate())) == len(sandbox.customers())
    bodies = [r.json_body for r in records(sandbox, "walk-size", 1)]
    assert bodies[0]["limit"] == 1000


def test_a_refused_page_size_falls_back_once_to_the_server_default(
    sandbox: Any, caplog: pytest.LogCaptureFixture
) -> None:
    everything = ids(sandbox.customers())
    with httpx.Client(headers={"X-Test": "fallback"}) as http:
        client = tc.TightClient(token=sandbox.token, base_url=sandbox.url, http_client=http)
        with caplog.at_level(logging.INFO, logger="tight_customers"):
            got = ids(client.customers.iterate(page_size=5000))
    assert got == everything
    sent = [(r.status, r.json_body.get("limit")) for r in records(sandbox, "fallback", 9)]
    assert sent[0] == (400, 5000)
    assert all(limit is None for _, limit in sent[1:]) and len(sent) == 1 + 7  # 700 / 100
    fallbacks = [m for m in _messages(caplog, logging.INFO) if "page size 5000 refused" in m]
    assert len(fallbacks) == 1


def test_a_walk_still_raises_other_bad_requests(sandbox: Any) -> None:
    with client_for(sandbox) as client, pytest.raises(tc.BadRequestError) as info:
        list(client.customers.iterate(filter={"name": {"like": "x"}}, page_size=5000))  # type: ignore[arg-type]
    assert "limit" not in [e.param for e in info.value.errors]
