"""The sans-I/O core shared by `TightClient` and `AsyncTightClient`.

Every API call is a *flow*: a generator that yields actions and gets their results back.

    Send(request)       → the driver sends it and returns the `httpx.Response`
                          (or throws the transport exception into the flow)
    Sleep(seconds)      → the driver sleeps (retry backoff, pacing)
    Authenticate(stale) → the driver returns a usable token; under its lock it runs
                          `Core.fetch_token()` unless another call already renewed `stale`

Flows build requests, interpret responses and raise the typed errors, so the sync and async
drivers (in `_drivers.py`) differ only in how they perform the three actions. Retries (with
backoff and Retry-After), client-side pacing and the token renewal on 401 EXPIRED_TOKEN live in
`Core._call`, once, for both clients. A flow returns an `Answer`: the parsed value and the HTTP
response it came from (for `with_raw_response`).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Generator
from typing import Any, Generic, TypeVar
from urllib.parse import quote

import attrs
import httpx

from tight_customers import _adapter, _decoding
from tight_customers._adapter import BodyShapeError, Customer, ParsedPage
from tight_customers._auth import Auth, ClientCredentials
from tight_customers._constants import (
    GET_CUSTOMER_PATH,
    LIMIT_PARAM,
    LOGGER_NAME,
    QUERY_CUSTOMERS_PATH,
    TOKEN_PATH,
)
from tight_customers._decoding import gc_paused
from tight_customers._exceptions import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ErrorDetail,
    RateLimitError,
    ResponseParseError,
    ResponseTooLargeError,
    TightError,
    api_error_class,
)
from tight_customers._filters import FilterLike, normalize_filter
from tight_customers._limits import BodyTooLargeError, DeadlineExceeded, ResponseLimits
from tight_customers._options import RequestOptions
from tight_customers._pacing import Pacer
from tight_customers._redact import REDACTED, excerpt, is_credential_name, one_line, redact
from tight_customers._retry import RetryPolicy, parse_retry_after
from tight_customers._sort import SortLike, normalize_sort
from tight_customers._version import __version__

__all__ = [
    "Action",
    "Answer",
    "Authenticate",
    "Core",
    "Flow",
    "PreparedRequest",
    "QuerySpec",
    "Send",
    "Sleep",
    "page_size_fallback",
]

T = TypeVar("T")
logger = logging.getLogger(LOGGER_NAME)

_NOT_JSON = "is not valid JSON"

# A call with no per-request options.
NO_OPTIONS = RequestOptions()

USER_AGENT = f"tight-customers/{__version__} httpx/{httpx.__version__}"


@attrs.frozen
class PreparedRequest:
    """Everything needed to send one request; `headers` may hold credentials (never shown)."""

    method: str
    url: str
    path: str
    headers: dict[str, str] = attrs.field(repr=False)
    json: Any = attrs.field(default=None, repr=False)
    data: dict[str, str] | None = attrs.field(default=None, repr=False)
    timeout: httpx.Timeout | None = None


@attrs.frozen
class Send:
    """Action: send `request`, resume the flow with the response."""

    request: PreparedRequest


@attrs.frozen
class Sleep:
    """Action: sleep `seconds`, then resume the flow."""

    seconds: float


@attrs.frozen
class Authenticate:
    """Action: resume the flow with a usable token (a new one if `stale` is still current)."""

    stale: str | None = attrs.field(default=None, repr=False)


Action = Send | Sleep | Authenticate
Flow = Generator[Action, Any, T]


@attrs.frozen
class Returned(Generic[T]):
    """What a flow returned (see `advance`)."""

    value: T


def advance(flow: Flow[T], result: Any, error: Exception | None) -> Action | Returned[T]:
    """The flow's next action once it is given `result` (or `error` is thrown into it), or the
    value it returned: the one step every driver of a flow repeats."""
    try:
        return flow.send(result) if error is None else flow.throw(error)
    except StopIteration as stop:
        return Returned(stop.value)


@attrs.frozen
class Answer(Generic[T]):
    """What a flow returns: the parsed value and the response it was parsed from."""

    value: T
    response: httpx.Response = attrs.field(repr=False)


def _page_size(name: str, value: object) -> int:
    # Only the server knows its maximum page size; the client refuses only what is never valid.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__} {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be a positive int, got {value}")
    return value


def check_cursor(cursor: object) -> str | None:
    """`cursor` if it is None or a non-empty string; a clear error otherwise."""
    if cursor is None:
        return None
    if not isinstance(cursor, str) or not cursor:
        raise TypeError(f"cursor must be a non-empty string or None, got {cursor!r}")
    return cursor


@attrs.frozen
class QuerySpec:
    """A validated customer query; every page request re-sends all of it with the cursor."""

    filter: dict[str, Any] | None
    sort: dict[str, Any] | None
    limit: int | None

    @classmethod
    def build(
        cls,
        filter: FilterLike | None,
        sort: SortLike | None,
        limit: int | None,
        limit_name: str = "limit",
    ) -> QuerySpec:
        return cls(
            normalize_filter(filter),
            normalize_sort(sort),
            None if limit is None else _page_size(limit_name, limit),
        )

    def without_limit(self) -> QuerySpec:
        """The same query at the server's default page size."""
        return attrs.evolve(self, limit=None)

    def body(self, cursor: str | None) -> dict[str, Any]:
        body: dict[str, Any] = {}
        if cursor is not None:
            body["cursor"] = cursor
        if self.limit is not None:
            body["limit"] = self.limit
        if self.sort is not None:
            body["sort"] = self.sort
        if self.filter is not None:
            body["filter"] = self.filter
        return body


