"""Briefing subscriptions in Redis: one JSON record per channel in `…:subscriptions`, a registry of teams that
have any (`briefbot:_registry:subscriptions`), and each place's rotation counter in `…:rotation`.

Subscriptions are what people asked for, so they never expire; they are bounded by the workspace's channels,
and a team leaves the registry with its last one. The rotation expires `ROTATION_TTL_SECONDS` after the last
briefing (it then starts again from the first topic)."""

from __future__ import annotations

import logging

from bot.adapters.storage.guard import RedisGuard, key
from bot.core.schedule import Subscription

log = logging.getLogger(__name__)

_REGISTRY = key("_registry", "subscriptions")
ROTATION_TTL_SECONDS = 90 * 24 * 3600


class RedisSubscriptions:
    """Implements the core's SubscriptionStore."""

    def __init__(self, guard: RedisGuard) -> None:
        self._guard = guard
        self._remove = guard.client.register_script(_REMOVE)
        self._rewind = guard.client.register_script(_REWIND)

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
        """Remove the channel's subscription (and the team from the registry with its last one)."""
        keys = [key(team, "subscriptions"), _REGISTRY]
        return bool(
            self._guard.run("subscription.remove", lambda: self._remove(keys=keys, args=[channel, team]), 0)
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
        rotation = key(team, "rotation")

        def advance() -> int:
            pipe = self._guard.client.pipeline(transaction=True)
            pipe.hincrby(rotation, place, 1)
            pipe.expire(rotation, ROTATION_TTL_SECONDS)
            return int(pipe.execute()[0])

        return int(self._guard.run("rotation", advance, 0))

    def rewind_rotation(self, team: str, place: str) -> None:
        """Take back a place's last step (its briefing was never posted); never below the first topic."""
        self._guard.run(
            "rotation.rewind", lambda: self._rewind(keys=[key(team, "rotation")], args=[place]), None
        )


# Remove one channel's subscription (ARGV: channel, team); with the team's last one gone, drop it from the
# registry the clock reads. Atomic, so a subscription saved meanwhile never loses its registry entry.
# Step a place's rotation back (KEYS[1] the team's rotation, ARGV[1] the place), unless it is at its start.
_REWIND = """
if tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0') > 0 then
  return redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
end
return 0
"""
_REMOVE = """
local removed = redis.call('HDEL', KEYS[1], ARGV[1])
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('SREM', KEYS[2], ARGV[2])
end
return removed
"""
