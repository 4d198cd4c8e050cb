"""Redis is never the reason a question goes unanswered: down, slow or never started, answers still go out.

Each test owns its server (it stops or pauses it), so the session's shared server is left alone.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import pytest
import redis

from bot.adapters.storage import RedisStorage
from bot.adapters.storage.embedded import EmbeddedRedis
from knowledge.base import KnowledgeBase
from tests.conftest import engine_on
from tests.servers import RedisServer
from tests.servers.redis_server import free_port

WHY = "why is Pakistan getting closer to Russia?"
RETRY_AFTER = 0.5


@pytest.fixture
def own_server() -> Iterator[RedisServer]:
    with RedisServer() as server:
        yield server


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG, logger="bot.adapters.storage.guard")
    return caplog


def test_redis_stopping_mid_run_still_yields_grounded_answers_then_recovers(
    kb: KnowledgeBase, own_server: RedisServer, logs: pytest.LogCaptureFixture
) -> None:
    store = RedisStorage.from_url(
        own_server.url, socket_timeout=0.25, connect_timeout=0.25, retry_after=RETRY_AFTER
    )
    engine = engine_on(kb, store)
    healthy = engine.answer(WHY)
    assert engine.answer(WHY).cached

    own_server.stop()
    down, seconds = _timed(lambda: engine.answer(WHY))
    again, seconds_again = _timed(lambda: engine.answer(WHY, conversation="C1:1.1"))

    assert down.grounded and not down.cached
    assert down.answer == healthy.answer and down.citations == healthy.citations
    assert again.grounded and not again.cached
    assert seconds < 1.0
    assert seconds_again < 0.1  # skipped while degraded: no second timeout
    assert _events(logs, "redis.degraded") == 1
    assert store.guard.degraded

    own_server.start()  # same port, empty data
    time.sleep(RETRY_AFTER + 0.05)
    first_back = engine.answer(WHY)
    second_back = engine.answer(WHY)

    assert not first_back.cached and second_back.cached
    assert _events(logs, "redis.recovered") == 1
    assert _events(logs, "redis.degraded") == 1
    assert not store.guard.degraded


def test_outage_is_logged_once_however_long_it_lasts(
    kb: KnowledgeBase, own_server: RedisServer, logs: pytest.LogCaptureFixture
) -> None:
    store = RedisStorage.from_url(own_server.url, retry_after=0.1)
    engine = engine_on(kb, store)
    own_server.stop()

    for _ in range(4):
        assert engine.answer(WHY).grounded
        time.sleep(0.15)  # past retry_after: every answer probes Redis again and fails again

    assert _events(logs, "redis.degraded") == 1
    assert _events(logs, "redis.still_down") >= 3
    assert "redis.recovered" not in logs.text


def test_slow_redis_costs_at_most_its_socket_timeouts(
    kb: KnowledgeBase, own_server: RedisServer, logs: pytest.LogCaptureFixture
) -> None:
    store = RedisStorage.from_url(
        own_server.url, socket_timeout=0.25, connect_timeout=0.25, retry_after=RETRY_AFTER
    )
    engine = engine_on(kb, store)
    engine.answer("what does the US want?")
    with redis.Redis.from_url(own_server.url) as admin:
        admin.client_pause(1500, all=True)  # the server holds every command for 1.5 s

    answer, seconds = _timed(lambda: engine.answer(WHY))
    _, seconds_again = _timed(lambda: engine.answer(WHY))

    assert answer.grounded and answer.topic == "why-russia" and not answer.cached
    assert seconds < 1.0
    assert seconds_again < 0.1
    assert _events(logs, "redis.degraded") == 1
    assert "error=TimeoutError" in logs.text


def test_redis_that_never_started_still_yields_answers(
    kb: KnowledgeBase, logs: pytest.LogCaptureFixture
) -> None:
    store = RedisStorage.from_url(f"redis://127.0.0.1:{free_port()}/0", retry_after=RETRY_AFTER)
    engine = engine_on(kb, store)

    answers = [engine.answer(q, conversation="C1:1.1") for q in (WHY, "what does the US want?")]

    assert [a.topic for a in answers] == ["why-russia", "us-stance"]
    assert all(a.grounded and not a.cached for a in answers)
    # Answer rather than drop: with Redis down every claim of the same event wins.
    assert store.claims.claim("T1", "event", "Ev1") and store.claims.claim("T1", "event", "Ev1")
    assert store.limits.allow("T1", [("user", "U1", 1)])
    assert store.counters.stats("T1") == {} and store.threads.turns("T1", "C1:1.1") == []
    assert not store.guard.ping()
    assert _events(logs, "redis.degraded") == 1


def test_embedded_default_stopping_mid_run_still_yields_answers(
    kb: KnowledgeBase, logs: pytest.LogCaptureFixture
) -> None:
    embedded = EmbeddedRedis()
    store = RedisStorage.from_url(embedded.start(), retry_after=RETRY_AFTER)
    engine = engine_on(kb, store)
    engine.answer(WHY)
    assert engine.answer(WHY).cached

    embedded.stop()
    answer, seconds = _timed(lambda: engine.answer(WHY))

    assert answer.grounded and not answer.cached
    assert seconds < 1.0
    assert _events(logs, "redis.degraded") == 1


def _timed(call):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started


def _events(logs: pytest.LogCaptureFixture, name: str) -> int:
    return sum(1 for record in logs.records if record.getMessage().startswith(name + " "))
