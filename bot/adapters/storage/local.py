"""In-process stand-ins for delivery claims and rate limits, used only while Redis cannot be reached.

Without them a Redis outage answered every retried event again and let every question through. They are
bounded (at most `capacity` entries each, oldest dropped first) and short-lived (claims for at most
`LOCAL_CLAIM_SECONDS`, counters for their window), and they hold per process: with several web processes, a
retry that reaches another process is not seen, and each process allows a user the full limit.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

LOCAL_CLAIM_SECONDS = 600  # Slack retries an event after about 1 minute and 5 minutes
CAPACITY = 10_000


class LocalClaims:
    """First-claimant-wins markers in this process, each expiring after its ttl (capped)."""

    def __init__(self, capacity: int = CAPACITY, max_ttl: float = LOCAL_CLAIM_SECONDS) -> None:
        self._capacity = capacity
        self._max_ttl = max_ttl
        self._until: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def claim(self, name: str, ttl: float) -> bool:
        """True for the first claimant of `name` while its claim lasts."""
        now = time.monotonic()
        with self._lock:
            self._expire(now)
            if name in self._until:
                return False
            self._until[name] = now + min(ttl, self._max_ttl)
            while len(self._until) > self._capacity:
                self._until.popitem(last=False)
            return True

    def holds(self, name: str) -> bool:
        """True while `name` was claimed here (during an outage) and its claim lasts."""
        with self._lock:
            until = self._until.get(name)
            return until is not None and until > time.monotonic()

    def release(self, name: str) -> None:
        with self._lock:
            self._until.pop(name, None)

    def __len__(self) -> int:
        return len(self._until)

    def _expire(self, now: float) -> None:
        # Insertion order is nearly expiry order (ttls are few and alike): drop from the front till one lasts.
        while self._until:
            name, until = next(iter(self._until.items()))
            if until > now:
                return
            del self._until[name]


class LocalRateLimits:
    """Fixed-window counters in this process, named like Redis's (window number included), each dropped once
    its window is over."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self._capacity = capacity
        self._counts: OrderedDict[str, tuple[int, float]] = OrderedDict()
        self._lock = threading.Lock()

    def hit(self, names: list[str], seconds_left: float) -> list[int]:
        """Count one hit on each of `names`, whose window ends in `seconds_left`; their counts after it."""
        now = time.monotonic()
        with self._lock:
            while self._counts and next(iter(self._counts.values()))[1] <= now:
                self._counts.popitem(last=False)
            counts = []
            for name in names:
                count, until = self._counts.pop(name, (0, now + seconds_left))
                self._counts[name] = (count + 1, until)  # most recently used last
                counts.append(count + 1)
            while len(self._counts) > self._capacity:
                self._counts.popitem(last=False)
            return counts

    def __len__(self) -> int:
        return len(self._counts)
