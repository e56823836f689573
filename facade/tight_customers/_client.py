"""`TightClient` and `AsyncTightClient`: credentials, options, the connection pool, resources.

Both are built by `_BaseClient.__init__` (one signature, one body); they differ only in their
HTTP client, driver and resource classes and in how they close.
"""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Any, ClassVar, Generic, Self, TypeVar, Unpack

import anyio
import httpx

from tight_customers._auth import Auth, ClientCredentials, StaticToken
from tight_customers._constants import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_RATE_LIMIT,
    INITIAL_RETRY_DELAY,
    MAX_RESPONSE_BYTES,
    MAX_RETRY_DELAY,
    RETRY_AFTER_CAP,
)
from tight_customers._core import Core
from tight_customers._drivers import AsyncDriver, SyncDriver
from tight_customers._env import missing_credentials_message, read_env
from tight_customers._limits import ResponseLimits
from tight_customers._options import ClientOptions, OptionChanges, TimeoutLike
from tight_customers._pacing import Pacer
from tight_customers._prefetch import acancel_all, cancel_all
from tight_customers._public import public
from tight_customers._resources import AsyncCustomers, Customers

__all__ = ["AsyncTightClient", "ConstructorOptions", "TightClient"]

HttpT = TypeVar("HttpT", httpx.Client, httpx.AsyncClient)


class ConstructorOptions(OptionChanges, total=False):
    """The options `from_env()` accepts besides `http_client`."""

    base_url: str | None
    allow_insecure_http: bool


def _auth(
    token: str | None,
    client_id: str | None,
    client_secret: str | None,
    user_id: str | None,
    scope: str | None,
) -> Auth:
    if token is not None:
        if client_id is not None or client_secret is not None:
            raise ValueError("pass either token= or client_id=/client_secret=, not both")
        return StaticToken(token)
    if client_id is None or client_secret is None:
        missing = "client_id" if client_id is None else "client_secret"
        raise ValueError(
            f"client credentials need both client_id= and client_secret=; {missing}= is missing"
        )
    return ClientCredentials(client_id, client_secret, user_id=user_id, scope=scope)


def _pacer(rate_limit: tuple[int, float] | None) -> Pacer | None:
    return None if rate_limit is None else Pacer(*rate_limit)


