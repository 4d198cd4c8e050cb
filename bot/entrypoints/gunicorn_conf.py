"""Gunicorn settings for the web process (the Procfile's `web`), with `bot.entrypoints.web:create_app()`.

Binds WEB_HOST:PORT (0.0.0.0 by default, as Heroku's router needs) with gevent workers, WEB_CONCURRENCY
processes of up to 1,000 connections each. A connection costs a greenlet, not a thread: a client that is slow
to send its headers is dropped after `keepalive` seconds, one slow to send its body after WEB_READ_TIMEOUT
(bot/entrypoints/buffering.py). With REDIS_URL unset, the master starts (or finds) one embedded Valkey before
forking and exports its URL, so every worker shares it.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from bot.adapters.storage.embedded import EmbeddedRedis, SharedValkey
from bot.core.settings import ConfigError, load_settings

try:
    _settings = load_settings()
    _settings.require_slack_http()
except ConfigError as exc:
    # One clear line naming the variable, instead of a worker traceback and "Worker failed to boot".
    print(f"briefbot: {exc}", file=sys.stderr)
    sys.exit(2)

logging.basicConfig(
    level=_settings.log_level.upper(),
    format="%(asctime)s %(levelname)s %(name)s %(message)s",
    stream=sys.stderr,
)
logging.getLogger("bm25s").setLevel(logging.WARNING)

bind = _settings.bind
# Not gthread: its threads read request bodies off the network themselves, and 40 clients that sent headers
# then stalled held every one of them (bench/hostile_clients.py, BENCHMARKS.md). gevent is monkey-patched into
# each worker before the app is imported, so Redis, Slack and LLM I/O yield instead of blocking.
worker_class = "gevent"
worker_connections = 1000  # per worker; past that, new connections wait in the listen backlog
workers = _settings.web_concurrency
timeout = 30
# A worker that is told to stop finishes its requests, then the jobs it is running (only while no worker
# process is alive does it run any): the whole LLM budget and a post. Heroku kills at 30 s whatever this says;
# a job cut off is retried by another process (bot/adapters/queueing/rq_consumer.py).
graceful_timeout = int(_settings.job_budget) + 5
keepalive = 5  # also how long a connection may take to send a request's headers (gevent workers)
accesslog = None  # every Slack request would be one line; errors still go to the error log
errorlog = "-"

_embedded: EmbeddedRedis | None = None


def on_starting(server: Any) -> None:
    """In the master, before any worker: with REDIS_URL unset, the shared Valkey of REDIS_DATA_DIR when that
    is set (its data outlives the web process), else a Valkey of the master's own, stopped with it."""
    global _embedded
    if _settings.redis_url is not None:
        return
    if _settings.redis_data_dir is not None:
        url = SharedValkey(_settings.redis_data_dir).url()
    else:
        _embedded = EmbeddedRedis()
        url = _embedded.start()
    os.environ["REDIS_URL"] = url  # inherited by every worker the master forks
    server.log.info("redis.embedded shared by all workers")


def worker_exit(server: Any, worker: Any) -> None:
    """In a worker that stopped serving: wait for the jobs it is running (within graceful_timeout)."""
    if os.getpid() != worker.pid:
        return  # the master calls this too, for a worker that is already gone
    from bot.entrypoints.web import stop_jobs  # imported in the worker, after gevent patched it

    stop_jobs(_settings.job_budget)


def on_exit(server: Any) -> None:
    """Stop the embedded Valkey with the master."""
    if _embedded is not None:
        _embedded.stop()
