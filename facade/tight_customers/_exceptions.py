"""The exception hierarchy: every error the SDK raises derives from `TightError`.

```
TightError
├── APIError                  the API answered with an error (HTTP status >= 400, or FAILURE)
│   ├── BadRequestError       400
│   ├── AuthenticationError   401
│   ├── PermissionDeniedError 403
│   ├── NotFoundError         404
│   ├── RateLimitError        429 (.retry_after)
│   └── ServerError           5xx
├── APIConnectionError        no usable HTTP response (connect/read failure, dropped connection)
│   └── APITimeoutError       a timeout
├── ResponseParseError        a 2xx response whose body is not the expected envelope
│   └── ResponseTooLargeError a body larger than `max_response_bytes` once decoded
├── PaginationError           a broken cursor chain
└── ClientClosedError         the client was used after close()
```
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import httpx

from tight_customers._constants import REQUEST_ID_HEADERS
from tight_customers._public import public
from tight_customers._redact import one_line

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ErrorDetail",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseParseError",
    "ResponseTooLargeError",
    "ServerError",
    "TightError",
    "api_error_class",
    "request_id_of",
]


def request_id_of(headers: httpx.Headers) -> str | None:
    """The request id a server or gateway put in the response headers, if any.

    Example:
        >>> request_id_of(httpx.Headers({"X-Request-Id": "req_123"}))
        'req_123'
    """
    for name in REQUEST_ID_HEADERS:
        value: str | None = headers.get(name)
        if value:
            return value
    return None


class _HasResponse:
    """`.response`, `.headers`, `.body` and `.request_id` of an error that came with a response.

    `body` is the decoded JSON (or the text when it is not JSON) with known secrets redacted;
    `response` is the `httpx.Response` itself (None when the error was built by hand).
    """

    response: httpx.Response | None = None
    body: Any = None

    def attach_response(self, response: httpx.Response, body: Any) -> None:
        """Keep the response the error came from and its (redacted) decoded body."""
        self.response = response
        self.body = body

    @property
    def headers(self) -> httpx.Headers:
        """The response headers (empty when there was no response)."""
        return self.response.headers if self.response is not None else httpx.Headers()

    @property
    def request_id(self) -> str | None:
        """The request id from the response headers (`X-Request-Id` and the like), or None."""
        return request_id_of(self.headers)


@public
@attrs.frozen
class ErrorDetail:
    """One problem reported by the API (one item of the envelope's `error` array).

    `type` is kept as the API sent it, including types this SDK does not know yet.

    Example:
        >>> d = ErrorDetail(type="INVALID_VALUE", message="limit must be between 1 and 1000",
        ...                 param="limit")
        >>> str(d)
        'limit must be between 1 and 1000 (INVALID_VALUE, param limit)'
    """

    type: str
    message: str
    param: str | None = None

    def __str__(self) -> str:
        where = f", param {self.param}" if self.param else ""
        return f"{one_line(self.message)} ({self.type}{where})"


@public
class TightError(Exception):
    """Base class of every error raised by tight_customers.

    Attributes:
        attempts: how many requests were sent for the call that failed (1, or more when it was
            retried or replayed). When the SDK gave up retrying, a note (`__notes__`, shown in
            tracebacks) says why: "gave up after 3 attempts", "retries are off".

    Example:
        >>> try:
        ...     raise NotFoundError("no customer with id cus_404", status_code=404)
        ... except TightError as exc:
        ...     print(type(exc).__name__)
        NotFoundError
    """

    attempts: int = 1

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only constructors defeat BaseException's pickling; rebuild from the state.
        return (_restore, (type(self), str(self), dict(self.__dict__)))


def _restore(cls: type[TightError], message: str, state: dict[str, Any]) -> TightError:
    exc = cls.__new__(cls)
    Exception.__init__(exc, message)
    exc.__dict__.update(state)
    return exc


@public
class APIError(_HasResponse, TightError):
    """The API answered with an error: an HTTP status >= 400, or `result: FAILURE`.

    Attributes:
        status_code: the HTTP status (200 for a FAILURE envelope sent with HTTP 200).
        errors: the API's own `error` array, as `ErrorDetail` items (empty when the body was
            not the API's envelope, e.g. an HTML page from a proxy).
        method, path: the request that failed, when known.
        body_excerpt: a short, secret-free excerpt of a body that was not the envelope.
        response: the `httpx.Response` (None when the error was built by hand).
        headers: its headers; request_id: its request id header, when present.
        body: the decoded JSON body (or its text when not JSON), secrets redacted.

    Example:
        >>> err = BadRequestError(
        ...     "limit must be between 1 and 1000", status_code=400,
        ...     errors=[ErrorDetail("INVALID_VALUE", "limit must be between 1 and 1000", "limit")])
        >>> err.status_code, err.errors[0].param
        (400, 'limit')
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        errors: Sequence[ErrorDetail] = (),
        method: str | None = None,
        path: str | None = None,
        body_excerpt: str | None = None,
    ) -> None:
        super().__init__(one_line(message))
        self.status_code = status_code
        self.errors: tuple[ErrorDetail, ...] = tuple(errors)
        self.method = method
        self.path = path
        self.body_excerpt = body_excerpt

    @property
    def message(self) -> str:
        """The one-line message (the same as `str(exc)`)."""
        return str(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status_code={self.status_code}, message={str(self)!r})"


