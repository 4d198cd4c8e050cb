"""Answering in a Slack conversation (a channel thread or a DM): progress while it works, then one reply."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core import Asker, Briefbot, Notice, wording
from handlers.blocks import render_answer, render_text
from handlers.work import Background

log = logging.getLogger(__name__)


def answer_in_conversation(
    application: Briefbot,
    background: Background,
    client: WebClient,
    asker: Asker,
    *,
    text: str,
    thread_ts: str | None,
    conversation: str,
) -> None:
    """Answer `text` in the asker's channel (in the thread when thread_ts is set), on the background pool.

    When answers take time (LLM mode) a "Thinking…" placeholder is posted first, and always replaced.
    """
    channel = asker.channel

    def work() -> None:
        placeholder: list[str | None] = [None]

        def show_progress() -> None:
            placeholder[0] = _post(client, channel, thread_ts, wording.THINKING)

        reply = application.ask(text, asker, conversation=conversation, on_slow=show_progress)
        if isinstance(reply, Notice) and reply.kind == "rate_limited":
            _post_ephemeral(client, channel, asker.user, thread_ts, reply.text)
            return
        message = render_text(reply.text) if isinstance(reply, Notice) else render_answer(reply)
        # Whatever happened, the placeholder is replaced: a message is never left "thinking".
        try:
            if placeholder[0]:
                client.chat_update(channel=channel, ts=placeholder[0], **message)
            else:
                client.chat_postMessage(
                    channel=channel, thread_ts=thread_ts, **message, unfurl_links=False, unfurl_media=False
                )
        except SlackApiError as exc:
            log.warning("slack.post_failed channel=%s error=%s", channel, exc.response.get("error"))

    background.later(work, name="answer_in_conversation")


def _post(client: WebClient, channel: str, thread_ts: str | None, text: str) -> str | None:
    try:
        reply = client.chat_postMessage(channel=channel, thread_ts=thread_ts, **render_text(text))
        return str(reply["ts"])
    except SlackApiError as exc:
        log.warning("slack.placeholder_failed channel=%s error=%s", channel, exc.response.get("error"))
        return None


def _post_ephemeral(client: WebClient, channel: str, user: str, thread_ts: str | None, text: str) -> None:
    try:
        client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, **render_text(text))
    except SlackApiError as exc:
        log.warning("slack.ephemeral_failed channel=%s error=%s", channel, exc.response.get("error"))
