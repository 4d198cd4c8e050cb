"""Gunicorn settings for the web process (the Procfile's `web`), with `bot.entrypoints.web:create_app()`.

Binds 0.0.0.0:$PORT with gthread workers (WEB_CONCURRENCY processes × WEB_THREADS threads). With REDIS_URL
unset, the master starts (or finds) one embedded Valkey before forking and exports its URL, so every worker
shares it.
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

bind = f"0.0.0.0:{_settings.port}"
worker_class = "gthread"
workers = _settings.web_concurrency
threads = _settings.web_threads
timeout = 30
graceful_timeout = 10
keepalive = 5
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


def on_exit(server: Any) -> None:
    """Stop the embedded Valkey with the master."""
    if _embedded is not None:
        _embedded.stop()