@public
class BadRequestError(APIError):
    """HTTP 400: the request is invalid; `.errors` names every bad `param` at once.

    Example:
        >>> issubclass(BadRequestError, APIError)
        True
    """


@public
class AuthenticationError(APIError):
    """HTTP 401: the token or the client credentials are missing, invalid or expired.

    Example:
        >>> AuthenticationError("the access token has expired", status_code=401).status_code
        401
    """


@public
class PermissionDeniedError(APIError):
    """HTTP 403: the token lacks the permission for this call.

    Example:
        >>> PermissionDeniedError("forbidden", status_code=403).status_code
        403
    """


@public
class NotFoundError(APIError):
    """HTTP 404: no entity with this id.

    Example:
        >>> NotFoundError("no customer with id cus_404", status_code=404).status_code
        404
    """


@public
class RateLimitError(APIError):
    """HTTP 429: too many requests; `.retry_after` is the server's hint in seconds, or None.

    Example:
        >>> RateLimitError("slow down", status_code=429, retry_after=2.0).retry_after
        2.0
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int = 429,
        errors: Sequence[ErrorDetail] = (),
        method: str | None = None,
        path: str | None = None,
        body_excerpt: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(
            message,
            status_code=status_code,
            errors=errors,
            method=method,
            path=path,
            body_excerpt=body_excerpt,
        )
        self.retry_after = retry_after


@public
class ServerError(APIError):
    """HTTP 5xx: the server (or a gateway in front of it) failed.

    A 5xx whose body is not the API's envelope (a proxy's HTML page) is still a `ServerError`,
    since the status says what happened; its `.body_excerpt` carries the start of the body.

    Example:
        >>> ServerError("bad gateway", status_code=502).status_code
        502
    """


@public
class APIConnectionError(TightError):
    """No usable HTTP response: the connection failed, dropped, or the body was cut short.

    Example:
        >>> isinstance(APITimeoutError("timed out"), APIConnectionError)
        True
    """

    def __init__(self, message: str, *, method: str | None = None, path: str | None = None):
        super().__init__(one_line(message))
        self.method = method
        self.path = path


@public
class APITimeoutError(APIConnectionError):
    """The request timed out (connecting, writing, reading, or waiting for a pooled connection).

    Example:
        >>> str(APITimeoutError("POST /v6/customers/query timed out"))
        'POST /v6/customers/query timed out'
    """


@public
class ResponseParseError(_HasResponse, TightError):
    """A response body is not what the API documents (HTML, truncated JSON, wrong shape).

    Attributes:
        status_code: the HTTP status of the response.
        body_excerpt: a short, secret-free excerpt of the body.
        transient: True when the body was not JSON at all (e.g. cut short): another attempt
            may succeed, so the client retries it. A body of the wrong shape is not transient.
        response, headers, body, request_id: as for `APIError`.

    Example:
        >>> err = ResponseParseError("not JSON", status_code=200, body_excerpt="<html>")
        >>> err.status_code, err.body_excerpt
        (200, '<html>')
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        body_excerpt: str = "",
        method: str | None = None,
        path: str | None = None,
        transient: bool = False,
    ) -> None:
        super().__init__(one_line(message))
        self.status_code = status_code
        self.body_excerpt = body_excerpt
        self.method = method
        self.path = path
        self.transient = transient


@public
class ResponseTooLargeError(ResponseParseError):
    """The decoded body grew past the client's `max_response_bytes`; reading stopped there.

    Attributes:
        limit: the limit in bytes that was exceeded.

    Example:
        >>> ResponseTooLargeError("too large", status_code=200, limit=1024).limit
        1024
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        limit: int,
        method: str | None = None,
        path: str | None = None,
    ) -> None:
        super().__init__(message, status_code=status_code, method=method, path=path)
        self.limit = limit


@public
class PaginationError(TightError):
    """The server broke the cursor chain (e.g. returned the cursor it was given, or looped).

    Pages and customers already returned stay valid; only the walk stops.

    Example:
        >>> str(PaginationError("the server returned the cursor it was given"))
        'the server returned the cursor it was given'
    """


_BY_STATUS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitError,
}


def api_error_class(status_code: int) -> type[APIError]:
    """The `APIError` subclass for an HTTP status (`APIError` itself when none fits)."""
    if status_code >= 500:
        return ServerError
    return _BY_STATUS.get(status_code, APIError)


@public
class ClientClosedError(TightError, RuntimeError):
    """The client was used after `close()` (or after its `with` block); create a new client.

    Example:
        >>> isinstance(ClientClosedError("this TightClient is closed"), RuntimeError)
        True
    """
