"""Answering in a Slack conversation (a channel thread or a DM): rate limits, progress, one reply."""

from __future__ import annotations

import logging

from slack_bolt import BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import messages
from bot.conversations import within_rate_limits
from bot.render import render_answer, render_text
from bot.services import Services
from handlers.background import later

log = logging.getLogger(__name__)


def answer_in_conversation(
    services: Services,
    client: WebClient,
    *,
    team: str,
    channel: str,
    user: str,
    text: str,
    thread_ts: str | None,
    conversation: str,
) -> None:
    """Answer `text` in `channel` (in the thread when thread_ts is set) on the background pool.

    In LLM mode a "Thinking…" placeholder is posted first, and always replaced.
    """

    def work() -> None:
        if not within_rate_limits(services, team, user=user, channel=channel):
            _post_ephemeral(client, channel, user, thread_ts, messages.RATE_LIMITED)
            return
        placeholder = (
            _post(client, channel, thread_ts, messages.THINKING) if services.engine.mode == "llm" else None
        )
        reply = render_text(messages.ERROR)
        try:
            answer = services.engine.answer(text, team=team, conversation=conversation)
            reply = render_answer(answer)
        except Exception:
            log.exception("slack.answer_failed channel=%s thread_ts=%s", channel, thread_ts)
        # Whatever happened, the placeholder is replaced: a message is never left "thinking".
        try:
            if placeholder:
                client.chat_update(channel=channel, ts=placeholder, **reply)
            else:
                client.chat_postMessage(channel=channel, thread_ts=thread_ts, **reply)
        except SlackApiError as exc:
            log.warning("slack.post_failed channel=%s error=%s", channel, exc.response.get("error"))

    later(services, work, name="answer_in_conversation")


def team_of(context: BoltContext) -> str:
    """The Slack team id used to namespace Redis keys."""
    return context.team_id or context.enterprise_id or "local"


def _post(client: WebClient, channel: str, thread_ts: str | None, text: str) -> str | None:
    try:
        return str(client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text)["ts"])
    except SlackApiError as exc:
        log.warning("slack.placeholder_failed channel=%s error=%s", channel, exc.response.get("error"))
        return None


def _post_ephemeral(client: WebClient, channel: str, user: str, thread_ts: str | None, text: str) -> None:
    try:
        client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, **render_text(text))
    except SlackApiError as exc:
        log.warning("slack.ephemeral_failed channel=%s error=%s", channel, exc.response.get("error"))
