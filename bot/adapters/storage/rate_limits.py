"""Fixed-window rate limits in Redis: `…:rate:<scope>:<ident>:<window number>`, expiring after the window.
While Redis is down the same windows are counted in this process (`local.py`), so limits still hold."""

from __future__ import annotations

import time
from collections.abc import Sequence

from bot.adapters.storage.guard import RedisGuard, key
from bot.adapters.storage.local import LocalRateLimits
from bot.core.ports import Limit


class RedisRateLimits:
    """Implements the core's RateLimits: several limits in one round trip."""

    def __init__(self, guard: RedisGuard, local: LocalRateLimits | None = None) -> None:
        self._guard = guard
        self._local = local if local is not None else LocalRateLimits()

    def allow(self, team: str, limits: Sequence[Limit], window: int = 60) -> bool:
        """True while every (scope, ident, limit) holds in this window."""
        now = time.time()
        bucket = str(int(now // window))
        keys = [key(team, "rate", scope, ident, bucket) for scope, ident, _ in limits]

        def hit() -> list[int]:
            pipe = self._guard.client.pipeline(transaction=False)
            for name in keys:
                pipe.incr(name)
                pipe.expire(name, window + 1)
            return [int(n) for n in pipe.execute()[::2]]

        counts: list[int] | None = self._guard.run("rate", hit, None)
        if counts is None:
            counts = self._local.hit(keys, window - now % window)
        return all(count <= limit for count, (_, _, limit) in zip(counts, limits, strict=True))
