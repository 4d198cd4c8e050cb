"""Buttons on answers: 👍/👎 feedback (stored with the question) and "Share in channel"."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import messages
from bot.render import FEEDBACK_DOWN, FEEDBACK_UP, SHARE, ActionValue, render_answer, render_text
from bot.services import Services
from handlers.background import later
from handlers.conversation import team_of

log = logging.getLogger(__name__)

VOTE_TTL_SECONDS = 90 * 24 * 3600
_CANNOT_POST = ("not_in_channel", "channel_not_found", "is_archived", "restricted_action")


def register(app: App, services: Services) -> None:
    """Listen to the feedback and share buttons."""

    def record_feedback(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext,
                        respond: Respond) -> None:  # fmt: skip
        ack()
        value = ActionValue.decode(action.get("value", ""))
        if value is None:
            log.warning("slack.bad_action_value action=%s", action.get("action_id"))
            return
        vote = "up" if action["action_id"] == FEEDBACK_UP else "down"
        user = body.get("user", {}).get("id", "")
        services.store.record_vote(team_of(context), value.id, user, vote, value.q, ttl=VOTE_TTL_SECONDS)
        log.info("slack.vote answer=%s vote=%s", value.id, vote)
        respond(response_type="ephemeral", replace_original=False, **render_text(messages.THANKS_FOR_VOTE))

    def share_answer(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext,
                     client: WebClient, respond: Respond) -> None:  # fmt: skip
        ack()
        value = ActionValue.decode(action.get("value", ""))
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
        user = body.get("user", {}).get("id", "")
        if value is None or not channel:
            log.warning("slack.bad_share channel=%s", channel)
            return
        team = team_of(context)
        later(services, lambda: _share(value, channel, user, team, client, respond), name="share")

    def _share(value: ActionValue, channel: str, user: str, team: str, client: WebClient,
               respond: Respond) -> None:  # fmt: skip
        """Post the answer again, attributed to the sharer; tell them if the bot cannot post there."""
        try:
            # Re-made, not copied from the button: usually a cache hit, and never stale against the base.
            if value.t:
                answer = services.engine.topic_answer(value.t)
            else:
                answer = services.engine.answer(value.q, team=team)
            client.chat_postMessage(channel=channel, **render_answer(answer, shared_by=user, topic=value.t))
        except SlackApiError as exc:
            error = exc.response.get("error")
            log.warning("slack.share_failed channel=%s error=%s", channel, error)
            text = messages.SHARE_FAILED if error in _CANNOT_POST else messages.ERROR
            respond(response_type="ephemeral", replace_original=False, **render_text(text))
            return
        except Exception:
            log.exception("slack.share_failed channel=%s", channel)
            respond(response_type="ephemeral", replace_original=False, **render_text(messages.ERROR))
            return
        respond(delete_original=True)

    app.action(FEEDBACK_UP)(record_feedback)
    app.action(FEEDBACK_DOWN)(record_feedback)
    app.action(SHARE)(share_answer)
