"""Secrets a hostile server echoes back, in any field and any encoding, never reach an exception,
a log record or the CLI; and credentials that cannot travel in a header are refused up front."""

from __future__ import annotations

import base64
import html
import json
import logging
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import pytest
from typer.testing import CliRunner

import tight_customers as tc
from tests.resilience.hostile import HostileServer, json_reply, raw_reply
from tight_customers.cli import app

# Header-safe, and holding characters that every encoding below changes.
TOKEN = "tkn_sEcr/t+Val=ue&<x>'q\"9"
CLIENT_ID = "cid_hostile"
SECRET = "cs_Top/Secr+t=&<1>"


def error_envelope(message: str, type_: str = "INVALID_TOKEN", param: str | None = None) -> Any:
    return {"result": "FAILURE", "error": [{"type": type_, "message": message, "param": param}]}


def pieces(secret: str, size: int = 6) -> list[str]:
    """Every run of `size` characters of `secret`: none may show, even cut short."""
    return [secret[i : i + size] for i in range(len(secret) - size + 1)]


def everything_about(error: tc.TightError) -> str:
    fields = {k: v for k, v in vars(error).items() if k != "__traceback__"}
    return f"{error} {error!r} {error.args!r} {fields!r}"


def assert_hidden(text: str, *secrets: str) -> None:
    for secret in secrets:
        for piece in pieces(secret):
            assert piece not in text, f"{piece!r} of a secret leaked"


def echo_forms(secret: str) -> dict[str, str]:
    """The ways a server may send `secret` back."""
    return {
        "raw": secret,
        "json-escaped": json.dumps(secret)[1:-1].replace("/", "\\/"),
        "json-unicode": "".join(f"\\u{ord(c):04x}" for c in secret),
        "percent": quote(secret, safe=""),
        "percent-lower": re.sub("%[0-9A-F]{2}", lambda m: m[0].lower(), quote(secret, safe="")),
        "form": quote_plus(secret),
        "html": html.escape(secret),
        "html-numeric": "".join(f"&#{ord(c)};" for c in secret),
        "base64": base64.b64encode(secret.encode()).decode(),
    }


def token_client(server: HostileServer, **options: Any) -> tc.TightClient:
    options.setdefault("max_retries", 0)
    return tc.TightClient(token=TOKEN, base_url=server.url, rate_limit=None, **options)


# ---------------------------------------------------------------- the envelope's param and type


def test_a_token_echoed_in_param_and_type_is_redacted_in_every_field(
    caplog: pytest.LogCaptureFixture,
) -> None:
    reply = json_reply(401, error_envelope(f"bad token {TOKEN}", type_=TOKEN, param=TOKEN))
    with (
        caplog.at_level(logging.DEBUG),
        HostileServer(reply) as server,
        token_client(server) as client,
        pytest.raises(tc.AuthenticationError) as info,
    ):
        client.customers.query()
    error = info.value
    detail = error.errors[0]
    assert detail.param == detail.type == "[REDACTED]"
    assert detail.message == "bad token [REDACTED]"
    assert_hidden(everything_about(error) + str(detail), TOKEN)
    assert_hidden(" ".join(r.getMessage() for r in caplog.records), TOKEN)


def test_the_cli_error_line_shows_no_echoed_token(tmp_path: Path) -> None:
    reply = json_reply(401, error_envelope("no", type_=TOKEN, param=TOKEN))
    env = {"TIGHT_API_TOKEN": TOKEN, "TIGHT_CLIENT_ID": "", "TIGHT_CLIENT_SECRET": ""}
    with HostileServer(reply) as server:
        env["TIGHT_BASE_URL"] = server.url
        result = CliRunner().invoke(app, ["--debug", "get", "cus_1"], env=env)
    assert result.exit_code == 1
    assert "INVALID_TOKEN" not in result.stderr  # the type was the token itself
    assert "[REDACTED]" in result.stderr
    assert_hidden(result.output + result.stderr, TOKEN)


# ---------------------------------------------------------------- encoded echoes


@pytest.mark.parametrize("form", list(echo_forms(TOKEN)))
@pytest.mark.parametrize("where", ["html-500", "non-json-200", "envelope-message"])
def test_an_encoded_token_echo_is_redacted(form: Any, where: Any) -> None:
    echoed = echo_forms(TOKEN)[form]
    if where == "envelope-message":
        reply = json_reply(400, error_envelope(f"token {echoed} refused", "INVALID_VALUE", "x"))
    else:
        body = f"<html>you sent {echoed}, which was wrong</html>".encode()
        reply = raw_reply(500 if where == "html-500" else 200, body, "text/html")
    with (
        HostileServer(reply) as server,
        token_client(server) as client,
        pytest.raises(tc.TightError) as info,
    ):
        client.customers.query()
    text = everything_about(info.value)
    assert "[REDACTED]" in text
    assert_hidden(text, TOKEN)
    assert_hidden(text, echoed)


