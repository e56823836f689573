"""Writers for the query command's file formats: json, jsonl, csv.

Every writer takes wire-format customer dicts (what `Customer.to_dict()` gives), encodes a whole
page to UTF-8 bytes before writing any of it, and writes it to a binary stream. After each page
the file is valid and flushed, and `offset` is the byte length to cut the file back to so that
writing can continue after that page (a JSON array's closing bracket is not part of it).

Text that UTF-8 cannot hold (lone surrogates, which JSON allows as `\\ud800`) never stops a page:
JSON and JSONL escape it (the file reads back to the same Python strings), CSV replaces it with
U+FFFD and remembers the customer's id in `replaced_ids`.

CSV flattens each customer to one row (documented in the README, "CSV columns"):
- scalar fields as they are: id, name, status, email, additionalContactName, businessName,
  createdDateTime;
- `ccEmails`/`bccEmails` joined with "; ";
- `address.*` and `invoiceSettings.*` as one column per member (`address.city`, ...);
- `classSegments` as the path of each chain, joined like `segments.joined_path` does
  (`DEFAULT_SEP`, a spaced right angle quote, between names), chains joined with "; ";
- `customData` as compact JSON.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from typing import IO, Any, Protocol

from tight_customers.segments import DEFAULT_SEP, path

LIST_SEPARATOR = "; "

ADDRESS_FIELDS = ("countryCode", "state", "city", "zip", "phoneWork", "address1", "address2")
INVOICE_FIELDS = (
    "invoicePrefix",
    "showAdditionalContactName",
    "showBusinessName",
    "showName",
    "showEmail",
    "showAddress",
    "showPhoneWork",
)
CSV_COLUMNS = (
    "id",
    "name",
    "status",
    "email",
    "additionalContactName",
    "businessName",
    "ccEmails",
    "bccEmails",
    *(f"address.{f}" for f in ADDRESS_FIELDS),
    *(f"invoiceSettings.{f}" for f in INVOICE_FIELDS),
    "classSegments",
    "createdDateTime",
    "customData",
)
CSV_HEADER = (",".join(CSV_COLUMNS) + "\n").encode("ascii")
FILE_FORMATS = ("json", "jsonl", "csv")
JSON_ARRAY_END = b"\n]\n"

_SURROGATE = re.compile("[\ud800-\udfff]")


class PageWriter(Protocol):
    """Writes customers page by page; the file is valid after every `write_page`."""

    def write_page(self, customers: Iterable[Mapping[str, Any]]) -> None: ...

    def close(self) -> None: ...


class FileWriter(PageWriter, Protocol):
    """A PageWriter on a byte stream: `offset` is where the last whole page ends."""

    offset: int
    replaced_ids: list[str]

    def rollback(self, offset: int) -> None: ...


def segment_paths(customer: Mapping[str, Any]) -> list[str]:
    """One path string (names joined with `DEFAULT_SEP`) per class-segment chain."""
    return [DEFAULT_SEP.join(path(chain)) for chain in customer.get("classSegments") or []]


def json_text(value: Any) -> str:
    """Compact-ish JSON of `value` that UTF-8 can always encode (lone surrogates escaped)."""
    text = json.dumps(value, ensure_ascii=False)
    if _SURROGATE.search(text):
        return json.dumps(value, ensure_ascii=True)
    return text


def without_surrogates(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def flatten(customer: Mapping[str, Any]) -> dict[str, str]:
    """The CSV row of one customer (see the module docstring)."""
    address = customer.get("address") or {}
    invoice = customer.get("invoiceSettings") or {}
    row = {
        key: _cell(customer.get(key))
        for key in ("id", "name", "status", "email", "additionalContactName", "businessName")
    }
    row["ccEmails"] = LIST_SEPARATOR.join(customer.get("ccEmails") or [])
    row["bccEmails"] = LIST_SEPARATOR.join(customer.get("bccEmails") or [])
    row.update({f"address.{f}": _cell(address.get(f)) for f in ADDRESS_FIELDS})
    row.update({f"invoiceSettings.{f}": _cell(invoice.get(f)) for f in INVOICE_FIELDS})
    row["classSegments"] = LIST_SEPARATOR.join(segment_paths(customer))
    row["createdDateTime"] = _cell(customer.get("createdDateTime"))
    custom = customer.get("customData")
    row["customData"] = "" if custom is None else json.dumps(custom, ensure_ascii=False)
    return row


class _BinaryWriter:
    """What the writers share: the stream, the resume offset, whole writes, rolling back."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._seekable = stream.seekable()
        self.offset = stream.tell() if self._seekable else 0
        self.replaced_ids: list[str] = []

    def _write_all(self, data: bytes) -> None:
        view = memoryview(data)
        while view:  # an unbuffered file may take less than asked
            view = view[self._stream.write(view) or 0 :]
        self._stream.flush()

    def _write(self, data: bytes) -> None:
        self._write_all(data)
        self.offset = self._stream.tell() if self._seekable else self.offset + len(data)

    def rollback(self, offset: int) -> None:
        """Cut the file back to `offset` (the end of the last whole page) and make it valid."""
        self._stream.truncate(offset)
        self._stream.seek(offset)
        self.offset = offset

    def close(self) -> None:
        self._stream.flush()


