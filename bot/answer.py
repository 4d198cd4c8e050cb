"""The Answer model: what the engine returns and every surface (Slack, console, --json) renders."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from knowledge.base import Quote
from knowledge.models import SourceMeta

AnswerKind = Literal["answer", "correction", "declined", "refused", "help"]
AnswerMode = Literal["offline", "llm"]


class Citation(BaseModel):
    """A verbatim quote from a source, located by character offsets into its cleaned text."""

    source_id: str
    quote: str
    start: int
    end: int
    passage_id: str

    @classmethod
    def of(cls, quote: Quote) -> Citation:
        """The citation of a quote the knowledge base located."""
        return cls(source_id=quote.source_id, quote=quote.text, start=quote.start, end=quote.end,
                   passage_id=quote.passage_id)  # fmt: skip


class SourceInfo(BaseModel):
    """What a reader needs to find the source: title, author, outlet, date."""

    id: str
    title: str
    author: str
    outlet: str
    published: dt.date

    @classmethod
    def of(cls, meta: SourceMeta) -> SourceInfo:
        return cls(
            id=meta.id, title=meta.title, author=meta.author, outlet=meta.outlet, published=meta.published
        )


class Usage(BaseModel):
    """Tokens an LLM answer used and what they cost (estimated)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0


class Turn(BaseModel):
    """One earlier exchange of a thread, as thread memory keeps it."""

    question: str
    summary: str = ""
    topic: str | None = None
    key_points: list[str] = Field(default_factory=list)


class Answer(BaseModel):
    """A grounded answer (or an honest decline) with the quotes that back it."""

    id: str = Field(description="stable id of this answer, for feedback")
    question: str = Field(description="the question as understood, mentions removed")
    answer: str = Field(description="Slack mrkdwn")
    grounded: bool
    kind: AnswerKind
    citations: list[Citation] = Field(default_factory=list)
    sources: list[SourceInfo] = Field(default_factory=list)
    topic: str | None = None
    key_points: list[str] = Field(default_factory=list, description="ids of the key points used")
    kb_version: str
    cached: bool = False
    mode: AnswerMode = "offline"
    model: str | None = None
    fallback_reason: str | None = None
    usage: Usage | None = None

    def as_turn(self) -> Turn:
        """What thread memory keeps of this answer."""
        return Turn(
            question=self.question, summary=self.answer[:300], topic=self.topic, key_points=self.key_points
        )
