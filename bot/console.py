"""Rendering an Answer as plain text for the terminal: the answer, then its quotes with their source."""

from __future__ import annotations

import re

from bot.answer import Answer


def render_console(answer: Answer) -> str:
    """The answer as a person reads it in a terminal."""
    text = re.sub(r"\*([^*\n]+)\*", r"\1", answer.answer)  # Slack bold → plain
    lines = [text]
    if answer.citations:
        lines.append("")
        lines.append("Sources:")
        sources = {s.id: s for s in answer.sources}
        for citation in answer.citations:
            lines.append(f"  > “{citation.quote}”")
        for source in sources.values():
            lines.append(f"  — {source.title}, {source.author}, {source.outlet}, {source.published:%d %b %Y}")
    elif not answer.grounded and answer.kind == "declined":
        lines.append("(not covered by the knowledge base)")
    if answer.cached:
        lines.append("(cached)")
    return "\n".join(lines)