class JsonLinesWriter(_BinaryWriter):
    """One JSON object per line."""

    def write_page(self, customers: Iterable[Mapping[str, Any]]) -> None:
        self._write("".join(json_text(c) + "\n" for c in customers).encode("utf-8"))


class JsonArrayWriter(_BinaryWriter):
    """One JSON array. After each page the array is closed, so the file always parses; the next
    page overwrites the closing bracket (on seekable files) before it continues."""

    def __init__(self, stream: IO[bytes], *, has_items: bool = False, opened: bool = False) -> None:
        super().__init__(stream)
        self._has_items = has_items
        if not opened:
            self._write(b"[")

    def write_page(self, customers: Iterable[Mapping[str, Any]]) -> None:
        parts = []
        for customer in customers:
            parts.append((",\n" if self._has_items else "\n") + json_text(customer))
            self._has_items = True
        self._write("".join(parts).encode("utf-8"))
        if self._seekable:
            self._write_all(JSON_ARRAY_END)
            self._stream.seek(self.offset)

    def rollback(self, offset: int) -> None:
        super().rollback(offset)
        self._write_all(JSON_ARRAY_END)
        self._stream.seek(offset)

    def close(self) -> None:
        self._write_all(JSON_ARRAY_END)
        if self._seekable:
            self._stream.truncate()
        self._stream.flush()


class CsvWriter(_BinaryWriter):
    """RFC 4180 CSV with a header row (left out when continuing a file that has one)."""

    def __init__(self, stream: IO[bytes], *, header: bool = True) -> None:
        super().__init__(stream)
        if header:
            self._write(CSV_HEADER)

    def write_page(self, customers: Iterable[Mapping[str, Any]]) -> None:
        rows = [flatten(c) for c in customers]
        text = _csv_text(rows)
        if _SURROGATE.search(text):
            for row in rows:
                if _SURROGATE.search("".join(row.values())):
                    row.update({k: without_surrogates(v) for k, v in row.items()})
                    self.replaced_ids.append(row["id"])
            text = _csv_text(rows)
        self._write(text.encode("utf-8"))


def _csv_text(rows: list[dict[str, str]]) -> str:
    text = io.StringIO()
    csv.DictWriter(text, fieldnames=CSV_COLUMNS, lineterminator="\n").writerows(rows)
    return text.getvalue()


def new_writer(fmt: str, stream: IO[bytes], *, continuing: bool, has_items: bool) -> FileWriter:
    """The writer of `fmt` on `stream`; `continuing` a file that already holds the start of the
    document (the JSON array's `[`, the CSV header), whose end `stream` is positioned at."""
    if fmt == "jsonl":
        return JsonLinesWriter(stream)
    if fmt == "csv":
        return CsvWriter(stream, header=not continuing)
    return JsonArrayWriter(stream, has_items=has_items, opened=continuing)
