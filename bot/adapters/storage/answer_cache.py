"""The answer cache in Redis: `briefbot:<team>:answer:<key>`, each entry with its TTL (a TTL of 0 caches
nothing: no key lives forever)."""

from __future__ import annotations

import logging
from functools import lru_cache

from bot.adapters.storage.counters import STATS_TTL_SECONDS
from bot.adapters.storage.guard import RedisGuard, key
from bot.core.answer import Answer

log = logging.getLogger(__name__)
PARSED_ENTRIES = 256  # the most asked answers, parsed once per process (an entry is a few kB)


class RedisAnswerCache:
    """Implements the core's AnswerCache; a lookup counts its hit or miss in the same round trip (Lua)."""

    def __init__(self, guard: RedisGuard) -> None:
        self._guard = guard
        self._lookup = guard.client.register_script(_LOOKUP)

    def get(self, team: str, cache_key: str) -> Answer | None:
        keys = [key(team, "answer", cache_key), key(team, "stats")]
        raw = self._guard.run("cache.get", lambda: self._lookup(keys=keys, args=[STATS_TTL_SECONDS]), None)
        return cached_answer(raw, cache_key)

    def put(self, team: str, cache_key: str, answer: Answer, ttl: int) -> None:
        if ttl <= 0:
            return
        payload = answer.model_dump_json()
        entry = key(team, "answer", cache_key)
        self._guard.run("cache.set", lambda: self._guard.client.set(entry, payload, ex=ttl), None)


def cached_answer(raw: str | bytes | None, cache_key: str) -> Answer | None:
    """The answer a cache entry holds, marked cached; None for no entry or a corrupt one. The same entry
    gives the same (frozen) Answer object, parsed once, so a surface can keep what it rendered of it."""
    if not raw:
        return None
    try:
        return _parsed(raw)
    except ValueError:
        log.warning("store.cache_corrupt key=%s", cache_key)
        return None


@lru_cache(maxsize=PARSED_ENTRIES)
def _parsed(raw: str | bytes) -> Answer:
    return Answer.model_validate_json(raw).model_copy(update={"cached": True})


# GET an answer and count the hit or miss, in the round trip of the lookup (here, or with the admission's
# claim and rate limits); the stats' TTL is renewed. A hit's usage counters are counted here too (the engine
# counts fresh answers itself, with the same 'questions:<kind>' and 'topic:<topic>' fields).
COUNTED_GET = """
local function counted_get(answer_key, stats, stats_ttl)
  local value = redis.call('GET', answer_key)
  if not value then
    redis.call('HINCRBY', stats, 'cache:miss', 1)
    redis.call('EXPIRE', stats, stats_ttl)
    return value
  end
  redis.call('HINCRBY', stats, 'cache:hit', 1)
  local ok, answer = pcall(cjson.decode, value)
  if ok and type(answer) == 'table' then
    local topic = answer.topic
    if type(topic) ~= 'string' then topic = 'none' end
    redis.call('HINCRBY', stats, 'questions:' .. tostring(answer.kind), 1)
    redis.call('HINCRBY', stats, 'topic:' .. topic, 1)
  end
  redis.call('EXPIRE', stats, stats_ttl)
  return value
end
"""

_LOOKUP = COUNTED_GET + "return counted_get(KEYS[1], KEYS[2], tonumber(ARGV[1]))\n"
