"""The exception hierarchy, messages and secret hygiene of the error types."""

from __future__ import annotations

import pytest

import tight_customers as tc
from tight_customers._exceptions import ErrorDetail, api_error_class
from tight_customers._redact import REDACTED, excerpt, redact


def test_hierarchy() -> None:
    for cls in (
        tc.APIError,
        tc.APIConnectionError,
        tc.ResponseParseError,
        tc.PaginationError,
    ):
        assert issubclass(cls, tc.TightError)
    for cls in (
        tc.BadRequestError,
        tc.AuthenticationError,
        tc.PermissionDeniedError,
        tc.NotFoundError,
        tc.RateLimitError,
        tc.ServerError,
    ):
        assert issubclass(cls, tc.APIError)
    assert issubclass(tc.APITimeoutError, tc.APIConnectionError)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, tc.BadRequestError),
        (401, tc.AuthenticationError),
        (403, tc.PermissionDeniedError),
        (404, tc.NotFoundError),
        (429, tc.RateLimitError),
        (500, tc.ServerError),
        (502, tc.ServerError),
        (599, tc.ServerError),
        (409, tc.APIError),
        (200, tc.APIError),
    ],
)
def test_class_by_status(status: int, cls: type[tc.APIError]) -> None:
    assert api_error_class(status) is cls


def test_messages_are_one_line() -> None:
    err = tc.BadRequestError("first\nsecond\r\n third", status_code=400)
    assert str(err) == "first second third"
    assert "\n" not in repr(err)


def test_error_detail_reads_well() -> None:
    detail = ErrorDetail("INVALID_VALUE", "limit must be\nbetween 1 and 1000", "limit")
    assert str(detail) == "limit must be between 1 and 1000 (INVALID_VALUE, param limit)"
    assert str(ErrorDetail("UNKNOWN_ERROR", "boom")) == "boom (UNKNOWN_ERROR)"


def test_redaction_of_known_and_credential_looking_values() -> None:
    text = 'Authorization: Bearer abc.def-123 {"access_token": "tkn_zzz"} s3cr3t'
    out = redact(text, ["s3cr3t"])
    assert "abc.def-123" not in out
    assert "tkn_zzz" not in out
    assert "s3cr3t" not in out
    assert out.count(REDACTED) == 3


def test_excerpt_is_short_single_line_and_secret_free() -> None:
    body = b"<html>\n<body>\n" + b"x" * 1000 + b" secret-value</body></html>"
    out = excerpt(body, ["secret-value"], limit=50)
    assert len(out) <= 50
    assert "\n" not in out
    assert out.startswith("<html> <body> xxx")
    assert "secret-value" not in excerpt(b"token secret-value", ["secret-value"])
    assert excerpt(b"\xff\xfe broken utf8") == "\ufffd\ufffd broken utf8"


def test_exceptions_survive_pickling() -> None:
    import pickle

    err = tc.RateLimitError(
        "slow down",
        errors=[ErrorDetail("UNKNOWN_ERROR", "slow down")],
        method="GET",
        path="/v6/customers/c",
        retry_after=3.0,
    )
    copy = pickle.loads(pickle.dumps(err))
    assert type(copy) is tc.RateLimitError
    assert (str(copy), copy.status_code, copy.retry_after, copy.errors) == (
        "slow down",
        429,
        3.0,
        err.errors,
    )
    parse = pickle.loads(
        pickle.dumps(tc.ResponseParseError("x", status_code=200, body_excerpt="<"))
    )
    assert (parse.status_code, parse.body_excerpt) == (200, "<")
