"""Slash commands: /ask and every topic command the knowledge base defines; answers are ephemeral.

/brief belongs to handlers/briefings.py. Offline answers travel in the ack itself (Slack waits 3 s);
in LLM mode the ack says "Thinking…" and the answer replaces it through the response_url.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot import messages
from bot.answer import Answer
from bot.conversations import within_rate_limits
from bot.render import render_answer, render_text, render_usage
from bot.services import Services
from handlers.background import later
from handlers.conversation import team_of

log = logging.getLogger(__name__)

RESERVED = ("/ask", "/brief")
HELP_WORDS = ("", "help", "?", "usage")


def register(app: App, services: Services) -> None:
    """Register /ask and one listener per topic command (no code change for a new topic)."""
    app.command("/ask")(_answering(services, topic=None))
    for topic in services.kb.topics:
        if topic.command and topic.command not in RESERVED:
            app.command(topic.command)(_answering(services, topic=topic.id))


def register_unknown(app: App, services: Services) -> None:
    """Any other command this app receives gets usage, not an error; register it after every other command."""

    def unknown_command(ack: Ack, command: dict[str, Any]) -> None:
        log.info("slack.unknown_command command=%s", command.get("command"))
        ack(
            response_type="ephemeral", **render_usage(services.kb, unknown_command=command.get("command", ""))
        )

    app.command(re.compile(r"^/"))(unknown_command)


def _answering(services: Services, *, topic: str | None) -> Callable[..., None]:
    """A listener for /ask (topic None) or a topic command: empty text is usage, or the topic's overview."""

    def answer_command(ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext) -> None:
        # Offline answers take milliseconds, so they travel in the ack itself. An LLM answer may take
        # seconds: the ack shows "Thinking…", which the answer then replaces through the response_url.
        team = team_of(context)
        if services.engine.mode == "offline":
            ack(response_type="ephemeral", **_reply(services, command, team, topic))
            return
        ack(response_type="ephemeral", **render_text(messages.THINKING))

        def answer_later() -> None:
            reply = _reply(services, command, team, topic)
            respond(response_type="ephemeral", replace_original=True, **reply)

        later(services, answer_later, name="command")

    answer_command.__name__ = f"answer_{(topic or 'ask').replace('-', '_')}"
    return answer_command


def _reply(services: Services, command: dict[str, Any], team: str, topic: str | None) -> dict[str, Any]:
    """Usage, a rate-limit notice, the answer, or an apology — rendered."""
    text = command.get("text", "").strip()
    if text.lower() in HELP_WORDS and (topic is None or text):
        return render_usage(services.kb)
    if not within_rate_limits(
        services, team, user=command.get("user_id", ""), channel=command.get("channel_id", "")
    ):
        return render_text(messages.RATE_LIMITED)
    try:
        answer = _answer(services, team, text, topic)
    except Exception:
        log.exception("slack.command_failed command=%s", command.get("command"))
        return render_text(messages.ERROR)
    return render_answer(answer, ephemeral=True, show_question=bool(text), topic=None if text else topic)


def _answer(services: Services, team: str, text: str, topic: str | None) -> Answer:
    if topic and not text:
        return services.engine.topic_answer(topic)
    return services.engine.answer(text, team=team)
