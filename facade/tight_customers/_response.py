"""`RawResponse`: what `with_raw_response` methods return (the HTTP response and the result)."""

from __future__ import annotations

from typing import Generic, TypeVar

import httpx

from tight_customers._exceptions import request_id_of
from tight_customers._public import public

__all__ = ["RawResponse"]

T = TypeVar("T")


@public
class RawResponse(Generic[T]):
    """An API call's HTTP response, with `.parse()` giving what the plain call returns.

    Errors are raised as for the plain call; the response is the one of the attempt that
    succeeded (after retries or a token renewal).

    Example:
        >>> raw = client.customers.with_raw_response.get(customer_id)
        >>> raw.status_code, raw.headers["content-type"]
        (200, 'application/json')
        >>> raw.parse().id == customer_id
        True
    """

    __slots__ = ("_parsed", "http_response")

    def __init__(self, http_response: httpx.Response, parsed: T) -> None:
        self.http_response = http_response
        self._parsed = parsed

    @property
    def status_code(self) -> int:
        """The HTTP status code."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The response headers."""
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The request id from the headers (`X-Request-Id` and the like), or None."""
        return request_id_of(self.http_response.headers)

    def parse(self) -> T:
        """What the plain call returns (a `Page`, an `AsyncPage` or a `Customer`)."""
        return self._parsed

    def __repr__(self) -> str:
        return f"<RawResponse [{self.status_code}] {type(self._parsed).__name__}>"
