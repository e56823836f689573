"""Response interpretation and transport failures, over `httpx.MockTransport` (faults the
sandbox cannot produce on demand), for both clients."""

from __future__ import annotations

import httpx
import pytest

import tight_customers as tc
from tests.facade.conftest import (
    CLIENT_SECRET,
    TOKEN,
    Script,
    customer,
    envelope,
    json_response,
)
from tight_api.models import ClassSegment

BASE = "https://api.example.test"


# These tests are about reading one response: retries are off (tests/resilience has them).
def sync_client(script: Script, **kwargs: object) -> tc.TightClient:
    http = httpx.Client(transport=httpx.MockTransport(script))
    auth = kwargs or {"token": TOKEN}
    return tc.TightClient(
        base_url=BASE,
        http_client=http,
        max_retries=0,
        **auth,  # type: ignore[arg-type]
    )


def async_client(script: Script) -> tc.AsyncTightClient:
    http = httpx.AsyncClient(transport=httpx.MockTransport(script))
    return tc.AsyncTightClient(token=TOKEN, base_url=BASE, http_client=http, max_retries=0)


def test_get_parses_the_generated_model_and_keeps_unknowns() -> None:
    body = envelope(
        customer(
            status="ON_HOLD",
            brandNew={"x": 1},
            classSegments=[{"id": "cls_1", "child": {"id": "cls_2", "child": "<unknown>"}}],
        )
    )
    script = Script(json_response(200, body))
    cust = sync_client(script).customers.get("cus_1")
    assert isinstance(cust, tc.Customer)
    assert cust.status == "ON_HOLD"
    assert cust["brandNew"] == {"x": 1}
    assert isinstance(cust.class_segments, list)
    child = cust.class_segments[0].child
    assert isinstance(child, ClassSegment) and child.id == "cls_2"
    assert child.child is None  # the docs' "<unknown>" marker ends it
    request = script.requests[0]
    assert request.method == "GET"
    assert request.url == f"{BASE}/v6/customers/cus_1"
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"


def test_get_quotes_the_id_in_the_path() -> None:
    script = Script(json_response(200, envelope(customer("a/b c"))))
    sync_client(script).customers.get("a/b c")
    assert script.requests[0].url.raw_path == b"/v6/customers/a%2Fb%20c"


def test_query_body_carries_filter_sort_limit_and_cursor() -> None:
    script = Script(json_response(200, envelope([customer()], cursor={"after": None})))
    page = sync_client(script).customers.query(
        filter=tc.F.name.contains("acme") & tc.F.status.in_(["ACTIVE"]),
        sort=tc.Sort("NAME", "DESC"),
        limit=50,
        cursor="cur_1",
    )
    assert script.json_bodies() == [
        {
            "cursor": "cur_1",
            "limit": 50,
            "sort": {"orderBy": "NAME", "direction": "DESC"},
            "filter": {"name": {"contain": "acme"}, "status": {"in": ["ACTIVE"]}},
        }
    ]
    assert [c.id for c in page.data] == ["cus_1"]
    assert (page.after, page.before, page.has_next, page.has_previous) == (None, None, False, False)
    assert page.next() is None and page.previous() is None


def test_bad_request_carries_every_api_error_in_one_line() -> None:
    errors = [
        {"type": "INVALID_VALUE", "message": "limit must be between 1 and 1000", "param": "limit"},
        {
            "type": "BAD_REQUEST",
            "message": "unknown filter operator 'like'",
            "param": "filter.name.like",
        },
    ]
    script = Script(json_response(400, envelope(None, result="FAILURE", error=errors)))
    with pytest.raises(tc.BadRequestError) as info:
        sync_client(script).customers.query(filter={"name": {"like": "x"}})  # type: ignore[arg-type]
    err = info.value
    assert err.status_code == 400
    assert [(e.type, e.param) for e in err.errors] == [
        ("INVALID_VALUE", "limit"),
        ("BAD_REQUEST", "filter.name.like"),
    ]
    assert err.errors[0].message == "limit must be between 1 and 1000"
    message = str(err)
    assert "\n" not in message
    assert "limit must be between 1 and 1000" in message
    assert "unknown filter operator 'like'" in message
    assert "POST /v6/customers/query" in message


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (401, tc.AuthenticationError),
        (403, tc.PermissionDeniedError),
        (404, tc.NotFoundError),
        (429, tc.RateLimitError),
        (500, tc.ServerError),
        (503, tc.ServerError),
        (504, tc.ServerError),
        (409, tc.APIError),
    ],
)
def test_error_class_is_chosen_by_status(status: int, cls: type[tc.APIError]) -> None:
    err_body = envelope(None, result="FAILURE", error=[{"type": "X", "message": "nope"}])
    script = Script(json_response(status, err_body))
    with pytest.raises(cls) as info:
        sync_client(script).customers.get("cus_1")
    assert type(info.value) is cls
    assert info.value.status_code == status
    assert info.value.errors[0].param is None


