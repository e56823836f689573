"""The checkpoint of a file export: `FILE.resume`, rewritten atomically after every page.

It records where the export stands once the file is opened and after each page is written and
flushed: the cursor of the next page (None: from the start, or nothing left when `done`), the
byte length of the file at that point, how many customers
it holds, the format, and a fingerprint of the query (filter and sort). `--resume` reads it,
checks that the file and the command still match, cuts the file back to that length and goes on.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

SUFFIX = ".resume"
VERSION = 1


class CheckpointError(ValueError):
    """A checkpoint that is unreadable or does not match the command resuming it."""


@dataclass(frozen=True)
class Checkpoint:
    format: str
    query: str
    cursor: str | None
    offset: int
    customers: int
    pages: int
    done: bool = False


def path_for(output: Path) -> Path:
    """Where the checkpoint of `output` lives."""
    return output.with_name(output.name + SUFFIX)


def fingerprint(filter_wire: Any, sort_wire: Any) -> str:
    """A short hash of the query a cursor belongs to (its wire filter and sort)."""
    text = json.dumps({"filter": filter_wire, "sort": sort_wire}, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def save(output: Path, checkpoint: Checkpoint) -> None:
    """Write the checkpoint beside `output`: a temporary file, synced, then renamed over it."""
    target = path_for(output)
    data = json.dumps({"version": VERSION, **asdict(checkpoint)}, indent=1).encode("utf-8")
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def load(output: Path) -> Checkpoint | None:
    """The checkpoint beside `output`, or None when there is none."""
    source = path_for(output)
    try:
        data = json.loads(source.read_bytes())
        if data.pop("version") != VERSION:
            raise CheckpointError(f"{source} was written by another version of this command")
        return Checkpoint(**data)
    except FileNotFoundError:
        return None
    except (ValueError, TypeError, KeyError, AttributeError):
        raise CheckpointError(
            f"{source} is not a checkpoint this command can read; "
            "delete it and start over without --resume"
        ) from None


def remove(output: Path) -> None:
    """Delete the checkpoint beside `output`, if any."""
    path_for(output).unlink(missing_ok=True)
