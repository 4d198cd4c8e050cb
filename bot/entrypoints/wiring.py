"""Wiring one process from settings: knowledge base, Redis storage (embedded when REDIS_URL is unset), the LLM
writer when configured, the engine, and the application object every surface calls."""

from __future__ import annotations

import logging
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

from bot.adapters.storage import RedisStorage
from bot.adapters.storage.embedded import SharedValkey
from bot.core import Briefbot, Limits, Settings
from bot.core.engine import AnswerEngine
from bot.core.ports import GroundedWriter
from knowledge.base import KnowledgeBase, load_knowledge_base
from knowledge.embedding import default_embedder, vectors_file_name

log = logging.getLogger(__name__)


def build_application(settings: Settings, storage: RedisStorage | None = None) -> Briefbot:
    """Load the base, connect storage and build the engine; logs which store and answer mode are in use."""
    kb = load_knowledge_base(settings.knowledge_dir)
    default_embedder().keep_vectors_in(vector_file(settings))
    storage = storage or connect_storage(settings)
    engine = build_engine(settings, kb, storage)
    log.info("services.ready kb_version=%s topics=%d mode=%s", kb.version, len(kb.topics), engine.mode)
    return Briefbot(
        kb,
        engine,
        threads=storage.threads,
        claims=storage.claims,
        limits=storage.limits,
        counters=storage.counters,
        subscriptions=storage.subscriptions,
        health=storage.guard,
        admission=storage.admission,
        config=Limits(
            per_user=settings.user_rate_limit,
            per_channel=settings.channel_rate_limit,
            thread_ttl=settings.thread_ttl_seconds,
            briefing_tz=settings.briefing_tz,
        ),
    )


def build_engine(settings: Settings, kb: KnowledgeBase, storage: RedisStorage) -> AnswerEngine:
    return AnswerEngine(
        kb,
        cache=storage.answers,
        threads=storage.threads,
        counters=storage.counters,
        writer=_writer(settings, kb),
        cache_ttl=settings.cache_ttl_seconds,
        thread_turns=settings.thread_turns,
        thread_ttl=settings.thread_ttl_seconds,
    )


def connect_storage(settings: Settings) -> RedisStorage:
    """Storage on REDIS_URL, or on the shared embedded Valkey of the data directory (started if need be)."""
    storage = RedisStorage.from_url(
        redis_url(settings),
        socket_timeout=settings.redis_socket_timeout,
        connect_timeout=settings.redis_connect_timeout,
        retry_after=settings.redis_retry_after,
    )
    if settings.redis_url is not None:
        log.info(
            "redis.external url=%s socket_timeout=%s connect_timeout=%s retry_after=%s",
            storage.guard.description, settings.redis_socket_timeout, settings.redis_connect_timeout,
            settings.redis_retry_after,
        )  # fmt: skip
    return storage


def redis_url(settings: Settings) -> str:
    """REDIS_URL, or the URL of the shared embedded Valkey of the data directory (started if need be)."""
    return settings.redis_url or SharedValkey(embedded_data_dir(settings)).url()


def vector_file(settings: Settings) -> Path:
    """Where the base's embeddings are kept between runs: VECTOR_CACHE_DIR, else the user's cache."""
    directory = settings.vector_cache_dir or Path(user_cache_dir("briefbot", appauthor=False))
    return directory / vectors_file_name()


def embedded_data_dir(settings: Settings) -> Path:
    """Where the embedded Valkey keeps its data: REDIS_DATA_DIR, else the user's data directory."""
    return settings.redis_data_dir or Path(user_data_dir("briefbot", appauthor=False)) / "valkey"


def _writer(settings: Settings, kb: KnowledgeBase) -> GroundedWriter | None:
    """The LLM writer when OPENAI_API_KEY or OPENAI_BASE_URL is set, else None (offline answers)."""
    if not settings.llm_enabled:
        log.info("llm.disabled reason=no OPENAI_API_KEY or OPENAI_BASE_URL; answers are composed offline")
        return None
    from bot.adapters.llm.openai_writer import OpenAIWriter

    writer = OpenAIWriter(settings, kb)
    log.info(
        "llm.enabled model=%s base_url=%s timeout=%s max_retries=%d",
        writer.name, writer.host, settings.openai_timeout, settings.openai_max_retries,
    )  # fmt: skip
    return writer
