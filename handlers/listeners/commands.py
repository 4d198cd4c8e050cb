"""Slash commands: /ask and every topic command the knowledge base defines; answers are ephemeral.

/brief belongs to brief_command.py and /briefbot to settings_command.py. Offline answers travel in the ack
itself (Slack waits 3 s) and never touch the job queue. When answers take time (LLM mode) the ack is empty,
the command's trigger id is claimed, and a job sends the one ephemeral answer through the response_url: Slack
does not let a response_url replace a command's ack, so an ack that said "Thinking…" would stay on screen
beside the answer. The job records that it sent it, so a retried job never sends twice.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.core import Answer, Asker, Briefbot, Job, JobFailed, JobProgress, JobQueue, JobValue, Notice, wording
from handlers.blocks import Message, render_reply, render_text, render_usage
from handlers.context import asker_data, asker_of, team_of, text_of
from handlers.replies import send_response

log = logging.getLogger(__name__)

RESERVED = ("/ask", "/brief", "/briefbot")
HELP_WORDS = ("", "help", "?", "usage")
COMMAND = "command"  # the job kind
SENT = "sent"  # progress: the answer went out through the response_url


def register(app: App, application: Briefbot, jobs: JobQueue) -> None:
    """Register /ask and one listener per topic command (no code change for a new topic)."""
    app.command("/ask")(_answering(application, jobs, topic=None))
    for topic in application.kb.topics:
        if topic.command and topic.command not in RESERVED:
            app.command(topic.command)(_answering(application, jobs, topic=topic.id))


def register_unknown(app: App, application: Briefbot) -> None:
    """Any other command this app receives gets usage, not an error; register it after every other command."""

    def unknown_command(ack: Ack, command: dict[str, Any]) -> None:
        log.info("slack.unknown_command command=%s", command.get("command"))
        ack(
            response_type="ephemeral",
            **render_usage(application.kb, unknown_command=command.get("command", "")),
        )

    app.command(re.compile(r"^/"))(unknown_command)


def _answering(application: Briefbot, jobs: JobQueue, *, topic: str | None) -> Callable[..., None]:
    """A listener for /ask (topic None) or a topic command: empty text is usage, or the topic's overview."""

    def answer_command(ack: Ack, command: dict[str, Any], context: BoltContext) -> None:
        asker = Asker(team_of(context), command.get("user_id", ""), command.get("channel_id", ""))
        text = command.get("text", "").strip()
        delivery = command.get("trigger_id") or None
        if not application.answers_take_time or _answered_at_once(command, topic):
            reply = _reply(application, text, asker, topic, delivery=delivery)
            ack(response_type="ephemeral", **reply) if reply else ack()
            return
        ack()
        if delivery and not application.first_delivery(asker.team, "command", delivery):
            log.info("slack.duplicate kind=command id=%s", delivery)
            return
        data = {**asker_data(asker), "text": text, "topic": topic,
                "response_url": command.get("response_url") or ""}  # fmt: skip
        jobs.submit(Job(COMMAND, f"{asker.team}:{delivery or uuid.uuid4().hex}", data))  # never the URL

    answer_command.__name__ = f"answer_{(topic or 'ask').replace('-', '_')}"
    return answer_command


def answer_later(
    application: Briefbot, client: WebClient, data: Mapping[str, JobValue], progress: JobProgress
) -> None:
    """The job: the one ephemeral answer, through the response_url, sent once however many attempts."""
    if progress.get(SENT):
        return
    topic = text_of(data, "topic") or None
    reply = _reply(application, text_of(data, "text"), asker_of(data), topic, delivery=None)
    if reply is None:
        return
    respond = Respond(response_url=text_of(data, "response_url"))
    sent = send_response(respond, "command", response_type="ephemeral", **reply)
    if sent == "unreachable":
        raise JobFailed("response_url unreachable")
    progress.set(SENT, sent)  # "refused" too: an expired URL takes nothing more


def apologise_later(
    application: Briefbot, client: WebClient, data: Mapping[str, JobValue], progress: JobProgress
) -> None:
    """Every attempt failed: a short apology through the response_url instead of the answer."""
    if progress.get(SENT):
        return
    respond = Respond(response_url=text_of(data, "response_url"))
    send_response(respond, "command_apology", response_type="ephemeral", **render_text(wording.JOB_FAILED))


def _reply(
    application: Briefbot, text: str, asker: Asker, topic: str | None, *, delivery: str | None
) -> Message | None:
    """Usage, a rate-limit notice, the answer, or an apology — rendered; None for a repeated delivery.

    The command's trigger id (`delivery`) goes to the application, which claims it together with the rate
    limits and the cache lookup: a cached answer's ack waits for one Redis round trip.
    """
    if _asks_for_usage(text, topic):
        return render_usage(application.kb)
    reply: Answer | Notice = (
        application.topic(topic, asker, delivery=delivery)
        if topic and not text
        else application.ask(text, asker, delivery=delivery)
    )
    if isinstance(reply, Notice) and reply.kind == "duplicate":
        return None
    return render_reply(reply, ephemeral=True, show_question=bool(text), topic=None if text else topic)


def _answered_at_once(command: dict[str, Any], topic: str | None) -> bool:
    """Usage and topic overviews never wait for a model: they travel in the ack even in LLM mode."""
    text = command.get("text", "").strip()
    return _asks_for_usage(text, topic) or bool(topic and not text)


def _asks_for_usage(text: str, topic: str | None) -> bool:
    """Empty /ask, or `help` after any command: usage, at once."""
    return text.lower() in HELP_WORDS and (topic is None or bool(text))
