"""A per-key sliding-window rate limit, in memory (one server process)."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

# Keys kept at most; beyond, the oldest are forgotten (an attacker cannot exhaust memory).
MAX_KEYS = 10_000


@dataclass
class RateLimit:
    """At most ``limit`` hits per ``window`` seconds for each key (a client's address)."""

    limit: int
    window: float
    clock: Callable[[], float] = time.monotonic
    _hits: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def hit(self, key: str) -> bool:
        """Count one hit; False when the key is over its limit (the hit is not counted)."""
        now = self.clock()
        with self._lock:
            hits = self._hits.pop(key, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            allowed = len(hits) < self.limit
            if allowed:
                hits.append(now)
            self._hits[key] = hits  # re-inserted last: the dict stays oldest-first
            while len(self._hits) > MAX_KEYS:
                del self._hits[next(iter(self._hits))]
            return allowed
