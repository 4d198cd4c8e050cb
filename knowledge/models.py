"""Typed shapes of the knowledge base: sources, their passages, curated topics and key points."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SourceMeta(_Frozen):
    """Bibliographic facts about one article, from its file's front matter."""

    id: str
    title: str
    author: str
    outlet: str
    published: dt.date
    url: str | None = None

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _SLUG.match(value):
            raise ValueError(f"source id {value!r} must be a lowercase slug")
        return value

    def label(self) -> str:
        """One line naming the source: title, outlet and date."""
        return f"{self.title} — {self.author}, {self.outlet}, {self.published:%d %b %Y}"


class Passage(_Frozen):
    """One sentence-sized span of a source's cleaned text, with a stable id and character offsets."""

    id: str
    source_id: str
    paragraph: int
    text: str
    start: int
    end: int
    body: bool = Field(description="False for the headline, standfirst and byline")


class Source(_Frozen):
    """An article after furniture is stripped: its metadata, cleaned text and passages."""

    meta: SourceMeta
    text: str
    passages: tuple[Passage, ...]

    @property
    def id(self) -> str:
        return self.meta.id


class Evidence(_Frozen):
    """A verbatim quote from a source backing a key point."""

    quote: str = Field(min_length=8)
    source: str | None = Field(default=None, description="source id; defaults to the topic's source")


class KeyPoint(_Frozen):
    """One claim the bot may make, in curated words, backed by one or more verbatim quotes."""

    id: str
    text: str = Field(min_length=10, max_length=400)
    evidence: tuple[Evidence, ...] = Field(min_length=1)
    keywords: tuple[str, ...] = ()
    speakers: tuple[str, ...] = Field(
        default=(),
        description="who holds the view or says it (e.g. 'Pakistan'): answers 'what did X say/think'",
    )
    corrects: tuple[str, ...] = Field(
        default=(),
        description="false premises this point refutes (e.g. 'cancel'); such a question gets a correction",
    )
    questions: tuple[str, ...] = Field(
        default=(),
        description="questions people ask that this point answers, in their words (retrieval only)",
    )


class Topic(_Frozen):
    """A curated theme of the knowledge base with its summary and key points."""

    id: str
    title: str
    command: str | None = None
    summary: str = Field(min_length=10, max_length=600)
    source: str
    keywords: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    key_points: tuple[KeyPoint, ...] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _SLUG.match(value):
            raise ValueError(f"topic id {value!r} must be a lowercase slug")
        return value

    @field_validator("command")
    @classmethod
    def _command(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^/[a-z0-9][a-z0-9_-]{0,30}$", value):
            raise ValueError(f"command {value!r} must look like /some-name")
        return value


class TopicFile(_Frozen):
    """The shape of one file in data/topics/."""

    topics: tuple[Topic, ...] = Field(min_length=1)


class Vocabulary(_Frozen):
    """Words that mean the same thing to retrieval (e.g. 'american' → 'us'), from data/vocabulary.yml."""

    aliases: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    stopwords: tuple[str, ...] = ()
