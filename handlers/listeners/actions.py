"""Buttons on answers: 👍/👎 feedback (classic buttons, or Slack's own feedback buttons in the assistant
panel; both stored with the question), "Share in channel" and "Stop following"."""

from __future__ import annotations

import logging
from typing import Any, Literal

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core import Briefbot, conversation_id, wording
from handlers.blocks import (
    FEEDBACK,
    FEEDBACK_DOWN,
    FEEDBACK_UP,
    SHARE,
    STOP_FOLLOWING,
    ActionValue,
    render_answer,
    render_stopped_following,
    render_text,
)
from handlers.context import team_of
from handlers.replies import send_response
from handlers.work import Background

log = logging.getLogger(__name__)


def register(app: App, application: Briefbot, background: Background) -> None:
    """Listen to the feedback, share and stop-following buttons."""

    def record_feedback(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext,
                        respond: Respond) -> None:  # fmt: skip
        ack()
        value = ActionValue.decode(action.get("value", ""))
        if value is None:
            log.warning("slack.bad_action_value action=%s", action.get("action_id"))
            return
        vote: Literal["up", "down"] = value.v or ("up" if action["action_id"] == FEEDBACK_UP else "down")
        application.vote(team_of(context), value.id, body.get("user", {}).get("id", ""), vote, value.q)
        send_response(respond, "vote_thanks", response_type="ephemeral", replace_original=False,
                      **render_text(wording.THANKS_FOR_VOTE))  # fmt: skip

    def share_answer(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext,
                     respond: Respond) -> None:  # fmt: skip
        ack()
        value = ActionValue.decode(action.get("value", ""))
        user = body.get("user", {}).get("id", "")
        if value is None:
            log.warning("slack.bad_share action=%s", action.get("action_id"))
            return
        team = team_of(context)

        def share() -> None:
            """Post the answer in the channel through the click's response_url (which works where the bot is
            not a member), attributed to the sharer; then remove the private copy. Only grounded answers."""
            try:
                answer = application.again(value.q, team, topic=value.t)
            except Exception:
                log.exception("slack.share_failed")
                send_response(respond, "share_error", response_type="ephemeral", replace_original=False,
                              **render_text(wording.ERROR))  # fmt: skip
                return
            if not answer.grounded:
                send_response(respond, "share_refused", response_type="ephemeral", replace_original=False,
                              **render_text(wording.SHARE_NOT_GROUNDED))  # fmt: skip
                return
            message = render_answer(answer, shared_by=user, topic=value.t)
            shared = send_response(respond, "share", response_type="in_channel", replace_original=False,
                                   **message)  # fmt: skip
            if not shared:
                send_response(respond, "share_failed", response_type="ephemeral", replace_original=False,
                              **render_text(wording.SHARE_FAILED))  # fmt: skip
                return
            send_response(respond, "share_cleanup", delete_original=True)

        background.later(share, name="share")

    def stop_following(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext,
                       client: WebClient) -> None:  # fmt: skip
        ack()
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
        message = body.get("message") or {}
        thread_ts = action.get("value") or message.get("thread_ts")
        if not channel or not thread_ts:
            log.warning("slack.bad_stop_following channel=%s", channel)
            return
        application.unfollow(team_of(context), conversation_id(channel, thread_ts))
        if not message.get("ts"):
            return
        blocks = render_stopped_following(message.get("blocks") or [], body.get("user", {}).get("id", ""))
        try:
            client.chat_update(channel=channel, ts=message["ts"], text=message.get("text", ""), blocks=blocks)
        except SlackApiError as exc:
            log.warning("slack.update_failed channel=%s error=%s", channel, exc.response.get("error"))

    app.action(FEEDBACK_UP)(record_feedback)
    app.action(FEEDBACK_DOWN)(record_feedback)
    app.action(FEEDBACK)(record_feedback)
    app.action(SHARE)(share_answer)
    app.action(STOP_FOLLOWING)(stop_following)