def page_size_fallback(spec: QuerySpec, error: BaseException) -> QuerySpec | None:
    """The query to continue a walk with when the server refused its page size, else None.

    Applies when `spec` sends a `limit` and `error` is a 400 naming the `limit` param: the walk
    then goes on at the server's default page size (logged at INFO). Without a limit there is
    nothing to fall back from, so this happens at most once per walk.
    """
    if spec.limit is None or not isinstance(error, BadRequestError):
        return None
    if not any(e.param == LIMIT_PARAM for e in error.errors):
        return None
    logger.info(
        "page size %d refused by the server (%s); continuing at the server's default page size",
        spec.limit,
        "; ".join(e.message for e in error.errors if e.param == LIMIT_PARAM),
    )
    return spec.without_limit()


def _error_message(status: int, request: PreparedRequest, errors: list[ErrorDetail]) -> str:
    what = "; ".join(str(e) for e in errors) if errors else "no error details"
    return f"{request.method} {request.path} failed with HTTP {status}: {what}"


@attrs.frozen
class _Failure:
    """One attempt that failed: the typed error, and the server's Retry-After if it sent one."""

    error: TightError
    retry_after: float | None = None


def _attempts_note(attempts: int, max_retries: int) -> str:
    if max_retries == 0:
        return f"{attempts} attempt{'s' if attempts != 1 else ''}; retries are off"
    return f"gave up after {attempts} attempts"


