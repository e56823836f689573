"""A sliding-window request limit per access token."""

from __future__ import annotations

import math
import threading
import time
from collections import deque

__all__ = ["RateLimiter"]


class RateLimiter:
    """At most `limit` requests per `window` seconds per key; both may change at any time."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> int | None:
        """Count one request; None if allowed, else the seconds until one is (Retry-After)."""
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            # After a lowered limit the log may hold more than `limit`: trim from the oldest.
            while len(hits) > max(self.limit, 0):
                hits.popleft()
            if len(hits) < self.limit:
                hits.append(now)
                return None
            oldest = hits[0] if hits else now
            return max(1, math.ceil(oldest + self.window - now))

    def reset(self) -> None:
        """Forget every counted request."""
        with self._lock:
            self._hits.clear()
