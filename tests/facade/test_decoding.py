"""Decoding response bodies: the optional fast decoder (msgspec, the `speedups` extra) gives
exactly what `json.loads` gives, value or error, for every body; and the GC pause used while a
body is decoded and parsed always restores the collector, however pauses nest or overlap.

`make lowest-deps` runs this file without msgspec and again with its lowest allowed version."""

from __future__ import annotations

import gc
import importlib.util
import json
import math
import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.facade.conftest import Script, customer, envelope, scripted_client
from tight_customers import _decoding

HAS_MSGSPEC = importlib.util.find_spec("msgspec") is not None

# Bodies on which msgspec and the standard library disagree, or might: the fast path must
# give the standard library's answer for each.
EDGE_BODIES = [
    b'{"a": 123456789012345678901234567890}',
    b'{"a": -9223372036854775809, "b": 18446744073709551616}',
    b'{"a": 1e400}',
    b'{"a": NaN, "b": Infinity, "c": -Infinity}',
    b'{"a": "\\ud800"}',
    b'{"a": "\\udc00x\\ud83d\\ude00"}',
    b'{"a": 1, "a": 2}',
    b'{"a": "\x01"}',
    b'{"a": "\xff"}',
    b'{"a": "\xed\xa0\x80"}',
    b'\xef\xbb\xbf{"a": 1}',
    '{"a": "\u00e9"}'.encode("utf-16"),
    '{"a": "\u00e9"}'.encode("utf-32"),
    b'{"a": 0.1, "b": 5e-324, "c": 1.7976931348623157e308, "d": -0.0}',
    b' {"a": [1, 2.5, true, false, null, "x"]} ',
    b'{"a": 1} x',
    b'{"a": 01}',
    b'{"a": 1.}',
    b"",
    b"[" * 100_000 + b"]" * 100_000,
]


def outcome(decode: Callable[[bytes], Any], body: bytes) -> tuple[str, str]:
    """("value", repr) or ("error", the exception's class name)."""
    try:
        return "value", repr(decode(body))
    except Exception as exc:
        return "error", type(exc).__name__


def fast_loads() -> Callable[[bytes], Any]:
    msgspec = pytest.importorskip("msgspec")
    return _decoding.loads_with(msgspec.json.Decoder().decode)


def test_the_fast_decoder_is_used_exactly_when_msgspec_is_installed() -> None:
    assert ("msgspec" if HAS_MSGSPEC else "json") == _decoding.DECODER
    if not HAS_MSGSPEC:
        assert _decoding.loads is json.loads


@pytest.mark.parametrize("body", EDGE_BODIES, ids=lambda b: repr(b[:24]))
def test_the_fast_decoder_answers_as_json_loads_does(body: bytes) -> None:
    assert outcome(fast_loads(), body) == outcome(json.loads, body)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(value=JSON_VALUES, ascii_only=st.booleans())
def test_the_fast_decoder_agrees_with_json_loads_on_any_document(
    value: Any, ascii_only: bool
) -> None:
    try:
        body = json.dumps(value, ensure_ascii=ascii_only).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate in UTF-8 text: not a body a server can send
        body = json.dumps(value).encode("ascii")
    assert outcome(fast_loads(), body) == outcome(json.loads, body)


def test_a_body_only_the_standard_library_reads_still_gives_its_customers() -> None:
    page = envelope([customer("cus_1", customData={"ratio": math.nan})])
    body = b"\xef\xbb\xbf" + json.dumps(page).encode()  # a byte order mark, and NaN
    script = Script(httpx.Response(200, content=body, headers={"content-type": "application/json"}))
    with scripted_client(script) as client:
        got = client.customers.query(limit=1).data
    assert [c.id for c in got] == ["cus_1"]
    assert got[0].custom_data is not None
    assert math.isnan(got[0].custom_data["ratio"])


def test_gc_pauses_nest_and_restore_the_collector() -> None:
    assert gc.isenabled()
    with _decoding.gc_paused():
        assert not gc.isenabled()
        with _decoding.gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyError), _decoding.gc_paused():
        raise KeyError("x")
    assert gc.isenabled()


def test_overlapping_gc_pauses_across_threads_restore_the_collector() -> None:
    inside = threading.Barrier(2)
    leave = threading.Event()

    def hold() -> None:
        with _decoding.gc_paused():
            inside.wait()
            leave.wait(10)

    worker = threading.Thread(target=hold)
    worker.start()
    with _decoding.gc_paused():
        inside.wait()
    assert not gc.isenabled()  # the worker's pause is still on
    leave.set()
    worker.join()
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        with _decoding.gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
