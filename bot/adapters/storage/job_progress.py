"""What a job has already done (`…:job:<ident>`, a hash kept a day): the placeholder it posted, an answer
already sent. A retried job reads it first, so it updates its placeholder instead of posting a second one.

Read once per attempt (one round trip), written through as the job goes. With Redis down nothing is kept
and a retry starts afresh: a second placeholder beats none.
"""

from __future__ import annotations

from bot.adapters.storage.guard import RedisGuard, key

PROGRESS_TTL_SECONDS = 24 * 3600


class RedisJobProgress:
    """Implements the core's JobProgress for one job."""

    def __init__(self, guard: RedisGuard, team: str, ident: str, ttl: int = PROGRESS_TTL_SECONDS) -> None:
        self._guard = guard
        self._key = key(team, "job", ident)
        self._ttl = ttl
        self._known: dict[str, str] | None = None

    def get(self, name: str) -> str | None:
        if self._known is None:
            self._known = self._guard.run("job_progress", lambda: self._guard.client.hgetall(self._key), {})
        return self._known.get(name)

    def set(self, name: str, value: str) -> None:
        if self._known is not None:
            self._known[name] = value

        def write() -> None:
            with self._guard.client.pipeline(transaction=False) as pipe:
                pipe.hset(self._key, name, value)
                pipe.expire(self._key, self._ttl)
                pipe.execute()

        self._guard.run("job_progress", write, None)
