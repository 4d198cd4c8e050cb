"""The Redis server a benchmark runs against: the one named, or the embedded default started for the run."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from bot.adapters.storage.embedded import EmbeddedRedis


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


def bench_main(run: Callable[[str, int], None], *, description: str, default_rounds: int) -> int:
    """The command line both latency benchmarks share: --rounds and --redis-url, then `run(url, rounds)`."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--rounds", type=int, default=default_rounds, help="passes over the question set")
    parser.add_argument("--redis-url", help="an existing server (default: start the embedded one)")
    args = parser.parse_args()
    with redis_target(args.redis_url) as url:
        run(url, args.rounds)
    return 0