def test_the_basic_header_of_the_token_request_echoed_in_base64_is_redacted() -> None:
    basic = base64.b64encode(f"{CLIENT_ID}:{SECRET}".encode()).decode()
    reply = raw_reply(401, f'{{"seen_authorization": "{basic}"}}'.encode())
    with (
        HostileServer(reply) as server,
        tc.TightClient(
            client_id=CLIENT_ID, client_secret=SECRET, base_url=server.url, max_retries=0
        ) as client,
        pytest.raises(tc.AuthenticationError) as info,
    ):
        client.customers.query()
    text = everything_about(info.value)
    assert "[REDACTED]" in text
    assert_hidden(text, basic, SECRET)


@pytest.mark.parametrize("spaces", [700, 770, 790, 799, 800, 830])
def test_a_token_after_a_long_run_of_spaces_is_not_cut_before_redaction(spaces: Any) -> None:
    body = (" " * spaces + TOKEN + " trailing words " * 50).encode()
    with (
        HostileServer(raw_reply(502, body, "text/plain")) as server,
        token_client(server) as c,
        pytest.raises(tc.ServerError) as info,
    ):
        c.customers.query()
    assert_hidden(everything_about(info.value), TOKEN)


def test_a_token_cut_by_the_end_of_the_excerpt_window_does_not_show_its_start() -> None:
    # The body is cut mid-token wherever the window ends: no prefix of it may remain.
    for spaces in range(780, 1000, 7):
        body = (" " * spaces + TOKEN * 3).encode()
        with (
            HostileServer(raw_reply(200, body, "text/plain")) as server,
            token_client(server) as c,
            pytest.raises(tc.ResponseParseError) as info,
        ):
            c.customers.query()
        assert_hidden(everything_about(info.value), TOKEN)


# ---------------------------------------------------------------- credentials a header cannot carry


BAD_VALUES = {
    "newline": "tkn_visible\nTAILSECRET",
    "nul": "tkn_visible\0TAILSECRET",
    "non-ascii": "tkn_visibleéTAILSECRET",
    "tab": "tkn_visible\tTAILSECRET",
}


@pytest.mark.parametrize("kind", list(BAD_VALUES))
@pytest.mark.parametrize("field", ["token", "client_secret", "client_id"])
def test_a_credential_that_cannot_be_sent_is_refused_without_echoing_it(
    kind: Any, field: Any
) -> None:
    bad = BAD_VALUES[kind]
    options: dict[str, Any] = (
        {"token": bad}
        if field == "token"
        else {"client_id": "cid", "client_secret": "cs_fine", field: bad}
    )
    with HostileServer(json_reply(200, {})) as server:
        with pytest.raises(ValueError, match=f"^{field} has a") as info:
            tc.TightClient(base_url=server.url, **options)
        assert server.requests == []
    text = f"{info.value} {info.value!r}"
    assert "HTTP header" in text and "position 12" in text
    assert "TAILSECRET" not in text and "visible" not in text
    assert info.value.__cause__ is None and info.value.__context__ is None


def test_the_cli_with_debug_does_not_print_a_refused_token() -> None:
    env = {"TIGHT_API_TOKEN": "tkn_visible\nTAILSECRET", "TIGHT_CLIENT_ID": ""}
    with HostileServer(json_reply(200, {})) as server:
        env["TIGHT_BASE_URL"] = server.url
        result = CliRunner().invoke(app, ["--debug", "get", "cus_1"], env=env)
        assert server.requests == []
    assert result.exit_code == 2
    assert "cannot be sent in an HTTP header" in result.stderr
    assert "TAILSECRET" not in result.output + result.stderr


def test_a_token_the_server_issues_that_cannot_be_sent_back_is_refused() -> None:
    issued = {"access_token": "tkn_visible\nTAILSECRET", "token_type": "Bearer", "expires_in": 60}
    with (
        HostileServer(json_reply(200, issued)) as server,
        tc.TightClient(
            client_id=CLIENT_ID, client_secret=SECRET, base_url=server.url, max_retries=0
        ) as client,
        pytest.raises(tc.ResponseParseError, match="cannot be sent in an HTTP header") as info,
    ):
        client.customers.query()
    assert [r.target for r in server.requests] == ["/v6/auth/token"]
    assert "TAILSECRET" not in everything_about(info.value)
