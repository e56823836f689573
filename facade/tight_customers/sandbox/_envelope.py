"""The v6 error envelope, as bytes and as a Starlette response."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from starlette.responses import Response

from tight_customers.sandbox._query import error_item

__all__ = ["error_body", "error_response", "errors_response", "json_response"]


def error_body(errors: list[dict[str, Any]]) -> bytes:
    """An `ErrorResult` body. ASCII-escaped: messages may quote any client-sent text."""
    return json.dumps({"result": "FAILURE", "data": None, "error": errors}).encode("ascii")


def error_response(
    status: int,
    kind: str,
    message: str,
    param: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """One error in the envelope."""
    return errors_response(status, [error_item(kind, message, param)], headers)


def errors_response(
    status: int, errors: list[dict[str, Any]], headers: Mapping[str, str] | None = None
) -> Response:
    """Every error at once in the envelope."""
    return Response(error_body(errors), status, headers, "application/json")


def json_response(body: bytes, status: int = 200) -> Response:
    """A JSON response from ready-made bytes."""
    return Response(body, status, media_type="application/json")
