"""Slash commands: /ask and every topic command the knowledge base defines; answers are ephemeral.

/brief belongs to brief_command.py and /briefbot to settings_command.py. Offline answers travel in the ack
itself (Slack waits 3 s). When answers take time (LLM mode) the ack is empty and the one ephemeral answer
follows through the response_url: Slack does not let a response_url replace a command's ack, so an ack that
said "Thinking…" would stay on screen beside the answer.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot.core import Answer, Asker, Briefbot, Notice
from handlers.blocks import Message, render_reply, render_usage
from handlers.context import team_of
from handlers.replies import send_response
from handlers.work import Background

log = logging.getLogger(__name__)

RESERVED = ("/ask", "/brief", "/briefbot")
HELP_WORDS = ("", "help", "?", "usage")


def register(app: App, application: Briefbot, background: Background) -> None:
    """Register /ask and one listener per topic command (no code change for a new topic)."""
    app.command("/ask")(_answering(application, background, topic=None))
    for topic in application.kb.topics:
        if topic.command and topic.command not in RESERVED:
            app.command(topic.command)(_answering(application, background, topic=topic.id))


def register_unknown(app: App, application: Briefbot) -> None:
    """Any other command this app receives gets usage, not an error; register it after every other command."""

    def unknown_command(ack: Ack, command: dict[str, Any]) -> None:
        log.info("slack.unknown_command command=%s", command.get("command"))
        ack(
            response_type="ephemeral",
            **render_usage(application.kb, unknown_command=command.get("command", "")),
        )

    app.command(re.compile(r"^/"))(unknown_command)


def _answering(application: Briefbot, background: Background, *, topic: str | None) -> Callable[..., None]:
    """A listener for /ask (topic None) or a topic command: empty text is usage, or the topic's overview."""

    def answer_command(ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext) -> None:
        asker = Asker(team_of(context), command.get("user_id", ""), command.get("channel_id", ""))
        if not application.answers_take_time or _answered_at_once(command, topic):
            reply = _reply(application, command, asker, topic)
            ack(response_type="ephemeral", **reply) if reply else ack()
            return
        ack()

        def answer_later() -> None:
            reply = _reply(application, command, asker, topic)
            if reply:
                send_response(respond, "command", response_type="ephemeral", **reply)

        background.later(answer_later, name="command")

    answer_command.__name__ = f"answer_{(topic or 'ask').replace('-', '_')}"
    return answer_command


def _reply(application: Briefbot, command: dict[str, Any], asker: Asker, topic: str | None) -> Message | None:
    """Usage, a rate-limit notice, the answer, or an apology — rendered; None for a repeated delivery.

    The command's trigger id goes to the application, which claims it together with the rate limits and the
    cache lookup: a cached answer's ack waits for one Redis round trip.
    """
    text = command.get("text", "").strip()
    if _asks_for_usage(command, topic):
        return render_usage(application.kb)
    delivery = command.get("trigger_id") or None
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
    return _asks_for_usage(command, topic) or bool(topic and not command.get("text", "").strip())


def _asks_for_usage(command: dict[str, Any], topic: str | None) -> bool:
    """Empty /ask, or `help` after any command: usage, at once."""
    text = command.get("text", "").strip()
    return text.lower() in HELP_WORDS and (topic is None or bool(text))
