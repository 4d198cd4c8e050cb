"""The one module that talks to Redis: answer cache, thread memory, de-duplication, rate limits, stats.

Every key is `briefbot:<team>:…` and expires where it should. Redis is never the reason a question goes
unanswered: each operation has a safe default, and after a failure Redis is skipped for a short while
(`retry_after`) so a dead server costs one short timeout, not one per call. It recovers by itself.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

from bot.answer import Answer, Turn

log = logging.getLogger(__name__)
T = TypeVar("T")
PREFIX = "briefbot"


class Store:
    """Typed operations over Redis with graceful degradation."""

    def __init__(self, client: redis.Redis, *, retry_after: float = 2.0, description: str = "redis") -> None:
        self.client = client
        self.description = description
        self._retry_after = retry_after
        self._down_until = 0.0
        self._outage = False
        self._lock = threading.Lock()
        self._lookup = client.register_script(_LOOKUP)
        self._vote = client.register_script(_VOTE)

    @classmethod
    def from_url(
        cls,
        url: str,
        *,
        socket_timeout: float = 0.25,
        connect_timeout: float = 0.25,
        retry_after: float = 2.0,
    ) -> Store:
        """A store on an explicit URL with short timeouts: Slack waits only 3 s for us."""
        client = redis.Redis.from_url(
            url,
            socket_timeout=socket_timeout,
            socket_connect_timeout=connect_timeout,
            retry=Retry(ExponentialBackoff(cap=0.05, base=0.01), retries=1),
            health_check_interval=15,
            decode_responses=True,
        )
        return cls(client, retry_after=retry_after, description=_redacted(url))

    # --- health -------------------------------------------------------------------------------------

    @property
    def degraded(self) -> bool:
        """True while Redis is being skipped after a failure."""
        return time.monotonic() < self._down_until

    def ping(self) -> bool:
        return self._run("ping", lambda: bool(self.client.ping()), False)

    # --- answer cache -------------------------------------------------------------------------------

    def cached_answer(self, team: str, key: str) -> Answer | None:
        """The cached answer for a cache key; the hit or miss, and a hit's usage, are counted in the same
        round trip (Lua)."""
        keys = [_key(team, "answer", key), _key(team, "stats")]
        raw = self._run("cache.get", lambda: self._lookup(keys=keys), None)
        if not raw:
            return None
        try:
            return Answer.model_validate_json(raw).model_copy(update={"cached": True})
        except ValueError:
            log.warning("store.cache_corrupt key=%s", key)
            return None

    def cache_answer(self, team: str, key: str, answer: Answer, ttl: int) -> None:
        payload = answer.model_dump_json()
        self._run(
            "cache.set", lambda: self.client.set(_key(team, "answer", key), payload, ex=ttl or None), None
        )

    # --- thread memory ------------------------------------------------------------------------------

    def thread_turns(self, team: str, conversation: str) -> list[Turn]:
        """Earlier turns of a conversation (oldest first); empty when unknown or Redis is down."""
        raw: list[str] = self._run(
            "thread.get", lambda: self.client.lrange(_key(team, "thread", conversation), 0, -1), []
        )
        turns = []
        for item in raw or []:
            try:
                turns.append(Turn.model_validate_json(item))
            except ValueError:
                continue
        return turns

    def add_turn(self, team: str, conversation: str, turn: Turn, *, max_turns: int, ttl: int) -> None:
        """Append a turn, keep the last max_turns, refresh expiry — atomically (MULTI/EXEC)."""
        key = _key(team, "thread", conversation)

        def write() -> None:
            pipe = self.client.pipeline(transaction=True)
            pipe.rpush(key, turn.model_dump_json())
            pipe.ltrim(key, -max_turns, -1)
            pipe.expire(key, ttl)
            pipe.execute()

        self._run("thread.add", write, None)

    def mark_thread(self, team: str, conversation: str, ttl: int) -> None:
        """Remember the bot is part of a thread, so follow-ups there need no new mention."""
        self._run("thread.mark", lambda: self.client.set(_key(team, "joined", conversation), 1, ex=ttl), None)

    def in_thread(self, team: str, conversation: str) -> bool:
        return bool(
            self._run("thread.joined", lambda: self.client.exists(_key(team, "joined", conversation)), 0)
        )

    # --- de-duplication and rate limits -------------------------------------------------------------

    def claim(self, team: str, kind: str, ident: str, ttl: int = 3600, *, when_down: bool = True) -> bool:
        """True for the first claimant of (kind, ident) across all processes (SET NX EX).

        With Redis down the claim returns `when_down`: True for answers (answering twice beats not
        answering), False for posts that must never go out twice (scheduled briefings).
        """
        key = _key(team, "seen", kind, ident)
        return bool(self._run("claim", lambda: self.client.set(key, 1, nx=True, ex=ttl), when_down))

    def allow(self, team: str, scope: str, ident: str, limit: int, window: int = 60) -> bool:
        """Fixed-window rate limit: True while ident has made at most `limit` calls in this window."""
        bucket = int(time.time() // window)
        key = _key(team, "rate", scope, ident, str(bucket))

        def hit() -> int:
            pipe = self.client.pipeline(transaction=False)
            pipe.incr(key)
            pipe.expire(key, window + 1)
            return int(pipe.execute()[0])

        return self._run("rate", hit, 0) <= limit

    def allow_all(self, team: str, limits: list[tuple[str, str, int]], window: int = 60) -> bool:
        """Several fixed-window limits (scope, ident, limit) in one round trip; True while all hold."""
        bucket = str(int(time.time() // window))
        keys = [_key(team, "rate", scope, ident, bucket) for scope, ident, _ in limits]

        def hit() -> list[int]:
            pipe = self.client.pipeline(transaction=False)
            for key in keys:
                pipe.incr(key)
                pipe.expire(key, window + 1)
            return [int(n) for n in pipe.execute()[::2]]

        counts = self._run("rate", hit, [0] * len(keys))
        return all(count <= limit for count, (_, _, limit) in zip(counts, limits, strict=True))

    # --- feedback, usage and stats ------------------------------------------------------------------

    def record_vote(self, team: str, answer_id: str, user: str, vote: str, question: str, ttl: int) -> None:
        """Store one user's vote on an answer with the question it answered; a user's last vote counts.

        Atomic (Lua): a changed vote moves the user's count from the old choice to the new one in the stats.
        """
        keys = [_key(team, "votes", answer_id), _key(team, "stats")]
        args: list[str | int] = [f"user:{user}", vote, question[:500], ttl]
        self._run("vote", lambda: self._vote(keys=keys, args=args), None)

    def votes(self, team: str, answer_id: str) -> dict[str, str]:
        return self._run("votes.get", lambda: self.client.hgetall(_key(team, "votes", answer_id)), {}) or {}

    def count(self, team: str, metric: str, field: str, amount: float = 1) -> None:
        """Add to a usage counter (e.g. metric 'topic', field 'why-russia')."""
        self.count_many(team, {f"{metric}:{field}": amount})

    def count_many(self, team: str, counts: Mapping[str, float]) -> None:
        """Add to several usage counters ('metric:field' → amount) in one round trip."""
        if not counts:
            return

        def write() -> None:
            pipe = self.client.pipeline(transaction=False)
            for name, amount in counts.items():
                # A float counter (cost) must stay on HINCRBYFLOAT: HINCRBY fails on a field holding "0.25".
                if isinstance(amount, float):
                    pipe.hincrbyfloat(_key(team, "stats"), name, amount)
                else:
                    pipe.hincrby(_key(team, "stats"), name, amount)
            pipe.execute()

        self._run("count", write, None)

    def stats(self, team: str) -> dict[str, float]:
        raw: dict[str, str] = self._run("stats", lambda: self.client.hgetall(_key(team, "stats")), {}) or {}
        return {k: float(v) for k, v in sorted(raw.items())}

    def teams(self) -> list[str]:
        """Teams with stats recorded, for `briefbot stats` across a workspace grid."""
        keys: list[str] = (
            self._run("teams", lambda: list(self.client.scan_iter(f"{PREFIX}:*:stats", count=500)), []) or []
        )
        return sorted({k.split(":")[1] for k in keys})

    # --- generic JSON records (subscriptions, rotation) ---------------------------------------------

    def put_record(self, team: str, kind: str, ident: str, record: dict[str, object]) -> bool:
        """Save a JSON record in the team's `kind` hash; False when Redis is unavailable."""
        payload = json.dumps(record, default=str)
        return bool(
            self._run("record.put", lambda: self.client.hset(_key(team, kind), ident, payload) >= 0, False)
        )

    def records(self, team: str, kind: str) -> dict[str, dict[str, object]]:
        raw: dict[str, str] = (
            self._run("record.list", lambda: self.client.hgetall(_key(team, kind)), {}) or {}
        )
        records: dict[str, dict[str, object]] = {}
        for ident, value in raw.items():
            try:
                record = json.loads(value)
            except ValueError:
                record = None
            if isinstance(record, dict):
                records[ident] = record
            else:  # one bad record must not hide the others (or stop the clock)
                log.warning("store.record_corrupt kind=%s ident=%s", kind, ident)
        return records

    def delete_record(self, team: str, kind: str, ident: str) -> bool:
        return bool(self._run("record.delete", lambda: self.client.hdel(_key(team, kind), ident), 0))

    def increment(self, team: str, kind: str, ident: str) -> int:
        """Atomically add one to a per-ident counter and return the new value (0 when Redis is down)."""
        return int(self._run("incr", lambda: self.client.hincrby(_key(team, kind), ident, 1), 0))

    # --- briefings: team registry, strict claims ----------------------------------------------------

    def register(self, registry: str, team: str) -> None:
        """Note that a team has entries of a kind (e.g. subscriptions), so a clock can find every team."""
        self._run("registry.add", lambda: self.client.sadd(_key("_registry", registry), team), None)

    def registered(self, registry: str) -> list[str]:
        key = _key("_registry", registry)
        return self._run("registry.list", lambda: sorted(self.client.smembers(key)), [])  # type: ignore[arg-type]

    def release(self, team: str, kind: str, ident: str) -> None:
        """Give a claim back, so a post Slack refused can be tried again by the next claimant."""
        self._run("release", lambda: self.client.delete(_key(team, "seen", kind, ident)), None)

    # --- plumbing -----------------------------------------------------------------------------------

    def _run(self, op: str, fn: Callable[[], Any], default: T) -> T:
        # redis-py's reply types are loose (bytes | str | Awaitable); callers know the shape they asked for.
        if self.degraded:
            return default
        try:
            result = fn()
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            self._fail(op, exc)
            return default
        except redis.RedisError as exc:
            # A bad reply to one command (e.g. WRONGTYPE) says nothing about the server's health.
            log.warning("redis.error op=%s error=%s", op, type(exc).__name__)
            return default
        if self._outage:
            with self._lock:
                if self._outage:
                    self._outage = False
                    self._down_until = 0.0
                    log.info("redis.recovered op=%s server=%s", op, self.description)
        return result

    def _fail(self, op: str, exc: Exception) -> None:
        """Skip Redis for retry_after seconds; log the outage once, not at every failed probe."""
        with self._lock:
            first = not self._outage
            self._outage = True
            self._down_until = time.monotonic() + self._retry_after
        if first:
            log.warning(
                "redis.degraded op=%s error=%s server=%s skip_seconds=%s",
                op, type(exc).__name__, self.description, self._retry_after,
            )  # fmt: skip
        else:
            log.debug("redis.still_down op=%s error=%s", op, type(exc).__name__)


def _key(team: str, *parts: str) -> str:
    return ":".join((PREFIX, team or "local", *parts))


def _redacted(url: str) -> str:
    """The URL without its user, password or password query parameter, for logs."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        netloc = "***@" + netloc.rsplit("@", 1)[1]
    query = urlencode(
        [(k, "***" if k.lower() == "password" else v) for k, v in parse_qsl(parts.query)], safe="*"
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


# GET an answer and count the hit or miss, in one round trip.
# A cache hit is answered in this one round trip, usage counters included (the engine counts fresh answers
# itself, with the same 'questions:<kind>' and 'topic:<topic>' fields).
_LOOKUP = """
local value = redis.call('GET', KEYS[1])
if not value then
  redis.call('HINCRBY', KEYS[2], 'cache:miss', 1)
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
return value
"""

# Record a user's vote (ARGV: field, vote, question, ttl); a changed vote moves the count in the stats.
_VOTE = """
local previous = redis.call('HGET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2], 'question', ARGV[3])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
if previous ~= ARGV[2] then
  redis.call('HINCRBY', KEYS[2], 'vote:' .. ARGV[2], 1)
  if previous then redis.call('HINCRBY', KEYS[2], 'vote:' .. previous, -1) end
end
return previous
"""
