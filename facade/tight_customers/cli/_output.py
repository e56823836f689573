"""Where an export writes, checked before any request and opened only once a page is in hand.

`plan_output()` checks the --output path and what --resume asks for without touching any file
(a usage error names the flag and the reason). `OutputPlan.open()` is called with the first page
in hand: only then is an existing file replaced (a fresh export) or cut back to its checkpoint
(`--resume`), so a run that fails before it has anything leaves yesterday's file as it was.
"""

from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from tight_customers.cli import _checkpoint
from tight_customers.cli._checkpoint import Checkpoint, CheckpointError
from tight_customers.cli._formats import CSV_HEADER, FILE_FORMATS, FileWriter, new_writer


class OutputError(ValueError):
    """The output path or the resume request cannot work (a usage error)."""


@dataclass
class OutputPlan:
    """How the export's output is opened (see `plan_output`)."""

    fmt: str
    path: Path | None
    checkpointed: bool = False
    checkpoint: Checkpoint | None = None
    append: bool = False
    stream: IO[bytes] | None = None
    _text: IO[str] | None = None

    def open(self) -> FileWriter:
        """Open the output for the first page (replacing, cutting back or appending)."""
        if self.fmt == "table":
            return self._open_table()
        if self.path is None:
            self.stream = sys.stdout.buffer
            return new_writer(self.fmt, self.stream, continuing=False, has_items=False)
        if self.checkpoint is not None:
            stream = self.path.open("r+b", buffering=0)
            stream.truncate(self.checkpoint.offset)
            stream.seek(self.checkpoint.offset)
            self.stream = stream
            return new_writer(
                self.fmt,
                stream,
                continuing=self.checkpoint.offset > 0,
                has_items=self.checkpoint.customers > 0,
            )
        if self.append and self.path.exists() and self.path.stat().st_size > 0:
            return self._open_appending(self.path)
        self.stream = self.path.open("wb", buffering=0)
        return new_writer(self.fmt, self.stream, continuing=False, has_items=False)

    def _open_appending(self, path: Path) -> FileWriter:
        stream = path.open("r+b", buffering=0)
        self.stream = stream
        has_items = False
        if self.fmt == "json":
            data = path.read_bytes().rstrip()
            body = data[:-1].rstrip()  # without the closing bracket
            has_items = body != b"["
            stream.truncate(len(body))
        stream.seek(0, os.SEEK_END)
        return new_writer(self.fmt, stream, continuing=True, has_items=has_items)

    def _open_table(self) -> FileWriter:
        from rich.console import Console

        from tight_customers.cli._views import TableWriter

        if self.path is None:
            return TableWriter(Console())
        self.stream = self.path.open("wb", buffering=0)
        text = io.TextIOWrapper(self.stream, encoding="utf-8", errors="replace")
        self._text = text
        return TableWriter(Console(file=text, width=160))

    def close(self) -> None:
        if self._text is not None:
            self._text.close()
        elif self.stream is not None and self.path is not None:
            self.stream.close()


def plan_output(
    fmt: str, path: Path | None, *, export: bool, resume: str | None, query: str
) -> OutputPlan:
    """Check --output and --resume; `resume` is "" for a bare --resume, `query` the fingerprint
    of the filter and sort. Raises OutputError (a usage error) when they cannot work."""
    if path is None:
        if resume == "":
            raise OutputError(
                "--resume without a cursor continues a file export: add --output FILE "
                "(or pass the cursor the interrupted run printed: --resume CURSOR)"
            )
        return OutputPlan(fmt, None)
    check_writable(path)
    if fmt not in FILE_FORMATS:
        if resume == "":
            raise OutputError(
                "--resume without a cursor continues a file export: "
                f"--format {', '.join(FILE_FORMATS)}"
            )
        return OutputPlan(fmt, path)  # a table is written anew
    regular = not path.exists() or path.is_file()
    plan = OutputPlan(fmt, path, checkpointed=export and regular)
    if resume is None:
        return plan
    checkpoint = _load(path) if regular else None
    if checkpoint is not None:
        _check_matches(path, checkpoint, fmt, query)
    if resume == "":
        if checkpoint is None:
            raise OutputError(
                f"--resume: nothing to resume, {_checkpoint.path_for(path)} does not exist "
                "(the export finished, or stopped before its first page); "
                "run the command without --resume"
            )
        plan.checkpoint = checkpoint
    elif checkpoint is not None and checkpoint.cursor == resume and not checkpoint.done:
        plan.checkpoint = checkpoint
    else:
        _check_appendable(path, fmt, closed=True)
        plan.append = True
    return plan


def check_writable(path: Path) -> None:
    """A usage error unless `path` names a file that can be created or written."""
    if path.is_dir():
        raise OutputError(f"--output {path} is a directory; give a file name")
    parent = path.parent
    if not parent.is_dir():
        raise OutputError(f"--output {path}: the directory {parent} does not exist")
    if path.exists():
        if not os.access(path, os.W_OK):
            raise OutputError(f"--output {path} is not writable")
    elif not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"--output {path} cannot be created: {parent} is not writable")


def _load(path: Path) -> Checkpoint | None:
    try:
        return _checkpoint.load(path)
    except CheckpointError as exc:
        raise OutputError(f"--resume: {exc}") from None


def _check_matches(path: Path, checkpoint: Checkpoint, fmt: str, query: str) -> None:
    if checkpoint.format != fmt:
        raise OutputError(
            f"--resume: {path} is a {checkpoint.format} export; "
            f"resume it with --format {checkpoint.format}"
        )
    if checkpoint.query != query:
        raise OutputError(
            f"--resume: {path} was exported with other filter flags or another --sort; "
            "resume with the same flags (or start over without --resume)"
        )
    if not path.is_file() or path.stat().st_size < checkpoint.offset:
        raise OutputError(
            f"--resume: {path} is shorter than its checkpoint says (was it changed?); "
            "start over without --resume"
        )
    if checkpoint.offset > 0:
        _check_appendable(path, fmt, closed=False)


def _check_appendable(path: Path, fmt: str, *, closed: bool) -> None:
    """A usage error unless `path` (if not empty) starts like a `fmt` file this command wrote
    and, when `closed`, also ends like one (a closed array, a whole last line)."""
    size = path.stat().st_size if path.exists() else 0
    if size == 0:
        return
    with path.open("rb") as fh:
        head = fh.read(len(CSV_HEADER))
        fh.seek(-min(size, 16), os.SEEK_END)
        tail = fh.read()
    if fmt == "json":
        ok = head.lstrip().startswith(b"[") and (not closed or tail.rstrip().endswith(b"]"))
    elif fmt == "jsonl":
        ok = head.lstrip().startswith(b"{") and (not closed or tail.endswith(b"\n"))
    else:
        ok = head == CSV_HEADER and (not closed or tail.endswith(b"\n"))
    if not ok:
        what = {
            "json": "a JSON array",
            "jsonl": "JSON lines",
            "csv": "CSV with this command's header",
        }
        raise OutputError(
            f"--resume: {path} does not hold {what[fmt]} (--format {fmt}); "
            "resume with the --format of that export, or write to another --output"
        )
