"""The response decoder gives exactly `json.loads`' results and errors, and the GC pause used
while a page is parsed always restores the collector."""

from __future__ import annotations

import gc
import json
import threading

import pytest

from tight_customers import _decoding

EDGE_BODIES = [
    b'{"data": [{"id": "cus_1", "name": "\\u00e9t\\u00e9", "n": 1.5e300}], "cursor": null}',
    b'{"big": 123456789012345678901234567890, "neg": -98765432109876543210}',
    b'{"nan": NaN, "inf": Infinity, "minus": -Infinity}',
    b'{"lone": "\\ud800", "pair": "\\ud83d\\ude00"}',
    b'{"dup": 1, "dup": 2}',
    '{"utf16": [1, 2]}'.encode("utf-16"),
    b"[-9223372036854775808, -9223372036854775809, 9999999999999999999, 1e400, 0.1]",
    '{"utf16": "ok"}'.encode("utf-16-le"),
]


@pytest.mark.parametrize("body", EDGE_BODIES)
def test_loads_gives_what_json_loads_gives(body: bytes) -> None:
    expected = json.loads(body)
    got = _decoding.loads(body)
    assert json.dumps(got, sort_keys=True) == json.dumps(expected, sort_keys=True)


@pytest.mark.parametrize("body", [b"", b"{", b"<html>502</html>", b'{"a": 1} trailing', b"\xff"])
def test_loads_fails_as_json_loads_fails(body: bytes) -> None:
    with pytest.raises(ValueError) as expected:
        json.loads(body)
    with pytest.raises(ValueError) as got:
        _decoding.loads(body)
    assert type(got.value) is type(expected.value)


def test_loads_refuses_very_deep_nesting_as_json_loads_does() -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(RecursionError):
        _decoding.loads(body)


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
