"""Block Kit for Slack: an Answer with its quoted sources and buttons, the usage text, and the App Home view.

Everything shown is escaped as Slack mrkdwn, so nothing a user typed (or a model wrote) can become a mention
or a broadcast, and every message stays inside Slack's limits.
"""

from __future__ import annotations

import html
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from bot import messages
from bot.answer import Answer, SourceInfo
from knowledge.base import KnowledgeBase

Block = dict[str, Any]

MAX_BLOCKS = 50
MAX_SECTION_CHARS = 3000
MAX_TEXT_CHARS = 3900  # Slack truncates `text` past 4000 characters
MAX_VALUE_CHARS = 2000  # a button's value
MAX_QUOTES = 3
FEEDBACK_UP = "feedback_up"
FEEDBACK_DOWN = "feedback_down"
SHARE = "share_answer"


class ActionValue(BaseModel):
    """What a button carries back: the answer id, the question and, for topic commands, the topic."""

    id: str
    q: str = ""
    t: str | None = None

    def encode(self) -> str:
        """Compact JSON within Slack's 2,000-character value limit (question escaped and, if needed, cut)."""
        value = self.model_copy(update={"q": escape(self.q)})
        while True:
            raw = value.model_dump_json(exclude_none=True)
            if len(raw) <= MAX_VALUE_CHARS:
                return raw
            value = value.model_copy(update={"q": value.q[: len(value.q) * 3 // 4]})

    @classmethod
    def decode(cls, raw: str) -> ActionValue | None:
        try:
            value = cls.model_validate_json(raw)
        except (ValidationError, ValueError):
            return None
        return value.model_copy(update={"q": html.unescape(value.q)})


def render_answer(
    answer: Answer,
    *,
    ephemeral: bool = False,
    show_question: bool = False,
    shared_by: str | None = None,
    topic: str | None = None,
) -> dict[str, Any]:
    """`text` and `blocks` for chat.postMessage / respond: answer, quotes, sources, feedback (and share).

    `topic` marks a topic command's overview, so sharing re-makes it from the topic rather than a question.
    """
    blocks: list[Block] = []
    if shared_by:
        blocks.append(_context(messages.SHARED_BY.format(user=_user_id(shared_by))))
    if show_question and answer.question:
        blocks.append(_context(messages.YOU_ASKED.format(question=escape(answer.question))))
    blocks.extend(_sections(escape(answer.answer)))
    if answer.citations:
        quotes = "\n".join(f"> “{escape(c.quote)}”" for c in answer.citations[:MAX_QUOTES])
        blocks.extend(_sections(f"{messages.SOURCES_HEADING}\n{quotes}"))
        blocks.extend(_context(_source_line(s)) for s in answer.sources)
    elif answer.kind == "declined":
        blocks.append(_context(messages.NOT_COVERED_CONTEXT))
    if answer.kind != "help":
        blocks.append(_buttons(answer, share=ephemeral and answer.grounded, topic=topic))
    return {"text": plain_text(answer.answer), "blocks": _fit(blocks)}


def render_text(text: str) -> dict[str, Any]:
    """A short message of our own (errors, thanks, rate limits) as `text` plus one section."""
    return {"text": plain_text(text), "blocks": _sections(escape(text))[:MAX_BLOCKS]}


def render_usage(kb: KnowledgeBase, *, unknown_command: str | None = None) -> dict[str, Any]:
    """Usage and the list of topic commands, for empty `/ask`, `help`, and unknown commands."""
    text = messages.USAGE.format(title=escape(_title(kb)), commands=_command_lines(kb))
    if unknown_command:
        text = messages.UNKNOWN_COMMAND.format(command=escape(unknown_command)) + "\n" + text
    return {"text": plain_text(text), "blocks": _sections(text)}


def render_home(kb: KnowledgeBase) -> dict[str, Any]:
    """The App Home tab: what the bot knows, the source article, how to ask."""
    blocks: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": messages.HOME_TITLE, "emoji": True}},
        section(messages.HOME_INTRO),
        {"type": "divider"},
        section(f"{messages.HOME_TOPICS}\n" + _command_lines(kb, with_summary=True)),
        {"type": "divider"},
        section(f"{messages.HOME_SOURCES}\n" + "\n".join(_source_entry(s) for s in kb.sources.values())),
        {"type": "divider"},
        section(messages.HOME_HOW_TO_ASK),
        _context(messages.HOME_VERSION.format(version=kb.version)),
    ]
    return {"type": "home", "blocks": _fit(blocks, limit=100)}


def escape(text: str) -> str:
    """Slack mrkdwn escaping: `&`, `<` and `>`, so no text can become a mention, broadcast or link."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain_text(text: str) -> str:
    """The notification / fallback text: escaped, unbolded, and short enough for Slack."""
    return clip(re.sub(r"\*([^*\n]+)\*", r"\1", escape(text)), MAX_TEXT_CHARS)


def clip(text: str, limit: int) -> str:
    """Text cut to `limit` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _sections(text: str) -> list[Block]:
    """One or more sections, split on line breaks so each stays under Slack's 3,000 characters."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > MAX_SECTION_CHARS:
            head, line = line[:MAX_SECTION_CHARS], line[MAX_SECTION_CHARS:]
            if current:
                chunks.append(current)
            chunks.append(head)
            current = ""
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > MAX_SECTION_CHARS:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        chunks.append(current)
    return [section(chunk) for chunk in chunks if chunk.strip()]


def section(text: str) -> Block:
    """A mrkdwn section block (the caller keeps text under MAX_SECTION_CHARS)."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text[:MAX_SECTION_CHARS]}]}


def _buttons(answer: Answer, *, share: bool, topic: str | None) -> Block:
    value = ActionValue(id=answer.id, q=answer.question, t=topic).encode()
    elements: list[Block] = [
        _button("👍", FEEDBACK_UP, value),
        _button("👎", FEEDBACK_DOWN, value),
    ]
    if share:
        elements.append(_button(messages.SHARE_BUTTON, SHARE, value, style="primary"))
    return {"type": "actions", "block_id": f"answer:{answer.id}", "elements": elements}


def _button(label: str, action_id: str, value: str, style: str | None = None) -> Block:
    button: Block = {
        "type": "button",
        "action_id": action_id,
        "text": {"type": "plain_text", "text": label, "emoji": True},
        "value": value,
    }
    if style:
        button["style"] = style
    return button


def _fit(blocks: list[Block], limit: int = MAX_BLOCKS) -> list[Block]:
    """Keep within Slack's block limit, always keeping the last block (the buttons)."""
    if len(blocks) <= limit:
        return blocks
    return [*blocks[: limit - 1], blocks[-1]]


def _source_line(source: SourceInfo) -> str:
    published = f"{source.published:%d %b %Y}"
    return f"_{escape(source.title)}_ — {escape(source.author)}, {escape(source.outlet)}, {published}"


def _source_entry(source: Any) -> str:
    meta = source.meta
    title = f"<{meta.url}|{escape(meta.title)}>" if meta.url else f"_{escape(meta.title)}_"
    return f"{title} — {escape(meta.author)}, {escape(meta.outlet)}, {meta.published:%d %b %Y}"


def _command_lines(kb: KnowledgeBase, *, with_summary: bool = False) -> str:
    lines = []
    for topic in kb.topics:
        if not topic.command:
            continue
        line = f"• `{topic.command}` — {escape(topic.title)}"
        if with_summary:
            line += f"\n     {escape(topic.summary)}"
        lines.append(line)
    return "\n".join(lines)


def _title(kb: KnowledgeBase) -> str:
    source = next(iter(kb.sources.values()))
    return f"“{source.meta.title}”, {source.meta.outlet}, {source.meta.published:%d %b %Y}"


def _user_id(user: str) -> str:
    """A Slack user id only (so a crafted value can't smuggle markup into the attribution)."""
    return user if re.fullmatch(r"[UW][A-Z0-9]{1,31}", user) else "someone"
