"""`TightClient` and `AsyncTightClient`: configuration, the HTTP connection pool, resources."""

from __future__ import annotations

import os
from collections.abc import Mapping
from types import TracebackType
from typing import Self

import httpx

from tight_customers._auth import Auth, ClientCredentials, StaticToken
from tight_customers._constants import (
    CONNECT_TIMEOUT,
    DEFAULT_BASE_URL,
    ENV_BASE_URL,
    ENV_CLIENT_ID,
    ENV_CLIENT_SECRET,
    ENV_TOKEN,
    ENV_USER_ID,
    READ_TIMEOUT,
)
from tight_customers._core import Core
from tight_customers._drivers import AsyncDriver, SyncDriver
from tight_customers._resources import AsyncCustomers, Customers

__all__ = ["AsyncTightClient", "TightClient"]

TimeoutLike = float | httpx.Timeout | None


def default_timeout() -> httpx.Timeout:
    """Connect 5 s; read, write and pool 30 s."""
    return httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT)


def _base_url(value: object) -> str:
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
    return value.rstrip("/")


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
    """What both clients share: base URL, credentials, timeout, the sans-I/O core."""

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
        custom_http: bool,
    ) -> None:
        self.base_url = _base_url(base_url)
        self.auth = _auth(token, client_id, client_secret, user_id, scope)
        self.core = Core(self.base_url, self.auth)
        if timeout is not None:
            self.request_timeout: httpx.Timeout | None = (
                timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
            )
        else:
            # A caller's own httpx client keeps its own timeouts; ours gets the defaults.
            self.request_timeout = None if custom_http else default_timeout()

    def describe(self, cls: str) -> str:
        return f"{cls}(base_url={self.base_url!r}, auth={self.auth.kind!r})"


class TightClient:
    """The Tight customers API client (sync). One connection pool, reused across requests.

    Authenticate with `token=` (a bearer token), or `client_id=`/`client_secret=` (optionally
    `user_id=` and `scope=` "read"/"write"): the client then obtains a token on first use and
    renews it shortly before it expires. Pass `http_client=` to bring your own `httpx.Client`
    (proxies, custom transports); the SDK does not close a client it did not create.

    Example:
        >>> with TightClient(token="tkn_...") as client:  # doctest: +SKIP
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
            custom_http=http_client is not None,
        )
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.Client()
        self._driver = SyncDriver(self._config.core, self._http, self._config.request_timeout)
        self.customers = Customers(self._driver)
        """Query and get customers; see `Customers`."""

    @classmethod
    def from_env(
        cls, *, timeout: TimeoutLike = None, http_client: httpx.Client | None = None
    ) -> Self:
        """A client configured from the environment.

        Reads `TIGHT_API_TOKEN`, or `TIGHT_CLIENT_ID`/`TIGHT_CLIENT_SECRET` (and optionally
        `TIGHT_USER_ID`), and `TIGHT_BASE_URL` (default https://sandbox.tight.com). Raises
        `ValueError` naming the variables when no credentials are set.

        Example:
            >>> client = TightClient.from_env()  # doctest: +SKIP
        """
        return cls(**_from_env(os.environ), timeout=timeout, http_client=http_client)

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
            custom_http=http_client is not None,
        )
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.AsyncClient()
        self._driver = AsyncDriver(self._config.core, self._http, self._config.request_timeout)
        self.customers = AsyncCustomers(self._driver)
        """Query and get customers; see `AsyncCustomers`."""

    @classmethod
    def from_env(
        cls, *, timeout: TimeoutLike = None, http_client: httpx.AsyncClient | None = None
    ) -> Self:
        """A client configured from the environment; see `TightClient.from_env`.

        Example:
            >>> client = AsyncTightClient.from_env()  # doctest: +SKIP
        """
        return cls(**_from_env(os.environ), timeout=timeout, http_client=http_client)

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
