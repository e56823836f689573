"""The sandbox's SQLite store: schema, bulk load, test-helper writes and keyset page reads.

One connection serves every thread behind one lock: the server thread and the test helpers both
use it, and an in-memory database exists only inside its connection.
"""

from __future__ import annotations

import itertools
import json
import os
import secrets
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

__all__ = ["Row", "Store", "dump_doc"]

# (rowid, id, name, doc JSON text)
Row = tuple[int, str, str, str]

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
-- Trigrams of the case-folded name and email: `contain` finds rare substrings without a scan.
CREATE VIRTUAL TABLE IF NOT EXISTS customer_trigrams USING fts5(
    name_fold, email_fold, tokenize = 'trigram case_sensitive 1'
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

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

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
        with self._tx() as conn:
            for stmt in (
                "DROP INDEX IF EXISTS customers_name",
                "DROP INDEX IF EXISTS customers_email",
                "DROP INDEX IF EXISTS customers_status",
                "DROP INDEX IF EXISTS customer_segments_segment",
                "DROP INDEX IF EXISTS customer_segments_customer",
                "DELETE FROM customers",
                "DELETE FROM customer_docs",
                "DELETE FROM customer_trigrams",
                "DELETE FROM customer_segments",
                "DELETE FROM segment_edges",
            ):
                conn.execute(stmt)
            rows = []
            texts = []
            links: list[tuple[int, str]] = []
            edges: set[tuple[str, str]] = set()
            for rowid, doc in enumerate(docs, start=1):
                rows.append((rowid, *_columns(doc)))
                texts.append((rowid, dump_doc(doc)))
                for path in _chains(doc):
                    links.append((rowid, path[-1]))
                    edges.update(itertools.pairwise(path))
            conn.executemany("INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            conn.executemany("INSERT INTO customer_docs VALUES (?, ?)", texts)
            conn.executemany(
                "INSERT INTO customer_trigrams (rowid, name_fold, email_fold) VALUES (?, ?, ?)",
                [(r[0], r[3], r[5]) for r in rows],
            )
            conn.executemany("INSERT INTO customer_segments VALUES (?, ?)", links)
            conn.executemany("INSERT OR IGNORE INTO segment_edges VALUES (?, ?)", sorted(edges))
            for stmt in _INDEXES.strip().split(";"):
                if stmt.strip():
                    conn.execute(stmt)
            conn.execute("ANALYZE")

    def ensure_indexes(self) -> None:
        """Create the indexes if they are missing (e.g. a file database from an older run)."""
        with self._tx() as conn:
            for stmt in _INDEXES.strip().split(";"):
                if stmt.strip():
                    conn.execute(stmt)

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
            try:
                cur = conn.execute(
                    "INSERT INTO customers (id, name, name_fold, email, email_fold, status)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    _columns(doc),
                )
            except sqlite3.IntegrityError:
                raise ValueError(f"a customer with id {doc['id']!r} exists") from None
            rowid = int(cur.lastrowid or 0)
            conn.execute("INSERT INTO customer_docs VALUES (?, ?)", (rowid, dump_doc(doc)))
            self._index_text(conn, rowid, doc)
            self._link(conn, rowid, doc)

    def replace(self, doc: dict[str, Any]) -> None:
        """Overwrite the stored customer with the same id (KeyError when there is none)."""
        with self._tx() as conn:
            found = conn.execute(
                "SELECT rowid FROM customers WHERE id = ?", (doc["id"],)
            ).fetchone()
            if found is None:
                raise KeyError(doc["id"])
            rowid = int(found[0])
            _, name, name_fold, email, email_fold, status = _columns(doc)
            conn.execute(
                "UPDATE customers SET name = ?, name_fold = ?, email = ?, email_fold = ?,"
                " status = ? WHERE rowid = ?",
                (name, name_fold, email, email_fold, status, rowid),
            )
            conn.execute("UPDATE customer_docs SET doc = ? WHERE rowid = ?", (dump_doc(doc), rowid))
            conn.execute("DELETE FROM customer_trigrams WHERE rowid = ?", (rowid,))
            self._index_text(conn, rowid, doc)
            conn.execute("DELETE FROM customer_segments WHERE customer = ?", (rowid,))
            self._link(conn, rowid, doc)

    def delete(self, cid: str) -> None:
        """Delete one customer (KeyError when there is none)."""
        with self._tx() as conn:
            found = conn.execute("SELECT rowid FROM customers WHERE id = ?", (cid,)).fetchone()
            if found is None:
                raise KeyError(cid)
            conn.execute("DELETE FROM customers WHERE rowid = ?", (found[0],))
            conn.execute("DELETE FROM customer_docs WHERE rowid = ?", (found[0],))
            conn.execute("DELETE FROM customer_trigrams WHERE rowid = ?", (found[0],))
            conn.execute("DELETE FROM customer_segments WHERE customer = ?", (found[0],))

    @staticmethod
    def _index_text(conn: sqlite3.Connection, rowid: int, doc: dict[str, Any]) -> None:
        _, _, name_fold, _, email_fold, _ = _columns(doc)
        conn.execute(
            "INSERT INTO customer_trigrams (rowid, name_fold, email_fold) VALUES (?, ?, ?)",
            (rowid, name_fold, email_fold),
        )

    @staticmethod
    def _link(conn: sqlite3.Connection, rowid: int, doc: dict[str, Any]) -> None:
        for path in _chains(doc):
            conn.execute("INSERT INTO customer_segments VALUES (?, ?)", (rowid, path[-1]))
            conn.executemany(
                "INSERT OR IGNORE INTO segment_edges VALUES (?, ?)",
                itertools.pairwise(path),
            )

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

    def substring_rowids(self, column: str, folded: str, cap: int) -> list[int] | None:
        """Rows whose `column` ("name_fold"/"email_fold") may contain `folded` (3+ characters),
        from the trigram index; None when more than `cap` (then a scan is the faster way).

        A superset at worst: callers still test the substring exactly.
        """
        if column not in ("name_fold", "email_fold") or len(folded) < 3:
            return None
        phrase = '"' + folded.replace('"', '""') + '"'
        try:
            with self._lock:
                rows = self._conn.execute(
                    f"SELECT rowid FROM customer_trigrams WHERE {column} MATCH ? LIMIT ?",
                    (phrase, cap + 1),
                ).fetchall()
        except sqlite3.Error:
            return None
        return None if len(rows) > cap else [int(r[0]) for r in rows]

    def count_links(self, segment_ids: Sequence[str], cap: int) -> int:
        """How many (customer, assigned segment) links name one of `segment_ids`, up to cap+1."""
        with self._lock:
            (n,) = self._conn.execute(
                "SELECT count(*) FROM (SELECT 1 FROM customer_segments"
                " WHERE segment IN (SELECT value FROM json_each(?)) LIMIT ?)",
                (json.dumps(list(segment_ids)), cap + 1),
            ).fetchone()
        return int(n)

    def select(
        self, where: str, params: Sequence[Any], order: str, limit: int, by_rowid: bool = False
    ) -> list[Row]:
        """Rows matching `where`, ordered by `order` (trusted SQL fragments), at most `limit`.

        `by_rowid` reads the table by rowid lookups only (NOT INDEXED), for short rowid lists.
        """
        table = "customers NOT INDEXED" if by_rowid else "customers"
        sql = f"SELECT rowid, id, name FROM {table} WHERE {where} ORDER BY {order} LIMIT ?"
        with self._lock:
            keys = self._conn.execute(sql, (*params, limit)).fetchall()
            docs = dict(
                self._conn.execute(
                    "SELECT rowid, doc FROM customer_docs WHERE rowid IN"
                    " (SELECT value FROM json_each(?))",
                    (json.dumps([k[0] for k in keys]),),
                ).fetchall()
            )
        return [(int(r[0]), str(r[1]), str(r[2]), str(docs[r[0]])) for r in keys]

    def exists(self, where: str, params: Sequence[Any], by_rowid: bool = False) -> bool:
        """Whether any row matches `where`."""
        table = "customers NOT INDEXED" if by_rowid else "customers"
        with self._lock:
            found = self._conn.execute(
                f"SELECT 1 FROM {table} WHERE {where} LIMIT 1", tuple(params)
            ).fetchone()
        return found is not None

    def explain(self, where: str, params: Sequence[Any], order: str) -> list[str]:
        """SQLite's query plan for a page query (for the benchmark and debugging)."""
        sql = f"EXPLAIN QUERY PLAN SELECT rowid FROM customers WHERE {where} ORDER BY {order}"
        with self._lock:
            return [str(r[-1]) for r in self._conn.execute(sql, tuple(params)).fetchall()]


def now_rfc3339() -> str:
    """The current UTC time as RFC 3339 with seconds, as Tight writes `createdDateTime`."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
