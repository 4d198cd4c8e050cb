"""Running slow Slack work off Bolt's listener threads, which every slash command's ack also needs."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)


class Background:
    """A pool for answers that may call the LLM, shares, and posts that wait out a 429."""

    def __init__(self, threads: int) -> None:
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="briefbot-work")

    def later(self, work: Callable[[], None], *, name: str) -> None:
        """Run `work` on the pool; an exception is logged, never lost silently."""

        def run() -> None:
            try:
                work()
            except Exception:
                log.exception("slack.background_failed work=%s", name)

        self._pool.submit(run)
