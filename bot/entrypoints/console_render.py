"""The console's renderer: an Answer (or a Notice) as plain text for the terminal, with its quotes."""

from __future__ import annotations

from bot.core import Answer, Notice


def render_console(answer: Answer | Notice) -> str:
    """The answer as a person reads it in a terminal: the answer, then its quotes with their source."""
    if isinstance(answer, Notice):
        return answer.text
    lines = [answer.answer]
    if answer.citations:
        lines += ["", "Sources:"]
        lines += [f"  > “{citation.quote}”" for citation in answer.citations]
        for source in answer.sources:
            where = f" ({source.url})" if source.url else ""
            lines.append(
                f"  — {source.title}, {source.author}, {source.outlet}, {source.published:%d %b %Y}{where}"
            )
    elif answer.kind == "declined":
        lines.append("(not covered by the knowledge base)")
    if answer.cached:
        lines.append("(cached)")
    return "\n".join(lines)
