"""The one module that knows the generated package (`tight_api`).

It turns decoded JSON bodies into the generated models and the facade's own types, and builds
the token request form. After `make generate`, only this module should need a change.
The generated API functions are not used: they do their own I/O (no place for retries, pacing or
token renewal), call `response.json()` unguarded, and return None for undocumented statuses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import attrs

from tight_api.models import (
    Address,
    ClassLabel,
    ClassSegment,
    CustomData,
    Customer,
    CustomerPage,
    CustomerResult,
    CustomerStatus,
    ErrorResult,
    GrantType,
    InvoiceSettings,
    Requiredness,
    ResultCode,
    TokenRequest,
    TokenResponse,
    TokenScope,
)
from tight_api.types import WireTypeError
from tight_customers._exceptions import ErrorDetail

__all__ = [
    "Address",
    "BodyShapeError",
    "ClassLabel",
    "ClassSegment",
    "CustomData",
    "Customer",
    "CustomerStatus",
    "InvoiceSettings",
    "ParsedPage",
    "ParsedToken",
    "Requiredness",
    "is_failure",
    "parse_customer",
    "parse_customer_page",
    "parse_error_envelope",
    "parse_token",
    "token_form",
]

TOKEN_SCOPES = tuple(s.value for s in TokenScope)


class BodyShapeError(Exception):
    """A decoded body does not have the documented shape (the caller adds status and excerpt)."""


@attrs.frozen
class ParsedPage:
    """One page of `POST /v6/customers/query`: customers and the neighbouring cursors."""

    customers: list[Customer]
    after: str | None
    before: str | None


@attrs.frozen
class ParsedToken:
    """An access token and its lifetime in seconds."""

    access_token: str = attrs.field(repr=False)
    expires_in: float


def _opt_str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _guard(what: str, body: object, parse: Any) -> Any:
    if not isinstance(body, Mapping):
        raise BodyShapeError(f"{what}: expected a JSON object, got {type(body).__name__}")
    try:
        return parse(body)
    except RecursionError:
        raise BodyShapeError(f"{what}: nested too deeply to parse") from None
    except WireTypeError as exc:
        raise BodyShapeError(f"{what}: {_locate(body, exc)}") from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        detail = f"missing member {exc}" if isinstance(exc, KeyError) else str(exc)
        raise BodyShapeError(f"{what}: {detail}") from None


_CUSTOMER_AT = re.compile(r"data(?:\[(\d+)\])?(?:\.|$)")


def _locate(body: Mapping[str, Any], exc: WireTypeError) -> str:
    """The error, with the id of the customer it is in (as received) when there is one."""
    found = _CUSTOMER_AT.match(exc.member)
    if found is None:
        return str(exc)
    data = body.get("data")
    raw = data[int(found[1])] if found[1] is not None and isinstance(data, list) else data
    customer_id = raw.get("id") if isinstance(raw, Mapping) else None
    if not isinstance(customer_id, str):
        return str(exc)
    return f"customer {customer_id!r}: {exc}"


def is_failure(body: object) -> bool:
    """True when a decoded body is an envelope whose `result` is FAILURE."""
    return isinstance(body, Mapping) and body.get("result") == ResultCode.FAILURE.value


def parse_error_envelope(body: object) -> list[ErrorDetail] | None:
    """The `error` array of an error envelope, or None if `body` is not one."""
    if not isinstance(body, Mapping) or not isinstance(body.get("error"), list):
        return None
    try:
        envelope = ErrorResult.from_dict(body)
    except (WireTypeError, KeyError, TypeError, ValueError, AttributeError):
        return None
    return [
        ErrorDetail(
            type=str(item.type_),
            message=str(item.message),
            param=_opt_str(item.param),
        )
        for item in envelope.error
    ]


def parse_customer_page(body: object) -> ParsedPage:
    """A successful query envelope → customers and cursors. Raises `BodyShapeError`."""

    def parse(src: Mapping[str, Any]) -> ParsedPage:
        if not isinstance(src.get("data"), list):
            raise ValueError("`data` must be an array of customers")
        page = CustomerPage.from_dict(src)
        after = before = None
        if page.cursor is not None:
            # Kept as sent: only null ends a walk, and the walk refuses an empty string (which
            # the spec allows) rather than ending silently. Other types fail in `from_dict`.
            after, before = page.cursor.after, page.cursor.before
        return ParsedPage(page.data, after, before)

    result: ParsedPage = _guard("customer page", body, parse)
    return result


def parse_customer(body: object) -> Customer:
    """A successful get envelope → the customer. Raises `BodyShapeError`."""

    def parse(src: Mapping[str, Any]) -> Customer:
        if not isinstance(src.get("data"), Mapping):
            raise ValueError("`data` must be a customer object")
        return CustomerResult.from_dict(src).data

    customer: Customer = _guard("customer", body, parse)
    return customer


def token_form(user_id: str | None, scope: str | None) -> dict[str, str]:
    """The form body of `POST /v6/auth/token` for the client-credentials grant."""
    request = TokenRequest(grant_type=GrantType.CLIENT_CREDENTIALS)
    if user_id is not None:
        request.user_id = user_id
    if scope is not None:
        request.scope = TokenScope(scope)
    return {k: str(v) for k, v in request.to_dict().items()}


def parse_token(body: object) -> ParsedToken:
    """A token response (not enveloped) → token and lifetime. Raises `BodyShapeError`."""

    def parse(src: Mapping[str, Any]) -> ParsedToken:
        token = TokenResponse.from_dict(src)
        if not isinstance(token.access_token, str) or not token.access_token:
            raise ValueError("`access_token` must be a non-empty string")
        if not all(" " <= c <= "~" for c in token.access_token):
            # It would go back in a header; saying which character would show part of it.
            raise ValueError("`access_token` has characters that cannot be sent in an HTTP header")
        expires_in = token.expires_in
        if isinstance(expires_in, bool) or not isinstance(expires_in, int | float):
            raise ValueError("`expires_in` must be a number")
        return ParsedToken(token.access_token, float(max(expires_in, 0)))

    parsed: ParsedToken = _guard("token response", body, parse)
    return parsed
