"""Delivery claims in Redis (`…:seen:<kind>:<id>`, SET NX EX): the first claimant of an event or a command
wins, across every process. While Redis is down, answers are claimed in this process instead (bounded and
short-lived, `local.py`), so a retried event is still answered once. Briefing slots are leased instead
(`RedisSlotClaims`): a lease that ends without an outcome lets another clock check and post the slot."""

from __future__ import annotations

import datetime as dt

from bot.adapters.storage.guard import RedisGuard, key
from bot.adapters.storage.local import LocalClaims
from bot.core.ports import Lease


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


# KEYS[1] the slot's claim; ARGV: now, lease end, ttl (epoch seconds). A value is `posting <until> <since>`
# while leased; anything else (`posted`, or an older clock's `1`) is done.
_TAKE = """
local value = redis.call('GET', KEYS[1])
local since = ARGV[1]
local retry = 0
if value then
  local lease_end, first = string.match(value, '^posting (%S+) (%S+)$')
  if not lease_end or tonumber(lease_end) > tonumber(ARGV[1]) then return false end
  since, retry = first, 1
end
redis.call('SET', KEYS[1], 'posting ' .. ARGV[2] .. ' ' .. since, 'EX', ARGV[3])
return {retry, since}
"""
# KEYS[1] the slot's claim; ARGV[1] now: a lease ends now, keeping when its first attempt began.
_END_LEASE = """
local value = redis.call('GET', KEYS[1])
local first = value and string.match(value, '^posting %S+ (%S+)$')
if not first then return 0 end
redis.call('SET', KEYS[1], 'posting ' .. ARGV[1] .. ' ' .. first, 'KEEPTTL')
return 1
"""


class RedisSlotClaims:
    """Implements the core's SlotClaims on the briefing slots' delivery-claim keys (`…:seen:briefing:<id>`):
    `posting <lease end> <first attempt>` while a clock posts, `posted` after. One Lua call takes a slot."""

    def __init__(self, guard: RedisGuard) -> None:
        self._guard = guard
        self._take = guard.client.register_script(_TAKE)
        self._end_lease = guard.client.register_script(_END_LEASE)

    def take(self, team: str, ident: str, *, now: dt.datetime, lease: int, ttl: int) -> Lease | None:
        at = now.timestamp()
        args: list[str | int] = [f"{at:.6f}", f"{at + lease:.6f}", ttl]
        taken = self._guard.run("take", lambda: self._take(keys=[_slot(team, ident)], args=args), None)
        if not taken:
            return None  # done, leased by another clock, or the store is down: never post blind
        retry, since = taken
        return Lease(retry=bool(int(retry)), since=dt.datetime.fromtimestamp(float(since), dt.UTC))

    def done(self, team: str, ident: str, ttl: int) -> None:
        self._guard.run("done", lambda: self._guard.client.set(_slot(team, ident), "posted", ex=ttl), None)

    def unknown(self, team: str, ident: str, *, now: dt.datetime) -> None:
        at = f"{now.timestamp():.6f}"
        self._guard.run("end_lease", lambda: self._end_lease(keys=[_slot(team, ident)], args=[at]), None)

    def release(self, team: str, ident: str) -> None:
        self._guard.run("release", lambda: self._guard.client.delete(_slot(team, ident)), None)


def _slot(team: str, ident: str) -> str:
    return key(team, "seen", "briefing", ident)
