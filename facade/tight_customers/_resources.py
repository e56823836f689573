"""`client.customers`: query, get, and walking pages (sync and async twins), and their
`with_raw_response` twins returning `RawResponse`."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Iterator
from contextlib import aclosing
from typing import Unpack

import attrs

from tight_customers._adapter import Customer, ParsedPage
from tight_customers._constants import WALK_PAGE_SIZE
from tight_customers._core import QuerySpec, check_cursor, page_size_fallback
from tight_customers._drivers import AsyncDriver, SyncDriver
from tight_customers._exceptions import BadRequestError
from tight_customers._filters import FilterLike
from tight_customers._options import RequestOptions, RequestOverrides
from tight_customers._pagination import AsyncPage, Page, atake_items, check_max_items, take_items
from tight_customers._prefetch import apipelined, pipelined
from tight_customers._response import RawResponse
from tight_customers._sort import SortLike

__all__ = [
    "AsyncCustomers",
    "AsyncCustomersWithRawResponse",
    "Customers",
    "CustomersWithRawResponse",
]


@attrs.frozen
class _Query:
    """What every page request of one query re-sends: the query and the request options.

    A `walk` (iterate, pages) goes on at the server's default page size when the server refuses
    its `limit`; a single `query()` raises instead, since the caller asked for that limit.
    """

    spec: QuerySpec
    options: RequestOptions
    walk: bool = False

    @classmethod
    def one_page(
        cls,
        filter: FilterLike | None,
        sort: SortLike | None,
        limit: int | None,
        overrides: RequestOverrides,
    ) -> _Query:
        return cls(QuerySpec.build(filter, sort, limit), RequestOptions.build(overrides))

    @classmethod
    def walk_of(
        cls,
        filter: FilterLike | None,
        sort: SortLike | None,
        page_size: int,
        max_items: int | None,
        overrides: RequestOverrides,
    ) -> _Query:
        spec = QuerySpec.build(filter, sort, page_size, limit_name="page_size")
        if max_items is not None and spec.limit is not None and 0 < max_items < spec.limit:
            # No point fetching more than will be yielded; the limit stays the same on every page.
            spec = QuerySpec(spec.filter, spec.sort, max_items)
        return cls(spec, RequestOptions.build(overrides), walk=True)

    def fallback(self, error: BadRequestError) -> _Query | None:
        """This query at the server's default page size, when `error` refused a walk's limit."""
        smaller = page_size_fallback(self.spec, error) if self.walk else None
        return None if smaller is None else attrs.evolve(self, spec=smaller)


def _smaller(query: _Query, error: Exception) -> _Query:
    """`query` at the server's default page size when `error` refused a walk's limit; else
    raises `error`."""
    smaller = query.fallback(error) if isinstance(error, BadRequestError) else None
    if smaller is None:
        raise error
    return smaller


class _Asked:
    """The query a walk asks its next pages with (at the server's default page size once the
    server refused the walk's)."""

    __slots__ = ("query",)

    def __init__(self, query: _Query) -> None:
        self.query = query


class Customers:
    """The customers of the authenticated user (`client.customers`).

    Every method also takes, for that call only, `timeout=` (seconds or an `httpx.Timeout`),
    `max_retries=` and `extra_headers=` (which may not set `Authorization`).

    Example:
        >>> client.customers.get(customer_id).id == customer_id
        True
    """

    def __init__(self, driver: SyncDriver) -> None:
        self._driver = driver
        self.with_raw_response = CustomersWithRawResponse(self)
        """The same methods, returning the HTTP response (`RawResponse`) too."""

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} of {self._driver.core.base_url}: query, get, iterate, pages>"
        )

    def query(
        self,
        *,
        filter: FilterLike | None = None,
        sort: SortLike | None = None,
        limit: int | None = None,
        cursor: str | None = None,
        **options: Unpack[RequestOverrides],
    ) -> Page[Customer]:
        """One page of customers matching `filter`, in `sort` order.

        `limit` is the page size (a positive int; None means the API's default of 100; the
        server refuses sizes above its maximum). `cursor` is a page's `after`/`before`; send it
        with the same filter and sort it was issued for. Iterating the returned page walks the
        following pages too.

        Example:
            >>> page = client.customers.query(
            ...     filter=F.name.contains("a") & F.status.in_(["ACTIVE"]),
            ...     sort=Sort("NAME", "DESC"), limit=5, timeout=10, max_retries=1)
            >>> len(page.data), page.has_next
            (5, True)
        """
        query = _Query.one_page(filter, sort, limit, options)
        return self._page(query, check_cursor(cursor)).parse()

    def get(self, customer_id: str, **options: Unpack[RequestOverrides]) -> Customer:
        """The customer with this id; `NotFoundError` when there is none.

        Example:
            >>> client.customers.get(customer_id, extra_headers={"X-Trace": "1"}).id == customer_id
            True
        """
        return self._get(customer_id, RequestOptions.build(options)).parse()

    def pages(
        self,
        *,
        filter: FilterLike | None = None,
        sort: SortLike | None = None,
        page_size: int = WALK_PAGE_SIZE,
        cursor: str | None = None,
        **options: Unpack[RequestOverrides],
    ) -> Iterator[Page[Customer]]:
        """Every page of a query, lazily, starting at `cursor` (None: the first page).

        Pages hold `page_size` customers (default 1000); if the server refuses that size, the
        walk goes on at its default page size (logged at INFO).

        Example:
            >>> sizes = [len(page.data) for page in client.customers.pages(page_size=300)]
            >>> sizes[0], sum(sizes) == sb.customer_count()
            (300, True)
        """
        query = _Query.walk_of(filter, sort, page_size, None, options)
        return self._pages(query, check_cursor(cursor))

    def iterate(
        self,
        *,
        filter: FilterLike | None = None,
        sort: SortLike | None = None,
        page_size: int = WALK_PAGE_SIZE,
        cursor: str | None = None,
        max_items: int | None = None,
        **options: Unpack[RequestOverrides],
    ) -> Iterator[Customer]:
        """Every matching customer across pages, lazily (one page in memory at a time).

        Stops after `max_items` customers when given; starts at `cursor` when given; pages
        as `pages()` does.

        Example:
            >>> active = list(client.customers.iterate(filter=F.status == "ACTIVE", max_items=3))
            >>> len(active), all(c.status == "ACTIVE" for c in active)
            (3, True)
        """
        max_items = check_max_items(max_items)
        query = _Query.walk_of(filter, sort, page_size, max_items, options)
        return take_items(self._pages(query, check_cursor(cursor), max_items), max_items)

    # ------------------------------------------------------------------ internals

    def _get(self, customer_id: str, options: RequestOptions) -> RawResponse[Customer]:
        answer = self._driver.run(self._driver.core.get_customer(customer_id, options))
        return RawResponse(answer.response, answer.value)

    def _page(self, query: _Query, cursor: str | None) -> RawResponse[Page[Customer]]:
        core = self._driver.core
        answer = self._driver.run(core.query_customers(query.spec, cursor, query.options))
        return RawResponse(answer.response, self._page_of(query, answer.value, cursor))

    def _page_of(self, query: _Query, parsed: ParsedPage, cursor: str | None) -> Page[Customer]:
        return Page(
            parsed.customers,
            parsed.after,
            parsed.before,
            cursor=cursor,
            fetch=lambda c: self._next_page(query, c),
            walk=lambda first: self._walk(query, first.cursor, first=first),
        )

    def _next_page(self, query: _Query, cursor: str | None) -> Page[Customer]:
        try:
            return self._page(query, cursor).parse()
        except BadRequestError as exc:
            return self._page(_smaller(query, exc), cursor).parse()

    def _pages(
        self, query: _Query, cursor: str | None, max_items: int | None = None
    ) -> Iterator[Page[Customer]]:
        return self._walk(query, cursor, max_items=max_items)

    def _walk(
        self,
        query: _Query,
        cursor: str | None,
        *,
        max_items: int | None = None,
        first: Page[Customer] | None = None,
    ) -> Iterator[Page[Customer]]:
        """The pages from `cursor` on (`first` is the page there, when already fetched), each
        next request in flight while a page is built and consumed."""
        asked = _Asked(query)
        core = self._driver.core

        def fallback(error: Exception, at: str | None) -> Page[Customer]:
            asked.query = _smaller(asked.query, error)
            return self._page(asked.query, at).parse()

        return pipelined(
            self._driver,
            lambda c: core.query_customers(asked.query.spec, c, asked.query.options),
            lambda answer, c: self._page_of(asked.query, answer.value, c),
            cursor,
            max_items,
            query.spec.limit,
            recover=fallback,
            first=first,
        )


