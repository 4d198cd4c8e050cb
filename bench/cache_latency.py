"""What the answer cache buys: cached vs uncached answer latency through the real Redis store, and the ratio.

    .venv/bin/python bench/cache_latency.py [--rounds 30] [--redis-url redis://127.0.0.1:PORT/0]

Calls are interleaved (for each question: drop its cache entry, answer it uncached, answer it again cached) so
both sides see the same machine load. Also times the store's lookup alone (hit and miss) and the same pair of
answers as the first turn of a thread, where thread memory adds a read and an atomic write.
"""

from __future__ import annotations

import statistics
import time
import uuid

from redis_target import bench_main

from bot.adapters.storage import RedisStorage
from bot.core.engine import AnswerEngine
from knowledge.base import load_knowledge_base


def main() -> int:
    return bench_main(run, description=__doc__.split("\n")[0], default_rounds=30)


def run(url: str, rounds: int) -> None:
    kb = load_knowledge_base()
    store = RedisStorage.from_url(url)
    store.guard.client.flushdb()
    engine = AnswerEngine(kb, cache=store.answers, threads=store.threads, counters=store.counters)
    questions = [q for topic in kb.topics for q in topic.questions]
    for question in questions:  # warm-up
        engine.answer(question)
    print(f"{store.guard.description}; kb {kb.version}; {len(questions)} questions x {rounds} rounds")

    uncached, cached, in_thread_uncached, in_thread_cached = [], [], [], []
    for _ in range(rounds):
        for question in questions:
            _drop_answers(store)
            uncached.append(_ms(lambda q=question: engine.answer(q)))
            cached.append(_ms(lambda q=question: engine.answer(q)))
            _drop_answers(store)
            # A thread's first question: no context, so the key is the plain one; a new thread reuses it.
            first, second = uuid.uuid4().hex, uuid.uuid4().hex
            in_thread_uncached.append(_ms(lambda q=question, t=first: engine.answer(q, conversation=t)))
            in_thread_cached.append(_ms(lambda q=question, t=second: engine.answer(q, conversation=t)))

    hits = store.counters.stats("local").get("cache:hit", 0)
    assert hits >= len(cached) + len(in_thread_cached), "the cached calls were not served from the cache"
    key = next(iter(store.guard.client.scan_iter("briefbot:local:answer:*"))).rsplit(":", 1)[1]
    lookup_hit = [_ms(lambda: store.answers.get("local", key)) for _ in range(len(cached))]
    lookup_miss = [_ms(lambda: store.answers.get("local", "absent")) for _ in range(len(cached))]

    p50s = {}
    for label, ms in (
        ("uncached answer", uncached),
        ("cached answer", cached),
        ("uncached, thread", in_thread_uncached),
        ("cached, thread", in_thread_cached),
        ("lookup hit only", lookup_hit),
        ("lookup miss only", lookup_miss),
    ):
        cuts = statistics.quantiles(ms, n=100, method="inclusive")
        p50s[label] = cuts[49]
        print(f"{label:17} n={len(ms):5}  p50 {cuts[49]:7.3f} ms  p99 {cuts[98]:7.3f} ms")
    print(f"uncached/cached p50 ratio: {p50s['uncached answer'] / p50s['cached answer']:.1f}x "
          f"(in a thread: {p50s['uncached, thread'] / p50s['cached, thread']:.1f}x)")  # fmt: skip


def _ms(call) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def _drop_answers(store: RedisStorage) -> None:
    keys = list(store.guard.client.scan_iter("briefbot:*:answer:*", count=1000))
    if keys:
        store.guard.client.delete(*keys)


if __name__ == "__main__":
    raise SystemExit(main())
