"""Writers for the query command's output formats: json, jsonl, csv (and the table view).

Every writer takes wire-format customer dicts (what `Customer.to_dict()` gives) and writes them
page by page: `write_page()` leaves the file valid and flushed after each page, so an interrupted
export keeps every page written so far, and `close()` finishes the file (the JSON array's `]`).

CSV flattens each customer to one row (documented in the README, "CSV columns"):
- scalar fields as they are: id, name, status, email, additionalContactName, businessName,
  createdDateTime;
- `ccEmails`/`bccEmails` joined with "; ";
- `address.*` and `invoiceSettings.*` as one column per member (`address.city`, ...);
- `classSegments` as the path of each chain ("Mid-Atlantic > Washington DC"), chains joined with
  "; ";
- `customData` as compact JSON.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any, Protocol

from tight_customers.segments import path

SEGMENT_SEPARATOR = " > "
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
FILE_FORMATS = ("json", "jsonl", "csv")


class PageWriter(Protocol):
    """Writes customers page by page; the file is valid after every `write_page`."""

    def write_page(self, customers: Iterable[Mapping[str, Any]]) -> None: ...

    def close(self) -> None: ...


def segment_paths(customer: Mapping[str, Any]) -> list[str]:
    """One "Root > Child > Leaf" string per class-segment chain of the customer."""
    return [SEGMENT_SEPARATOR.join(path(chain)) for chain in customer.get("classSegments") or []]


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


class JsonLinesWriter:
    """One JSON object per line."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write_page(self, customers: Iterable[Mapping[str, Any]]) -> None:
        for customer in customers:
            self._stream.write(json.dumps(customer, ensure_ascii=False) + "\n")
        self._stream.flush()

    def close(self) -> None:
        self._stream.flush()


class JsonArrayWriter:
    """One JSON array. After each page the array is closed, so the file always parses; the next
    page overwrites the closing bracket (on seekable files) before it continues."""

    def __init__(self, stream: IO[str], *, opened: bool = False, has_items: bool = False) -> None:
        self._stream = stream
        self._has_items = has_items
        self._seekable = stream.seekable()
        if not opened:
            self._stream.write("[")

    def write_page(self, customers: Iterable[Mapping[str, Any]]) -> None:
        for customer in customers:
            self._stream.write(",\n" if self._has_items else "\n")
            self._stream.write(json.dumps(customer, ensure_ascii=False))
            self._has_items = True
        if self._seekable:
            position = self._stream.tell()
            self._stream.write("\n]\n")
            self._stream.flush()
            self._stream.seek(position)
        else:
            self._stream.flush()

    def close(self) -> None:
        self._stream.write("\n]\n")
        if self._seekable:
            self._stream.truncate()
        self._stream.flush()


class CsvWriter:
    """RFC 4180 CSV with a header row (left out when appending to a file that has one)."""

    def __init__(self, stream: IO[str], *, header: bool = True) -> None:
        self._stream = stream
        self._writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
        if header:
            self._writer.writeheader()

    def write_page(self, customers: Iterable[Mapping[str, Any]]) -> None:
        self._writer.writerows(flatten(c) for c in customers)
        self._stream.flush()

    def close(self) -> None:
        self._stream.flush()


def reopen_json_array(file: Path) -> bool:
    """Cut the closing bracket off a JSON array file that an earlier run wrote, so that writing
    can continue (open it with mode "r+" and seek to the end afterwards).

    Returns True when the array already holds items (so the next item needs a comma)."""
    data = file.read_bytes()
    if not data.strip():
        file.write_bytes(b"[")
        return False
    end = data.rstrip().rfind(b"]")
    if end < 0 or not data.lstrip().startswith(b"["):
        raise ValueError(f"{file} is not a JSON array written by this command")
    body = data[:end].rstrip()
    with file.open("r+b") as fh:
        fh.truncate(len(body))
    return body.strip() != b"["


def open_output(fmt: str, file: Path | None, *, appending: bool) -> tuple[PageWriter, IO[str]]:
    """The writer for `fmt` and the stream under it (stdout when `file` is None).

    `appending` continues a file an earlier, interrupted run wrote (`--resume`)."""
    if fmt not in FILE_FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FILE_FORMATS)}")
    appending = appending and file is not None and file.exists()
    has_content = appending and file is not None and file.stat().st_size > 0
    stream: IO[str]
    if file is None:
        stream = sys.stdout
    elif fmt == "json" and appending:
        has_items = reopen_json_array(file)
        stream = file.open("r+", encoding="utf-8", newline="")
        stream.seek(0, io.SEEK_END)
        return JsonArrayWriter(stream, opened=True, has_items=has_items), stream
    else:
        stream = file.open("a" if appending else "w", encoding="utf-8", newline="")
    if fmt == "jsonl":
        return JsonLinesWriter(stream), stream
    if fmt == "csv":
        return CsvWriter(stream, header=not has_content), stream
    return JsonArrayWriter(stream), stream
