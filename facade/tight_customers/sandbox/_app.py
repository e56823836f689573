"""The Starlette app: the three endpoints of openapi.yaml over a `Store`."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tight_customers.sandbox._auth import TokenCheck, TokenStore
from tight_customers.sandbox._behaviour import Behaviour, ErrorParamStripper
from tight_customers.sandbox._cursor import CursorCodec
from tight_customers.sandbox._envelope import error_response, errors_response, json_response
from tight_customers.sandbox._faults import FaultPicker
from tight_customers.sandbox._middleware import FaultMiddleware, RequestLog
from tight_customers.sandbox._pages import PageResult, run_query
from tight_customers.sandbox._query import error_item, parse_query
from tight_customers.sandbox._ratelimit import RateLimiter
from tight_customers.sandbox._store import Store

__all__ = ["SandboxState", "build_app"]

_TOKEN_FIELDS = (
    "grant_type", "userId", "scope", "code", "redirect_uri", "code_verifier", "refresh_token",
)  # fmt: skip
_GRANTS = ("client_credentials", "authorization_code", "refresh_token")


@dataclass
class SandboxState:
    """Everything the endpoints share."""

    store: Store
    tokens: TokenStore
    limiter: RateLimiter
    codec: CursorCodec
    picker: FaultPicker
    log: RequestLog
    behaviour: Behaviour = field(default_factory=Behaviour)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _decode_body(body: bytes) -> tuple[Any, str | None]:
    """(decoded JSON, None) or (None, why it is not JSON). An empty body is an empty query."""
    if not body.strip():
        return {}, None
    try:
        return json.loads(body, parse_constant=_reject_constant), None
    except RecursionError:
        return None, "the JSON is nested too deeply"
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, huge integers
        return None, f"the body is not valid JSON: {str(exc)[:200]}"


class _Endpoints:
    """The handlers, sharing one `SandboxState`."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state

    def authorize(self, request: Request) -> Response | None:
        """None when the bearer token is valid and within its rate limit, else the error."""
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            message = "send the access token as 'Authorization: Bearer <token>'"
            return error_response(401, "INVALID_TOKEN", message, "Authorization")
        checked = self.state.tokens.check(token)
        if checked is TokenCheck.UNKNOWN:
            return error_response(401, "INVALID_TOKEN", "the access token is not valid",
                                  "Authorization")  # fmt: skip
        if checked is TokenCheck.EXPIRED:
            return error_response(401, "EXPIRED_TOKEN", "the access token has expired",
                                  "Authorization")  # fmt: skip
        limiter = self.state.limiter
        retry_after = limiter.hit(token)
        if retry_after is not None:
            message = f"rate limit exceeded: {limiter.limit} requests per {limiter.window:g} s"
            headers = {"Retry-After": str(retry_after)}
            return error_response(429, "UNKNOWN_ERROR", message, None, headers)
        return None

    async def create_token(self, request: Request) -> Response:
        """POST /v6/auth/token."""
        if not self.state.tokens.check_basic(request.headers.get("authorization")):
            return error_response(401, "INVALID_VALUE", "invalid client credentials",
                                  "Authorization")  # fmt: skip
        body = await request.body()
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if body and media not in ("", "application/x-www-form-urlencoded"):
            message = "the body must be application/x-www-form-urlencoded"
            return error_response(400, "BAD_REQUEST", message, None)
        try:
            pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=50)
        except ValueError:
            return error_response(400, "INVALID_FORMAT", "the form body cannot be read", None)
        fields, errors = _token_form(pairs)
        if errors:
            return errors_response(400, errors)
        token, expires_in = self.state.tokens.issue()
        payload = {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": expires_in,
            "scope": fields.get("scope", "write"),
        }
        return json_response(json.dumps(payload).encode("ascii"))

    async def query_customers(self, request: Request) -> Response:
        """POST /v6/customers/query."""
        denied = self.authorize(request)
        if denied is not None:
            return denied
        if request.scope.get("state", {}).get("body_too_large"):
            return error_response(400, "BAD_REQUEST", "the body is larger than 1 MiB", None)
        decoded, problem = _decode_body(await request.body())
        if problem is not None:
            return error_response(400, "JSON_ERROR", problem, None)
        behaviour = self.state.behaviour
        req, errors = parse_query(decoded, behaviour.max_page_size)
        if req is None:
            return errors_response(400, errors)
        result = run_query(self.state.store, self.state.codec, req, behaviour)
        if not isinstance(result, PageResult):
            return errors_response(400, result)
        return json_response(result.body())

    async def get_customer(self, request: Request) -> Response:
        """GET /v6/customers/{id}."""
        denied = self.authorize(request)
        if denied is not None:
            return denied
        cid: str = request.path_params["id"]
        doc = self.state.store.get_doc(cid)
        if doc is None:
            message = f"no customer with id {cid[:200]}"
            return error_response(404, "INVALID_VALUE", message, "id")
        return json_response(f'{{"result":"SUCCESS","data":{doc},"error":[]}}'.encode())


def _token_form(pairs: list[tuple[str, str]]) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """The known fields of a token request and the errors in it."""
    errors: list[dict[str, Any]] = []
    fields: dict[str, str] = {}
    for key, value in pairs:
        if key in _TOKEN_FIELDS:
            fields[key] = value
        else:
            errors.append(error_item("BAD_REQUEST", "unknown form field", key[:120]))
    grant = fields.get("grant_type", "client_credentials")
    if grant not in _GRANTS:
        errors.append(error_item("INVALID_VALUE", "unknown grant_type", "grant_type"))
    elif grant != "client_credentials":
        message = "the sandbox grants client_credentials only"
        errors.append(error_item("INVALID_VALUE", message, "grant_type"))
    if fields.get("scope", "write") not in ("read", "write"):
        errors.append(error_item("INVALID_VALUE", "scope must be read or write", "scope"))
    return fields, errors


async def _http_error(request: Request, exc: Exception) -> Response:
    """Routing errors (404, 405) and, as a last resort, unexpected ones (500) as envelopes."""
    if isinstance(exc, HTTPException):
        # Keeps e.g. the Allow header of a 405 (RFC 9110 section 15.5.6).
        return error_response(exc.status_code, "UNKNOWN_ERROR", str(exc.detail), None, exc.headers)
    return error_response(500, "UNKNOWN_ERROR", "internal error", None)


def build_app(state: SandboxState) -> Starlette:
    """The ASGI app serving `state`."""
    api = _Endpoints(state)
    routes = [
        Route("/v6/auth/token", api.create_token, methods=["POST"]),
        Route("/v6/customers/query", api.query_customers, methods=["POST"]),
        Route("/v6/customers/{id:path}", api.get_customer, methods=["GET"]),
    ]
    middleware = [Middleware(FaultMiddleware, picker=state.picker, log=state.log)]
    if not state.behaviour.error_params:
        middleware.append(Middleware(ErrorParamStripper))
    return Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={HTTPException: _http_error, Exception: _http_error},
    )
