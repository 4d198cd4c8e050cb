"""The local console: type questions or slash commands and see answers as Slack would show them."""

from __future__ import annotations

import sys
from collections.abc import Iterator

from bot.core import Asker, Briefbot, Notice, Settings
from bot.entrypoints.console_render import render_console

PROMPT = "briefbot> "
QUIT = ("quit", "exit", "/quit")
CONSOLE = Asker(team="local", user="console", channel="console")


def run_console(application: Briefbot, settings: Settings, *, conversation: str) -> int:
    """Read lines until EOF or 'quit'; each is a question, `/ask …`, or a topic command like `/why-russia`."""
    kb = application.kb
    print(f"briefbot — {len(kb.topics)} topics from {len(kb.sources)} article(s).")
    where = "embedded Valkey" if settings.redis_url is None else "REDIS_URL"
    print(f"Answers: {application.engine.mode}; Redis: {where} at {application.store_description}.")
    print("Ask a question (follow-ups remember this session); 'help' lists commands; 'quit' to leave.")
    for line in _lines():
        text = line.strip()
        if text in QUIT:
            break
        print(reply(application, text, conversation=conversation) + "\n")
    return 0


def reply(application: Briefbot, text: str, *, conversation: str) -> str:
    """What the console prints for one line of input."""
    command, _, rest = text.partition(" ")
    if command in ("/help", "help", "?") or not text:
        return help_text(application)
    if command == "/ask":
        return render_console(application.ask(rest, CONSOLE, conversation=conversation))
    if command == "/brief":
        briefing = application.brief(CONSOLE, public=False)
        return render_console(briefing if isinstance(briefing, Notice) else briefing.as_answer())
    if command.startswith("/"):
        topic = application.kb.topic_for_command(command)
        if topic is None:
            return f"Unknown command {command}. Type help for the list."
        return render_console(application.topic(topic.id, CONSOLE))
    return render_console(application.ask(text, CONSOLE, conversation=conversation))


def help_text(application: Briefbot) -> str:
    """Everything that can be typed at the prompt."""
    topics = [f"  {t.command:22s} {t.title}" for t in application.kb.topics if t.command]
    return "\n".join(
        [
            "Type a question, or one of:",
            f"  {'/ask <question>':22s} the same as typing the question",
            f"  {'/brief':22s} the next briefing",
            *topics,
            f"  {'help':22s} this list",
            f"  {'quit':22s} leave (or Ctrl-D)",
            'Follow-ups ("and why?") remember this session; Up and Down recall earlier lines.',
        ]
    )


def _lines() -> Iterator[str]:
    if sys.stdin.isatty():
        import readline  # noqa: F401 - importing it gives input() line editing and history

        while True:
            try:
                yield input(PROMPT)
            except EOFError:
                print()
                return
    else:
        yield from sys.stdin
