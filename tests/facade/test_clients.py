"""Client configuration: credentials, from_env, base URL, the connection pool, reprs."""

from __future__ import annotations

import logging

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
    scripted_client,
)

ENV_VARS = (
    "TIGHT_API_TOKEN",
    "TIGHT_CLIENT_ID",
    "TIGHT_CLIENT_SECRET",
    "TIGHT_USER_ID",
    "TIGHT_BASE_URL",
)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_public_names() -> None:
    expected = {
        "TightClient",
        "AsyncTightClient",
        "F",
        "Sort",
        "Page",
        "Customer",
        "TightError",
        "APIError",
        "BadRequestError",
        "AuthenticationError",
        "PermissionDeniedError",
        "NotFoundError",
        "RateLimitError",
        "ServerError",
        "APIConnectionError",
        "APITimeoutError",
        "ResponseParseError",
        "PaginationError",
    }
    assert expected <= set(tc.__all__)
    for name in tc.__all__:
        assert getattr(tc, name) is not None
        if name != "__version__":
            assert getattr(tc, name).__doc__, f"{name} has no docstring"


def test_customer_is_the_generated_model() -> None:
    from tight_api.models import Customer

    assert tc.Customer is Customer


def test_from_env_with_a_token(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("TIGHT_API_TOKEN", TOKEN)
    with tc.TightClient.from_env() as client:
        assert client.base_url == "https://sandbox.tight.com"
        assert "auth='token'" in repr(client)


def test_from_env_with_client_credentials_and_base_url(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("TIGHT_CLIENT_ID", "cid")
    clean_env.setenv("TIGHT_CLIENT_SECRET", CLIENT_SECRET)
    clean_env.setenv("TIGHT_USER_ID", "owner-1")
    clean_env.setenv("TIGHT_BASE_URL", "http://127.0.0.1:9999/")
    with tc.TightClient.from_env() as client:
        assert client.base_url == "http://127.0.0.1:9999"
        assert "client_credentials" in repr(client)
        assert CLIENT_SECRET not in repr(client)


def test_from_env_without_credentials_names_the_variables(clean_env: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="TIGHT_API_TOKEN") as info:
        tc.TightClient.from_env()
    assert "TIGHT_CLIENT_ID" in str(info.value) and "TIGHT_CLIENT_SECRET" in str(info.value)
    clean_env.setenv("TIGHT_CLIENT_ID", "cid")
    with pytest.raises(ValueError, match="missing: TIGHT_CLIENT_SECRET"):
        tc.AsyncTightClient.from_env()


def test_constructor_credentials_are_checked() -> None:
    with pytest.raises(ValueError, match="no credentials"):
        tc.TightClient()
    with pytest.raises(ValueError, match="not both"):
        tc.TightClient(token=TOKEN, client_id="cid", client_secret=CLIENT_SECRET)
    with pytest.raises(ValueError, match="client_secret= is missing"):
        tc.TightClient(client_id="cid")
    with pytest.raises(ValueError, match="token must be a non-empty string"):
        tc.TightClient(token="")
    with pytest.raises(ValueError, match="scope must be one of read, write"):
        tc.TightClient(client_id="cid", client_secret=CLIENT_SECRET, scope="admin")


@pytest.mark.parametrize("url", ["ftp://x.test", "not a url", "https://", "//host"])
def test_base_url_is_validated(url: str) -> None:
    with pytest.raises(ValueError, match="base_url"):
        tc.TightClient(token=TOKEN, base_url=url)


def test_http_client_type_is_checked() -> None:
    with pytest.raises(TypeError, match=r"httpx\.Client"):
        tc.TightClient(token=TOKEN, http_client=httpx.AsyncClient())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"httpx\.AsyncClient"):
        tc.AsyncTightClient(token=TOKEN, http_client=httpx.Client())  # type: ignore[arg-type]


def test_reprs_never_show_secrets() -> None:
    for client in (
        tc.TightClient(token=TOKEN),
        tc.TightClient(client_id="cid", client_secret=CLIENT_SECRET),
        tc.AsyncTightClient(token=TOKEN),
    ):
        text = repr(client) + repr(client.__dict__) + repr(client._options) + repr(client._auth)
        assert TOKEN not in text
        assert CLIENT_SECRET not in text


def test_own_pool_is_closed_a_callers_pool_is_not() -> None:
    with tc.TightClient(token=TOKEN) as client:
        pool = client._http
    assert pool.is_closed
    mine = httpx.Client()
    with tc.TightClient(token=TOKEN, http_client=mine):
        pass
    assert not mine.is_closed
    mine.close()


def test_one_pool_is_reused_across_requests() -> None:
    transport_calls: list[int] = []
    script = Script(*(json_response(200, envelope(customer())) for _ in range(3)))

    def handler(request: httpx.Request) -> httpx.Response:
        transport_calls.append(1)
        return script(request)

    http = httpx.Client(transport=httpx.MockTransport(handler))
    client = tc.TightClient(token=TOKEN, base_url="https://x.test", http_client=http)
    for _ in range(3):
        client.customers.get("cus_1")
    assert client._http is http
    assert len(transport_calls) == 3


def test_default_timeouts_and_an_explicit_one() -> None:
    script = Script(*(json_response(200, envelope(customer())) for _ in range(2)))
    http = httpx.Client(transport=httpx.MockTransport(script))
    tc.TightClient(token=TOKEN, base_url="https://x.test", http_client=http).customers.get("c")
    # A caller's own client keeps its own timeout configuration.
    assert script.requests[0].extensions["timeout"] == httpx.Timeout(5.0).as_dict()
    tc.TightClient(
        token=TOKEN, base_url="https://x.test", http_client=http, timeout=httpx.Timeout(9.0)
    ).customers.get("c")
    assert script.requests[1].extensions["timeout"] == httpx.Timeout(9.0).as_dict()
    with tc.TightClient(token=TOKEN) as client:
        assert client._driver.core.timeout == httpx.Timeout(30.0, connect=5.0)


def test_debug_log_names_the_request_but_not_the_token(caplog: pytest.LogCaptureFixture) -> None:
    script = Script(json_response(200, envelope(customer())))
    client = scripted_client(script)
    with caplog.at_level(logging.DEBUG, logger="tight_customers"):
        client.customers.get("cus_1")
    lines = [r.getMessage() for r in caplog.records if r.name == "tight_customers"]
    assert any("GET /v6/customers/cus_1 -> 200 (attempt 1" in line for line in lines)
    assert all(TOKEN not in line for line in lines)
