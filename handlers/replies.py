"""Answering in a Slack conversation (a channel thread, a DM or an assistant thread): progress while it works,
then one reply; and sending through a response_url with its result checked."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core import Asker, Briefbot, Notice, conversation_id, wording
from handlers.blocks import NO_PREVIEWS, Message, render_answer, render_text
from handlers.work import Background

log = logging.getLogger(__name__)

MAX_LOGGED_ERROR_CHARS = 80


def answer_in_conversation(
    application: Briefbot,
    background: Background,
    client: WebClient,
    asker: Asker,
    *,
    text: str,
    thread_ts: str | None,
    conversation: str,
    first_in_thread: bool = False,
) -> None:
    """Answer `text` in the asker's channel (in the thread when thread_ts is set), on the background pool.

    When answers take time (LLM mode) a "Thinking…" placeholder is posted first, and always replaced. The
    first answer in a thread the bot now follows offers "Stop following".
    """
    channel = asker.channel

    def work() -> None:
        placeholder: list[str | None] = [None]

        def show_progress() -> None:
            placeholder[0] = _post(client, channel, thread_ts, render_text(wording.THINKING))

        reply = application.ask(text, asker, conversation=conversation, on_slow=show_progress)
        if isinstance(reply, Notice) and reply.kind == "rate_limited":
            _post_ephemeral(client, channel, asker.user, thread_ts, reply.text)
            return
        stop = thread_ts if first_in_thread and thread_ts else None
        message = (
            render_text(reply.text)
            if isinstance(reply, Notice)
            else render_answer(reply, stop_following=stop)
        )
        # Whatever happened, the placeholder is replaced: a message is never left "thinking".
        if placeholder[0]:
            _update(client, channel, placeholder[0], message)
        else:
            _post(client, channel, thread_ts, message)

    background.later(work, name="answer_in_conversation")


def answer_in_assistant_thread(
    application: Briefbot,
    background: Background,
    client: WebClient,
    asker: Asker,
    *,
    text: str,
    thread_ts: str,
    set_status: Callable[[str], Any],
    set_title: Callable[[str], Any] | None,
) -> None:
    """Answer in Slack's assistant panel: a status line ("Reading the article…") while it works, instead of a
    placeholder message, then the answer in that thread with Slack's own feedback buttons. `set_title` (for
    a thread's first question) names the thread after it."""
    channel = asker.channel

    def work() -> None:
        _call("assistant.threads.setStatus", lambda: set_status(wording.READING_ARTICLE))
        if set_title is not None:
            title = application.thread_title(text)
            _call("assistant.threads.setTitle", lambda: set_title(title))
        reply = application.ask(text, asker, conversation=conversation_id(channel, thread_ts))
        message = (
            render_text(reply.text)
            if isinstance(reply, Notice)
            else render_answer(reply, native_feedback=True)
        )
        if _post(client, channel, thread_ts, message) is None:
            _call("assistant.threads.setStatus", lambda: set_status(""))  # never left "reading" forever

    background.later(work, name="answer_in_assistant_thread")


def send_response(respond: Respond, what: str, **message: Any) -> bool:
    """Post through a response_url and check Slack's reply; a failure is logged (status and Slack's short
    error, never the message) and False is returned."""
    try:
        result = respond(**message)
    except Exception as exc:  # the URL may be unreachable or expired: nothing else to do but say so
        log.warning("slack.respond_failed what=%s error=%s", what, type(exc).__name__)
        return False
    if result.status_code != 200:
        error = " ".join(str(result.body or "").split())[:MAX_LOGGED_ERROR_CHARS]
        log.warning("slack.respond_failed what=%s status=%s error=%s", what, result.status_code, error)
        return False
    return True


def _post(client: WebClient, channel: str, thread_ts: str | None, message: Message) -> str | None:
    """chat.postMessage (link previews off, as every message sets); the new message's ts, or None."""
    try:
        reply = client.chat_postMessage(channel=channel, thread_ts=thread_ts, **{**message, **NO_PREVIEWS})
        return str(reply["ts"])
    except SlackApiError as exc:
        log.warning("slack.post_failed channel=%s error=%s", channel, exc.response.get("error"))
        return None


def _update(client: WebClient, channel: str, ts: str, message: Message) -> None:
    """chat.update takes no unfurl settings: the message keeps those it was posted with."""
    content = {k: v for k, v in message.items() if k not in NO_PREVIEWS}
    try:
        client.chat_update(channel=channel, ts=ts, **content)
    except SlackApiError as exc:
        log.warning("slack.update_failed channel=%s error=%s", channel, exc.response.get("error"))


def _post_ephemeral(client: WebClient, channel: str, user: str, thread_ts: str | None, text: str) -> None:
    try:
        client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, **render_text(text))
    except SlackApiError as exc:
        log.warning("slack.ephemeral_failed channel=%s error=%s", channel, exc.response.get("error"))


def _call(method: str, call: Callable[[], Any]) -> None:
    """A Web API call whose failure should not stop the answer (a status line, a title)."""
    try:
        call()
    except SlackApiError as exc:
        log.warning("slack.call_failed method=%s error=%s", method, exc.response.get("error"))
