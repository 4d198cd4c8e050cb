"""Answering each Slack delivery once: Slack retries events it thinks were lost, and several web processes may
receive the same one. The first delivery of an event or a button click claims it; repeats are dropped.
(A slash command's trigger id is claimed by the application, in its admission's one round trip.)"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware

from bot.core import Briefbot
from handlers.context import team_of

log = logging.getLogger(__name__)


def delivery_id(body: dict[str, Any]) -> tuple[str, str] | None:
    """(kind, id) naming one Slack delivery, the same for Slack's retries of it; None when there is none.

    Slash commands are not claimed here: Slack does not retry them, and the question commands claim their
    trigger id with their rate limits and cache lookup, in the one round trip their ack waits for.
    """
    if body.get("event_id"):
        return "event", str(body["event_id"])
    if body.get("type") == "block_actions" and body.get("trigger_id"):
        action_ts = next((str(a.get("action_ts", "")) for a in body.get("actions") or []), "")
        return "action", f"{body['trigger_id']}:{action_ts}"
    return None


class Deduplication(Middleware):
    """Global middleware; a plain Middleware rather than a function: it runs on every request and skips Bolt's
    argument injection."""

    def __init__(self, application: Briefbot) -> None:
        self.application = application

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        ident = delivery_id(req.body)
        if ident is not None:
            kind, value = ident
            if not self.application.first_delivery(team_of(req.context), kind, value):
                retry = req.headers.get("x-slack-retry-num", ["0"])[0]
                log.info("slack.duplicate kind=%s id=%s retry=%s", kind, value, retry)
                return BoltResponse(status=200, body="")
        return next()
