"""Usage counters and votes in Redis: `…:stats` (a hash of 'metric:field' → amount, kept for a year after its
last write) and `…:votes:<answer id>`."""

from __future__ import annotations

from collections.abc import Mapping

from bot.adapters.storage.guard import PREFIX, RedisGuard, key

STATS_TTL_SECONDS = 365 * 24 * 3600  # every write renews it: only a team silent for a year loses its stats


class RedisCounters:
    """Implements the core's Counters."""

    def __init__(self, guard: RedisGuard) -> None:
        self._guard = guard
        self._vote = guard.client.register_script(_VOTE)

    def add(self, team: str, counts: Mapping[str, float]) -> None:
        """Add to several counters ('metric:field' → amount) in one round trip."""
        if not counts:
            return
        stats = key(team, "stats")

        def write() -> None:
            pipe = self._guard.client.pipeline(transaction=False)
            for name, amount in counts.items():
                # A float counter (cost) must stay on HINCRBYFLOAT: HINCRBY fails on a field holding "0.25".
                if isinstance(amount, float):
                    pipe.hincrbyfloat(stats, name, amount)
                else:
                    pipe.hincrby(stats, name, amount)
            pipe.expire(stats, STATS_TTL_SECONDS)
            pipe.execute()

        self._guard.run("count", write, None)

    def stats(self, team: str) -> dict[str, float]:
        raw: dict[str, str] = self._guard.run(
            "stats", lambda: self._guard.client.hgetall(key(team, "stats")), {}
        )
        return {k: float(v) for k, v in sorted((raw or {}).items())}

    def teams(self) -> list[str]:
        """Teams with stats recorded, for `briefbot stats` across a workspace grid."""
        scan = lambda: list(self._guard.client.scan_iter(f"{PREFIX}:*:stats", count=500))  # noqa: E731
        found: list[str] = self._guard.run("teams", scan, []) or []
        return sorted({k.split(":")[1] for k in found})

    def record_vote(self, team: str, answer_id: str, user: str, vote: str, question: str, ttl: int) -> None:
        """Store one user's vote on an answer with the question it answered; a user's last vote counts.

        Atomic (Lua): a changed vote moves the user's count from the old choice to the new one in the stats.
        """
        keys = [key(team, "votes", answer_id), key(team, "stats")]
        args: list[str | int] = [f"user:{user}", vote, question[:500], ttl, STATS_TTL_SECONDS]
        self._guard.run("vote", lambda: self._vote(keys=keys, args=args), None)


# Record a user's vote (ARGV: field, vote, question, ttl, stats ttl); a changed vote moves the count in the
# stats.
_VOTE = """
local previous = redis.call('HGET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2], 'question', ARGV[3])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
if previous ~= ARGV[2] then
  redis.call('HINCRBY', KEYS[2], 'vote:' .. ARGV[2], 1)
  if previous then redis.call('HINCRBY', KEYS[2], 'vote:' .. previous, -1) end
  redis.call('EXPIRE', KEYS[2], tonumber(ARGV[5]))
end
return previous
"""
