"""Delivery claims in Redis (`…:seen:<kind>:<id>`, SET NX EX): the first claimant of an event, a command or a
briefing slot wins, across every process."""

from __future__ import annotations

from bot.adapters.storage.guard import RedisGuard, key


class RedisDeliveryClaims:
    """Implements the core's DeliveryClaims."""

    def __init__(self, guard: RedisGuard) -> None:
        self._guard = guard

    def claim(self, team: str, kind: str, ident: str, ttl: int = 3600, *, when_down: bool = True) -> bool:
        """True for the first claimant of (kind, ident).

        With Redis down the claim returns `when_down`: True for answers (answering twice beats not
        answering), False for posts that must never go out twice (scheduled briefings).
        """
        seen = key(team, "seen", kind, ident)
        return bool(
            self._guard.run("claim", lambda: self._guard.client.set(seen, 1, nx=True, ex=ttl), when_down)
        )

    def release(self, team: str, kind: str, ident: str) -> None:
        """Give a claim back, so a post Slack refused can be tried again by the next claimant."""
        seen = key(team, "seen", kind, ident)
        self._guard.run("release", lambda: self._guard.client.delete(seen), None)
