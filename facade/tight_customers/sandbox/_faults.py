"""Fault injection: the configuration, the one-shot queue and the choice for each request."""

from __future__ import annotations

import random
import threading
from collections import deque
from dataclasses import dataclass

__all__ = ["FaultAction", "FaultPicker", "Faults", "parse_action"]

# A fault applied to one request: an HTTP status (answered with the JSON error envelope),
# "429-no-retry-after", "drop", "truncate", "html502" or "delay:SECONDS".
FaultAction = int | str

_NAMED = ("429-no-retry-after", "drop", "truncate", "html502")


@dataclass
class Faults:
    """Random faults for requests to /v6/customers/* (never /v6/auth/token).

    Every attribute can be changed while the sandbox runs. `latency` seconds (plus up to
    `jitter` more, uniformly) are added to every such request. Of the requests, a share
    `drop_rate` lose their connection, `truncate_rate` get a cut body, `html502_rate` a proxy's
    HTML 502 page, `rate_429` a 429 (with `Retry-After: retry_after` unless it is None) and
    `error_rate` an error envelope with a status drawn from `error_statuses`. `seed` makes the
    draws reproducible.
    """

    latency: float = 0.0
    jitter: float = 0.0
    error_rate: float = 0.0
    error_statuses: tuple[int, ...] = (500, 503, 504)
    rate_429: float = 0.0
    retry_after: float | None = 1
    drop_rate: float = 0.0
    truncate_rate: float = 0.0
    html502_rate: float = 0.0
    seed: int | None = None


def parse_action(action: object) -> FaultAction:
    """`action` if it is a valid fault action, else ValueError."""
    if isinstance(action, bool):
        raise ValueError(f"not a fault action: {action!r}")
    if isinstance(action, int):
        if not 100 <= action <= 599:
            raise ValueError(f"not an HTTP status: {action}")
        return action
    if isinstance(action, str):
        if action in _NAMED:
            return action
        if action.startswith("delay:"):
            try:
                seconds = float(action[6:])
            except ValueError:
                raise ValueError(f"bad delay: {action!r}") from None
            if seconds >= 0:
                return action
    raise ValueError(f"not a fault action: {action!r}")


class FaultPicker:
    """Chooses the fault (if any) for each request: queued ones first, then random draws."""

    def __init__(self, faults: Faults) -> None:
        self.faults = faults
        self._queue: deque[FaultAction] = deque()
        self._lock = threading.Lock()
        self._rng_for: Faults | None = None
        self._rng = random.Random()

    def enqueue(self, *actions: object) -> None:
        """Queue one-shot faults, consumed in order by the next requests."""
        parsed = [parse_action(a) for a in actions]
        with self._lock:
            self._queue.extend(parsed)

    def clear(self) -> None:
        """Drop every queued fault."""
        with self._lock:
            self._queue.clear()

    def _random(self) -> random.Random:
        # A new Faults object (sb.faults = Faults(seed=...)) restarts the reproducible draws.
        if self._rng_for is not self.faults:
            self._rng_for = self.faults
            self._rng = random.Random(self.faults.seed)
        return self._rng

    def pick(self) -> tuple[float, FaultAction | None]:
        """(added latency in seconds, the fault to apply or None) for one request."""
        with self._lock:
            f = self.faults
            rng = self._random()
            latency = max(0.0, f.latency) + (rng.uniform(0, f.jitter) if f.jitter > 0 else 0.0)
            if self._queue:
                return latency, self._queue.popleft()
            draw = rng.random()
            for share, action in (
                (f.drop_rate, "drop"),
                (f.truncate_rate, "truncate"),
                (f.html502_rate, "html502"),
                (f.rate_429, 429),
            ):
                if draw < share:
                    return latency, action
                draw -= share
            if draw < f.error_rate and f.error_statuses:
                return latency, rng.choice(f.error_statuses)
            return latency, None
