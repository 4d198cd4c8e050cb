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
from bot.adapters.storage.local import LocalClaims, LocalRateLimits
from knowledge.base import KnowledgeBase
from tests.conftest import engine_on
from tests.servers import FakeSlack, RedisServer
from tests.servers.redis_server import free_port
from tests.slack_signing import SlackSender, callback
from tests.web_process import WebProcess, run_web

WHY = "why is Pakistan getting closer to Russia?"
RETRY_AFTER = 0.5
SECRET = "3f0c1b2a4d5e6f708192a3b4c5d6e7f8"


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
    # Claims and limits fall back to this process: the first claim of an event wins, a repeat does not.
    assert store.claims.claim("T1", "event", "Ev1") and not store.claims.claim("T1", "event", "Ev1")
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


# -- the in-process fallback for claims and rate limits (issue 11) -----------------------------------------


def test_with_redis_down_a_retried_event_is_claimed_once(logs: pytest.LogCaptureFixture) -> None:
    store = RedisStorage.from_url(f"redis://127.0.0.1:{free_port()}/0", retry_after=RETRY_AFTER)

    first = store.claims.claim("T1", "event", "EvDown", 3600)
    retries = [store.claims.claim("T1", "event", "EvDown", 3600) for _ in range(3)]
    other = store.claims.claim("T1", "event", "EvOther", 3600)

    assert first and retries == [False, False, False] and other
    assert _events(logs, "redis.degraded") == 1


def test_with_redis_down_a_scheduled_briefing_is_never_claimed() -> None:
    store = RedisStorage.from_url(f"redis://127.0.0.1:{free_port()}/0", retry_after=RETRY_AFTER)

    assert not store.claims.claim("T1", "briefing", "C1:2026-01-01T09:00", 3600, when_down=False)
    assert not store.claims.claim("T1", "briefing", "C1:2026-01-01T09:00", 3600, when_down=False)


def test_a_claim_made_while_redis_was_down_still_holds_when_it_is_back(own_server: RedisServer) -> None:
    store = RedisStorage.from_url(own_server.url, retry_after=0.1)
    own_server.stop()
    assert store.claims.claim("T1", "event", "EvOutage", 3600)

    own_server.start()  # same port, empty data: Redis never saw the claim
    time.sleep(0.15)

    assert not store.claims.claim("T1", "event", "EvOutage", 3600)
    assert store.claims.claim("T1", "event", "EvAfter", 3600)
    assert store.guard.client.exists("briefbot:T1:seen:event:EvAfter")


def test_with_redis_down_rapid_questions_are_limited() -> None:
    store = RedisStorage.from_url(f"redis://127.0.0.1:{free_port()}/0", retry_after=RETRY_AFTER)
    _wait_for_window_start(window=2)

    allowed = [
        store.limits.allow("T1", [("user", "U1", 20), ("channel", "C1", 60)], window=2) for _ in range(30)
    ]
    other_user = store.limits.allow("T1", [("user", "U2", 20), ("channel", "C1", 60)], window=2)
    time.sleep(2.0)  # the next window
    next_window = store.limits.allow("T1", [("user", "U1", 20), ("channel", "C1", 60)], window=2)

    assert allowed == [True] * 20 + [False] * 10
    assert other_user and next_window


def test_the_in_process_fallback_is_bounded_and_short_lived() -> None:
    claims = LocalClaims(capacity=100, max_ttl=0.2)
    for i in range(150):
        assert claims.claim(f"ev{i}", ttl=3600)
    assert len(claims) == 100
    assert claims.claim("ev0", ttl=3600)  # the oldest were dropped to stay within the bound
    assert not claims.claim("ev149", ttl=3600)
    time.sleep(0.25)
    assert claims.claim("ev149", ttl=3600)  # a day's ttl is capped: the claim lapsed

    limits = LocalRateLimits(capacity=100)
    for i in range(150):
        limits.hit([f"rate:user:U{i}:1"], seconds_left=0.2)
    assert len(limits) == 100
    time.sleep(0.25)
    assert limits.hit(["rate:user:U149:1"], seconds_left=60) == [1]  # the window was over
    assert len(limits) == 1


# -- through the Procfile's web process, with Redis down -----------------------------------------------------


@pytest.fixture(scope="module")
def web_without_redis(slack_server: FakeSlack) -> Iterator[WebProcess]:
    """The web process on a Redis port nothing listens on; one worker, as the fallback holds per process."""
    env = {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack_server.url,
        "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0",
        "WEB_CONCURRENCY": "1",
    }
    with run_web(env) as process:
        yield process


def test_with_redis_down_an_event_delivered_twice_is_answered_once(
    web_without_redis: WebProcess, fake_slack: FakeSlack
) -> None:
    slack = SlackSender(web_without_redis.port, SECRET)
    mention = callback(
        {
            "type": "app_mention",
            "user": "U1",
            "channel": "CDOWN",
            "ts": "1700002000.000100",
            "text": "<@UBOT> what did the US ask Pakistan to do?",
        },
        "EvRedisDown",
    )

    assert slack.event(mention).status == 200
    fake_slack.wait_for("chat.postMessage")
    retry = slack.event(mention, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    time.sleep(0.5)

    assert retry.status == 200
    assert len([c for c in fake_slack.calls("chat.postMessage") if c.args.get("channel") == "CDOWN"]) == 1


def test_with_redis_down_rapid_questions_from_one_user_are_limited(
    web_without_redis: WebProcess, fake_slack: FakeSlack
) -> None:
    slack = SlackSender(web_without_redis.port, SECRET)
    if time.time() % 60 > 45:  # the 30 commands must fall in one minute's window
        time.sleep(60 - time.time() % 60 + 0.1)

    texts = [
        slack.command(
            {
                "team_id": "T1",
                "channel_id": "CRAPID",
                "channel_name": "general",
                "user_id": "URAPID",
                "user_name": "ayesha",
                "command": "/ask",
                "text": "why is Pakistan getting closer to Russia?",
                "response_url": fake_slack.response_url("rapid"),
                "trigger_id": f"trig-rapid-{i}",
            }
        ).json()["text"]
        for i in range(30)
    ]

    limited = [i for i, text in enumerate(texts) if "wait a minute" in text]
    assert limited == list(range(20, 30))  # USER_RATE_LIMIT: 20 a minute
    assert all("Russia" in text for text in texts[:20])


def _timed(call):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started


def _wait_for_window_start(window: int) -> None:
    """Start just after a window begins, so a burst stays inside one."""
    time.sleep(window - time.time() % window + 0.05)


def _events(logs: pytest.LogCaptureFixture, name: str) -> int:
    return sum(1 for record in logs.records if record.getMessage().startswith(name + " "))