class Core:
    """Builds requests and interprets responses; owns the base URL, credentials and policies.

    `retry` decides which failures are retried and how long to wait; `pacer` (None: off) spaces
    requests to stay under the API's rate limit; `clock` and `random` are injectable for tests.
    """

    def __init__(
        self,
        base_url: str,
        auth: Auth,
        clock: Callable[[], float] = time.monotonic,
        *,
        retry: RetryPolicy | None = None,
        pacer: Pacer | None = None,
        random: Callable[[], float] = random.random,
        timeout: httpx.Timeout | None = None,
        limits: ResponseLimits | None = None,
    ) -> None:
        self.base_url = base_url
        self.auth = auth
        self.clock = clock
        self.retry = retry if retry is not None else RetryPolicy()
        self.pacer = pacer
        self.random = random
        self.timeout = timeout
        self.limits = limits if limits is not None else ResponseLimits()

    # ------------------------------------------------------------------ operations

    def query_customers(
        self, spec: QuerySpec, cursor: str | None, options: RequestOptions = NO_OPTIONS
    ) -> Flow[Answer[ParsedPage]]:
        """One page of `POST /v6/customers/query`."""
        return self._call(
            "POST",
            QUERY_CUSTOMERS_PATH,
            _adapter.parse_customer_page,
            options,
            json=spec.body(cursor),
        )

    def get_customer(
        self, customer_id: str, options: RequestOptions = NO_OPTIONS
    ) -> Flow[Answer[Customer]]:
        """`GET /v6/customers/{id}`."""
        if not isinstance(customer_id, str):
            raise TypeError(f"customer id must be a string, got {type(customer_id).__name__}")
        if not customer_id:
            raise ValueError("customer id must be a non-empty string")
        path = GET_CUSTOMER_PATH.format(id=quote(customer_id, safe=""))
        return self._call("GET", path, _adapter.parse_customer, options)

    def fetch_token(self) -> Flow[str]:
        """Obtain a token with the client credentials and keep it. Drivers run this under a lock.

        Retried like any call (a token request only mints a token, so repeating it is safe);
        never paced, since the rate limit counts requests made with a token.
        """
        auth = self.auth
        if not isinstance(auth, ClientCredentials):
            raise TypeError("only client credentials can obtain a token")
        request = self.prepare(
            "POST",
            TOKEN_PATH,
            authorization=auth.basic_authorization(),
            data=_adapter.token_form(auth.user_id, auth.scope),
        )
        attempts = 0
        while True:
            attempts += 1
            outcome = yield from self._exchange(
                request, _adapter.parse_token, attempts, enveloped=False
            )
            if not isinstance(outcome, _Failure):
                logger.info("obtained a token from %s", TOKEN_PATH)
                return auth.store(outcome.value, self.clock())
            delay = self._retry_delay(request, outcome, self.retry, attempts - 1, attempts)
            if delay > 0:
                yield Sleep(delay)

    # ------------------------------------------------------------------ the request loop

    def _call(
        self,
        method: str,
        path: str,
        parse: Callable[[Any], T],
        options: RequestOptions,
        *,
        json: Any = None,
    ) -> Flow[Answer[T]]:
        """Send one API call: pacing, retries with backoff, one token renewal on expiry."""
        policy = self.retry
        if options.max_retries is not None:
            policy = attrs.evolve(policy, max_retries=options.max_retries)
        attempts = retries = 0
        renewed = False
        while True:
            if self.pacer is not None:
                # Before taking the token, so a long wait cannot leave it stale.
                wait = self.pacer.reserve(self.clock())
                if wait > 0:
                    logger.info("pacing: %s %s waits %.3f s", method, path, wait)
                    yield Sleep(wait)
            token = self.auth.current(self.clock())
            if token is None:
                token = yield Authenticate(stale=None)
            request = self.prepare(
                method, path, authorization=f"Bearer {token}", json=json, options=options
            )
            attempts += 1
            outcome = yield from self._exchange(request, parse, attempts, enveloped=True)
            if not isinstance(outcome, _Failure):
                return outcome
            auth = self.auth
            if isinstance(auth, ClientCredentials) and _token_expired(outcome.error):
                if renewed:
                    raise self._give_up(outcome.error, attempts, "after one token renewal")
                # One renewal and one replay; concurrent calls share the renewal (driver lock).
                renewed = True
                logger.info("%s %s: token expired, renewing it and replaying", method, path)
                auth.invalidate(token)
                continue
            delay = self._retry_delay(request, outcome, policy, retries, attempts)
            retries += 1
            if delay > 0:
                yield Sleep(delay)

    def _retry_delay(
        self,
        request: PreparedRequest,
        failure: _Failure,
        policy: RetryPolicy,
        retries: int,
        attempts: int,
    ) -> float:
        """Seconds to wait before the next try, `retries` retries having been made so far;
        raises the failure's error (counting the `attempts`) when it is not to be retried."""
        error = failure.error
        if not policy.retryable(error):
            raise self._give_up(error, attempts, None)
        if retries >= policy.max_retries:
            raise self._give_up(error, attempts, _attempts_note(attempts, policy.max_retries))
        delay = policy.delay(retries + 1, failure.retry_after, self.random)
        logger.info(
            "%s %s: retry %d of %d in %.3f s (%s)",
            request.method,
            request.path,
            retries + 1,
            policy.max_retries,
            delay,
            _failure_kind(error),
        )
        return delay

    def _give_up(self, error: TightError, attempts: int, note: str | None) -> TightError:
        """`error`, counting every request of the call and noting why the SDK stopped (a note, so
        the message users match on stays the API's own)."""
        error.attempts = attempts
        if note is not None:
            error.add_note(note)
        return error

    def _exchange(
        self, request: PreparedRequest, parse: Callable[[Any], T], attempt: int, *, enveloped: bool
    ) -> Flow[Answer[T] | _Failure]:
        """One attempt: the parsed result, or the failure to judge (never raises a TightError)."""
        try:
            response = yield from self._send(request, attempt)
        except (APIConnectionError, ResponseTooLargeError) as exc:
            return _Failure(exc)
        try:
            with gc_paused():
                # The decoded body is not kept in a local: it is freed before the collector is
                # back on, so that its first pass traverses only the models.
                result = self._parse(
                    request,
                    response,
                    parse,
                    self._interpret(request, response, enveloped=enveloped),
                )
            return Answer(result, response)
        except (APIError, ResponseParseError) as exc:
            return _Failure(exc, parse_retry_after(response.headers.get("Retry-After")))

    def prepare(
        self,
        method: str,
        path: str,
        *,
        authorization: str,
        json: Any = None,
        data: dict[str, str] | None = None,
        options: RequestOptions = NO_OPTIONS,
    ) -> PreparedRequest:
        """A request to `path`; `options` may add headers (never `Authorization`, which
        `RequestOptions` refuses) and set the timeout."""
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
        headers.update(options.extra_headers)
        headers["Authorization"] = authorization
        timeout = options.timeout if options.timeout is not None else self.timeout
        return PreparedRequest(method, self.base_url + path, path, headers, json, data, timeout)

    def _send(self, request: PreparedRequest, attempt: int) -> Flow[httpx.Response]:
        started = self.clock()
        try:
            response: httpx.Response = yield Send(request)
        except httpx.TimeoutException as exc:
            self._log(request, "timeout", attempt, started)
            how = str(exc) if isinstance(exc, DeadlineExceeded) else type(exc).__name__
            raise APITimeoutError(
                f"{request.method} {request.path} timed out ({how})",
                method=request.method,
                path=request.path,
            ) from exc
        except httpx.RequestError as exc:  # transport errors, undecodable content-encoding
            self._log(request, "connection error", attempt, started)
            detail = redact(one_line(str(exc)), self.auth.secrets) or type(exc).__name__
            raise APIConnectionError(
                f"{request.method} {request.path} failed: {detail}",
                method=request.method,
                path=request.path,
            ) from exc
        except BodyTooLargeError as exc:
            self._log(request, exc.status_code, attempt, started)
            raise ResponseTooLargeError(
                f"{request.method} {request.path} returned HTTP {exc.status_code} with a body "
                f"larger than the {exc.limit:,} byte limit once decoded (max_response_bytes); "
                "stopped reading it",
                status_code=exc.status_code,
                limit=exc.limit,
                method=request.method,
                path=request.path,
            ) from None
        self._log(request, response.status_code, attempt, started)
        return response

    def _log(self, request: PreparedRequest, status: object, attempt: int, started: float) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            duration = self.clock() - started
            logger.debug(
                "%s %s -> %s (attempt %d, %.3f s)",
                request.method,
                request.path,
                status,
                attempt,
                duration,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": status,
                    "attempt": attempt,
                    "duration": duration,
                },
            )

    # ------------------------------------------------------------------ responses

    def _decode(self, response: httpx.Response) -> tuple[str | None, Any]:
        """(None, body) when the body is JSON, else (why not, None)."""
        try:
            return None, _decoding.loads(response.content)
        except RecursionError:
            return "is nested too deeply to decode", None
        except ValueError:
            return _NOT_JSON, None

    def _excerpt(self, response: httpx.Response) -> str:
        return excerpt(response.content, self.auth.secrets)

    def _interpret(
        self, request: PreparedRequest, response: httpx.Response, *, enveloped: bool
    ) -> Any:
        """The decoded body of a successful response; raises the typed error otherwise.

        Classification: an error status (>= 400, or any non-2xx) always raises the `APIError`
        subclass for that status, carrying the API's `error` array when the body is the
        envelope and a body excerpt when it is not (e.g. a 502 HTML page → `ServerError`).
        A 2xx whose body is `result: FAILURE` raises `APIError` (status 200). A 2xx whose body
        is not readable JSON raises `ResponseParseError`.
        """
        status = response.status_code
        undecodable, body = self._decode(response)
        if not 200 <= status < 300:
            errors = None if undecodable else _adapter.parse_error_envelope(body)
            raise self._api_error(request, response, errors)
        if undecodable:
            # Invalid JSON (cut short, a proxy's page) may not recur; nesting too deep will.
            raise self._parse_error(
                request,
                response,
                f"a body that {undecodable}",
                transient=undecodable == _NOT_JSON,
            )
        if enveloped and _adapter.is_failure(body):
            raise self._api_error(request, response, _adapter.parse_error_envelope(body))
        return body

    def _api_error(
        self,
        request: PreparedRequest,
        response: httpx.Response,
        errors: list[ErrorDetail] | None,
    ) -> APIError:
        status = response.status_code
        secrets = self.auth.secrets
        body_excerpt = None
        if errors is None:
            body_excerpt = self._excerpt(response)
            message = (
                f"{request.method} {request.path} failed with HTTP {status} "
                f"({response.reason_phrase or 'no reason'}); body: {body_excerpt!r}"
            )
        else:
            errors = [_redacted_detail(e, secrets) for e in errors]
            message = _error_message(status, request, errors)
        cls = api_error_class(status)
        kwargs: dict[str, Any] = {
            "status_code": status,
            "errors": errors or (),
            "method": request.method,
            "path": request.path,
            "body_excerpt": body_excerpt,
        }
        if cls is RateLimitError:
            kwargs["retry_after"] = parse_retry_after(response.headers.get("Retry-After"))
        error = cls(message, **kwargs)
        error.attach_response(response, self._body(response))
        return error

    def _body(self, response: httpx.Response) -> Any:
        """The body for `error.body`: decoded JSON, else text; known secrets redacted."""
        undecodable, body = self._decode(response)
        if undecodable:
            return redact(response.text, self.auth.secrets)
        return _redact_data(body, self.auth.secrets)

    def _parse(
        self,
        request: PreparedRequest,
        response: httpx.Response,
        parse: Callable[[Any], T],
        body: Any,
    ) -> T:
        try:
            return parse(body)
        except BodyShapeError as exc:
            raise self._parse_error(request, response, f"an unexpected body ({exc})") from None

    def _parse_error(
        self,
        request: PreparedRequest,
        response: httpx.Response,
        problem: str,
        *,
        transient: bool = False,
    ) -> ResponseParseError:
        body_excerpt = self._excerpt(response)
        error = ResponseParseError(
            f"{request.method} {request.path} returned HTTP {response.status_code} with "
            f"{problem}: {body_excerpt!r}",
            status_code=response.status_code,
            body_excerpt=body_excerpt,
            method=request.method,
            path=request.path,
            transient=transient,
        )
        error.attach_response(response, self._body(response))
        return error


