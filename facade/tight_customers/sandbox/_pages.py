"""Keyset pagination: one page of a query plus the cursors of its neighbours.

The sort key is (name, id), unique because ids are. A cursor holds the key of the page edge it
was cut at, so a page is "records strictly after (or before) this key": inserts and deletes
elsewhere never shift it, which is what makes walks exactly-once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tight_customers.sandbox._cursor import Cursor, CursorCodec, InvalidCursorError
from tight_customers.sandbox._query import DEFAULT_LIMIT, QueryRequest, error_item, filter_sql
from tight_customers.sandbox._store import Driver, KeyBound, Row, Store

Span = tuple[int | None, int | None]

# Up to this many matches of a `contain` index (within the name bounds), walking them in sort
# order is cheap whatever the other clauses reject. Above it, another clause that selects at
# most this many rows is the better way in, through the plan SQLite picks for it.
_WALK_MATCHES_MAX = 2000

__all__ = ["PageResult", "run_query"]


@dataclass(frozen=True)
class PageResult:
    """The docs (JSON texts) of one page, in sort order, and its neighbours' cursors."""

    docs: list[str]
    after: str | None
    before: str | None

    def body(self) -> bytes:
        """The `CustomerPage` envelope, spliced from the stored JSON texts."""
        cursor = json.dumps({"after": self.after, "before": self.before})
        data = ",".join(self.docs)
        text = f'{{"result":"SUCCESS","data":[{data}],"error":[],"cursor":{cursor}}}'
        return text.encode("utf-8")


def _cursor_error(message: str) -> list[dict[str, Any]]:
    return [error_item("INVALID_VALUE", message, "cursor")]


def run_query(
    store: Store, codec: CursorCodec, req: QueryRequest
) -> PageResult | list[dict[str, Any]]:
    """The page `req` asks for, or the errors (400) that stop it."""
    cur: Cursor | None = None
    if req.cursor is not None:
        try:
            cur = codec.decode(req.cursor)
        except InvalidCursorError:
            return _cursor_error("the cursor is not one this server issued, or it was modified")
        if req.filter is not None and req.filter != cur.filter:
            return _cursor_error("the cursor belongs to a query with a different filter")
        if req.descending is not None and req.descending != cur.descending:
            return _cursor_error("the cursor belongs to a query with a different sort")
        flt, desc, limit = cur.filter, cur.descending, req.limit or cur.limit
    else:
        flt, desc, limit = req.filter or {}, bool(req.descending), req.limit or DEFAULT_LIMIT
    return _Pager(store, codec, flt, desc, limit).page(cur)


class _Pager:
    def __init__(
        self, store: Store, codec: CursorCodec, flt: dict[str, Any], desc: bool, limit: int
    ) -> None:
        self.store, self.codec = store, codec
        self.flt, self.desc, self.limit = flt, desc, limit
        self.sql = filter_sql(flt, store.expand_segments, store.count_links)
        self.driver, self.span = self._plan()

    def _plan(self) -> tuple[Driver | None, Span]:
        """The `contain` index to walk in sort order (None: none), and its rowid span.

        Rowids follow the sort order, so the name comparisons bound the walk too.
        """
        sql = self.sql
        drivers = self.store.contain_drivers(sql.contains)
        if not drivers:
            return None, (None, None)
        span = self.store.rowid_span(sql.name_bounds)
        if len(drivers) == 1 and not sql.rest:
            return drivers[0], span
        counted = [(self.store.count_matches(d, span, _WALK_MATCHES_MAX), d) for d in drivers]
        matches, driver = min(counted, key=lambda pair: pair[0])
        if matches <= _WALK_MATCHES_MAX or not sql.rest:
            return driver, span
        if sql.by_rowid:  # the customers of a few segments: fetched by rowid, then sorted
            return None, (None, None)
        if self.store.count_where(sql.rest, sql.rest_params, _WALK_MATCHES_MAX) <= (
            _WALK_MATCHES_MAX
        ):
            return None, (None, None)
        return driver, span

    def _bound(self, after: bool, key: tuple[str, str], inclusive: bool) -> tuple[str, list[Any]]:
        """Records after (or before) `key` in sort order, as SQL."""
        op = self._op(after, inclusive)
        return f"{self.sql.where} AND (name, id) {op} (?, ?)", [*self.sql.params, *key]

    def _op(self, after: bool, inclusive: bool) -> str:
        return (">" if after != self.desc else "<") + ("=" if inclusive else "")

    def _span(self, after: bool, key: tuple[str, str], inclusive: bool) -> Span:
        """The plan's rowid span narrowed to the records after (or before) `key`."""
        if self.driver is None:
            return self.span
        bound: KeyBound = (self._op(after, inclusive), key)
        low, high = self.store.rowid_span([bound])
        plan_low, plan_high = self.span
        if plan_low is not None:
            low = plan_low if low is None else max(low, plan_low)
        if plan_high is not None:
            high = plan_high if high is None else min(high, plan_high)
        return low, high

    def _exists(self, after: bool, key: tuple[str, str], inclusive: bool = False) -> bool:
        where, params = self._bound(after, key, inclusive)
        span = self._span(after, key, inclusive)
        return self.store.exists(where, params, self.driver, span, self.sql.by_rowid)

    def _cursor(self, after: bool, key: tuple[str, str], inclusive: bool = False) -> str:
        cursor = Cursor(after, key, inclusive, self.flt, self.desc, self.limit)
        return self.codec.encode(cursor)

    def page(self, cur: Cursor | None) -> PageResult:
        forward = cur is None or cur.forward
        if cur is None:
            where, params, span = self.sql.where, self.sql.params, self.span
        else:
            where, params = self._bound(cur.forward, cur.key, cur.inclusive)
            span = self._span(cur.forward, cur.key, cur.inclusive)
        descending = forward == self.desc
        rows: list[Row] = self.store.select(
            where, params, descending, self.limit + 1, self.driver, span, self.sql.by_rowid
        )
        more = len(rows) > self.limit
        rows = rows[: self.limit]
        if not forward:
            rows.reverse()
        docs = [row[3] for row in rows]
        if not rows:
            return self._empty(cur)
        first, last = (rows[0][2], rows[0][1]), (rows[-1][2], rows[-1][1])
        if forward:
            after = self._cursor(True, last) if more else None
            has_before = cur is not None and self._exists(False, first)
            before = self._cursor(False, first) if has_before else None
        else:
            before = self._cursor(False, first) if more else None
            after = self._cursor(True, last) if self._exists(True, last) else None
        return PageResult(docs, after, before)

    def _empty(self, cur: Cursor | None) -> PageResult:
        """An empty page; from a cursor, the way back starts at that cursor's own key."""
        if cur is None:
            return PageResult([], None, None)
        # Nothing lies strictly after k: everything up to and including k lies before it.
        back = not cur.inclusive
        if cur.forward:
            has = self._exists(False, cur.key, back)
            return PageResult([], None, self._cursor(False, cur.key, back) if has else None)
        has = self._exists(True, cur.key, back)
        return PageResult([], self._cursor(True, cur.key, back) if has else None, None)