class CustomersWithRawResponse:
    """`client.customers.with_raw_response`: `query` and `get` returning a `RawResponse`
    (`.status_code`, `.headers`, `.http_response`, `.request_id`, `.parse()`).

    Example:
        >>> raw = client.customers.with_raw_response.query(limit=2)
        >>> raw.status_code, len(raw.parse().data)
        (200, 2)
    """

    def __init__(self, customers: Customers) -> None:
        self._customers = customers

    def query(
        self,
        *,
        filter: FilterLike | None = None,
        sort: SortLike | None = None,
        limit: int | None = None,
        cursor: str | None = None,
        **options: Unpack[RequestOverrides],
    ) -> RawResponse[Page[Customer]]:
        """`Customers.query`, returning the raw response; `.parse()` gives the `Page`.

        Example:
            >>> client.customers.with_raw_response.query(limit=1).parse().has_next
            True
        """
        query = _Query.one_page(filter, sort, limit, options)
        return self._customers._page(query, check_cursor(cursor))

    def get(self, customer_id: str, **options: Unpack[RequestOverrides]) -> RawResponse[Customer]:
        """`Customers.get`, returning the raw response; `.parse()` gives the `Customer`.

        Example:
            >>> client.customers.with_raw_response.get(customer_id).status_code
            200
        """
        return self._customers._get(customer_id, RequestOptions.build(options))


