"""The GC pause used while a response body is decoded and parsed always restores the
collector, however pauses nest or overlap."""

from __future__ import annotations

import gc
import threading

import pytest

from tight_customers import _decoding


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
