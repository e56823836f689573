"""Ctrl-C and SIGTERM: stop cleanly, with the exit code a shell expects (130, 143).

Outside an export, either signal raises `Stopped` at once (a KeyboardInterrupt, so libraries
treat it as one). During an export, `GracefulStop` turns the first signal into a request to
stop after the page in hand, so the output file ends on a page boundary and its checkpoint is
exact; a second signal while a request is in flight raises `Stopped` at once. Writing a page and
its checkpoint is never interrupted.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType, TracebackType
from typing import Any

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Stopped(KeyboardInterrupt):
    """The process got SIGINT or SIGTERM; `exit_code` is 128 + the signal number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def _raise_stopped(signum: int, frame: FrameType | None) -> None:
    raise Stopped(signum)


def install_stop_handlers() -> None:
    """Make SIGINT and SIGTERM raise `Stopped` (main thread only)."""
    if threading.current_thread() is threading.main_thread():
        for signum in SIGNALS:
            signal.signal(signum, _raise_stopped)


def ignore_stop_signals() -> None:
    """Ignore SIGINT and SIGTERM from here on (main thread only)."""
    if threading.current_thread() is threading.main_thread():
        for signum in SIGNALS:
            signal.signal(signum, signal.SIG_IGN)


class GracefulStop:
    """Context manager that turns SIGINT/SIGTERM into a stop request (main thread only)."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self._writing = False
        self._previous: dict[int, Any] = {}

    @property
    def requested(self) -> bool:
        return self.signum is not None

    @property
    def exit_code(self) -> int:
        return 128 + (self.signum or signal.SIGINT)

    def __enter__(self) -> GracefulStop:
        if threading.current_thread() is threading.main_thread():
            for signum in SIGNALS:
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.requested and not self._writing:
            raise Stopped(signum)
        if self.signum is None:
            self.signum = signum

    @contextmanager
    def shielded(self) -> Iterator[None]:
        """A block (a page's writes and its checkpoint) that no signal interrupts."""
        self._writing = True
        try:
            yield
        finally:
            self._writing = False
