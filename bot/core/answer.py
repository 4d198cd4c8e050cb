"""The values the core hands every surface: an Answer with its parts and quotes, and a short Notice.

An Answer is structure, never markup: a heading, a lead, the points it makes and the verbatim quotes that back
them. Each surface (Slack blocks, the console, `--json`) has its own renderer; `answer` is the plain-text form
for readers of the JSON.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal
from urllib.parse import quote as percent_encoded
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, computed_field

from knowledge.base import Quote
from knowledge.models import SourceMeta

AnswerKind = Literal["answer", "correction", "declined", "refused", "help"]
AnswerMode = Literal["offline", "llm"]
NoticeKind = Literal["rate_limited", "error", "store_down", "duplicate"]
FRAGMENT_EDGE_WORDS = 5  # words naming each end of a long quote in a text-fragment link
SUMMARY_CHARS = 300  # of an answer, as thread memory keeps it for the follow-ups


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
    """What a reader needs to find the source: title, author, outlet, date, and its address if known."""

    id: str
    title: str
    author: str
    outlet: str
    published: dt.date
    url: str | None = None

    @classmethod
    def of(cls, meta: SourceMeta) -> SourceInfo:
        return cls(id=meta.id, title=meta.title, author=meta.author, outlet=meta.outlet,
                   published=meta.published, url=meta.url)  # fmt: skip

    def link_to(self, quote: str) -> str | None:
        """The source's address opened at a quote, highlighted (a text fragment, `#:~:text=`), when the source
        has an address. A long quote is named by its first and last words, so a small difference in between
        (a dash, a quote mark) still finds it."""
        if not self.url or urlsplit(self.url).scheme not in ("http", "https"):
            return None
        words = quote.split()
        if not words:
            return self.url
        if len(words) > 2 * FRAGMENT_EDGE_WORDS + 2:
            start, end = words[:FRAGMENT_EDGE_WORDS], words[-FRAGMENT_EDGE_WORDS:]
            directive = f"{_fragment_term(start)},{_fragment_term(end)}"
        else:
            directive = _fragment_term(words)
        return f"{self.url.split('#', 1)[0]}#:~:text={directive}"


class Usage(BaseModel):
    """Tokens an LLM answer used and what they cost (estimated)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0


class Turn(BaseModel):
    """One earlier exchange of a thread, as thread memory keeps it."""

    question: str
    resolved: str = ""  # what a follow-up stood for ("and china?" → "what does china think of it?")
    summary: str = ""
    topic: str | None = None
    key_points: list[str] = Field(default_factory=list)
    passages: list[str] = Field(default_factory=list, description="ids of the passages the answer quoted")


class Answer(BaseModel):
    """A grounded answer (or an honest decline) in parts, with the quotes that back it. Frozen: one cached
    answer is shared by every request that reads it (changes are copies, `model_copy(update=…)`)."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="stable id of this answer, for feedback")
    question: str = Field(description="the question as understood, mentions removed")
    grounded: bool
    kind: AnswerKind
    heading: str | None = Field(default=None, description="what the answer is about, e.g. a topic title")
    lead: str | None = Field(default=None, description="the first sentence(s), before any points")
    points: list[str] = Field(default_factory=list, description="the claims, each a plain sentence")
    notes: list[str] = Field(default_factory=list, description="asides about how the question was read")
    citations: list[Citation] = Field(default_factory=list)
    sources: list[SourceInfo] = Field(default_factory=list)
    topic: str | None = None
    key_points: list[str] = Field(default_factory=list, description="ids of the key points used")
    passages: list[str] = Field(default_factory=list, description="ids of the sentences the answer rests on")
    kb_version: str
    cached: bool = False
    mode: AnswerMode = "offline"
    model: str | None = None
    fallback_reason: str | None = None
    usage: Usage | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def answer(self) -> str:
        """The whole answer as plain text: heading, lead, points as bullets, notes."""
        lines = [part for part in (self.heading, self.lead) if part]
        bullet = len(self.points) > 1 or bool(self.lead)
        lines += [f"• {p}" if bullet else p for p in self.points]
        lines += self.notes
        return "\n".join(lines)

    def as_turn(self) -> Turn:
        """What thread memory keeps of this answer."""
        return Turn(
            question=self.question,
            summary=_clipped(" ".join(part for part in (self.lead, *self.points) if part), SUMMARY_CHARS),
            topic=self.topic,
            key_points=self.key_points,
            passages=self.passages or [c.passage_id for c in self.citations],
        )


class Notice(BaseModel):
    """A short message that is not an answer: too many questions, or something went wrong."""

    kind: NoticeKind
    text: str


def _clipped(text: str, limit: int) -> str:
    """At most `limit` characters of a text, cut between words: a word cut short ("…on a par with NAT") would
    read as a name the article never mentions."""
    if len(text) <= limit:
        return text
    return text[: limit + 1].rsplit(maxsplit=1)[0]


def _fragment_term(words: list[str]) -> str:
    """Words as one text-fragment term: percent-encoded, with `-` (and `,` and `&`) encoded too, as the Text
    Fragments spec requires of the characters it uses as syntax."""
    return percent_encoded(" ".join(words), safe="").replace("-", "%2D")
