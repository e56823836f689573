"""Turning a response body into Python objects, quickly.

`loads` uses orjson when it is installed (the `speedups` extra) and the standard library
otherwise. Whatever orjson refuses (NaN, text that is not UTF-8, lone surrogates, nesting
deeper than 1024 levels) goes to `json.loads`, and so does a body with a run of 19 digits or
more (orjson turns integers beyond 64 bits into floats), so results and errors are `json.loads`'
(orjson's nesting limit may be a little above the one Python's recursion limit sets
`json.loads`).

`gc_paused()` holds the cyclic garbage collector off while a body is decoded and parsed: a page
of customers allocates tens of thousands of objects and no cyclic garbage, and the collections
those allocations would trigger traverse each new object several times (about a third of the
parse time). Pauses nest and may overlap across threads; the collector is back on, if it was on,
when the last one ends.
"""

from __future__ import annotations

import gc
import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["gc_paused", "loads"]


def _fast_decoder() -> Callable[[bytes], Any] | None:
    try:
        import orjson
    except ImportError:
        return None
    decode: Callable[[bytes], Any] = orjson.loads
    return decode


_fast = _fast_decoder()
_LONG_DIGITS = re.compile(rb"[0-9]{19}")


def loads(content: bytes) -> Any:
    """`json.loads(content)`, by orjson when it is installed and accepts `content`."""
    if _fast is not None and _LONG_DIGITS.search(content) is None:
        try:
            return _fast(content)
        except ValueError:  # orjson.JSONDecodeError: let the standard library judge
            pass
    return json.loads(content)


class _Pauses:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.count = 0
        self.was_enabled = False


_pauses = _Pauses()


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the duration (reference counting still frees)."""
    with _pauses.lock:
        if _pauses.count == 0:
            _pauses.was_enabled = gc.isenabled()
            gc.disable()
        _pauses.count += 1
    try:
        yield
    finally:
        with _pauses.lock:
            _pauses.count -= 1
            if _pauses.count == 0 and _pauses.was_enabled:
                gc.enable()