@pytest.mark.parametrize(
    ("header", "expected"), [("7", 7.0), ("0", 0.0), (None, None), ("soon", None)]
)
def test_rate_limit_error_reads_retry_after(header: str | None, expected: float | None) -> None:
    headers = {"Retry-After": header} if header is not None else None
    body = envelope(None, result="FAILURE", error=[{"type": "UNKNOWN_ERROR", "message": "slow"}])
    script = Script(json_response(429, body, headers))
    with pytest.raises(tc.RateLimitError) as info:
        sync_client(script).customers.get("cus_1")
    assert info.value.retry_after == expected


def test_failure_envelope_with_http_200_is_an_error() -> None:
    body = envelope(
        None,
        result="FAILURE",
        error=[{"type": "INVALID_VALUE", "message": "bad id", "param": "id"}],
    )
    script = Script(json_response(200, body))
    with pytest.raises(tc.APIError) as info:
        sync_client(script).customers.get("cus_1")
    assert info.value.status_code == 200
    assert info.value.errors[0].message == "bad id"
    assert "bad id" in str(info.value)


def test_html_502_is_a_server_error_with_an_excerpt() -> None:
    html = "<html>\n<head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    script = Script(httpx.Response(502, text=html))
    with pytest.raises(tc.ServerError) as info:
        sync_client(script).customers.get("cus_1")
    err = info.value
    assert err.errors == ()
    assert err.body_excerpt is not None and "502 Bad Gateway" in err.body_excerpt
    assert "\n" not in str(err)
    assert "502" in str(err)


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"<html>oops</html>", "not valid JSON"),
        (b'{"result": "SUCCESS", "data": [{"id": "cus_1", "na', "not valid JSON"),
        (b"", "not valid JSON"),
        (b'["not", "an", "envelope"]', "expected a JSON object"),
        (b'{"result": "SUCCESS", "data": {"id": "x"}}', "data"),
        (b'{"result": "SUCCESS", "data": [{"name": "no id"}]}', "id"),
    ],
)
def test_unreadable_2xx_body_is_a_response_parse_error(content: bytes, why: str) -> None:
    script = Script(httpx.Response(200, content=content))
    with pytest.raises(tc.ResponseParseError, match=why) as info:
        sync_client(script).customers.query()
    assert info.value.status_code == 200
    assert len(info.value.body_excerpt) <= 200


def test_parse_error_excerpt_never_carries_the_token() -> None:
    script = Script(httpx.Response(200, content=f"<html>echo Bearer {TOKEN}</html>".encode()))
    with pytest.raises(tc.ResponseParseError) as info:
        sync_client(script).customers.query()
    assert TOKEN not in str(info.value)
    assert TOKEN not in info.value.body_excerpt
    assert TOKEN not in repr(info.value)


def test_deeply_nested_body_is_a_parse_error_not_a_recursion_error() -> None:
    depth = 100_000
    deep = '{"id": "c", "child": ' * depth + "null" + "}" * depth
    content = (
        '{"result": "SUCCESS", "data": {"id": "cus_1", "name": "n", "status": "ACTIVE",'
        f' "classSegments": [{deep}]}}}}'
    ).encode()
    script = Script(httpx.Response(200, content=content))
    with pytest.raises(tc.ResponseParseError, match="nested too deeply"):
        sync_client(script).customers.get("cus_1")


def test_connection_errors_and_timeouts_are_typed() -> None:
    script = Script(
        httpx.ConnectError("connection refused"),
        httpx.ReadTimeout("read timed out"),
        httpx.RemoteProtocolError("peer closed connection without sending complete message body"),
    )
    client = sync_client(script)
    with pytest.raises(tc.APIConnectionError) as info:
        client.customers.get("cus_1")
    assert not isinstance(info.value, tc.APITimeoutError)
    assert "connection refused" in str(info.value)
    with pytest.raises(tc.APITimeoutError):
        client.customers.get("cus_1")
    with pytest.raises(tc.APIConnectionError, match="peer closed"):
        client.customers.query()


