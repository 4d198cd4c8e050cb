"""A briefing: one topic's headline, 3–5 key points with their verbatim quotes, and the source line.

Successive briefings for the same place (a channel, or a person) rotate through the topics; the rotation
counter lives in Redis so every clock process and web process agrees on what comes next.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from pydantic import BaseModel, Field

from bot import messages
from bot.answer import Answer, Citation, SourceInfo
from bot.render import MAX_SECTION_CHARS, MAX_TEXT_CHARS, clip, escape, section
from bot.store import Store
from knowledge.base import KnowledgeBase, PointRef
from knowledge.models import Topic

MIN_POINTS = 3
MAX_POINTS = 5
MAX_HEADER_CHARS = 150  # Slack's limit for a header block
ROTATION = "rotation"

Block = dict[str, Any]


class BriefPoint(BaseModel):
    """A key point of the briefing with the quotes that back it."""

    id: str
    text: str
    quotes: list[Citation]


class Briefing(BaseModel):
    """What a briefing says; `blocks()`/`text()` for Slack, `as_answer()` for every other surface."""

    topic: str
    headline: str
    summary: str
    points: list[BriefPoint] = Field(min_length=1, max_length=MAX_POINTS)
    source: SourceInfo
    source_url: str | None = None
    kb_version: str

    def blocks(self) -> list[Block]:
        """Header, summary, one section per key point with its quotes, and the source line."""
        header = messages.BRIEF_HEADER.format(title=self.headline)
        blocks: list[Block] = [
            {"type": "header", "text": {"type": "plain_text", "text": clip(header, MAX_HEADER_CHARS)}},
            _section(escape(self.summary)),
        ]
        for point in self.points:
            quotes = "\n".join(f"> _“{escape(q.quote)}”_" for q in point.quotes)
            blocks.append(_section(f"• *{escape(point.text)}*\n{quotes}"))
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": self._source_line()}]})
        return blocks

    def text(self) -> str:
        """The plain fallback text Slack shows in notifications and where blocks can't render."""
        lines = [messages.BRIEF_HEADER.format(title=self.headline), self.summary]
        lines += [f"• {p.text}" for p in self.points]
        return clip(escape("\n".join(lines)), MAX_TEXT_CHARS)

    def as_answer(self) -> Answer:
        """The briefing as an Answer (console, --json): same words, same citations."""
        body = "\n".join(f"• {p.text}" for p in self.points)
        text = f"*{self.headline}*\n{self.summary}\n{body}"
        digest = hashlib.sha1(f"{self.kb_version}|briefing|{self.topic}".encode()).hexdigest()[:16]
        return Answer(
            id=digest,
            question="",
            answer=text,
            grounded=True,
            kind="answer",
            citations=[q for p in self.points for q in p.quotes],
            sources=[self.source],
            topic=self.topic,
            key_points=[p.id for p in self.points],
            kb_version=self.kb_version,
        )

    def _source_line(self) -> str:
        s = self.source
        title = f"<{self.source_url}|{escape(s.title)}>" if self.source_url else f"_{escape(s.title)}_"
        published = f"{s.published:%d %b %Y}"
        return messages.BRIEF_SOURCE.format(
            title=title, author=escape(s.author), outlet=escape(s.outlet), published=published
        )


def next_briefing(kb: KnowledgeBase, store: Store, team: str, place: str, *, today: dt.date) -> Briefing:
    """The next briefing for a place (a channel id, or 'user:<id>'), advancing its rotation in Redis.

    With Redis down the counter is unknown, so the day picks the topic: still not the same post every day.
    """
    topics = briefing_topics(kb)
    count = store.increment(team, ROTATION, place)
    index = count - 1 if count > 0 else today.toordinal()
    return build_briefing(kb, topics[index % len(topics)])


def briefing_topics(kb: KnowledgeBase) -> list[Topic]:
    """Topics a briefing can be about: those with a slash command and at least three key points."""
    topics = [t for t in kb.topics if t.command and len(kb.points_of(t.id)) >= MIN_POINTS]
    return topics or list(kb.topics)


def build_briefing(kb: KnowledgeBase, topic: Topic) -> Briefing:
    """A briefing on one topic: its title and summary, its first key points and their quotes."""
    refs = kb.points_of(topic.id)[:MAX_POINTS]
    source = kb.sources[topic.source].meta
    return Briefing(
        topic=topic.id,
        headline=topic.title,
        summary=topic.summary,
        points=[_point(ref) for ref in refs],
        source=SourceInfo.of(source),
        source_url=source.url,
        kb_version=kb.version,
    )


def _point(ref: PointRef) -> BriefPoint:
    return BriefPoint(id=ref.id, text=ref.point.text, quotes=[Citation.of(q) for q in ref.quotes])


def _section(text: str) -> Block:
    return section(clip(text, MAX_SECTION_CHARS))
