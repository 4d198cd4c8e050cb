"""Buttons on answers: 👍/👎 feedback (stored with the question) and "Share in channel"."""

from __future__ import annotations

import logging
from typing import Any, Literal

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core import Briefbot, wording
from handlers.blocks import FEEDBACK_DOWN, FEEDBACK_UP, SHARE, ActionValue, render_answer, render_text
from handlers.context import team_of
from handlers.work import Background

log = logging.getLogger(__name__)

_CANNOT_POST = ("not_in_channel", "channel_not_found", "is_archived", "restricted_action")


def register(app: App, application: Briefbot, background: Background) -> None:
    """Listen to the feedback and share buttons."""

    def record_feedback(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext,
                        respond: Respond) -> None:  # fmt: skip
        ack()
        value = ActionValue.decode(action.get("value", ""))
        if value is None:
            log.warning("slack.bad_action_value action=%s", action.get("action_id"))
            return
        vote: Literal["up", "down"] = "up" if action["action_id"] == FEEDBACK_UP else "down"
        application.vote(team_of(context), value.id, body.get("user", {}).get("id", ""), vote, value.q)
        respond(response_type="ephemeral", replace_original=False, **render_text(wording.THANKS_FOR_VOTE))

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

        def share() -> None:
            """Post the answer again, attributed to the sharer; tell them if the bot cannot post there."""
            try:
                answer = application.again(value.q, team, topic=value.t)
                message = render_answer(answer, shared_by=user, topic=value.t)
                client.chat_postMessage(channel=channel, **message, unfurl_links=False, unfurl_media=False)
            except SlackApiError as exc:
                error = exc.response.get("error")
                log.warning("slack.share_failed channel=%s error=%s", channel, error)
                text = wording.SHARE_FAILED if error in _CANNOT_POST else wording.ERROR
                respond(response_type="ephemeral", replace_original=False, **render_text(text))
                return
            except Exception:
                log.exception("slack.share_failed channel=%s", channel)
                respond(response_type="ephemeral", replace_original=False, **render_text(wording.ERROR))
                return
            respond(delete_original=True)

        background.later(share, name="share")

    app.action(FEEDBACK_UP)(record_feedback)
    app.action(FEEDBACK_DOWN)(record_feedback)
    app.action(SHARE)(share_answer)