def test_bad_arguments_fail_before_any_request() -> None:
    script = Script()
    client = sync_client(script)
    with pytest.raises(ValueError, match="limit must be a positive int, got 0"):
        client.customers.query(limit=0)
    with pytest.raises(TypeError, match="limit must be an int"):
        client.customers.query(limit="10")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="page_size must be a positive int, got -5"):
        client.customers.iterate(page_size=-5)
    with pytest.raises(ValueError, match="max_items must be >= 0"):
        client.customers.iterate(max_items=-1)
    with pytest.raises(TypeError, match="cursor must be a non-empty string"):
        client.customers.pages(cursor="")
    with pytest.raises(ValueError, match="customer id"):
        client.customers.get("")
    assert script.requests == []


def test_client_credentials_fetch_one_token_and_reuse_it() -> None:
    token_reply = json_response(
        200, {"access_token": "tkn_new", "token_type": "Bearer", "expires_in": 3600}
    )
    script = Script(
        token_reply,
        json_response(200, envelope(customer())),
        json_response(200, envelope(customer())),
    )
    client = sync_client(
        script, client_id="cid", client_secret=CLIENT_SECRET, user_id="owner-42", scope="read"
    )
    client.customers.get("cus_1")
    client.customers.get("cus_1")
    token_request, first, second = script.requests
    assert token_request.url.path == "/v6/auth/token"
    assert token_request.headers["Authorization"].startswith("Basic ")
    assert token_request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    form = dict(httpx.QueryParams(token_request.content.decode()))
    assert form == {"grant_type": "client_credentials", "userId": "owner-42", "scope": "read"}
    assert first.headers["Authorization"] == "Bearer tkn_new"
    assert second.headers["Authorization"] == "Bearer tkn_new"


def test_token_is_renewed_before_it_expires() -> None:
    def token(value: str, ttl: int) -> httpx.Response:
        return json_response(
            200, {"access_token": value, "token_type": "Bearer", "expires_in": ttl}
        )

    # A token living 0 s is already due for renewal at the next call.
    script = Script(
        token("tkn_a", 0),
        json_response(200, envelope(customer())),
        token("tkn_b", 3600),
        json_response(200, envelope(customer())),
    )
    client = sync_client(script, client_id="cid", client_secret=CLIENT_SECRET)
    client.customers.get("cus_1")
    client.customers.get("cus_1")
    auths = [r.headers["Authorization"] for r in script.requests if r.url.path != "/v6/auth/token"]
    assert auths == ["Bearer tkn_a", "Bearer tkn_b"]


def test_rejected_client_credentials_are_an_authentication_error_without_the_secret() -> None:
    body = envelope(
        None,
        result="FAILURE",
        error=[{"type": "INVALID_TOKEN", "message": f"bad secret {CLIENT_SECRET}"}],
    )
    script = Script(json_response(401, body))
    client = sync_client(script, client_id="cid", client_secret=CLIENT_SECRET)
    with pytest.raises(tc.AuthenticationError) as info:
        client.customers.get("cus_1")
    assert CLIENT_SECRET not in str(info.value)
    assert CLIENT_SECRET not in info.value.errors[0].message
    assert len(script.requests) == 1  # the customer call was never sent


def test_token_response_of_the_wrong_shape_is_a_parse_error() -> None:
    script = Script(json_response(200, {"token": "x"}))
    client = sync_client(script, client_id="cid", client_secret=CLIENT_SECRET)
    with pytest.raises(tc.ResponseParseError, match="token response"):
        client.customers.get("cus_1")


@pytest.mark.anyio
async def test_async_client_interprets_responses_the_same_way() -> None:
    html = httpx.Response(502, text="<html>bad gateway</html>")
    script = Script(
        json_response(200, envelope([customer()], cursor={"after": "c2", "before": None})),
        json_response(
            200, envelope([customer("cus_2", "Beta")], cursor={"after": None, "before": "c1"})
        ),
        html,
        httpx.ReadTimeout("slow"),
    )
    client = async_client(script)
    page = await client.customers.query(limit=1)
    assert isinstance(page, tc.AsyncPage)
    nxt = await page.next()
    assert nxt is not None and [c.id for c in nxt.data] == ["cus_2"]
    assert script.json_bodies()[1] == {"cursor": "c2", "limit": 1}
    assert await nxt.next() is None
    with pytest.raises(tc.ServerError):
        await client.customers.get("cus_1")
    with pytest.raises(tc.APITimeoutError):
        await client.customers.get("cus_1")
    await client.aclose()
