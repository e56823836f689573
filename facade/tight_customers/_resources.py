"""`client.customers`: query, get, and walking pages (sync and async twins)."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Iterator
from contextlib import aclosing

from tight_customers._adapter import Customer
from tight_customers._constants import DEFAULT_PAGE_SIZE
from tight_customers._core import QuerySpec, check_cursor
from tight_customers._drivers import AsyncDriver, SyncDriver
from tight_customers._filters import FilterLike
from tight_customers._pagination import AsyncPage, CursorWalk, Page, check_max_items
from tight_customers._sort import SortLike

__all__ = ["AsyncCustomers", "Customers"]


def _walk_spec(
    filter: FilterLike | None,
    sort: SortLike | None,
    page_size: int,
    cursor: str | None,
    max_items: int | None = None,
) -> tuple[QuerySpec, str | None, int | None]:
    max_items = check_max_items(max_items)
    spec = QuerySpec.build(filter, sort, page_size, limit_name="page_size")
    if max_items is not None and spec.limit is not None and 0 < max_items < spec.limit:
        # No point fetching more than will be yielded; the limit stays the same on every page.
        spec = QuerySpec(spec.filter, spec.sort, max_items)
    return spec, check_cursor(cursor), max_items


class Customers:
    """The customers of the authenticated user (`client.customers`).

    Example:
        >>> client.customers.get("cus_1").name  # doctest: +SKIP
        'Acme Corp'
    """

    def __init__(self, driver: SyncDriver) -> None:
        self._driver = driver

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
    ) -> Page[Customer]:
        """One page of customers matching `filter`, in `sort` order.

        `limit` is the page size (1-1000; None means the API's default of 100). `cursor` is a
        page's `after`/`before`; send it with the same filter and sort it was issued for.

        Example:
            >>> page = client.customers.query(  # doctest: +SKIP
            ...     filter=F.name.contains("acme") & F.status.in_(["ACTIVE"]),
            ...     sort=Sort("NAME", "DESC"), limit=50)
            >>> page.data, page.has_next  # doctest: +SKIP
        """
        return self._fetch(QuerySpec.build(filter, sort, limit), check_cursor(cursor))

    def get(self, customer_id: str) -> Customer:
        """The customer with this id; `NotFoundError` when there is none.

        Example:
            >>> client.customers.get("cus_28868401").email  # doctest: +SKIP
            'billing@acme.com'
        """
        return self._driver.run(self._driver.core.get_customer(customer_id))

    def pages(
        self,
        *,
        filter: FilterLike | None = None,
        sort: SortLike | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        cursor: str | None = None,
    ) -> Iterator[Page[Customer]]:
        """Every page of a query, lazily, starting at `cursor` (None: the first page).

        Example:
            >>> for page in client.customers.pages(page_size=500):  # doctest: +SKIP
            ...     print(len(page.data), page.after)
        """
        spec, start, _ = _walk_spec(filter, sort, page_size, cursor)
        return self._walk(spec, start)

    def iterate(
        self,
        *,
        filter: FilterLike | None = None,
        sort: SortLike | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        cursor: str | None = None,
        max_items: int | None = None,
    ) -> Iterator[Customer]:
        """Every matching customer across pages, lazily (one page in memory at a time).

        Stops after `max_items` customers when given; starts at `cursor` when given.

        Example:
            >>> for customer in client.customers.iterate(max_items=10):  # doctest: +SKIP
            ...     print(customer.id, customer.name)
        """
        spec, start, max_items = _walk_spec(filter, sort, page_size, cursor, max_items)
        return self._items(spec, start, max_items)

    # ------------------------------------------------------------------ internals

    def _fetch(self, spec: QuerySpec, cursor: str | None) -> Page[Customer]:
        parsed = self._driver.run(self._driver.core.query_customers(spec, cursor))
        return Page(
            parsed.customers,
            parsed.after,
            parsed.before,
            cursor=cursor,
            fetch=lambda c: self._fetch(spec, c),
        )

    def _walk(self, spec: QuerySpec, cursor: str | None) -> Iterator[Page[Customer]]:
        walk = CursorWalk(cursor)
        while True:
            page = self._fetch(spec, cursor)
            yield page
            cursor = walk.advance(page)
            if cursor is None:
                return

    def _items(
        self, spec: QuerySpec, cursor: str | None, max_items: int | None
    ) -> Iterator[Customer]:
        if max_items == 0:
            return
        count = 0
        for page in self._walk(spec, cursor):
            for customer in page.data:
                yield customer
                count += 1
                if count == max_items:
                    return


class AsyncCustomers:
    """The async twin of `Customers` (`async_client.customers`).

    Example:
        >>> customer = await client.customers.get("cus_1")  # doctest: +SKIP
    """

    def __init__(self, driver: AsyncDriver) -> None:
        self._driver = driver

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
    ) -> AsyncPage[Customer]:
        """One page of customers; see `Customers.query`.

        Example:
            >>> page = await client.customers.query(filter=F.status == "ACTIVE")  # doctest: +SKIP
        """
        return await self._fetch(QuerySpec.build(filter, sort, limit), check_cursor(cursor))

    async def get(self, customer_id: str) -> Customer:
        """The customer with this id; see `Customers.get`.

        Example:
            >>> customer = await client.customers.get("cus_28868401")  # doctest: +SKIP
        """
        return await self._driver.run(self._driver.core.get_customer(customer_id))

    def pages(
        self,
        *,
        filter: FilterLike | None = None,
        sort: SortLike | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        cursor: str | None = None,
    ) -> AsyncIterator[AsyncPage[Customer]]:
        """Every page of a query, lazily; see `Customers.pages`.

        Example:
            >>> async for page in client.customers.pages():  # doctest: +SKIP
            ...     print(len(page.data))
        """
        spec, start, _ = _walk_spec(filter, sort, page_size, cursor)
        return self._walk(spec, start)

    def iterate(
        self,
        *,
        filter: FilterLike | None = None,
        sort: SortLike | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        cursor: str | None = None,
        max_items: int | None = None,
    ) -> AsyncIterator[Customer]:
        """Every matching customer across pages, lazily; see `Customers.iterate`.

        Example:
            >>> async for customer in client.customers.iterate(max_items=10):  # doctest: +SKIP
            ...     print(customer.name)
        """
        spec, start, max_items = _walk_spec(filter, sort, page_size, cursor, max_items)
        return self._items(spec, start, max_items)

    # ------------------------------------------------------------------ internals

    async def _fetch(self, spec: QuerySpec, cursor: str | None) -> AsyncPage[Customer]:
        parsed = await self._driver.run(self._driver.core.query_customers(spec, cursor))
        return AsyncPage(
            parsed.customers,
            parsed.after,
            parsed.before,
            cursor=cursor,
            fetch=lambda c: self._fetch(spec, c),
        )

    async def _walk(
        self, spec: QuerySpec, cursor: str | None
    ) -> AsyncGenerator[AsyncPage[Customer], None]:
        walk = CursorWalk(cursor)
        while True:
            page = await self._fetch(spec, cursor)
            yield page
            cursor = walk.advance(page)
            if cursor is None:
                return

    async def _items(
        self, spec: QuerySpec, cursor: str | None, max_items: int | None
    ) -> AsyncIterator[Customer]:
        if max_items == 0:
            return
        count = 0
        async with aclosing(self._walk(spec, cursor)) as pages:
            async for page in pages:
                for customer in page.data:
                    yield customer
                    count += 1
                    if count == max_items:
                        return
