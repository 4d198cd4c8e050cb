"""Gunicorn settings for the web process: `gunicorn -c bot/gunicorn_conf.py 'bot.web:create_app()'`.

Binds 0.0.0.0:$PORT with gthread workers (WEB_CONCURRENCY processes × WEB_THREADS threads). With REDIS_URL
unset, the master starts one embedded Valkey before forking and exports its URL, so every worker shares it.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from bot.adapters.storage.embedded import EmbeddedRedis
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
    """In the master, before any worker: start the embedded Valkey when REDIS_URL is unset."""
    global _embedded
    if _settings.redis_url is None:
        _embedded = EmbeddedRedis(_settings.redis_data_dir)
        os.environ["REDIS_URL"] = _embedded.start()  # inherited by every worker the master forks
        server.log.info("redis.embedded shared by all workers")


def on_exit(server: Any) -> None:
    """Stop the embedded Valkey with the master."""
    if _embedded is not None:
        _embedded.stop()
