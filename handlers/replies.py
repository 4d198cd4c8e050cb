"""Answering in a Slack conversation (a channel thread, a DM or an assistant thread) as a job: progress while
it works, then one reply; and sending through a response_url with its result checked.

A job may be attempted again after its process died, so it records what it posted (JobProgress) before the
slow work: a second attempt updates the placeholder the first posted, and an answer already posted is never
posted twice. When every attempt failed, the placeholder (or the assistant's status) ends in an apology.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any, Literal

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core import Asker, Briefbot, Job, JobFailed, JobProgress, JobValue, Notice, conversation_id, wording
from handlers.blocks import NO_PREVIEWS, Message, render_answer, render_text
from handlers.context import asker_data, asker_of, text_of

log = logging.getLogger(__name__)

CONVERSATION = "conversation"
ASSISTANT = "assistant"
PLACEHOLDER = "placeholder"  # progress: the ts of the "Thinking…" message
ANSWERED = "answered"  # progress: the ts of the answer (or the updated placeholder)
MAX_LOGGED_ERROR_CHARS = 80

Sent = Literal["sent", "refused", "unreachable"]


def conversation_job(
    asker: Asker,
    *,
    delivery: str,
    text: str,
    thread_ts: str | None,
    conversation: str,
    first_in_thread: bool = False,
) -> Job:
    """The job answering `text` in the asker's channel (in the thread when thread_ts is set)."""
    data = {**asker_data(asker), "text": text, "thread_ts": thread_ts, "conversation": conversation,
            "first_in_thread": first_in_thread}  # fmt: skip
    return Job(CONVERSATION, f"{asker.team}:{delivery}", data)


def answer_in_conversation(
    application: Briefbot, client: WebClient, data: Mapping[str, JobValue], progress: JobProgress
) -> None:
    """When answers take time (LLM mode) a "Thinking…" placeholder is posted first, and always replaced. The
    first answer in a thread the bot now follows offers "Stop following"."""
    if progress.get(ANSWERED):
        return  # an earlier attempt posted it, then its process died
    asker = asker_of(data)
    channel, thread_ts = asker.channel, text_of(data, "thread_ts") or None
    placeholder = progress.get(PLACEHOLDER)

    def show_progress() -> None:
        nonlocal placeholder
        if placeholder is not None:
            return  # posted by an earlier attempt: it is updated below, not posted again
        try:
            placeholder = _post(client, channel, thread_ts, render_text(wording.THINKING))
        except (JobFailed, OSError):
            return  # no placeholder, then: the answer is posted as a new message
        progress.set(PLACEHOLDER, placeholder)

    reply = application.ask(text_of(data, "text"), asker, conversation=text_of(data, "conversation"),
                            on_slow=show_progress)  # fmt: skip
    if isinstance(reply, Notice) and reply.kind == "rate_limited" and placeholder is None:
        _post_ephemeral(client, channel, asker.user, thread_ts, reply.text)
        return
    stop = thread_ts if data.get("first_in_thread") and thread_ts else None
    message = (
        render_text(reply.text) if isinstance(reply, Notice) else render_answer(reply, stop_following=stop)
    )
    # Whatever happened, the placeholder is replaced: a message is never left "thinking".
    if placeholder:
        _update(client, channel, placeholder, message)
        progress.set(ANSWERED, placeholder)
    else:
        progress.set(ANSWERED, _post(client, channel, thread_ts, message))


def apologise_in_conversation(
    application: Briefbot, client: WebClient, data: Mapping[str, JobValue], progress: JobProgress
) -> None:
    """Every attempt failed: the placeholder becomes a short apology (or one is posted in its place)."""
    if progress.get(ANSWERED):
        return
    asker = asker_of(data)
    message = render_text(wording.JOB_FAILED)
    placeholder = progress.get(PLACEHOLDER)
    if placeholder:
        _update(client, asker.channel, placeholder, message)
    else:
        _post(client, asker.channel, text_of(data, "thread_ts") or None, message)


def assistant_job(asker: Asker, *, delivery: str, text: str, thread_ts: str, titled: bool) -> Job:
    """The job answering in Slack's assistant panel; `titled` names the thread after this question."""
    data = {**asker_data(asker), "text": text, "thread_ts": thread_ts, "titled": titled}
    return Job(ASSISTANT, f"{asker.team}:{delivery}", data)


