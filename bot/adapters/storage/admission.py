"""A question's way in, in one Redis round trip (Lua): claim its delivery, count it against its rate limits,
and look up its cached answer — what a cached slash command's ack waits for, and nothing else.

The same keys as the single-purpose adapters (`…:seen:…`, `…:rate:…`, `…:answer:…`, `…:stats`), so they agree
with each other. While Redis is down the claim and the limits fall back to this process (`local.py`), as they
do there, and there is no cached answer.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from bot.adapters.storage.answer_cache import COUNTED_GET, cached_answer
from bot.adapters.storage.counters import STATS_TTL_SECONDS
from bot.adapters.storage.guard import RedisGuard, key
from bot.adapters.storage.local import LocalClaims, LocalRateLimits
from bot.core.ports import Admitted, Limit


class RedisAdmission:
    """Implements the core's Admission."""

    def __init__(self, guard: RedisGuard, claims: LocalClaims, limits: LocalRateLimits) -> None:
        self._guard = guard
        self._local_claims = claims
        self._local_limits = limits
        self._script = guard.client.register_script(_ADMIT)

    def admit(
        self,
        team: str,
        *,
        delivery: tuple[str, str, int] | None,
        limits: Sequence[Limit],
        cache_key: str | None,
        window: int = 60,
    ) -> Admitted:
        now = time.time()
        bucket = str(int(now // window))
        seen = key(team, "seen", delivery[0], delivery[1]) if delivery else ""
        if seen and self._local_claims.holds(seen):
            return Admitted(first=False, allowed=False)  # claimed here during an outage: Redis never saw it
        rate_keys = [key(team, "rate", scope, ident, bucket) for scope, ident, _ in limits]
        keys = [seen, *rate_keys, key(team, "answer", cache_key) if cache_key else "", key(team, "stats")]
        args = [
            delivery[2] if delivery else 0,
            window + 1,
            STATS_TTL_SECONDS,
            *(limit for _, _, limit in limits),
        ]
        reply = self._guard.run("admit", lambda: self._script(keys=keys, args=args), None)
        if reply is None:  # Redis is down: this process keeps the claim and the counts; nothing is cached
            first = self._local_claims.claim(seen, delivery[2]) if delivery else True
            counts = self._local_limits.hit(rate_keys, window - now % window) if first else []
            allowed = first and all(c <= limit for c, (_, _, limit) in zip(counts, limits, strict=True))
            return Admitted(first=first, allowed=allowed)
        first, allowed, raw = bool(reply[0]), bool(reply[1]), reply[2] if len(reply) > 2 else None
        return Admitted(first=first, allowed=allowed, cached=cached_answer(raw, cache_key or ""))


# KEYS: the delivery's claim ('' for none), the rate-limit counters, the answer ('' for none), the stats.
# ARGV: the claim's TTL, the counters' TTL, the stats' TTL, then each counter's limit.
# Returns {first, allowed, answer or nothing}; the lookup counts its hit or miss as the answer cache's does.
_ADMIT = (
    COUNTED_GET
    + """
if KEYS[1] ~= '' and redis.call('SET', KEYS[1], 1, 'NX', 'EX', tonumber(ARGV[1])) == false then
  return {0, 0}
end
local allowed = 1
local limits = #ARGV - 3
for i = 1, limits do
  local count = redis.call('INCR', KEYS[1 + i])
  redis.call('EXPIRE', KEYS[1 + i], tonumber(ARGV[2]))
  if count > tonumber(ARGV[3 + i]) then allowed = 0 end
end
local answer_key = KEYS[limits + 2]
if allowed == 0 or answer_key == '' then
  return {1, allowed}
end
local value = counted_get(answer_key, KEYS[limits + 3], tonumber(ARGV[3]))
if not value then
  return {1, 1}
end
return {1, 1, value}
"""
)
