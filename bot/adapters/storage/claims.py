"""Delivery claims in Redis (`…:seen:<kind>:<id>`, SET NX EX): the first claimant of an event, a command or a
briefing slot wins, across every process. While Redis is down, answers are claimed in this process instead
(bounded and short-lived, `local.py`), so a retried event is still answered once."""

from __future__ import annotations

from bot.adapters.storage.guard import RedisGuard, key
from bot.adapters.storage.local import LocalClaims


class RedisDeliveryClaims:
    """Implements the core's DeliveryClaims."""

    def __init__(self, guard: RedisGuard, local: LocalClaims | None = None) -> None:
        self._guard = guard
        self._local = local if local is not None else LocalClaims()

    def claim(self, team: str, kind: str, ident: str, ttl: int = 3600, *, when_down: bool = True) -> bool:
        """True for the first claimant of (kind, ident).

        With Redis down, `when_down=True` (answers: answering twice beats not answering) claims in this
        process; `when_down=False` (posts that must never go out twice: scheduled briefings) gets False.
        """
        seen = key(team, "seen", kind, ident)
        if self._local.holds(seen):
            return False  # claimed here during an outage: Redis never saw it
        won: bool | None = self._guard.run(
            "claim", lambda: bool(self._guard.client.set(seen, 1, nx=True, ex=ttl)), None
        )
        if won is not None:
            return won
        return self._local.claim(seen, ttl) if when_down else False

    def release(self, team: str, kind: str, ident: str) -> None:
        """Give a claim back, so a post Slack refused can be tried again by the next claimant."""
        seen = key(team, "seen", kind, ident)
        self._local.release(seen)
        self._guard.run("release", lambda: self._guard.client.delete(seen), None)
