"""A briefing: one topic's headline, 3–5 key points with their verbatim quotes, and the source line.

Successive briefings for the same place (a channel, or a person) rotate through the topics; the rotation
counter lives in Redis so every clock process and web process agrees on what comes next.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from pydantic import BaseModel, Field

from bot.core.answer import Answer, Citation, SourceInfo
from bot.core.ports import SubscriptionStore
from knowledge.base import KnowledgeBase, PointRef
from knowledge.models import Topic

MIN_POINTS = 3
MAX_POINTS = 5
MAX_HEADER_CHARS = 150  # Slack's limit for a header block


class BriefPoint(BaseModel):
    """A key point of the briefing with the quotes that back it."""

    id: str
    text: str
    quotes: list[Citation]


class Briefing(BaseModel):
    """What a briefing says: a topic's headline, summary and key points with their quotes, and the source."""

    topic: str
    headline: str
    summary: str
    points: list[BriefPoint] = Field(min_length=1, max_length=MAX_POINTS)
    source: SourceInfo
    kb_version: str

    def as_answer(self) -> Answer:
        """The briefing as an Answer (console, --json): same words, same citations."""
        digest = hashlib.sha1(f"{self.kb_version}|briefing|{self.topic}".encode()).hexdigest()[:16]
        return Answer(
            id=digest,
            question="",
            heading=self.headline,
            lead=self.summary,
            points=[p.text for p in self.points],
            grounded=True,
            kind="answer",
            citations=[q for p in self.points for q in p.quotes],
            sources=[self.source],
            topic=self.topic,
            key_points=[p.id for p in self.points],
            kb_version=self.kb_version,
        )


def next_briefing(
    kb: KnowledgeBase, rotation: SubscriptionStore, team: str, place: str, *, today: dt.date
) -> Briefing:
    """The next briefing for a place (a channel id, or 'user:<id>'), advancing its rotation in Redis.

    With Redis down the counter is unknown, so the day picks the topic: still not the same post every day.
    """
    topics = briefing_topics(kb)
    count = rotation.next_in_rotation(team, place)
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
        kb_version=kb.version,
    )


def _point(ref: PointRef) -> BriefPoint:
    return BriefPoint(id=ref.id, text=ref.point.text, quotes=[Citation.of(q) for q in ref.quotes])
