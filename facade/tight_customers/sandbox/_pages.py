"""Keyset pagination: one page of a query plus the cursors of its neighbours.

The sort key is (name, id), unique because ids are. A cursor holds the key of the page edge it
was cut at, so a page is "records strictly after (or before) this key": inserts and deletes
elsewhere never shift it, which is what makes walks exactly-once.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tight_customers.sandbox._behaviour import Behaviour, order_page_case_insensitively
from tight_customers.sandbox._cursor import Cursor, CursorCodec, InvalidCursorError
from tight_customers.sandbox._query import (
    QueryRequest,
    SqlFilter,
    error_item,
    filter_sql,
)
from tight_customers.sandbox._store import Driver, KeyBound, Row, Store

__all__ = ["PageResult", "run_query"]

Span = tuple[int | None, int | None]

# A clause that selects at most this many rows is a better way in than a walk of the
# full-text index: its rows, read through its index and sorted, cost about a microsecond each
# at most, while a walk through matches that the clause mostly rejects may go a long way, and
# counting the walk's matches to find out costs more than the reading (the full-text index
# spends its time outside SQLite's steps: about 1.5 µs a match).
_FEW_ROWS = 2000
# Up to this many rows of an email range, reading them through the email index and sorting
# them (about 0.15 µs a row) costs less than walking the name index (about 0.1 µs a row
# walked) to the page's last match, in the generated data at 100k customers: a range that
# selects fewer rows has them further apart, or bunched far along the sort order, as emails
# follow names only within a local part.
_EMAIL_ROWS_MAX = 10_000


@dataclass(frozen=True)
class PageResult:
    """The docs (JSON texts as UTF-8) of one page, in sort order, and its neighbours'
    cursors."""

    docs: list[bytes]
    after: str | None
    before: str | None

    def body(self) -> bytes:
        """The `CustomerPage` envelope, spliced from the stored JSON texts."""
        cursor = json.dumps({"after": self.after, "before": self.before}).encode("utf-8")
        data = b",".join(self.docs)
        return b'{"result":"SUCCESS","data":[%b],"error":[],"cursor":%b}' % (data, cursor)


def _cursor_error(message: str) -> list[dict[str, Any]]:
    return [error_item("INVALID_VALUE", message, "cursor")]


def run_query(
    store: Store, codec: CursorCodec, req: QueryRequest, behaviour: Behaviour | None = None
) -> PageResult | list[dict[str, Any]]:
    """The page `req` asks for, or the errors (400) that stop it."""
    behaviour = behaviour or Behaviour()
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
        flt, desc = req.filter or {}, bool(req.descending)
        limit = req.limit or behaviour.default_page_size
    with store.locked():
        pager = _Pager(store, codec, flt, desc, limit, not behaviour.contain_ignores_case)
        result = pager.page(cur)
    return _vary(result, behaviour, desc)


def _vary(result: PageResult, behaviour: Behaviour, desc: bool) -> PageResult:
    """`result` as the sandbox's `behaviour` departs from the spec's semantics."""
    if behaviour.order_ignores_case:
        result = dataclasses.replace(result, docs=order_page_case_insensitively(result.docs, desc))
    if not behaviour.before_cursors:
        result = dataclasses.replace(result, before=None)
    return result


def _case_sensitive_contain(sql: SqlFilter, flt: dict[str, Any]) -> SqlFilter:
    """`sql` whose `contain` tests also require the operand's exact case."""
    clauses: list[str] = []
    params: list[Any] = []
    for field in ("name", "email"):
        operand = flt.get(field, {}).get("contain")
        if operand is not None:
            clauses.append(f"instr({field}, ?) > 0")
            params.append(operand)
    if not clauses:
        return sql
    where = " AND ".join([sql.where, *clauses])
    return dataclasses.replace(sql, where=where, params=[*sql.params, *params])


