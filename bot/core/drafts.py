"""What the composer decides, as a value: the kind of reply, its words and the quotes that back it (`Draft`),
and how a draft is cut to fit the answer's length and picks its quotes."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.answer import AnswerKind
from knowledge.base import PointRef, Quote
from knowledge.models import Passage

MAX_QUOTES = 3
MAX_CHARS = 1400  # answer text plus quotes; the product promise is under 1,500


@dataclass(frozen=True)
class Draft:
    """What the composer decided: the kind of reply, its words and the quotes that back it."""

    kind: AnswerKind
    lead: str | None = None
    points: tuple[PointRef, ...] = ()
    quotes: tuple[Quote, ...] = ()
    topic: str | None = None
    heading: str | None = None
    passages: tuple[str, ...] = ()  # ids of the sentences the draft rests on
    notes: tuple[str, ...] = ()  # asides, e.g. the date an answer about "now" is true of
    not_close: bool = False  # declined only because no sentence was close enough (a writer may still try)
    unquoted: bool = False  # …or because whose words are asked is no one the article quotes

    @property
    def grounded(self) -> bool:
        return self.kind in ("answer", "correction")

    @property
    def statements(self) -> list[str]:
        """The claims the draft makes, in the key points' curated words."""
        return [p.point.text for p in self.points]

    @property
    def text(self) -> str:
        """Everything the draft says, as one string (for lengths, ids and the LLM's notes)."""
        return "\n".join(part for part in (self.heading, self.lead, *self.statements) if part)


def fitted(draft: Draft) -> Draft:
    """Drop trailing points and quotes until the answer with its quotes fits MAX_CHARS."""
    while True:
        # Bullets and line breaks add a few characters per point beyond the parts themselves.
        shown = len(draft.text) + 2 * len(draft.points) + sum(len(q.text) for q in draft.quotes)
        if shown <= MAX_CHARS or (len(draft.points) <= 1 and len(draft.quotes) <= 1):
            return draft
        if len(draft.quotes) > len(draft.points) or len(draft.points) <= 1:
            draft = Draft(draft.kind, draft.lead, draft.points, draft.quotes[:-1], draft.topic,
                          draft.heading, draft.passages)  # fmt: skip
        else:
            points = draft.points[:-1]
            keep = {q.passage_id for p in points for q in p.quotes}
            quotes = tuple(q for q in draft.quotes if q.passage_id in keep) or draft.quotes[:1]
            draft = Draft(draft.kind, draft.lead, points, quotes, draft.topic, draft.heading, draft.passages)


def quote_in(passage: Passage, ref: PointRef | None) -> Quote:
    """The point's curated quote from this sentence when it has one, else the whole sentence."""
    if ref is not None:
        for quote in ref.quotes:
            if quote.passage_id == passage.id:
                return quote
    return Quote(passage.source_id, passage.text, passage.start, passage.end, passage.id)


def distinct(quotes: list[Quote]) -> tuple[Quote, ...]:
    picked: list[Quote] = []
    for quote in quotes:
        if all(quote.text not in q.text and q.text not in quote.text for q in picked):
            picked.append(quote)
    return tuple(picked[:MAX_QUOTES])


def pick_quotes(points: list[PointRef]) -> tuple[Quote, ...]:
    """The first quote of each point, then further quotes, at most MAX_QUOTES, no repeats."""
    ordered = [p.quotes[0] for p in points] + [q for p in points for q in p.quotes[1:]]
    return distinct(ordered)
