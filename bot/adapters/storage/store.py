"""Every storage port on one Redis connection (re-exported as `bot.adapters.storage.RedisStorage`)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.adapters.storage.admission import RedisAdmission
from bot.adapters.storage.answer_cache import RedisAnswerCache
from bot.adapters.storage.claims import RedisDeliveryClaims, RedisSlotClaims
from bot.adapters.storage.counters import RedisCounters
from bot.adapters.storage.guard import RedisGuard
from bot.adapters.storage.local import LocalClaims, LocalRateLimits
from bot.adapters.storage.rate_limits import RedisRateLimits
from bot.adapters.storage.subscriptions import RedisSubscriptions
from bot.adapters.storage.thread_memory import RedisThreadMemory


@dataclass(frozen=True)
class RedisStorage:
    """Every storage port on one Redis connection."""

    guard: RedisGuard
    answers: RedisAnswerCache
    threads: RedisThreadMemory
    claims: RedisDeliveryClaims
    slots: RedisSlotClaims
    limits: RedisRateLimits
    counters: RedisCounters
    subscriptions: RedisSubscriptions
    admission: RedisAdmission

    @classmethod
    def on(cls, guard: RedisGuard) -> RedisStorage:
        # The claims and limits the admission uses while Redis is down are the single-purpose adapters' own.
        local_claims, local_limits = LocalClaims(), LocalRateLimits()
        return cls(
            guard=guard,
            answers=RedisAnswerCache(guard),
            threads=RedisThreadMemory(guard),
            claims=RedisDeliveryClaims(guard, local_claims),
            slots=RedisSlotClaims(guard),
            limits=RedisRateLimits(guard, local_limits),
            counters=RedisCounters(guard),
            subscriptions=RedisSubscriptions(guard),
            admission=RedisAdmission(guard, local_claims, local_limits),
        )

    @classmethod
    def from_url(cls, url: str, **options: float) -> RedisStorage:
        return cls.on(RedisGuard.from_url(url, **options))