def _redact_data(value: Any, secrets: tuple[str, ...]) -> Any:
    """A decoded JSON value with known secrets redacted in every string (iteratively)."""
    if not secrets:
        return value
    root: list[Any] = [value]
    stack: list[tuple[Any, Any]] = [(root, 0)]
    while stack:
        holder, key = stack.pop()
        item = holder[key]
        if isinstance(item, str):
            credential = isinstance(key, str) and is_credential_name(key)
            holder[key] = REDACTED if credential else redact(item, secrets)
        elif isinstance(item, dict):
            stack.extend((item, k) for k in item)
        elif isinstance(item, list):
            stack.extend((item, i) for i in range(len(item)))
    return root[0]


def _redacted_detail(detail: ErrorDetail, secrets: tuple[str, ...]) -> ErrorDetail:
    """Every server-supplied string of `detail` with the secrets it may echo redacted."""
    param = None if detail.param is None else redact(detail.param, secrets)
    return ErrorDetail(redact(detail.type, secrets), redact(detail.message, secrets), param)


def _token_expired(error: TightError) -> bool:
    return isinstance(error, AuthenticationError) and any(
        e.type == "EXPIRED_TOKEN" for e in error.errors
    )


def _failure_kind(error: TightError) -> str:
    if isinstance(error, APIError):
        return f"HTTP {error.status_code}"
    if isinstance(error, ResponseParseError):
        return f"HTTP {error.status_code}, body not JSON"
    return type(error).__name__
