"""Pages of customers, sync and async, and the cursor bookkeeping they share.

A page knows how to fetch its neighbours (a callable bound to its query) but holds no reference
to other pages, so walking any number of pages keeps one page in memory at a time.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, Generic, TypeVar

from tight_customers._exceptions import PaginationError

__all__ = ["AsyncPage", "CursorWalk", "Page"]

T = TypeVar("T")


class _PageBase(Generic[T]):
    __slots__ = ("__weakref__", "after", "before", "cursor", "data")

    def __init__(self, data: list[T], after: str | None, before: str | None, cursor: str | None):
        self.data = data
        self.after = after
        self.before = before
        self.cursor = cursor

    @property
    def has_next(self) -> bool:
        """True when there is a page after this one (`after` is set)."""
        return self.after is not None

    @property
    def has_previous(self) -> bool:
        """True when there is a page before this one (`before` is set)."""
        return self.before is not None

    def __len__(self) -> int:
        return len(self.data)

    def __iter__(self) -> Iterator[T]:
        """The items of this page only (use `customers.iterate()` to walk every page)."""
        return iter(self.data)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(items={len(self.data)}, has_next={self.has_next}, "
            f"has_previous={self.has_previous})"
        )


class Page(_PageBase[T]):
    """One page of a query: `.data`, the cursors `.after`/`.before`, and its neighbours.

    `next()`/`previous()` re-send the page's full query (filter, sort, limit) with the cursor and
    return the neighbouring page, or None at either end. `cursor` is the cursor this page was
    fetched with (None for the first page); save `page.after` to resume later.

    Example:
        >>> page = client.customers.query(filter=F.status == "ACTIVE", limit=2)  # doctest: +SKIP
        >>> [c.name for c in page.data]  # doctest: +SKIP
        ['Acme Corp', 'Beta LLC']
        >>> page.next().has_previous  # doctest: +SKIP
        True
    """

    __slots__ = ("_fetch",)

    def __init__(
        self,
        data: list[T],
        after: str | None,
        before: str | None,
        *,
        cursor: str | None = None,
        fetch: Callable[[str], Page[T]],
    ) -> None:
        super().__init__(data, after, before, cursor)
        self._fetch = fetch

    def next(self) -> Page[T] | None:
        """The next page, or None on the last page."""
        return None if self.after is None else self._fetch(self.after)

    def previous(self) -> Page[T] | None:
        """The previous page, or None on the first page."""
        return None if self.before is None else self._fetch(self.before)


class AsyncPage(_PageBase[T]):
    """The async twin of `Page`: `await page.next()` / `await page.previous()`.

    Example:
        >>> page = await client.customers.query(limit=2)  # doctest: +SKIP
        >>> nxt = await page.next()  # doctest: +SKIP
    """

    __slots__ = ("_fetch",)

    def __init__(
        self,
        data: list[T],
        after: str | None,
        before: str | None,
        *,
        cursor: str | None = None,
        fetch: Callable[[str], Awaitable[AsyncPage[T]]],
    ) -> None:
        super().__init__(data, after, before, cursor)
        self._fetch = fetch

    async def next(self) -> AsyncPage[T] | None:
        """The next page, or None on the last page."""
        return None if self.after is None else await self._fetch(self.after)

    async def previous(self) -> AsyncPage[T] | None:
        """The previous page, or None on the first page."""
        return None if self.before is None else await self._fetch(self.before)


class CursorWalk:
    """Forward-walk bookkeeping shared by the sync and async walkers.

    `advance(page)` gives the cursor of the next request, or None when the walk is over; it
    raises `PaginationError` when the server hands back a cursor already used (which would loop
    forever). Pages already yielded stay yielded. Only the last `memory` cursors are kept, so
    the walk stays constant-size however many pages it visits.
    """

    __slots__ = ("_order", "_seen")

    def __init__(self, start: str | None, memory: int = 1024) -> None:
        self._order: deque[str] = deque(maxlen=memory)
        self._seen: set[str] = set()
        if start is not None:
            self._remember(start)

    def _remember(self, cursor: str) -> None:
        if len(self._order) == self._order.maxlen:
            self._seen.discard(self._order[0])
        self._order.append(cursor)
        self._seen.add(cursor)

    def advance(self, page: _PageBase[Any]) -> str | None:
        after = page.after
        if after is None:
            return None
        if after == page.cursor:
            raise PaginationError(
                "the server returned the same cursor it was given; stopping to avoid a loop"
            )
        if after in self._seen:
            raise PaginationError(
                "the server returned a cursor already used in this walk; stopping to avoid a loop"
            )
        self._remember(after)
        return after


def check_max_items(max_items: object) -> int | None:
    """`max_items` if None or an int >= 0; a clear error otherwise."""
    if max_items is None:
        return None
    if isinstance(max_items, bool) or not isinstance(max_items, int):
        raise TypeError(f"max_items must be an int or None, got {max_items!r}")
    if max_items < 0:
        raise ValueError(f"max_items must be >= 0, got {max_items}")
    return max_items
