"""Briefing subscriptions in Redis: one JSON record per channel in `…:subscriptions`, a registry of teams that
have any (`briefbot:_registry:subscriptions`), and each place's rotation counter in `…:rotation`."""

from __future__ import annotations

import logging

from bot.adapters.storage.guard import RedisGuard, key
from bot.core.schedule import Subscription

log = logging.getLogger(__name__)

_REGISTRY = key("_registry", "subscriptions")


class RedisSubscriptions:
    """Implements the core's SubscriptionStore."""

    def __init__(self, guard: RedisGuard) -> None:
        self._guard = guard

    def save(self, subscription: Subscription) -> bool:
        """Add or replace the channel's subscription; False when Redis is unavailable."""
        payload = subscription.model_dump_json()
        team = subscription.team

        def write() -> bool:
            pipe = self._guard.client.pipeline(transaction=True)
            pipe.hset(key(team, "subscriptions"), subscription.channel, payload)
            pipe.sadd(_REGISTRY, team)
            pipe.execute()
            return True

        return self._guard.run("subscription.save", write, False)

    def remove(self, team: str, channel: str) -> bool:
        client = self._guard.client
        return bool(
            self._guard.run(
                "subscription.remove", lambda: client.hdel(key(team, "subscriptions"), channel), 0
            )
        )

    def of_team(self, team: str) -> list[Subscription]:
        client = self._guard.client
        raw: dict[str, str] = (
            self._guard.run("subscription.list", lambda: client.hgetall(key(team, "subscriptions")), {}) or {}
        )
        found = []
        for channel, record in raw.items():
            try:
                found.append(Subscription.model_validate_json(record))
            except ValueError:  # one bad record must not hide the others (or stop the clock)
                log.warning("subscription.invalid team=%s channel=%s", team, channel)
        return sorted(found, key=lambda s: s.channel)

    def everywhere(self) -> list[Subscription]:
        """Every team's subscriptions, for the clock."""
        teams: set[str] = self._guard.run(
            "registry.list", lambda: self._guard.client.smembers(_REGISTRY), set()
        )  # type: ignore[arg-type]
        return [s for team in sorted(teams or ()) for s in self.of_team(team)]

    def next_in_rotation(self, team: str, place: str) -> int:
        """Atomically advance a place's rotation counter; 0 when Redis is down."""
        client = self._guard.client
        return int(self._guard.run("rotation", lambda: client.hincrby(key(team, "rotation"), place, 1), 0))
