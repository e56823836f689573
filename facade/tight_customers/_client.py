"""`TightClient` and `AsyncTightClient`: configuration, the HTTP connection pool, resources."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from types import TracebackType
from typing import Self, TypedDict, Unpack

import httpx

from tight_customers._auth import Auth, ClientCredentials, StaticToken
from tight_customers._constants import (
    CONNECT_TIMEOUT,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    ENV_BASE_URL,
    ENV_CLIENT_ID,
    ENV_CLIENT_SECRET,
    ENV_TOKEN,
    ENV_USER_ID,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_DELAY,
    RATE_LIMIT_REQUESTS,
    RATE_LIMIT_WINDOW,
    READ_TIMEOUT,
    RETRY_AFTER_CAP,
)
from tight_customers._core import Core
from tight_customers._drivers import AsyncDriver, SyncDriver
from tight_customers._pacing import Pacer, check_rate_limit
from tight_customers._resources import AsyncCustomers, Customers
from tight_customers._retry import RetryPolicy, check_max_retries, check_seconds

__all__ = ["AsyncTightClient", "ClientOptions", "TightClient"]

TimeoutLike = float | httpx.Timeout | None
DEFAULT_RATE_LIMIT = (RATE_LIMIT_REQUESTS, RATE_LIMIT_WINDOW)


class ClientOptions(TypedDict, total=False):
    """The keyword options both clients and their `from_env()` accept besides credentials."""

    timeout: TimeoutLike
    max_retries: int
    initial_retry_delay: float
    max_retry_delay: float
    retry_after_cap: float
    rate_limit: tuple[int, float] | None
    allow_insecure_http: bool


def default_timeout() -> httpx.Timeout:
    """Connect 5 s; read, write and pool 30 s."""
    return httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT)


def _is_loopback(host: str) -> bool:
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _base_url(value: object, allow_insecure_http: bool = False) -> str:
    if value is None:
        return DEFAULT_BASE_URL
    if not isinstance(value, str):
        raise TypeError(f"base_url must be a string, got {type(value).__name__}")
    try:
        url = httpx.URL(value)
    except httpx.InvalidURL as exc:
        raise ValueError(f"base_url is not a valid URL: {value!r} ({exc})") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"base_url must be an http(s) URL with a host, got {value!r}")
    if url.scheme == "http" and not allow_insecure_http and not _is_loopback(url.host):
        raise ValueError(
            f"base_url {value!r} is plain http:// to a host that is not loopback: tokens and "
            "secrets would cross the network unencrypted. Use https://, or pass "
            "allow_insecure_http=True if you really mean it"
        )
    return value.rstrip("/")


def _flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return value


def _timeout(value: object) -> httpx.Timeout | None:
    if value is None or isinstance(value, httpx.Timeout):
        return value
    return httpx.Timeout(check_seconds("timeout", value, positive=True))


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
    if client_id is None and client_secret is None:
        raise ValueError(
            "no credentials: pass token= (a bearer token) or client_id= and client_secret=, "
            f"or use from_env() with {ENV_TOKEN} or {ENV_CLIENT_ID}/{ENV_CLIENT_SECRET} set"
        )
    if client_id is None or client_secret is None:
        missing = "client_id" if client_id is None else "client_secret"
        raise ValueError(
            f"client credentials need both client_id= and client_secret=; {missing}= is missing"
        )
    return ClientCredentials(client_id, client_secret, user_id=user_id, scope=scope)


def _from_env(environ: Mapping[str, str]) -> dict[str, str | None]:
    def get(name: str) -> str | None:
        value = environ.get(name, "").strip()
        return value or None

    base_url = get(ENV_BASE_URL)
    token = get(ENV_TOKEN)
    if token is not None:
        return {"token": token, "base_url": base_url}
    client_id, client_secret = get(ENV_CLIENT_ID), get(ENV_CLIENT_SECRET)
    if client_id is None or client_secret is None:
        missing = [
            n
            for n, v in ((ENV_CLIENT_ID, client_id), (ENV_CLIENT_SECRET, client_secret))
            if v is None
        ]
        raise ValueError(
            f"no Tight credentials in the environment: set {ENV_TOKEN}, or {ENV_CLIENT_ID} and "
            f"{ENV_CLIENT_SECRET} (optionally {ENV_USER_ID}); missing: {', '.join(missing)}"
        )
    return {
        "client_id": client_id,
        "client_secret": client_secret,
        "user_id": get(ENV_USER_ID),
        "base_url": base_url,
    }


class _ClientConfig:
    """What both clients share: base URL, credentials, timeout, policies, the sans-I/O core."""

    def __init__(
        self,
        *,
        token: str | None,
        client_id: str | None,
        client_secret: str | None,
        user_id: str | None,
        scope: str | None,
        base_url: str | None,
        timeout: TimeoutLike,
        max_retries: int,
        initial_retry_delay: float,
        max_retry_delay: float,
        retry_after_cap: float,
        rate_limit: tuple[int, float] | None,
        allow_insecure_http: bool,
        custom_http: bool,
    ) -> None:
        self.base_url = _base_url(base_url, _flag("allow_insecure_http", allow_insecure_http))
        self.auth = _auth(token, client_id, client_secret, user_id, scope)
        self.retry = RetryPolicy(
            max_retries=check_max_retries(max_retries),
            initial_delay=check_seconds("initial_retry_delay", initial_retry_delay),
            max_delay=check_seconds("max_retry_delay", max_retry_delay),
            retry_after_cap=check_seconds("retry_after_cap", retry_after_cap),
        )
        self.rate_limit = check_rate_limit(rate_limit)
        pacer = None if self.rate_limit is None else Pacer(*self.rate_limit)
        self.core = Core(self.base_url, self.auth, retry=self.retry, pacer=pacer)
        timeout = _timeout(timeout)
        if timeout is not None:
            self.request_timeout: httpx.Timeout | None = timeout
        else:
            # A caller's own httpx client keeps its own timeouts; ours gets the defaults.
            self.request_timeout = None if custom_http else default_timeout()

    def describe(self, cls: str) -> str:
        return (
            f"{cls}(base_url={self.base_url!r}, auth={self.auth.kind!r}, "
            f"max_retries={self.retry.max_retries}, rate_limit={self.rate_limit!r})"
        )


class TightClient:
    """The Tight customers API client (sync). One connection pool, reused across requests.

    Credentials: `token=` (a bearer token), or `client_id=`/`client_secret=` (optionally
    `user_id=` and `scope=` "read"/"write"): the client then obtains a token on first use,
    renews it shortly before it expires, and once more (replaying the call once) when the API
    answers 401 EXPIRED_TOKEN.

    Options:
        base_url: the API root (default https://sandbox.tight.com). Plain `http://` is refused
            unless the host is loopback (localhost, 127.0.0.1, ::1) or `allow_insecure_http`.
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
        http_client: your own `httpx.Client` (proxies, certificates, transports); the SDK does
            not close a client it did not create. TLS certificates are verified by default.

    Example:
        >>> with TightClient(token="tkn_...", max_retries=5) as client:  # doctest: +SKIP
        ...     for customer in client.customers.iterate(filter=F.status == "ACTIVE"):
        ...         print(customer.name)
    """

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
        http_client: httpx.Client | None = None,
    ) -> None:
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise TypeError("http_client must be an httpx.Client (use AsyncTightClient for async)")
        self._config = _ClientConfig(
            token=token,
            client_id=client_id,
            client_secret=client_secret,
            user_id=user_id,
            scope=scope,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            initial_retry_delay=initial_retry_delay,
            max_retry_delay=max_retry_delay,
            retry_after_cap=retry_after_cap,
            rate_limit=rate_limit,
            allow_insecure_http=allow_insecure_http,
            custom_http=http_client is not None,
        )
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.Client()
        self._driver = SyncDriver(self._config.core, self._http, self._config.request_timeout)
        self.customers = Customers(self._driver)
        """Query and get customers; see `Customers`."""

    @classmethod
    def from_env(
        cls, *, http_client: httpx.Client | None = None, **options: Unpack[ClientOptions]
    ) -> Self:
        """A client configured from the environment.

        Reads `TIGHT_API_TOKEN`, or `TIGHT_CLIENT_ID`/`TIGHT_CLIENT_SECRET` (and optionally
        `TIGHT_USER_ID`), and `TIGHT_BASE_URL` (default https://sandbox.tight.com). Raises
        `ValueError` naming the variables when no credentials are set. Every other option of
        the constructor (`timeout`, `max_retries`, `rate_limit`, ...) may be passed.

        Example:
            >>> client = TightClient.from_env(max_retries=4)  # doctest: +SKIP
        """
        return cls(**_from_env(os.environ), http_client=http_client, **options)

    @property
    def base_url(self) -> str:
        """The API's base URL, e.g. https://sandbox.tight.com."""
        return self._config.base_url

    def close(self) -> None:
        """Close the connection pool (unless it was passed in by the caller).

        Example:
            >>> client.close()  # doctest: +SKIP
        """
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

    def __repr__(self) -> str:
        return self._config.describe(type(self).__name__)


class AsyncTightClient:
    """The async twin of `TightClient`: the same arguments, `await` and `async for`.

    Every option means what it does for `TightClient`; `rate_limit` is shared by every task
    using this client, and concurrent tasks that meet an expired token share one renewal.

    Example:
        >>> async with AsyncTightClient(token="tkn_...") as client:  # doctest: +SKIP
        ...     page = await client.customers.query(limit=10)
        ...     async for customer in client.customers.iterate(max_items=50):
        ...         print(customer.name)
    """

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
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise TypeError("http_client must be an httpx.AsyncClient (use TightClient for sync)")
        self._config = _ClientConfig(
            token=token,
            client_id=client_id,
            client_secret=client_secret,
            user_id=user_id,
            scope=scope,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            initial_retry_delay=initial_retry_delay,
            max_retry_delay=max_retry_delay,
            retry_after_cap=retry_after_cap,
            rate_limit=rate_limit,
            allow_insecure_http=allow_insecure_http,
            custom_http=http_client is not None,
        )
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.AsyncClient()
        self._driver = AsyncDriver(self._config.core, self._http, self._config.request_timeout)
        self.customers = AsyncCustomers(self._driver)
        """Query and get customers; see `AsyncCustomers`."""

    @classmethod
    def from_env(
        cls, *, http_client: httpx.AsyncClient | None = None, **options: Unpack[ClientOptions]
    ) -> Self:
        """A client configured from the environment; see `TightClient.from_env`.

        Example:
            >>> client = AsyncTightClient.from_env(rate_limit=None)  # doctest: +SKIP
        """
        return cls(**_from_env(os.environ), http_client=http_client, **options)

    @property
    def base_url(self) -> str:
        """The API's base URL."""
        return self._config.base_url

    async def aclose(self) -> None:
        """Close the connection pool (unless it was passed in by the caller).

        Example:
            >>> await client.aclose()  # doctest: +SKIP
        """
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

    def __repr__(self) -> str:
        return self._config.describe(type(self).__name__)