def answer_in_assistant_thread(
    application: Briefbot, client: WebClient, data: Mapping[str, JobValue], progress: JobProgress
) -> None:
    """A status line ("Reading the article…") while it works, instead of a placeholder message, then the
    answer in that thread with Slack's own feedback buttons (posting it clears the status)."""
    if progress.get(ANSWERED):
        return
    asker = asker_of(data)
    channel, thread_ts, text = asker.channel, text_of(data, "thread_ts"), text_of(data, "text")
    _set_status(client, channel, thread_ts, wording.READING_ARTICLE)
    if data.get("titled"):
        title = application.thread_title(text)
        _call(
            "assistant.threads.setTitle",
            lambda: client.assistant_threads_setTitle(channel_id=channel, thread_ts=thread_ts, title=title),
        )
    reply = application.ask(text, asker, conversation=conversation_id(channel, thread_ts))
    message = (
        render_text(reply.text) if isinstance(reply, Notice) else render_answer(reply, native_feedback=True)
    )
    progress.set(ANSWERED, _post(client, channel, thread_ts, message))


def apologise_in_assistant_thread(
    application: Briefbot, client: WebClient, data: Mapping[str, JobValue], progress: JobProgress
) -> None:
    """Every attempt failed: the status line is cleared (never left "reading" forever), an apology posted."""
    if progress.get(ANSWERED):
        return
    asker = asker_of(data)
    thread_ts = text_of(data, "thread_ts")
    _set_status(client, asker.channel, thread_ts, "")
    _post(client, asker.channel, thread_ts, render_text(wording.JOB_FAILED))


def send_response(respond: Respond, what: str, **message: Any) -> Sent:
    """Post through a response_url and check Slack's reply: "sent"; "refused" when Slack said no (an expired
    or used-up URL: trying again cannot help); "unreachable" when no answer came (trying again may). A
    failure is logged (status and Slack's short error, never the message)."""
    try:
        result = respond(**message)
    except Exception as exc:  # the URL may be unreachable: nothing else to do here but say so
        log.warning("slack.respond_failed what=%s error=%s", what, type(exc).__name__)
        return "unreachable"
    if result.status_code != 200:
        error = " ".join(str(result.body or "").split())[:MAX_LOGGED_ERROR_CHARS]
        log.warning("slack.respond_failed what=%s status=%s error=%s", what, result.status_code, error)
        return "unreachable" if result.status_code >= 500 or result.status_code == 429 else "refused"
    return "sent"


def _post(client: WebClient, channel: str, thread_ts: str | None, message: Message) -> str:
    """chat.postMessage (link previews off, as every message sets); the new message's ts."""
    try:
        reply = client.chat_postMessage(channel=channel, thread_ts=thread_ts, **{**message, **NO_PREVIEWS})
        return str(reply["ts"])
    except SlackApiError as exc:
        error = exc.response.get("error")
        log.warning("slack.post_failed channel=%s error=%s", channel, error)
        raise JobFailed(f"chat.postMessage {error}") from None


def _update(client: WebClient, channel: str, ts: str, message: Message) -> None:
    """chat.update takes no unfurl settings: the message keeps those it was posted with."""
    content = {k: v for k, v in message.items() if k not in NO_PREVIEWS}
    try:
        client.chat_update(channel=channel, ts=ts, **content)
    except SlackApiError as exc:
        error = exc.response.get("error")
        log.warning("slack.update_failed channel=%s error=%s", channel, error)
        raise JobFailed(f"chat.update {error}") from None


def _post_ephemeral(client: WebClient, channel: str, user: str, thread_ts: str | None, text: str) -> None:
    try:
        client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, **render_text(text))
    except SlackApiError as exc:
        log.warning("slack.ephemeral_failed channel=%s error=%s", channel, exc.response.get("error"))


def _set_status(client: WebClient, channel: str, thread_ts: str, status: str) -> None:
    _call(
        "assistant.threads.setStatus",
        lambda: client.assistant_threads_setStatus(channel_id=channel, thread_ts=thread_ts, status=status),
    )


def _call(method: str, call: Callable[[], Any]) -> None:
    """A Web API call whose failure should not stop the answer (a status line, a title)."""
    try:
        call()
    except SlackApiError as exc:
        log.warning("slack.call_failed method=%s error=%s", method, exc.response.get("error"))