class _BaseClient(Generic[HttpT]):
    """What both clients share: construction, `with_options`, `base_url`, `repr`."""

    _http_class: ClassVar[type[Any]]

    def __init__(
        self,
        *,
        token: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        user_id: str | None = None,
        scope: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutLike = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        initial_retry_delay: float = INITIAL_RETRY_DELAY,
        max_retry_delay: float = MAX_RETRY_DELAY,
        retry_after_cap: float = RETRY_AFTER_CAP,
        rate_limit: tuple[int, float] | None = DEFAULT_RATE_LIMIT,
        allow_insecure_http: bool = False,
        max_response_bytes: int | None = MAX_RESPONSE_BYTES,
        attempt_deadline: float | None = None,
        http_client: HttpT | None = None,
    ) -> None:
        if http_client is not None and not isinstance(http_client, self._http_class):
            other = "TightClient" if self._http_class is httpx.AsyncClient else "AsyncTightClient"
            raise TypeError(
                f"http_client must be an httpx.{self._http_class.__name__} (use {other} for the "
                "other kind)"
            )
        env = read_env()
        if token is None and client_id is None and client_secret is None:
            if not env.has_credentials:
                raise ValueError(missing_credentials_message())
            credentials = env.credentials()
            token = credentials.get("token")
            client_id, client_secret = (
                credentials.get("client_id"),
                credentials.get("client_secret"),
            )
            user_id = user_id if user_id is not None else credentials.get("user_id")
        options = ClientOptions.build(
            base_url=base_url if base_url is not None else env.base_url,
            timeout=timeout,
            max_retries=max_retries,
            initial_retry_delay=initial_retry_delay,
            max_retry_delay=max_retry_delay,
            retry_after_cap=retry_after_cap,
            rate_limit=rate_limit,
            allow_insecure_http=allow_insecure_http,
            custom_http=http_client is not None,
            max_response_bytes=max_response_bytes,
            attempt_deadline=attempt_deadline,
        )
        auth = _auth(token, client_id, client_secret, user_id, scope)
        owns_http = http_client is None
        http = self._http_class() if http_client is None else http_client
        self._assemble(options, auth, http, owns_http, _pacer(options.rate_limit), None)

    def _assemble(
        self,
        options: ClientOptions,
        auth: Auth,
        http: HttpT,
        owns_http: bool,
        pacer: Pacer | None,
        auth_lock: Any,
    ) -> None:
        self._options = options
        self._auth = auth
        self._http: HttpT = http
        self._owns_http = owns_http
        self._pacer = pacer
        core = Core(
            options.base_url,
            auth,
            retry=options.retry,
            pacer=pacer,
            timeout=options.timeout,
            limits=ResponseLimits(options.max_response_bytes, options.attempt_deadline),
        )
        self._connect(core, http, auth_lock)

    def _connect(self, core: Core, http: HttpT, auth_lock: Any) -> None:
        raise NotImplementedError

    def _auth_lock(self) -> Any:
        raise NotImplementedError

    @classmethod
    def from_env(
        cls, *, http_client: HttpT | None = None, **options: Unpack[ConstructorOptions]
    ) -> Self:
        """A client configured from the environment (the same as calling the class with no
        credentials).

        Reads `TIGHT_API_TOKEN`, or `TIGHT_CLIENT_ID`/`TIGHT_CLIENT_SECRET` (and optionally
        `TIGHT_USER_ID`), and `TIGHT_BASE_URL` (default https://sandbox.tight.com). Raises
        `ValueError` naming the variables when no credentials are set. Every other option of
        the constructor (`timeout`, `max_retries`, `rate_limit`, ...) may be passed.

        Example:
            >>> TightClient.from_env(max_retries=4).base_url == sb.url
            True
        """
        return cls(http_client=http_client, **options)

    def with_options(self, **changes: Unpack[OptionChanges]) -> Self:
        """A client with some options changed that shares this one's connection pool and
        credentials (and its token renewals; and its pacing, unless `rate_limit` changes).

        Closing the derived client leaves the pool open; close the client it came from.

        Example:
            >>> client.with_options(timeout=30, max_retries=5).customers.get(customer_id).id \\
            ...     == customer_id
            True
        """
        options = self._options.evolve(changes)
        pacer = self._pacer if "rate_limit" not in changes else _pacer(options.rate_limit)
        clone = object.__new__(type(self))
        clone._assemble(options, self._auth, self._http, False, pacer, self._auth_lock())
        return clone

    @property
    def base_url(self) -> str:
        """The API's base URL, e.g. https://sandbox.tight.com."""
        return self._options.base_url

    def __repr__(self) -> str:
        options = self._options
        return (
            f"{type(self).__name__}(base_url={options.base_url!r}, auth={self._auth.kind!r}, "
            f"max_retries={options.retry.max_retries}, rate_limit={options.rate_limit!r})"
        )


