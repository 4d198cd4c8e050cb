"""Wiring the core from settings: knowledge base, Redis store (embedded when REDIS_URL is unset), engine."""

from __future__ import annotations

import atexit
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from bot.engine import AnswerEngine, GroundedWriter
from bot.redis_server import EmbeddedRedis
from bot.settings import Settings
from bot.store import Store
from knowledge.base import KnowledgeBase, load_knowledge_base

log = logging.getLogger(__name__)


@dataclass
class Services:
    """The long-lived objects one process shares across requests."""

    settings: Settings
    kb: KnowledgeBase
    store: Store
    engine: AnswerEngine
    # Slow work (answers that may call the LLM, Slack posts that wait out a 429) runs here, never on Bolt's
    # listener threads: those also run every slash command's ack, which must happen within 3 s.
    background: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=16, thread_name_prefix="briefbot-work")
    )


def build_services(settings: Settings) -> Services:
    """Load the base, connect the store and build the engine; logs which store and answer mode are in use."""
    kb = load_knowledge_base(settings.knowledge_dir)
    store = connect_store(settings)
    writer = _writer(settings, kb)
    engine = AnswerEngine(
        kb,
        store,
        writer=writer,
        cache_ttl=settings.cache_ttl_seconds,
        thread_turns=settings.thread_turns,
        thread_ttl=settings.thread_ttl_seconds,
    )
    log.info("services.ready kb_version=%s topics=%d mode=%s", kb.version, len(kb.topics), engine.mode)
    background = ThreadPoolExecutor(max_workers=settings.listener_threads, thread_name_prefix="briefbot-work")
    return Services(settings=settings, kb=kb, store=store, engine=engine, background=background)


def connect_store(settings: Settings) -> Store:
    """A Store on REDIS_URL, or on an embedded Valkey server this process starts and stops."""
    url = settings.redis_url
    if url is None:
        embedded = EmbeddedRedis(settings.redis_data_dir)
        url = embedded.start()
        atexit.register(embedded.stop)
    store = Store.from_url(
        url,
        socket_timeout=settings.redis_socket_timeout,
        connect_timeout=settings.redis_connect_timeout,
        retry_after=settings.redis_retry_after,
    )
    if settings.redis_url is not None:
        log.info(
            "redis.external url=%s socket_timeout=%s connect_timeout=%s retry_after=%s",
            store.description, settings.redis_socket_timeout, settings.redis_connect_timeout,
            settings.redis_retry_after,
        )  # fmt: skip
    return store


def _writer(settings: Settings, kb: KnowledgeBase) -> GroundedWriter | None:
    """The LLM writer when OPENAI_API_KEY or OPENAI_BASE_URL is set, else None (offline answers)."""
    if not settings.llm_enabled:
        log.info("llm.disabled reason=no OPENAI_API_KEY or OPENAI_BASE_URL; answers are composed offline")
        return None
    from bot.llm import OpenAIWriter

    writer = OpenAIWriter(settings, kb)
    log.info(
        "llm.enabled model=%s base_url=%s timeout=%s max_retries=%d",
        writer.name, writer.host, settings.openai_timeout, settings.openai_max_retries,
    )  # fmt: skip
    return writer