class AsyncCustomers:
    """The async twin of `Customers` (`async_client.customers`).

    Example:
        >>> customer = await client.customers.get("cus_1")  # doctest: +SKIP
    """

    def __init__(self, driver: AsyncDriver) -> None:
        self._driver = driver
        self.with_raw_response = AsyncCustomersWithRawResponse(self)
        """The same methods, returning the HTTP response (`RawResponse`) too."""

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} of {self._driver.core.base_url}: query, get, iterate, pages>"
        )

    async def query(
        self,
        *,
        filter: FilterLike | None = None,
        sort: SortLike | None = None,
        limit: int | None = None,
        cursor: str | None = None,
        **options: Unpack[RequestOverrides],
    ) -> AsyncPage[Customer]:
        """One page of customers; see `Customers.query`.

        Example:
            >>> page = await client.customers.query(filter=F.status == "ACTIVE")  # doctest: +SKIP
        """
        query = _Query.one_page(filter, sort, limit, options)
        return (await self._page(query, check_cursor(cursor))).parse()

    async def get(self, customer_id: str, **options: Unpack[RequestOverrides]) -> Customer:
        """The customer with this id; see `Customers.get`.

        Example:
            >>> customer = await client.customers.get("cus_28868401")  # doctest: +SKIP
        """
        return (await self._get(customer_id, RequestOptions.build(options))).parse()

    def pages(
        self,
        *,
        filter: FilterLike | None = None,
        sort: SortLike | None = None,
        page_size: int = WALK_PAGE_SIZE,
        cursor: str | None = None,
        **options: Unpack[RequestOverrides],
    ) -> AsyncIterator[AsyncPage[Customer]]:
        """Every page of a query, lazily; see `Customers.pages`.

        Example:
            >>> async for page in client.customers.pages():  # doctest: +SKIP
            ...     print(len(page.data))
        """
        query = _Query.walk_of(filter, sort, page_size, None, options)
        return self._pages(query, check_cursor(cursor))

    def iterate(
        self,
        *,
        filter: FilterLike | None = None,
        sort: SortLike | None = None,
        page_size: int = WALK_PAGE_SIZE,
        cursor: str | None = None,
        max_items: int | None = None,
        **options: Unpack[RequestOverrides],
    ) -> AsyncIterator[Customer]:
        """Every matching customer across pages, lazily; see `Customers.iterate`.

        Example:
            >>> async for customer in client.customers.iterate(max_items=10):  # doctest: +SKIP
            ...     print(customer.name)
        """
        max_items = check_max_items(max_items)
        query = _Query.walk_of(filter, sort, page_size, max_items, options)
        return self._items(query, check_cursor(cursor), max_items)

    # ------------------------------------------------------------------ internals

    async def _get(self, customer_id: str, options: RequestOptions) -> RawResponse[Customer]:
        answer = await self._driver.run(self._driver.core.get_customer(customer_id, options))
        return RawResponse(answer.response, answer.value)

    async def _page(self, query: _Query, cursor: str | None) -> RawResponse[AsyncPage[Customer]]:
        core = self._driver.core
        answer = await self._driver.run(core.query_customers(query.spec, cursor, query.options))
        return RawResponse(answer.response, self._page_of(query, answer.value, cursor))

    def _page_of(
        self, query: _Query, parsed: ParsedPage, cursor: str | None
    ) -> AsyncPage[Customer]:
        return AsyncPage(
            parsed.customers,
            parsed.after,
            parsed.before,
            cursor=cursor,
            fetch=lambda c: self._next_page(query, c),
            walk=lambda first: self._walk(query, first.cursor, first=first),
        )

    async def _next_page(self, query: _Query, cursor: str | None) -> AsyncPage[Customer]:
        try:
            return (await self._page(query, cursor)).parse()
        except BadRequestError as exc:
            return (await self._page(_smaller(query, exc), cursor)).parse()

    def _pages(
        self, query: _Query, cursor: str | None, max_items: int | None = None
    ) -> AsyncGenerator[AsyncPage[Customer], None]:
        return self._walk(query, cursor, max_items=max_items)

    def _walk(
        self,
        query: _Query,
        cursor: str | None,
        *,
        max_items: int | None = None,
        first: AsyncPage[Customer] | None = None,
    ) -> AsyncGenerator[AsyncPage[Customer], None]:
        """The async twin of `Customers._walk`: the request ahead is a task."""
        asked = _Asked(query)
        core = self._driver.core

        async def fallback(error: Exception, at: str | None) -> AsyncPage[Customer]:
            asked.query = _smaller(asked.query, error)
            return (await self._page(asked.query, at)).parse()

        return apipelined(
            self._driver,
            lambda c: core.query_customers(asked.query.spec, c, asked.query.options),
            lambda answer, c: self._page_of(asked.query, answer.value, c),
            cursor,
            max_items,
            query.spec.limit,
            recover=fallback,
            first=first,
        )

    async def _items(
        self, query: _Query, cursor: str | None, max_items: int | None
    ) -> AsyncIterator[Customer]:
        async with aclosing(self._pages(query, cursor, max_items)) as pages:
            async for customer in atake_items(pages, max_items):
                yield customer


