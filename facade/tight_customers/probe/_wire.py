"""The probe's side of the wire: raw HTTP with a hard request budget and pacing, every answer
checked against the spec as it arrives.

The probe speaks raw httpx rather than through `TightClient`: it must see statuses, headers and
bodies exactly as sent (the client parses them into models and typed errors), and count every
request it sends (the client retries and renews tokens on its own).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx

from tight_customers._constants import (
    CONNECT_TIMEOUT,
    GET_CUSTOMER_PATH,
    QUERY_CUSTOMERS_PATH,
    RATE_LIMIT_REQUESTS,
    RATE_LIMIT_WINDOW,
    READ_TIMEOUT,
    RETRY_AFTER_CAP,
    TOKEN_PATH,
)
from tight_customers._exceptions import APIConnectionError
from tight_customers._pacing import Pacer
from tight_customers._version import __version__
from tight_customers.probe._spec import Deviation, Spec, pointer

__all__ = ["BudgetSpent", "Credentials", "Exchange", "Wire"]

# Called after each request with (requests sent, request budget).
ProgressCallback = Callable[[int, int], None]


class BudgetSpent(Exception):  # noqa: N818 - it names the event, not an error
    """The request budget is used up; the check that needed one more request is undecided."""


@dataclass(frozen=True)
class Credentials:
    """A bearer token, or client credentials the probe exchanges for one (read scope)."""

    token: str | None = None
    client_id: str | None = None
    client_secret: str | None = None
    user_id: str | None = None

    def __post_init__(self) -> None:
        if not self.token and not (self.client_id and self.client_secret):
            raise ValueError("give a token, or client_id and client_secret")

    def __repr__(self) -> str:
        kind = "token" if self.token else f"client_id={self.client_id!r}"
        return f"Credentials({kind}, secrets hidden)"


@dataclass(frozen=True)
class Exchange:
    """One request and its answer, with what in the answer departs from the spec."""

    number: int
    method: str
    path: str  # the spec's templated path
    status: int
    body: Any  # decoded JSON, or None
    headers: httpx.Headers
    deviations: tuple[Deviation, ...] = ()

    @property
    def label(self) -> str:
        return f"request {self.number} ({self.method} {self.path} → {self.status})"

    def data(self) -> list[dict[str, Any]]:
        """The customers of a query page (empty when there are none or the body is odd)."""
        data = self.body.get("data") if isinstance(self.body, dict) else None
        return [c for c in data if isinstance(c, dict)] if isinstance(data, list) else []

    def cursor(self, direction: str) -> str | None:
        cursor = self.body.get("cursor") if isinstance(self.body, dict) else None
        value = cursor.get(direction) if isinstance(cursor, dict) else None
        return value if isinstance(value, str) and value else None

    def errors(self) -> list[dict[str, Any]]:
        errors = self.body.get("error") if isinstance(self.body, dict) else None
        return [e for e in errors if isinstance(e, dict)] if isinstance(errors, list) else []


@dataclass
class Wire:
    """Sends the probe's requests: at most `max_requests`, paced under the rate limit."""

    base_url: str
    credentials: Credentials
    spec: Spec
    max_requests: int
    http: httpx.Client
    on_request: ProgressCallback | None = None
    pacer: Pacer = field(default_factory=lambda: Pacer(RATE_LIMIT_REQUESTS, RATE_LIMIT_WINDOW))
    sent: int = 0
    exchanges: list[Exchange] = field(default_factory=list)
    _token: str | None = field(default=None, repr=False)

    @staticmethod
    def default_http() -> httpx.Client:
        timeout = httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT)
        headers = {"User-Agent": f"tight-customers-probe/{__version__}"}
        return httpx.Client(timeout=timeout, headers=headers, follow_redirects=False)

    @property
    def remaining(self) -> int:
        return self.max_requests - self.sent

    def bearer(self) -> str:
        """The token to send: the one given, or one fetched once with the client credentials."""
        if self.credentials.token:
            return self.credentials.token
        if self._token is None:
            answer = self.fetch_token()
            token = answer.body.get("access_token") if isinstance(answer.body, dict) else None
            if answer.status != 200 or not isinstance(token, str) or not token:
                raise APIConnectionError(
                    f"the token endpoint answered {answer.status} without an access token; "
                    "check the client credentials"
                )
            self._token = token
        return self._token

    def fetch_token(self) -> Exchange:
        """POST /v6/auth/token with the client credentials, asking for a read-only token."""
        form = {"grant_type": "client_credentials", "scope": "read"}
        if self.credentials.user_id:
            form["userId"] = self.credentials.user_id
        auth = (self.credentials.client_id or "", self.credentials.client_secret or "")
        return self._send("POST", TOKEN_PATH, TOKEN_PATH, data=form, auth=auth)

    def query(self, body: dict[str, Any], *, token: str | None = None) -> Exchange:
        """POST /v6/customers/query with `body` (and the probe's token unless `token`)."""
        headers = {"Authorization": f"Bearer {token or self.bearer()}"}
        return self._send(
            "POST", QUERY_CUSTOMERS_PATH, QUERY_CUSTOMERS_PATH, json=body, headers=headers
        )

    def get(self, customer_id: str) -> Exchange:
        """GET /v6/customers/{id}."""
        headers = {"Authorization": f"Bearer {self.bearer()}"}
        url = GET_CUSTOMER_PATH.format(id=quote(customer_id, safe=""))
        return self._send("GET", url, GET_CUSTOMER_PATH, headers=headers)

    def _send(self, method: str, url: str, template: str, **kwargs: Any) -> Exchange:
        response = self._attempt(method, url, **kwargs)
        if response.status_code == 429 and self.remaining > 0:
            # One polite retry after the server's Retry-After (capped); both answers count.
            self._record(method, template, response)
            time.sleep(min(_retry_after(response) or 1.0, RETRY_AFTER_CAP))
            response = self._attempt(method, url, **kwargs)
        return self._record(method, template, response)

    def _attempt(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        if self.remaining <= 0:
            raise BudgetSpent(f"the request budget ({self.max_requests}) is spent")
        wait = self.pacer.reserve(time.monotonic())
        if wait > 0:
            time.sleep(wait)
        self.sent += 1
        try:
            return self.http.request(method, self.base_url + url, **kwargs)
        except httpx.TimeoutException as exc:
            raise APIConnectionError(f"{method} {url} timed out ({type(exc).__name__})") from None
        except httpx.HTTPError as exc:
            raise APIConnectionError(f"{method} {url} failed: {type(exc).__name__}") from None
        finally:
            if self.on_request is not None:
                self.on_request(self.sent, self.max_requests)

    def _record(self, method: str, template: str, response: httpx.Response) -> Exchange:
        body, deviations = _check_response(self.spec, method, template, response)
        exchange = Exchange(
            len(self.exchanges) + 1,
            method,
            template,
            response.status_code,
            body,
            response.headers,
            tuple(deviations),
        )
        self.exchanges.append(exchange)
        return exchange


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return max(0.0, float(response.headers.get("retry-after", "")))
    except ValueError:
        return None


def _check_response(
    spec: Spec, method: str, template: str, response: httpx.Response
) -> tuple[Any, list[Deviation]]:
    """The decoded body and every way the response departs from the spec."""
    status = response.status_code
    located = spec.response_schema(method, template, status)
    if located is None:
        where = pointer("paths", template, method.lower(), "responses")
        return _decode(response)[0], [
            Deviation("$", where, f"status {status} is not documented for {method} {template}")
        ]
    response_at, schema_at = located
    found: list[Deviation] = []
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/json":
        found.append(
            Deviation(
                "$",
                response_at + "/content",
                f"Content-Type is {media or 'missing'}, not application/json",
            )
        )
    body, problem = _decode(response)
    if problem is not None:
        found.append(Deviation("$", response_at + "/content", problem))
        return None, found
    found += spec.validate(body, schema_at)
    if status == 429 and "retry-after" in response.headers:
        value = response.headers["retry-after"]
        if not value.isdigit():
            where = "/components/headers/RetryAfter/schema"
            found.append(Deviation("Retry-After", where, f"{value!r} is not an integer >= 0"))
    return body, found


def _decode(response: httpx.Response) -> tuple[Any, str | None]:
    try:
        return json.loads(response.content), None
    except ValueError as exc:
        return None, f"the body is not JSON ({str(exc)[:120]})"
