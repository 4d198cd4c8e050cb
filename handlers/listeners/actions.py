"""Buttons on answers: 👍/👎 feedback (classic buttons, or Slack's own feedback buttons in the assistant
panel; both stored with the question), "Share in channel" and "Stop following".

Sharing is a job (it re-makes the answer, which may mean the LLM): it records that the answer went out, so a
retried job only removes the private copy, and never shares twice."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, Literal

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core import Briefbot, Job, JobFailed, JobProgress, JobQueue, JobValue, conversation_id, wording
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
from handlers.context import delivery_of, team_of, text_of
from handlers.replies import send_response

log = logging.getLogger(__name__)

SHARE_JOB = "share"
SHARED = "shared"  # progress: the answer is in the channel


def register(app: App, application: Briefbot, jobs: JobQueue) -> None:
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

    def share_answer(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext) -> None:
        ack()
        value = ActionValue.decode(action.get("value", ""))
        if value is None:
            log.warning("slack.bad_share action=%s", action.get("action_id"))
            return
        team = team_of(context)
        data = {"team": team, "user": body.get("user", {}).get("id", ""), "question": value.q,
                "topic": value.t, "response_url": body.get("response_url") or ""}  # fmt: skip
        jobs.submit(Job(SHARE_JOB, f"{team}:{delivery_of(body)}", data))

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


def share(
    application: Briefbot, client: WebClient, data: Mapping[str, JobValue], progress: JobProgress
) -> None:
    """The job: post the answer in the channel through the click's response_url (which works where the bot is
    not a member), attributed to the sharer; then remove the private copy. Only grounded answers."""
    respond = Respond(response_url=text_of(data, "response_url"))
    if not progress.get(SHARED):
        topic = text_of(data, "topic") or None
        try:
            answer = application.again(text_of(data, "question"), text_of(data, "team"), topic=topic)
        except Exception:
            log.exception("slack.share_failed")
            send_response(respond, "share_error", response_type="ephemeral", replace_original=False,
                          **render_text(wording.ERROR))  # fmt: skip
            return
        if not answer.grounded:
            send_response(respond, "share_refused", response_type="ephemeral", replace_original=False,
                          **render_text(wording.SHARE_NOT_GROUNDED))  # fmt: skip
            return
        message = render_answer(answer, shared_by=text_of(data, "user"), topic=topic)
        shared = send_response(
            respond, "share", response_type="in_channel", replace_original=False, **message
        )
        if shared == "unreachable":
            raise JobFailed("response_url unreachable")
        if shared == "refused":
            _tell_share_failed(respond)
            return
        progress.set(SHARED, "1")
    send_response(respond, "share_cleanup", delete_original=True)


def apologise_for_share(
    application: Briefbot, client: WebClient, data: Mapping[str, JobValue], progress: JobProgress
) -> None:
    """Every attempt failed: tell the sharer, unless the answer is already in the channel."""
    if not progress.get(SHARED):
        _tell_share_failed(Respond(response_url=text_of(data, "response_url")))


def _tell_share_failed(respond: Respond) -> None:
    send_response(respond, "share_failed", response_type="ephemeral", replace_original=False,
                  **render_text(wording.SHARE_FAILED))  # fmt: skip
