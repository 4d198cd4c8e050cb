"""The answer cache in Redis: `briefbot:<team>:answer:<key>`, each entry with its TTL (a TTL of 0 caches
nothing: no key lives forever)."""

from __future__ import annotations

import logging

from bot.adapters.storage.counters import STATS_TTL_SECONDS
from bot.adapters.storage.guard import RedisGuard, key
from bot.core.answer import Answer

log = logging.getLogger(__name__)


class RedisAnswerCache:
    """Implements the core's AnswerCache; a lookup counts its hit or miss in the same round trip (Lua)."""

    def __init__(self, guard: RedisGuard) -> None:
        self._guard = guard
        self._lookup = guard.client.register_script(_LOOKUP)

    def get(self, team: str, cache_key: str) -> Answer | None:
        keys = [key(team, "answer", cache_key), key(team, "stats")]
        raw = self._guard.run("cache.get", lambda: self._lookup(keys=keys, args=[STATS_TTL_SECONDS]), None)
        if not raw:
            return None
        try:
            return Answer.model_validate_json(raw).model_copy(update={"cached": True})
        except ValueError:
            log.warning("store.cache_corrupt key=%s", cache_key)
            return None

    def put(self, team: str, cache_key: str, answer: Answer, ttl: int) -> None:
        if ttl <= 0:
            return
        payload = answer.model_dump_json()
        entry = key(team, "answer", cache_key)
        self._guard.run("cache.set", lambda: self._guard.client.set(entry, payload, ex=ttl), None)


# GET an answer and count the hit or miss, in one round trip; ARGV[1] is the stats' TTL, renewed. A hit's
# usage counters are counted here too (the engine counts fresh answers itself, with the same
# 'questions:<kind>' and 'topic:<topic>' fields).
_LOOKUP = """
local value = redis.call('GET', KEYS[1])
if not value then
  redis.call('HINCRBY', KEYS[2], 'cache:miss', 1)
  redis.call('EXPIRE', KEYS[2], tonumber(ARGV[1]))
  return value
end
redis.call('HINCRBY', KEYS[2], 'cache:hit', 1)
local ok, answer = pcall(cjson.decode, value)
if ok and type(answer) == 'table' then
  local topic = answer.topic
  if type(topic) ~= 'string' then topic = 'none' end
  redis.call('HINCRBY', KEYS[2], 'questions:' .. tostring(answer.kind), 1)
  redis.call('HINCRBY', KEYS[2], 'topic:' .. topic, 1)
end
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[1]))
return value
"""
