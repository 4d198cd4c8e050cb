"""The one Redis connection every storage adapter shares, and its degradation: Redis is never the reason a
question goes unanswered.

Each operation runs through `RedisGuard.run` with a safe default. After a connection failure Redis is skipped
for `retry_after` seconds, so a dead server costs one short timeout, not one per call; the outage is logged
once and the guard recovers by itself.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

log = logging.getLogger(__name__)
T = TypeVar("T")
PREFIX = "briefbot"


class RedisGuard:
    """A Redis client with graceful degradation; storage adapters run every command through `run`."""

    def __init__(self, client: redis.Redis, *, retry_after: float = 2.0, description: str = "redis") -> None:
        self.client = client
        self.description = description
        self._retry_after = retry_after
        self._down_until = 0.0
        self._outage = False
        self._lock = threading.Lock()

    @classmethod
    def from_url(
        cls,
        url: str,
        *,
        socket_timeout: float = 0.25,
        connect_timeout: float = 0.25,
        retry_after: float = 2.0,
    ) -> RedisGuard:
        """A guard on an explicit URL with short timeouts: Slack waits only 3 s for us."""
        client = redis.Redis.from_url(
            url,
            socket_timeout=socket_timeout,
            socket_connect_timeout=connect_timeout,
            retry=Retry(ExponentialBackoff(cap=0.05, base=0.01), retries=1),
            health_check_interval=15,
            decode_responses=True,
        )
        return cls(client, retry_after=retry_after, description=redacted(url))

    @property
    def degraded(self) -> bool:
        """True while Redis is being skipped after a failure."""
        return time.monotonic() < self._down_until

    def ping(self) -> bool:
        return self.run("ping", lambda: bool(self.client.ping()), False)

    def run(self, op: str, fn: Callable[[], Any], default: T) -> T:
        """fn's result, or `default` when Redis fails or is being skipped."""
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


def key(team: str, *parts: str) -> str:
    """A briefbot key: `briefbot:<team>:<part>:…`."""
    return ":".join((PREFIX, team or "local", *parts))


def redacted(url: str) -> str:
    """The URL without its user, password or password query parameter, for logs."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        netloc = "***@" + netloc.rsplit("@", 1)[1]
    query = urlencode(
        [(k, "***" if k.lower() == "password" else v) for k, v in parse_qsl(parts.query)], safe="*"
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
