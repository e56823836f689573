"""The sandbox's SQLite store: schema, bulk load, test-helper writes and keyset page reads.

One connection serves every thread behind one lock: the server thread and the test helpers both
use it, and an in-memory database exists only inside its connection.

Rowids follow the sort order: `customers.rowid` ascends with (name, id), with gaps so that a
single insert finds a free rowid between its neighbours (all rowids are renumbered when a gap
runs out). The full-text index of `contain` shares those rowids, so walking its matches in
rowid order yields them in sort order, and a page is the first matches of that walk: a term
whose matches bunch at one end of the order costs no more than one spread evenly.
"""

from __future__ import annotations

import bisect
import itertools
import json
import operator
import os
import re
import secrets
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

__all__ = ["Driver", "Row", "Store", "dump_doc"]

# (rowid, id, name, doc JSON text as UTF-8)
Row = tuple[int, str, str, bytes]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS customers (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_fold TEXT NOT NULL,
    email TEXT,
    email_fold TEXT,
    status TEXT NOT NULL
);
-- The documents live apart so that scans of the narrow table above stay fast.
CREATE TABLE IF NOT EXISTS customer_docs (
    rowid INTEGER PRIMARY KEY,
    doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS customer_segments (
    customer INTEGER NOT NULL,
    segment TEXT NOT NULL
);
-- Every 3-character substring of each case-folded name and email, behind a tag for the column,
-- is a token (see _gram_text); prefix indexes hold their first 1 and 2 characters. The rows
-- containing a `contain` operand are those holding all its tokens or prefixes (see _tokens),
-- give or take a few that hold them apart. Each class segment a customer is assigned is a
-- token too, behind its own tag (see _segment_text). Every character but the separator U+001F
-- is a token character; a query names whole tokens or prefixes, so no positions are needed.
CREATE VIRTUAL TABLE IF NOT EXISTS contain_grams USING fts5(
    grams, detail = none, columnsize = 0, prefix = '2 3',
    tokenize = "unicode61 remove_diacritics 0 categories 'L* M* N* P* S* Z* C*' separators '\x1f'"
);
CREATE TABLE IF NOT EXISTS segment_edges (
    parent TEXT NOT NULL,
    child TEXT NOT NULL,
    PRIMARY KEY (parent, child)
) WITHOUT ROWID;
"""

# Created after a bulk load: building an index once is much faster than maintaining it per row.
# customers_name covers every filtered column, so a page walk never touches the table.
_INDEXES = """
CREATE INDEX IF NOT EXISTS customers_name
    ON customers (name, id, status, name_fold, email_fold, email);
CREATE INDEX IF NOT EXISTS customers_email ON customers (email, name, id);
CREATE INDEX IF NOT EXISTS customers_status ON customers (status, name, id);
CREATE INDEX IF NOT EXISTS customer_segments_segment ON customer_segments (segment, customer);
CREATE INDEX IF NOT EXISTS customer_segments_customer ON customer_segments (customer, segment);
"""
_INDEX_STATEMENTS = [stmt for stmt in _INDEXES.split(";") if stmt.strip()]
_INDEX_NAMES = re.findall(r"CREATE INDEX IF NOT EXISTS (\w+)", _INDEXES)

# PRAGMA user_version of a database whose rowids follow the sort order and whose `contain`
# index is contain_grams, holding segment tokens; an older file is migrated on open.
_VERSION = 3
# The step between neighbouring rowids after a bulk load or a renumbering: an insert takes the
# midpoint of its neighbours' rowids, so 13 inserts into one gap fit before a renumbering. The
# full-text index stores rowid deltas as varints: below 2**14 they take 2 bytes.
ROWID_GAP = 1 << 13
_SEP = "\x1f"  # the separator of contain_grams' tokens
_PAD = "\x1d\x1d"  # ends each indexed value, so that each of its characters starts a token
_UNINDEXED = re.compile("[\x00\x1f]")  # characters no token holds (FTS5 stops reading at NUL)
# What starts each token of a column in contain_grams.
_TAGS = {"name_fold": "\x1c", "email_fold": "\x1e"}
_SEGMENT_TAG = "\x1b"
# Segment ids longer than this, or holding a character no token holds, get no token; a filter
# naming one is not driven by the index. So does a filter naming more than _MAX_SEGMENT_TERMS.
_MAX_SEGMENT_TOKEN = 200
_MAX_SEGMENT_TERMS = 256
_MAX_TOKENS = 32  # of one `contain` operand in a query
_SAMPLE_STEP = 64  # of the email sample (see Store.estimate_emails)


def dump_doc(doc: dict[str, Any]) -> str:
    """The stored (and served) JSON text of one customer; ValueError if JSON cannot hold it."""
    try:
        text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        text.encode("utf-8")  # lone surrogates would break the response later
    except (TypeError, ValueError) as exc:
        raise ValueError(f"a customer must be JSON-serializable Unicode: {exc}") from None
    return text


def _fold(value: Any) -> str | None:
    return value.casefold() if isinstance(value, str) else None


def _chains(doc: dict[str, Any]) -> Iterator[list[str]]:
    """Each class-segment chain of `doc` as its root-first list of segment ids."""
    chains = doc.get("classSegments")
    if not isinstance(chains, list):
        return
    for head in chains:
        path: list[str] = []
        node = head
        # Bounded: a chain deeper than 64 levels is cut there.
        while isinstance(node, dict) and isinstance(node.get("id"), str) and len(path) < 64:
            path.append(node["id"])
            node = node.get("child")
        if path:
            yield path


def _columns(doc: dict[str, Any]) -> tuple[str, str, str, str | None, str | None, str]:
    name = doc["name"]
    email = doc.get("email") if isinstance(doc.get("email"), str) else None
    return (doc["id"], name, name.casefold(), email, _fold(email), doc["status"])


def _gram_text(folded: str | None, tag: str) -> str:
    """What contain_grams indexes of a folded value: each 3 characters from each position,
    behind `tag`, separated by U+001F (NUL is indexed as the separator, and the value padded
    so that its last characters start tokens too)."""
    if not folded:
        return ""
    text = folded.replace("\0", _SEP) + _PAD
    triples = map(operator.add, map(operator.add, text, text[1:]), text[2:])
    return tag + (_SEP + tag).join(triples)


def _segment_token(segment: str) -> str | None:
    """The token of one segment id in contain_grams, or None when it gets none."""
    if len(segment) > _MAX_SEGMENT_TOKEN or not segment or _UNINDEXED.search(segment):
        return None
    return _SEGMENT_TAG + segment


def _segment_text(segments: Iterable[str]) -> str:
    """What contain_grams indexes of a customer's assigned segments."""
    return _SEP.join(t for t in map(_segment_token, segments) if t is not None)


def _tokens(folded: str, tag: str) -> list[str]:
    """What every value containing `folded` holds, as FTS5 query terms: for each indexed piece
    of the operand (split where it has a character no token holds), the prefix of a token
    when it has 1 or 2 characters, else tokens that cover every character (at most
    _MAX_TOKENS of them, evenly spread: any of them is a valid test)."""
    out: set[str] = set()
    for piece in _UNINDEXED.split(folded):
        if not piece:
            continue
        if len(piece) < 3:
            out.add(_phrase(tag + piece) + " *")
        else:
            out.update(_phrase(tag + piece[i : i + 3]) for i in range(0, len(piece) - 3, 3))
            out.add(_phrase(tag + piece[-3:]))
    tokens = sorted(out)
    step = len(tokens) / _MAX_TOKENS
    return tokens if step <= 1 else [tokens[int(i * step)] for i in range(_MAX_TOKENS)]


def _phrase(folded: str) -> str:
    return '"' + folded.replace('"', '""') + '"'


@dataclass(frozen=True)
class Driver:
    """A full-text query whose matches, in rowid (= sort) order, drive a page query.

    Every match may still fail the exact tests of the WHERE clause; none that passes is missed.
    """

    table: str
    match: str


def _order(driver: Driver | None, descending: bool, by_rowid: bool) -> str:
    """The ORDER BY of a page query: rowid order (= sort order) for the driver's walk and for
    rowid lookups (which then come in that order, so the page ends the reading), else
    (name, id)."""
    if driver is not None:
        return "g.rowid DESC" if descending else "g.rowid"
    if by_rowid:
        return "customers.rowid DESC" if descending else "customers.rowid"
    return "name DESC, id DESC" if descending else "name, id"


# (operator, key) with key (name,) or (name, id): rows whose key compares so with `key`.
KeyBound = tuple[str, tuple[str, ...]]


class Store:
    """Customers in SQLite, with the columns and indexes the query endpoint needs."""

    def __init__(self, db_path: str | os.PathLike[str] | None = None) -> None:
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(
            db_path or ":memory:", check_same_thread=False, isolation_level=None
        )
        self._conn.execute("PRAGMA synchronous = OFF")  # a sandbox: speed over durability
        if db_path:
            self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.executescript(_SCHEMA)
        # (every _SAMPLE_STEP-th email in order, how many emails) for estimate_emails
        self._email_sample: tuple[list[str], int] | None = None

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN")
            self._email_sample = None
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the store still: no write (which may renumber rowids) between the reads of a
        page, its cursors and the rowid bounds computed for them."""
        with self._lock:
            yield

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()

    def count(self) -> int:
        """How many customers are stored."""
        with self._lock:
            (n,) = self._conn.execute("SELECT count(*) FROM customers").fetchone()
        return int(n)

    def replace_all(self, docs: Iterable[dict[str, Any]]) -> None:
        """Replace every customer by `docs` (validated wire dicts) in one transaction."""
        ordered = sorted(docs, key=lambda doc: (doc["name"], doc["id"]))
        with self._tx() as conn:
            for name in _INDEX_NAMES:  # rebuilt after the load (see _INDEXES)
                conn.execute(f"DROP INDEX IF EXISTS {name}")
            for stmt in (
                "DELETE FROM customers",
                "DELETE FROM customer_docs",
                "DELETE FROM contain_grams",
                "DELETE FROM customer_segments",
                "DELETE FROM segment_edges",
            ):
                conn.execute(stmt)
            self._add(conn, [(n * ROWID_GAP, doc) for n, doc in enumerate(ordered, start=1)])
            self._optimize_text_index(conn)
            self._create_indexes(conn)
            conn.execute("ANALYZE")
            conn.execute(f"PRAGMA user_version = {_VERSION}")
        self._sample_emails()  # here rather than in the first request that needs it

    def ensure_indexes(self) -> None:
        """Create the indexes if they are missing and migrate a file database from an older run
        (rowids in sort order, the current `contain` indexes)."""
        with self._tx() as conn:
            self._create_indexes(conn)
            (version,) = conn.execute("PRAGMA user_version").fetchone()
            if version < _VERSION:
                conn.execute("DROP TABLE IF EXISTS customer_trigrams")  # the index of version 1
                self._renumber(conn)
                conn.execute("ANALYZE")
                conn.execute(f"PRAGMA user_version = {_VERSION}")
        self._sample_emails()

    @staticmethod
    def _create_indexes(conn: sqlite3.Connection) -> None:
        for stmt in _INDEX_STATEMENTS:
            conn.execute(stmt)

    @staticmethod
    def _index_texts(
        conn: sqlite3.Connection, rows: Iterable[tuple[int, str, str | None, Sequence[str]]]
    ) -> None:
        """Add (rowid, name_fold, email_fold, assigned segments) rows to contain_grams."""
        name_tag, email_tag = _TAGS["name_fold"], _TAGS["email_fold"]
        conn.executemany(
            "INSERT INTO contain_grams (rowid, grams) VALUES (?, ?)",
            [
                (
                    r,
                    _SEP.join(
                        (_gram_text(n, name_tag), _gram_text(e, email_tag), _segment_text(s))
                    ),
                )
                for r, n, e, s in rows
            ],
        )

    @classmethod
    def _renumber(cls, conn: sqlite3.Connection) -> None:
        """Give every customer the rowid of its place in sort order times ROWID_GAP."""
        conn.execute("DROP TABLE IF EXISTS temp.renumbered")
        conn.execute("CREATE TEMP TABLE renumbered (old INTEGER PRIMARY KEY, new INTEGER NOT NULL)")
        conn.execute(
            "INSERT INTO temp.renumbered"
            " SELECT rowid, ? * row_number() OVER (ORDER BY name, id) FROM customers",
            (ROWID_GAP,),
        )
        for table in ("customers", "customer_docs"):
            # Through negative rowids, so that no new rowid meets an old one.
            conn.execute(
                f"UPDATE {table} SET rowid ="
                f" -(SELECT new FROM temp.renumbered WHERE old = {table}.rowid)"
            )
            conn.execute(f"UPDATE {table} SET rowid = -rowid")
        conn.execute(
            "UPDATE customer_segments"
            " SET customer = (SELECT new FROM temp.renumbered WHERE old = customer)"
        )
        conn.execute("DROP TABLE temp.renumbered")
        conn.execute("DELETE FROM contain_grams")
        rows = conn.execute(
            "SELECT c.rowid, c.name_fold, c.email_fold,"
            " (SELECT json_group_array(s.segment) FROM customer_segments s"
            " WHERE s.customer = c.rowid)"
            " FROM customers c ORDER BY c.rowid"
        )
        cls._index_texts(conn, [(r, n, e, json.loads(s)) for r, n, e, s in rows.fetchall()])
        cls._optimize_text_index(conn)

    @staticmethod
    def _optimize_text_index(conn: sqlite3.Connection) -> None:
        """Merge contain_grams into one b-tree after a bulk write: a query then looks each term
        up once rather than once in each of the b-trees the inserts left (about 5 times faster
        for a query naming dozens of segments)."""
        conn.execute("INSERT INTO contain_grams (contain_grams) VALUES ('optimize')")

    # ------------------------------------------------------------------ single-record writes

    def new_id(self) -> str:
        """An id no stored customer has."""
        with self._lock:
            while True:
                cid = f"cus_{secrets.randbelow(90_000_000) + 10_000_000}"
                if self.get_doc(cid) is None:
                    return cid

    def insert(self, doc: dict[str, Any]) -> None:
        """Insert one validated wire dict; ValueError when its id is taken."""
        with self._tx() as conn:
            if conn.execute("SELECT 1 FROM customers WHERE id = ?", (doc["id"],)).fetchone():
                raise ValueError(f"a customer with id {doc['id']!r} exists")
            self._add(conn, [(self._place(conn, doc["name"], doc["id"]), doc)])

    def replace(self, doc: dict[str, Any]) -> None:
        """Overwrite the stored customer with the same id (KeyError when there is none)."""
        with self._tx() as conn:
            found = conn.execute(
                "SELECT rowid, name FROM customers WHERE id = ?", (doc["id"],)
            ).fetchone()
            if found is None:
                raise KeyError(doc["id"])
            self._remove(conn, int(found[0]))
            # A new name may move the customer in sort order, and so to another rowid.
            same = found[1] == doc["name"]
            rowid = int(found[0]) if same else self._place(conn, doc["name"], doc["id"])
            self._add(conn, [(rowid, doc)])

    def delete(self, cid: str) -> None:
        """Delete one customer (KeyError when there is none)."""
        with self._tx() as conn:
            found = conn.execute("SELECT rowid FROM customers WHERE id = ?", (cid,)).fetchone()
            if found is None:
                raise KeyError(cid)
            self._remove(conn, int(found[0]))

    def _place(self, conn: sqlite3.Connection, name: str, cid: str) -> int:
        """A free rowid between those of the neighbours (name, cid) would have in sort order."""
        key = (name, cid)
        for _ in range(2):
            # The rowids of the nearest rows outside (name, id) >= key and (name, id) <= key.
            prev, after = self.rowid_span([(">=", key), ("<=", key)])
            low = 0 if prev is None else prev
            if after is None:
                return low + ROWID_GAP
            if after - low >= 2:
                return (low + after) // 2
            self._renumber(conn)
        raise AssertionError("no free rowid after a renumbering")  # pragma: no cover

    @classmethod
    def _add(cls, conn: sqlite3.Connection, placed: Sequence[tuple[int, dict[str, Any]]]) -> None:
        """Store each (rowid, validated wire dict) in every table (the bulk load and one insert)."""
        rows = []
        texts = []
        grams = []
        links: list[tuple[int, str]] = []
        edges: set[tuple[str, str]] = set()
        for rowid, doc in placed:
            columns = _columns(doc)
            rows.append((rowid, *columns))
            texts.append((rowid, dump_doc(doc)))
            leaves = []
            for path in _chains(doc):
                leaves.append(path[-1])
                edges.update(itertools.pairwise(path))
            links += [(rowid, leaf) for leaf in leaves]
            grams.append((rowid, columns[2], columns[4], leaves))
        conn.executemany("INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        conn.executemany("INSERT INTO customer_docs VALUES (?, ?)", texts)
        cls._index_texts(conn, grams)
        conn.executemany("INSERT INTO customer_segments VALUES (?, ?)", links)
        conn.executemany("INSERT OR IGNORE INTO segment_edges VALUES (?, ?)", sorted(edges))

    @staticmethod
    def _remove(conn: sqlite3.Connection, rowid: int) -> None:
        for stmt in (
            "DELETE FROM customers WHERE rowid = ?",
            "DELETE FROM customer_docs WHERE rowid = ?",
            "DELETE FROM contain_grams WHERE rowid = ?",
            "DELETE FROM customer_segments WHERE customer = ?",
        ):
            conn.execute(stmt, (rowid,))

    # ------------------------------------------------------------------ reads

    def get_doc(self, cid: str) -> str | None:
        """The JSON text of one customer, or None."""
        with self._lock:
            found = self._conn.execute(
                "SELECT d.doc FROM customers c JOIN customer_docs d ON d.rowid = c.rowid"
                " WHERE c.id = ?",
                (cid,),
            ).fetchone()
        return None if found is None else str(found[0])

    def all_docs(self) -> list[str]:
        """Every customer's JSON text, NAME ASC then id ASC."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT d.doc FROM customers c JOIN customer_docs d ON d.rowid = c.rowid"
                " ORDER BY c.name, c.id"
            ).fetchall()
        return [str(r[0]) for r in rows]

    def expand_segments(self, ids: Sequence[str]) -> list[str]:
        """`ids` and every segment below them in the forest the stored chains describe."""
        with self._lock:
            rows = self._conn.execute(
                "WITH RECURSIVE d(id) AS (SELECT value FROM json_each(?)"
                " UNION SELECT e.child FROM segment_edges e JOIN d ON e.parent = d.id)"
                " SELECT id FROM d",
                (json.dumps(list(ids)),),
            ).fetchall()
        return sorted(str(r[0]) for r in rows)

    @staticmethod
    def segments_indexed(segments: Sequence[str]) -> bool:
        """Whether the full-text query of `driver` can name each of `segments`."""
        return 0 < len(segments) <= _MAX_SEGMENT_TERMS and all(
            _segment_token(segment) is not None for segment in segments
        )

    @classmethod
    def driver(
        cls, terms: Sequence[tuple[str, str]], segments: Sequence[str] | None = None
    ) -> Driver | None:
        """The full-text query that finds (a superset of) the rows passing every `contain` test
        of (column, folded operand) and assigned one of `segments` (None: any); None when it
        would name nothing (no operand with a token, such as "", and no usable segments)."""
        tokens = sorted({t for column, folded in terms for t in _tokens(folded, _TAGS[column])})
        if segments is not None and cls.segments_indexed(segments):
            # The index folds case, so it may find more than the exact test keeps.
            alternatives = sorted({_phrase(_SEGMENT_TAG + segment) for segment in segments})
            tokens.append("(" + " OR ".join(alternatives) + ")")
        if not tokens:
            return None
        return Driver("contain_grams", " AND ".join(tokens))

    def rowid_span(
        self, bounds: Sequence[KeyBound], within: tuple[int | None, int | None] = (None, None)
    ) -> tuple[int | None, int | None]:
        """(low, high): the rows within `bounds` (and the span `within`) have low < rowid < high
        (None: no limit).

        Rowids follow the sort order, so a bound on the key is a bound on the rowid: the
        rowid of the nearest row outside it.
        """
        low, high = within
        with self._lock:
            for op, key in bounds:
                cols = "(name, id)" if len(key) == 2 else "name"
                marks = "(?, ?)" if len(key) == 2 else "?"
                if op in (">", ">="):
                    outside = "<=" if op == ">" else "<"
                    order = "name DESC, id DESC"
                else:
                    outside = ">=" if op == "<" else ">"
                    order = "name, id"
                found = self._conn.execute(
                    f"SELECT rowid FROM customers WHERE {cols} {outside} {marks}"
                    f" ORDER BY {order} LIMIT 1",
                    key,
                ).fetchone()
                if found is None:
                    continue
                edge = int(found[0])
                if op in (">", ">="):
                    low = edge if low is None else max(low, edge)
                else:
                    high = edge if high is None else min(high, edge)
        return low, high

    @staticmethod
    def _driven(
        driver: Driver, span: tuple[int | None, int | None], where: str, params: Sequence[Any]
    ) -> tuple[str, list[Any]]:
        """FROM and WHERE of a query walking `driver`'s matches (alias g) within `span`."""
        sql = (
            f"FROM {driver.table} AS g CROSS JOIN customers ON customers.rowid = g.rowid"
            f" WHERE g.{driver.table} MATCH ?"
        )
        args: list[Any] = [driver.match]
        low, high = span
        if low is not None:
            sql += " AND g.rowid > ?"
            args.append(low)
        if high is not None:
            sql += " AND g.rowid < ?"
            args.append(high)
        return f"{sql} AND {where}", [*args, *params]

    def _more_than(self, body: str, args: Sequence[Any], cap: int) -> bool:
        """Whether `SELECT 1 {body}` yields more than `cap` rows (skipping rows with OFFSET
        costs a third of counting them)."""
        with self._lock:
            found = self._conn.execute(f"SELECT 1 {body} LIMIT 1 OFFSET ?", (*args, cap))
            return found.fetchone() is not None

    def more_rows(self, where: str, params: Sequence[Any], cap: int) -> bool:
        """Whether more than `cap` rows match `where`."""
        return self._more_than(f"FROM customers WHERE {where}", params, cap)

    def more_links(self, segment_ids: Sequence[str], cap: int) -> bool:
        """Whether more than `cap` (customer, assigned segment) links name one of
        `segment_ids`."""
        body = "FROM customer_segments WHERE segment IN (SELECT value FROM json_each(?))"
        return self._more_than(body, [json.dumps(list(segment_ids))], cap)

    def _page_sql(
        self,
        where: str,
        params: Sequence[Any],
        driver: Driver | None,
        span: tuple[int | None, int | None],
        by_rowid: bool,
        index: str | None,
    ) -> tuple[str, list[Any]]:
        if driver is not None:
            return self._driven(driver, span, where, params)
        if index is not None:
            table = f"customers INDEXED BY {index}"
        else:
            table = "customers NOT INDEXED" if by_rowid else "customers"
        return f"FROM {table} WHERE {where}", list(params)

    def select(
        self,
        where: str,
        params: Sequence[Any],
        descending: bool,
        limit: int,
        driver: Driver | None = None,
        span: tuple[int | None, int | None] = (None, None),
        by_rowid: bool = False,
        index: str | None = None,
    ) -> list[Row]:
        """Rows matching `where` (a trusted SQL fragment) in sort order, at most `limit`.

        With a `driver`, the walk goes through its matches with rowids within `span`, in rowid
        order; else through the plan SQLite picks, where `by_rowid` means rowid lookups only
        (NOT INDEXED), for short rowid lists; or through the rows `index` selects for `where`,
        sorted by rowid (keeping only the first `limit` while reading them).
        """
        body, args = self._page_sql(where, params, driver, span, by_rowid, index)
        order = _order(driver, descending, by_rowid or index is not None)
        sql = f"SELECT customers.rowid, id, name {body} ORDER BY {order} LIMIT ?"
        with self._lock:
            keys = self._conn.execute(sql, (*args, limit)).fetchall()
            # As bytes: the response is bytes too, so no text is decoded or encoded again.
            docs = dict(
                self._conn.execute(
                    "SELECT rowid, CAST(doc AS BLOB) FROM customer_docs WHERE rowid IN"
                    " (SELECT value FROM json_each(?))",
                    (json.dumps([k[0] for k in keys]),),
                ).fetchall()
            )
        return [(int(r[0]), str(r[1]), str(r[2]), bytes(docs[r[0]])) for r in keys]

    def exists(
        self,
        where: str,
        params: Sequence[Any],
        driver: Driver | None = None,
        span: tuple[int | None, int | None] = (None, None),
        by_rowid: bool = False,
        toward_end: bool = False,
        index: str | None = None,
    ) -> bool:
        """Whether any row matches `where` (with `driver`, `span` and `index` as for select);
        rowid lookups start from the highest rowid when `toward_end`."""
        body, args = self._page_sql(where, params, driver, span, by_rowid, index)
        lookups = by_rowid and index is None
        order = " ORDER BY customers.rowid DESC" if lookups and toward_end else ""
        with self._lock:
            found = self._conn.execute(f"SELECT 1 {body}{order} LIMIT 1", args).fetchone()
        return found is not None

    def estimate_emails(self, op: str, operand: str) -> int:
        """At least how many customers have an email `op` (<, <=, >, >=) `operand`, give or
        take _SAMPLE_STEP: from every _SAMPLE_STEP-th email in order, taken after a bulk load
        and again after a write."""
        with self._lock:
            sample, total = self._email_sample or self._sample_emails()
        below = bisect.bisect_left(sample, operand) * _SAMPLE_STEP
        return max(0, total - below) if op.startswith(">") else below

    def _sample_emails(self) -> tuple[list[str], int]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT email FROM customers WHERE email IS NOT NULL ORDER BY email"
            ).fetchall()
            self._email_sample = ([str(r[0]) for r in rows[::_SAMPLE_STEP]], len(rows))
            return self._email_sample


def now_rfc3339() -> str:
    """The current UTC time as RFC 3339 with seconds, as Tight writes `createdDateTime`."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
