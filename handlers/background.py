"""Running slow Slack work off Bolt's listener threads, which every slash command's ack also needs."""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.services import Services

log = logging.getLogger(__name__)


def later(services: Services, work: Callable[[], None], *, name: str) -> None:
    """Run `work` on the services' background pool; an exception is logged, never lost silently."""

    def run() -> None:
        try:
            work()
        except Exception:
            log.exception("slack.background_failed work=%s", name)

    services.background.submit(run)
