"""Fixed-window rate limits in Redis: `…:rate:<scope>:<ident>:<window number>`, expiring after the window."""

from __future__ import annotations

import time
from collections.abc import Sequence

from bot.adapters.storage.guard import RedisGuard, key
from bot.core.ports import Limit


class RedisRateLimits:
    """Implements the core's RateLimits: several limits in one round trip."""

    def __init__(self, guard: RedisGuard) -> None:
        self._guard = guard

    def allow(self, team: str, limits: Sequence[Limit], window: int = 60) -> bool:
        """True while every (scope, ident, limit) holds in this window; True when Redis is down."""
        bucket = str(int(time.time() // window))
        keys = [key(team, "rate", scope, ident, bucket) for scope, ident, _ in limits]

        def hit() -> list[int]:
            pipe = self._guard.client.pipeline(transaction=False)
            for name in keys:
                pipe.incr(name)
                pipe.expire(name, window + 1)
            return [int(n) for n in pipe.execute()[::2]]

        counts = self._guard.run("rate", hit, [0] * len(keys))
        return all(count <= limit for count, (_, _, limit) in zip(counts, limits, strict=True))