class _Pager:
    def __init__(
        self,
        store: Store,
        codec: CursorCodec,
        flt: dict[str, Any],
        desc: bool,
        limit: int,
        exact_contain: bool = False,
    ) -> None:
        self.store, self.codec = store, codec
        self.flt, self.desc, self.limit = flt, desc, limit
        sql = filter_sql(flt, store.expand_segments, self._walk_segments)
        if exact_contain:
            sql = _case_sensitive_contain(sql, flt)
        self.where, self.params = sql.where, sql.params
        self.by_rowid = False  # read by rowid lookups only (NOT INDEXED), then sort
        self.index: str | None = None  # read the rows this index selects, sorted by rowid
        self.driver: Driver | None = None
        self.span: Span = (None, None)
        self._plan(sql)

    def _walk_segments(self, ids: Sequence[str], few: int) -> bool:
        """Test segments on each customer walked when the full-text index finds the customers
        of `ids` (see _plan) or when they are many."""
        return self.store.segments_indexed(ids) or self.store.more_links(ids, few)

    def _plan(self, sql: SqlFilter) -> None:
        """Pick the way in: a walk of the full-text index (`contain` and segments) in sort
        order, or the rows of a clause that selects few of them, or SQLite's own plan.

        Rowids follow the sort order, so the name comparisons bound the walk too. A walk
        through many matches could go a long way when another clause rejects most of them, so
        a clause that selects few rows is the way in: the customers of a few segments (when
        the index cannot name them, fetched by rowid), or those an index finds for an email
        or status clause, sorted by rowid. Without a full-text query, SQLite walks the name
        index in sort order, testing each row; that goes a long way too when a one-sided
        email range (say `greaterThan` near the top) selects few rows, which cluster in name
        order since emails follow names, so such a range is the way in then (judged by the
        store's estimate, as counting the rows would cost about as much).
        """
        driver = self.store.driver(sql.contains, sql.segments)
        if driver is None:
            for op, operand in sql.email_ranges:
                if self.store.estimate_emails(op, operand) <= _EMAIL_ROWS_MAX:
                    self._read_through("customers_email", sql)
                    return
            return
        if sql.few_segments:  # the clause is `customers.rowid IN (their customers)`
            self.by_rowid = True
            return
        for index, clause, params, in_where in sql.indexed:
            if not self.store.more_rows(clause, params, _FEW_ROWS):
                self._read_through(index, sql, None if in_where else (clause, params))
                return
        self.driver, self.span = driver, self.store.rowid_span(sql.name_bounds)

    def _read_through(
        self, index: str, sql: SqlFilter, extra: tuple[str, list[Any]] | None = None
    ) -> None:
        """Read the rows a clause of the filter selects through `index` (testing the whole
        filter on each), sorted by rowid: SQLite keeps only the page's rows while sorting,
        which costs a quarter of the time of collecting every selected rowid to read them in
        order. `extra` is the clause in the form the index answers, when the filter's own
        form hides it from the index."""
        if extra is not None:
            self.where = f"{extra[0]} AND {sql.where}"
            self.params = [*extra[1], *sql.params]
        self.by_rowid, self.index = True, index

    def _bound(self, after: bool, key: tuple[str, str], inclusive: bool) -> tuple[str, list[Any]]:
        """Records after (or before) `key` in sort order, as SQL."""
        op = self._op(after, inclusive)
        return f"{self.where} AND (name, id) {op} (?, ?)", [*self.params, *key]

    def _op(self, after: bool, inclusive: bool) -> str:
        return (">" if after != self.desc else "<") + ("=" if inclusive else "")

    def _span(self, after: bool, key: tuple[str, str], inclusive: bool) -> Span:
        """The plan's rowid span narrowed to the records after (or before) `key`."""
        if self.driver is None:
            return self.span
        bound: KeyBound = (self._op(after, inclusive), key)
        return self.store.rowid_span([bound], within=self.span)

    def _exists(self, after: bool, key: tuple[str, str], inclusive: bool = False) -> bool:
        where, params = self._bound(after, key, inclusive)
        span = self._span(after, key, inclusive)
        # Rowid order is sort order: look from the end where such a record would be.
        toward_end = self._op(after, inclusive).startswith(">")
        return self.store.exists(
            where, params, self.driver, span, self.by_rowid, toward_end, self.index
        )

    def _cursor(self, after: bool, key: tuple[str, str], inclusive: bool = False) -> str:
        cursor = Cursor(after, key, inclusive, self.flt, self.desc, self.limit)
        return self.codec.encode(cursor)

    def page(self, cur: Cursor | None) -> PageResult:
        forward = cur is None or cur.forward
        if cur is None:
            where, params, span = self.where, self.params, self.span
        else:
            where, params = self._bound(cur.forward, cur.key, cur.inclusive)
            span = self._span(cur.forward, cur.key, cur.inclusive)
        descending = forward == self.desc
        rows: list[Row] = self.store.select(
            where, params, descending, self.limit + 1, self.driver, span, self.by_rowid, self.index
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
