"""The /brief slash command: a briefing now, and channel subscriptions (subscribe, list, off, help).

`/brief` shows the next briefing only to the person who asked (like every answer, ephemeral by default);
`/brief now` posts it in the conversation for everyone. Every reply is sent with the ack.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.core import Asker, Briefbot, JobQueue, Notice
from handlers.blocks import (
    render_brief_usage,
    render_briefing,
    render_notice,
    render_subscription_change,
    render_subscriptions,
)
from handlers.context import team_of

log = logging.getLogger(__name__)

OFF_WORDS = ("off", "stop", "unsubscribe", "cancel")


def register(app: App, application: Briefbot, jobs: JobQueue) -> None:
    """Register the /brief command."""

    def brief(ack: Ack, command: dict[str, Any], context: BoltContext) -> None:
        verb, _, rest = command.get("text", "").strip().partition(" ")
        verb = verb.lower()
        asker = Asker(team_of(context), command.get("user_id", ""), command["channel_id"])
        if verb == "subscribe":
            ack(**render_subscription_change(application.subscribe(rest, asker)))
        elif verb == "list":
            ack(**render_subscriptions(application.subscriptions(asker.team)))
        elif verb in OFF_WORDS:
            ack(**render_subscription_change(application.unsubscribe(asker)))
        elif verb in ("", "now"):
            # A briefing is built from the knowledge base in milliseconds, so it travels in the ack itself.
            public = verb == "now"
            briefing = application.brief(asker, public=public)
            if isinstance(briefing, Notice):
                ack(response_type="ephemeral", **render_notice(briefing))
                return
            log.info("briefing.on_demand team=%s public=%s topic=%s", asker.team, public, briefing.topic)
            ack(response_type="in_channel" if public else "ephemeral", **render_briefing(briefing))
        else:
            ack(**render_brief_usage())

    app.command("/brief")(brief)
