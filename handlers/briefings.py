"""The /brief slash command: a briefing now, and channel subscriptions (subscribe, list, off, help).

`/brief` shows the next briefing only to the person who asked (like every answer, ephemeral by default);
`/brief now` posts it in the conversation for everyone. Every reply is sent with the ack.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot import messages
from bot.briefing import Briefing, next_briefing
from bot.conversations import within_rate_limits
from bot.render import render_text
from bot.schedule import Subscriptions, describe_subscriptions, subscribe
from bot.services import Services
from handlers.conversation import team_of

log = logging.getLogger(__name__)

OFF_WORDS = ("off", "stop", "unsubscribe", "cancel")


def register(app: App, services: Services) -> None:
    """Register the /brief command."""
    app.command("/brief")(_brief(services))


def _brief(services: Services) -> Callable[..., None]:
    subscriptions = Subscriptions(services.store)

    def brief(ack: Ack, command: dict[str, Any], context: BoltContext) -> None:
        verb, _, rest = command.get("text", "").strip().partition(" ")
        verb = verb.lower()
        team, channel, user = team_of(context), command["channel_id"], command.get("user_id", "")
        if verb == "subscribe":
            reply = subscribe(subscriptions, rest, team=team, channel=channel, user=user,
                              default_tz=services.settings.briefing_tz)  # fmt: skip
            ack(**_mrkdwn(reply))
        elif verb == "list":
            ack(**_mrkdwn(describe_subscriptions(subscriptions.of_team(team))))
        elif verb in OFF_WORDS:
            removed = subscriptions.remove(team, channel)
            template = messages.BRIEF_UNSUBSCRIBED if removed else messages.BRIEF_NOT_SUBSCRIBED
            ack(**_mrkdwn(template.format(channel=channel)))
        elif verb in ("", "now"):
            # A briefing is built from the knowledge base in milliseconds, so it travels in the ack itself.
            if not within_rate_limits(services, team, user=user, channel=channel):
                ack(response_type="ephemeral", **render_text(messages.RATE_LIMITED))
                return
            public = verb == "now"
            place = channel if public else f"user:{user}"
            try:
                briefing = next_briefing(services.kb, services.store, team, place, today=_today())
            except Exception:
                log.exception("briefing.command_failed team=%s", team)
                ack(response_type="ephemeral", **render_text(messages.ERROR))
                return
            log.info("briefing.on_demand team=%s public=%s topic=%s", team, public, briefing.topic)
            ack(response_type="in_channel" if public else "ephemeral", **_briefing(briefing))
        else:
            ack(**_mrkdwn(messages.BRIEF_USAGE))

    return brief


def _briefing(briefing: Briefing) -> dict[str, Any]:
    return {"text": briefing.text(), "blocks": briefing.blocks()}


def _mrkdwn(text: str) -> dict[str, Any]:
    """Our own mrkdwn (it links channels, so it is not escaped); anything a user typed is escaped upstream."""
    return {"text": text, "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]}


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()