class AsyncCustomersWithRawResponse:
    """The async twin of `CustomersWithRawResponse` (`await` its methods).

    Example:
        >>> raw = await client.customers.with_raw_response.get("cus_1")  # doctest: +SKIP
    """

    def __init__(self, customers: AsyncCustomers) -> None:
        self._customers = customers

    async def query(
        self,
        *,
        filter: FilterLike | None = None,
        sort: SortLike | None = None,
        limit: int | None = None,
        cursor: str | None = None,
        **options: Unpack[RequestOverrides],
    ) -> RawResponse[AsyncPage[Customer]]:
        """`AsyncCustomers.query`, returning the raw response; see `CustomersWithRawResponse`.

        Example:
            >>> raw = await client.customers.with_raw_response.query()  # doctest: +SKIP
        """
        query = _Query.one_page(filter, sort, limit, options)
        return await self._customers._page(query, check_cursor(cursor))

    async def get(
        self, customer_id: str, **options: Unpack[RequestOverrides]
    ) -> RawResponse[Customer]:
        """`AsyncCustomers.get`, returning the raw response; see `CustomersWithRawResponse`.

        Example:
            >>> raw = await client.customers.with_raw_response.get("cus_1")  # doctest: +SKIP
        """
        return await self._customers._get(customer_id, RequestOptions.build(options))