@public
class TightClient(_BaseClient[httpx.Client]):
    """The Tight customers API client (sync). One connection pool, reused across requests.

    Credentials: `token=` (a bearer token), or `client_id=`/`client_secret=` (optionally
    `user_id=` and `scope=` "read"/"write"): the client then obtains a token on first use,
    renews it shortly before it expires, and once more (replaying the call once) when the API
    answers 401 EXPIRED_TOKEN. Given none, the client reads `TIGHT_API_TOKEN`, or
    `TIGHT_CLIENT_ID`/`TIGHT_CLIENT_SECRET`/`TIGHT_USER_ID`; explicit arguments win, and
    `TIGHT_BASE_URL` applies whenever `base_url` is not given.

    Options:
        base_url: the API root (default https://sandbox.tight.com), without query, fragment or
            user info. Plain `http://` is refused unless the host is `localhost` or a loopback
            IP literal (127.0.0.0/8, ::1), or `allow_insecure_http` is set.
        timeout: seconds (float) or an `httpx.Timeout`; default connect 5 s, read 30 s. With
            your own `http_client` and no `timeout`, that client's timeouts apply.
        max_retries: retries after a failed attempt (default 2; 0 disables). Retried: HTTP 408,
            429, 500, 502, 503, 504, connection errors, timeouts, and a 2xx body that is not
            JSON (cut short). Never retried: 400, 401, 403, 404 and other statuses.
        initial_retry_delay, max_retry_delay: exponential backoff with full jitter, starting at
            0.5 s and capped at 8 s (the wait before retry n is uniform in [0, min(cap,
            initial * 2^(n-1)))).
        retry_after_cap: a server's `Retry-After` (seconds or HTTP date) is waited out but never
            longer than this (default 60 s).
        rate_limit: `(requests, seconds)` to stay under, shared by every thread using this
            client (default `(1000, 300.0)`, the API's documented limit per token); None turns
            pacing off.
        allow_insecure_http: allow `http://` to a non-loopback host (default False).
        max_response_bytes: the most bytes a response body may have once decompressed (default
            64 MiB; None: no limit). Enforced while reading, so a compression bomb or an endless
            body stops early with `ResponseTooLargeError`.
        attempt_deadline: seconds one attempt may take in all, from sending the request to the
            body's last byte (default: the connect plus the read timeout, 35 s by default; a
            slow drip then ends with `APITimeoutError`, retried like any timeout).
        http_client: your own `httpx.Client` (proxies, certificates, transports); the SDK does
            not close a client it did not create. TLS certificates are verified by default.

    Every API method also takes `timeout=`, `max_retries=` and `extra_headers=` for one call;
    `with_options(...)` gives a client with other defaults over the same pool.

    Example:
        >>> with TightClient(token=sb.token, base_url=sb.url, max_retries=5) as client:
        ...     print(client.customers.query(limit=1, timeout=5).data[0].id == first_id)
        True
    """

    _http_class = httpx.Client
    customers: Customers
    """Query and get customers; see `Customers`."""

    def _connect(self, core: Core, http: httpx.Client, auth_lock: Any) -> None:
        self._driver = SyncDriver(core, http, auth_lock)
        self.customers = Customers(self._driver)

    def _auth_lock(self) -> threading.Lock:
        return self._driver.auth_lock

    def close(self) -> None:
        """Cancel any page request running ahead; close the connection pool (unless it was
        passed in by the caller, or this client was derived with `with_options`).

        Example:
            >>> TightClient(token=sb.token, base_url=sb.url).close()
        """
        cancel_all(self._http)
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


@public
class AsyncTightClient(_BaseClient[httpx.AsyncClient]):
    """The async twin of `TightClient`: the same arguments, `await` and `async for`.

    Every option means what it does for `TightClient`; `rate_limit` is shared by every task
    using this client, and concurrent tasks that meet an expired token share one renewal.

    Example:
        >>> async with AsyncTightClient(token="tkn_...") as client:  # doctest: +SKIP
        ...     page = await client.customers.query(limit=10)
        ...     async for customer in client.customers.iterate(max_items=50):
        ...         print(customer.name)
    """

    _http_class = httpx.AsyncClient
    customers: AsyncCustomers
    """Query and get customers; see `AsyncCustomers`."""

    def _connect(self, core: Core, http: httpx.AsyncClient, auth_lock: Any) -> None:
        self._driver = AsyncDriver(core, http, auth_lock)
        self.customers = AsyncCustomers(self._driver)

    def _auth_lock(self) -> anyio.Lock:
        return self._driver.auth_lock

    async def aclose(self) -> None:
        """Cancel any page request running ahead; close the connection pool (unless it was
        passed in by the caller, or this client was derived with `with_options`).

        Example:
            >>> await client.aclose()  # doctest: +SKIP
        """
        await acancel_all(self._http)
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
