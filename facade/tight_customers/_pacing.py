"""Client-side pacing: keep one client under the API's request rate (a sliding window).

The pacer only computes waits; the drivers do the sleeping. Each request reserves the earliest
start time that keeps every window of `window` seconds at `limit` requests or fewer, so
threads or tasks of one client that ask at the same moment are spread out instead of all
waiting for the same slot.
"""

from __future__ import annotations

import threading
from collections import deque

from tight_customers._constants import PACING_MARGIN

__all__ = ["Pacer", "check_rate_limit"]


def check_rate_limit(value: object) -> tuple[int, float] | None:
    """`value` as (requests, seconds), or None (pacing off); a clear error otherwise."""
    if value is None:
        return None
    if not isinstance(value, tuple) or len(value) != 2:
        raise TypeError(f"rate_limit must be a (requests, seconds) tuple or None, got {value!r}")
    requests, seconds = value
    if isinstance(requests, bool) or not isinstance(requests, int) or requests < 1:
        raise ValueError(f"rate_limit requests must be an int >= 1, got {requests!r}")
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not seconds > 0:
        raise ValueError(f"rate_limit seconds must be a number > 0, got {seconds!r}")
    if seconds == float("inf"):
        raise ValueError("rate_limit seconds must be finite")
    return requests, float(seconds)


class Pacer:
    """At most `limit` request starts in any `window` seconds; thread-safe, never blocks.

    Example:
        >>> pacer = Pacer(2, 10.0, margin=0.0)
        >>> [pacer.reserve(now=0.0), pacer.reserve(now=1.0), pacer.reserve(now=2.0)]
        [0.0, 0.0, 8.0]
    """

    __slots__ = ("_lock", "_starts", "limit", "margin", "window")

    def __init__(self, limit: int, window: float, margin: float | None = None) -> None:
        self.limit = limit
        self.window = window
        self.margin = window * PACING_MARGIN if margin is None else margin
        self._starts: deque[float] = deque(maxlen=limit)
        self._lock = threading.Lock()

    def reserve(self, now: float) -> float:
        """Book a start for one request; returns how long to wait before sending it."""
        with self._lock:
            starts = self._starts
            at = now
            if len(starts) == self.limit:
                # Reservations are appended in time order, so starts[0] is the oldest of the
                # last `limit`: the new request may start once it has left the window.
                at = max(now, starts[0] + self.window + self.margin)
            starts.append(at)
            return at - now

    def __repr__(self) -> str:
        return f"Pacer(limit={self.limit}, window={self.window:g})"
