"""Pages of customers, sync and async, and the one page walk they share.

A page knows how to fetch its neighbours (a callable bound to its query) but holds no reference
to other pages, so walking any number of pages keeps one page in memory at a time. Iterating a
page walks it and every following page (`iter_pages`/`aiter_pages`, the only walk there is);
`page.data` is the page's own customers.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Iterator
from itertools import islice
from typing import Any, Generic, TypeVar

from tight_customers._constants import MAX_EMPTY_PAGES
from tight_customers._exceptions import PaginationError
from tight_customers._public import public

__all__ = [
    "AsyncPage",
    "CursorWalk",
    "Page",
    "aiter_pages",
    "atake_items",
    "check_max_items",
    "iter_pages",
    "take_items",
]

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

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(items={len(self.data)}, has_next={self.has_next}, "
            f"has_previous={self.has_previous})"
        )


@public
class Page(_PageBase[T]):
    """One page of a query: `.data`, the cursors `.after`/`.before`, and its neighbours.

    Iterating a page yields its customers and then those of every following page (fetched as
    the loop gets there); `page.data` is this page's own list (`len(page.data)`,
    `page.data[0]`); pages have no `len()` or indexing of their own, since their iteration
    goes past them. `iter_pages()` yields this page and every following one.
    `next()`/`previous()` re-send the page's full query (filter, sort, limit) with the cursor and
    return the neighbouring page, or None at either end. `cursor` is the cursor this page was
    fetched with (None for the first page); save `page.after` to resume later.

    Example:
        >>> page = client.customers.query(filter=F.status == "ACTIVE", limit=2)
        >>> len(page.data), page.has_next, page.next().has_previous
        (2, True, True)
        >>> every_active = list(page)  # this page and all that follow
        >>> len(every_active) > len(page.data)
        True
    """

    __slots__ = ("_fetch", "_walk")

    def __init__(
        self,
        data: list[T],
        after: str | None,
        before: str | None,
        *,
        cursor: str | None = None,
        fetch: Callable[[str], Page[T]],
        walk: Callable[[Page[T]], Iterator[Page[T]]] | None = None,
    ) -> None:
        super().__init__(data, after, before, cursor)
        self._fetch = fetch
        self._walk = walk

    def next(self) -> Page[T] | None:
        """The next page, or None on the last page."""
        return None if self.after is None else self._fetch(self.after)

    def previous(self) -> Page[T] | None:
        """The previous page, or None on the first page."""
        return None if self.before is None else self._fetch(self.before)

    def iter_pages(self) -> Iterator[Page[T]]:
        """This page, then every following page, fetched lazily."""
        return iter_pages(self)

    def __iter__(self) -> Iterator[T]:
        """The items of this page and of every following page."""
        return take_items(iter_pages(self), None)


@public
class AsyncPage(_PageBase[T]):
    """The async twin of `Page`: `await page.next()`, `async for customer in page`.

    Example:
        >>> page = await client.customers.query(limit=2)  # doctest: +SKIP
        >>> nxt = await page.next()  # doctest: +SKIP
        >>> async for customer in page: ...  # this page and all that follow  # doctest: +SKIP
    """

    __slots__ = ("_fetch", "_walk")

    def __init__(
        self,
        data: list[T],
        after: str | None,
        before: str | None,
        *,
        cursor: str | None = None,
        fetch: Callable[[str], Awaitable[AsyncPage[T]]],
        walk: Callable[[AsyncPage[T]], AsyncIterator[AsyncPage[T]]] | None = None,
    ) -> None:
        super().__init__(data, after, before, cursor)
        self._fetch = fetch
        self._walk = walk

    async def next(self) -> AsyncPage[T] | None:
        """The next page, or None on the last page."""
        return None if self.after is None else await self._fetch(self.after)

    async def previous(self) -> AsyncPage[T] | None:
        """The previous page, or None on the first page."""
        return None if self.before is None else await self._fetch(self.before)

    def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        """This page, then every following page, fetched lazily.

        Use it with `async for`.
        """
        return aiter_pages(self)

    def __aiter__(self) -> AsyncIterator[T]:
        """The items of this page and of every following page."""
        return atake_items(aiter_pages(self), None)


def iter_pages(first: Page[T]) -> Iterator[Page[T]]:
    """`first` and every page after it: the page walk of the sync client (the client's own,
    with the next request ahead, when the page has one)."""
    if first._walk is not None:
        return first._walk(first)
    return _plain_walk(first)


def _plain_walk(first: Page[T]) -> Iterator[Page[T]]:
    walk = CursorWalk(first.cursor)
    page = first
    del first  # one page in memory at a time: the walk keeps only the current one
    while True:
        yield page
        cursor = walk.advance(page)
        if cursor is None:
            return
        page = page._fetch(cursor)


def aiter_pages(first: AsyncPage[T]) -> AsyncIterator[AsyncPage[T]]:
    """`first` and every page after it: the page walk of the async client (the client's own,
    with the next request ahead, when the page has one)."""
    if first._walk is not None:
        return first._walk(first)
    return _plain_awalk(first)


async def _plain_awalk(first: AsyncPage[T]) -> AsyncGenerator[AsyncPage[T], None]:
    walk = CursorWalk(first.cursor)
    page = first
    del first  # one page in memory at a time: the walk keeps only the current one
    while True:
        yield page
        cursor = walk.advance(page)
        if cursor is None:
            return
        page = await page._fetch(cursor)


class CursorWalk:
    """Forward-walk bookkeeping shared by the sync and async walks.

    `advance(page)` gives the cursor of the next request, or None when the walk is over; it
    raises `PaginationError` when the server hands back a cursor already used (which would loop
    forever), or after more than `MAX_EMPTY_PAGES` empty pages in a row that each carry a next
    cursor. Pages already yielded stay yielded. Only the last `memory` cursors are kept, so
    the walk stays constant-size however many pages it visits.
    """

    __slots__ = ("_empty", "_order", "_seen")

    def __init__(self, start: str | None, memory: int = 1024) -> None:
        self._empty = 0
        self._order: deque[str] = deque(maxlen=memory)
        self._seen: set[str] = set()
        if start is not None:
            self._remember(start)

    def _remember(self, cursor: str) -> None:
        if len(self._order) == self._order.maxlen:
            self._seen.discard(self._order[0])
        self._order.append(cursor)
        self._seen.add(cursor)

    def used(self, cursor: str) -> bool:
        """Whether `cursor` was already used in this walk (among the last `memory`)."""
        return cursor in self._seen

    def advance(self, page: _PageBase[Any]) -> str | None:
        after = page.after
        if after is None:
            return None
        if not after:
            raise PaginationError(
                "the server returned an empty string as the next cursor (only null ends a "
                "walk); stopping"
            )
        if after == page.cursor:
            raise PaginationError(
                "the server returned the same cursor it was given; stopping to avoid a loop"
            )
        if after in self._seen:
            raise PaginationError(
                "the server returned a cursor already used in this walk; stopping to avoid a loop"
            )
        self._empty = 0 if page.data else self._empty + 1
        if self._empty > MAX_EMPTY_PAGES:
            raise PaginationError(
                f"the server returned {self._empty} empty pages in a row, each with a new next "
                f"cursor; stopping (a walk follows at most {MAX_EMPTY_PAGES} such pages)"
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


def take_items(pages: Iterator[Page[T]], max_items: int | None) -> Iterator[T]:
    """The items of `pages`, at most `max_items` of them (None: all); the walk is closed
    as soon as enough were taken. Each page is let go of before the next is fetched."""
    if max_items == 0:
        return
    left = max_items
    while (page := next(pages, None)) is not None:
        data, page = page.data, None
        if left is not None and len(data) >= left:
            yield from islice(data, left)
            return
        yield from data  # no local keeps an item once the page is done
        if left is not None:
            left -= len(data)
        del data


async def atake_items(
    pages: AsyncIterator[AsyncPage[T]], max_items: int | None
) -> AsyncIterator[T]:
    """The async twin of `take_items`."""
    if max_items == 0:
        return
    left = max_items
    while (page := await anext(pages, None)) is not None:
        data, page = page.data, None
        count = len(data) if left is None else min(left, len(data))
        for i in range(count):
            yield data[i]
        if left is not None:
            left -= count
            if left == 0:
                return
        del data
