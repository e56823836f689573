"""Ctrl-C during an export: finish the page in hand, then stop cleanly.

The first SIGINT only asks the export to stop after the current page is written, so the output
file always ends on a page boundary and the resume cursor is exact. A second SIGINT while a
request is in flight interrupts it at once (KeyboardInterrupt); writes are never interrupted.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType, TracebackType


class GracefulInterrupt:
    """Context manager that turns SIGINT into a stop request (main thread only)."""

    def __init__(self) -> None:
        self.requested = False
        self._writing = False
        self._previous: object = None
        self._installed = False

    def __enter__(self) -> GracefulInterrupt:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
            self._installed = True
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)  # type: ignore[arg-type]

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.requested and not self._writing:
            raise KeyboardInterrupt
        self.requested = True

    @contextmanager
    def shielded(self) -> Iterator[None]:
        """A block (a page's writes) that SIGINT never interrupts."""
        self._writing = True
        try:
            yield
        finally:
            self._writing = False
