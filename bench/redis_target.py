"""The Redis server a benchmark runs against: the one named, or the embedded default started for the run."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from bot.redis_server import EmbeddedRedis


@contextmanager
def redis_target(url: str | None) -> Iterator[str]:
    """Yield `url`, or start the embedded Valkey (as briefbot does with no REDIS_URL) and stop it after."""
    if url:
        yield url
        return
    embedded = EmbeddedRedis()
    try:
        yield embedded.start()
    finally:
        embedded.stop()
