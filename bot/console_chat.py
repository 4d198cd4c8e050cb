"""The local console: type questions or slash commands and see answers as Slack would show them."""

from __future__ import annotations

import datetime as dt
import sys

from bot.answer import Answer
from bot.console import render_console
from bot.services import Services

PROMPT = "briefbot> "


def run_console(services: Services, *, conversation: str) -> int:
    """Read lines until EOF or 'quit'; each is a question, `/ask …`, or a topic command like `/why-russia`."""
    kb = services.kb
    commands = ", ".join(t.command for t in kb.topics if t.command)
    print(
        f"briefbot — {len(kb.topics)} topics from {len(kb.sources)} article(s). "
        f"Commands: /ask, /brief, {commands}, /help."
    )
    where = "embedded Valkey" if services.settings.redis_url is None else "REDIS_URL"
    print(f"Answers: {services.engine.mode}; Redis: {where} at {services.store.description}.")
    print("Ask a question (follow-ups remember this session); 'quit' to leave.")
    for line in _lines():
        text = line.strip()
        if text in ("quit", "exit", "/quit"):
            break
        print(reply(services, text, conversation=conversation) + "\n")
    return 0


def reply(services: Services, text: str, *, conversation: str) -> str:
    """What the console prints for one line of input."""
    engine = services.engine
    command, _, rest = text.partition(" ")
    if command == "/help" or not text:
        topics = "\n".join(f"  {t.command:20s} {t.title}" for t in services.kb.topics if t.command)
        return f"Commands:\n  /ask <question>\n  /brief               the next briefing\n{topics}"
    if command == "/ask":
        return render_console(engine.answer(rest, conversation=conversation))
    if command == "/brief":
        return render_console(_briefing(services))
    if command.startswith("/"):
        topic = services.kb.topic_for_command(command)
        if topic is None:
            return f"Unknown command {command}. Try /help."
        return render_console(engine.topic_answer(topic.id))
    return render_console(engine.answer(text, conversation=conversation))


def _briefing(services: Services) -> Answer:
    """The next briefing in the console's own rotation, as an Answer to render."""
    from bot.briefing import next_briefing

    today = dt.datetime.now(dt.UTC).date()
    return next_briefing(services.kb, services.store, "local", "console", today=today).as_answer()


def _lines():  # type: ignore[no-untyped-def]
    while True:
        try:
            if sys.stdin.isatty():
                yield input(PROMPT)
            else:
                line = sys.stdin.readline()
                if not line:
                    return
                yield line
        except EOFError:
            return
