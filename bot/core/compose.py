"""The offline composer: decide from retrieval whether the base answers a question, and word the answer.

It only ever says what curated key points say (or quotes a passage), so it cannot invent; the judgement is
whether the retrieved points cover the question — its words, and any names it asks about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core import wording
from bot.core.answer import AnswerKind
from bot.core.intent import Intent, read_intent
from knowledge.base import KnowledgeBase, PointRef, Quote
from knowledge.models import Topic
from knowledge.retrieval import PointHit, Retrieval, Retriever

# Share of the question's (idf-weighted) words a key point and its topic must contain to answer it.
COVERAGE_MIN = 0.55
# Share of the specific names in a question (India, FATF, Qureshi…) a key point must mention.
ENTITY_MIN = 0.5
# Other points join the best one when they score at least this share of it.
RELATED_SHARE = 0.6
# A question this close to one of a topic's sample questions gets the topic's overview.
BROAD_MATCH = 0.5
# Below this idf weight of its own words ("and Pakistan?"), a follow-up is about the thread, not new words.
FOLLOW_UP_OWN_WEIGHT = 1.0
# A "why" question prefers points that state a reason.
WHY_BOOST = 1.5
_STATES_REASON = re.compile(
    r"\b(because|since|reason|in order to|to counter|so that|due to|the (main )?idea was|contributed|"
    r"linked to|led to|as a result)\b",
    re.I,
)
MAX_POINTS = 3
MAX_QUOTES = 3
MAX_CHARS = 1400  # answer text plus quotes; the product promise is under 1,500
_STATES_QUANTITY = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million|"
    r"billion|half|several|decades)\b",
    re.I,
)


@dataclass(frozen=True)
class Draft:
    """What the composer decided: the kind of reply, its text and the quotes that back it."""

    kind: AnswerKind
    lead: str | None = None
    points: tuple[PointRef, ...] = ()
    quotes: tuple[Quote, ...] = ()
    topic: str | None = None
    heading: str | None = None

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


class Composer:
    """Turns a Retrieval into a Draft using only the knowledge base's own words."""

    def __init__(self, kb: KnowledgeBase, retriever: Retriever) -> None:
        self.kb = kb
        self._tokenizer = retriever.tokenizer
        self._speakers_of = {
            ref.id: frozenset(t for name in ref.point.speakers for t in self._tokenizer.terms(name))
            for ref in kb.points
        }
        self._samples = {
            t.id: [frozenset(self._tokenizer.terms(q)) for q in (t.title, *t.questions)] for t in kb.topics
        }

    def compose(
        self,
        question: str,
        retrieval: Retrieval,
        *,
        intent: Intent | None = None,
        seen_points: frozenset[str] = frozenset(),
    ) -> Draft:
        """Answer from the best-covering key points, correct a false premise, or decline.

        `seen_points` were already given in this thread: a follow-up that asks for more prefers points not
        yet given, and says so when there are none.
        """
        intent = intent or read_intent(question)
        if retrieval.unknown_names:
            return self.decline()
        if intent.summary and retrieval.own_weight < FOLLOW_UP_OWN_WEIGHT:
            return self.overview(self.kb.topics[0])
        if not (retrieval.terms or retrieval.context_terms):
            return self.decline()
        candidates = [h for h in retrieval.points if _covers(h)]
        if intent.quantity:  # an amount is answered only by evidence that states one
            candidates = [h for h in candidates if any(_STATES_QUANTITY.search(q.text) for q in h.ref.quotes)]
        speakers = self._speakers(intent, retrieval)
        if speakers:  # "what did X say" needs X among a point's curated speakers: Russia says nothing here
            candidates = [h for h in candidates if speakers <= self._speakers_of[h.ref.id]]
        if not candidates:
            # A bare passage has no curated speaker, so it cannot tell what someone said.
            return (None if speakers else self._from_passage(retrieval)) or self.decline()
        correction = self._correction(question, candidates)
        if correction:
            return self._draft("correction", [correction], lead=wording.CORRECTION_LEAD)
        best = candidates[0]
        topic = best.ref.topic
        if self._is_broad(retrieval, topic):
            return self.overview(topic)
        if intent.why:
            candidates.sort(key=lambda h: -h.rank * (WHY_BOOST if _gives_reason(h.ref) else 1.0))
        told = {q.text for p in seen_points if (seen := self.kb.point(p)) for q in seen.quotes}
        fresh = [h for h in candidates if not _already_told(h.ref, seen_points, told)]
        # Asked for more, but nothing new fits as well as what was said: the thread has it all already.
        nothing_more = intent.more and (not fresh or fresh[0].rank < RELATED_SHARE * candidates[0].rank)
        # "What else?" and a bare "why (did it do that)?" move on to what the thread has not been told yet;
        # other follow-ups ("what exactly did he say?") are answered on their words and the thread's.
        moves_on = intent.more or (intent.why and retrieval.own_weight < FOLLOW_UP_OWN_WEIGHT)
        ordered = fresh if moves_on and fresh and not nothing_more else candidates
        best = ordered[0]
        related = [
            h.ref
            for h in ordered[1:]
            if h.ref.topic.id == best.ref.topic.id and h.rank >= RELATED_SHARE * best.rank
        ]
        lead = wording.NOTHING_MORE if nothing_more else None
        return self._draft("answer", [best.ref, *related][:MAX_POINTS], lead=lead)

    def overview(self, topic: Topic) -> Draft:
        """A topic's summary with its first key points and their quotes (slash commands, broad questions)."""
        points = list(self.kb.points_of(topic.id))[:MAX_POINTS]
        return self._draft("answer", points, lead=topic.summary)

    def decline(self) -> Draft:
        covered = "; ".join(t.title for t in self.kb.topics if t.command)
        return Draft("declined", f"{wording.NOT_COVERED} {wording.NOT_COVERED_HINT.format(topics=covered)}")

    def _draft(self, kind: AnswerKind, points: list[PointRef], *, lead: str | None = None) -> Draft:
        while True:
            quotes = _pick_quotes(points)
            draft = Draft(
                kind, lead, tuple(points), quotes, points[0].topic.id, heading=points[0].topic.title
            )
            # Bullets and line breaks add a few characters per point beyond the parts themselves.
            shown = len(draft.text) + 2 * len(points) + sum(len(q.text) for q in quotes)
            if shown <= MAX_CHARS or len(points) == 1:
                return draft
            points = points[:-1]

    def _from_passage(self, retrieval: Retrieval) -> Draft | None:
        hit = next((h for h in retrieval.passages if h.coverage >= COVERAGE_MIN), None)
        if hit is None or (retrieval.entities and not _mentions_entities(hit.passage.text, retrieval, self)):
            return None
        p = hit.passage
        quote = Quote(p.source_id, p.text, p.start, p.end, p.id)
        return Draft("answer", wording.PASSAGE_LEAD, (), (quote,), None)

    def _correction(self, question: str, candidates: list[PointHit]) -> PointRef | None:
        asked = " " + " ".join(self._tokenizer.terms(question, keep_stopwords=True)) + " "
        for hit in candidates[:5]:
            for premise in hit.ref.point.corrects:
                if f" {' '.join(self._tokenizer.terms(premise, keep_stopwords=True))} " in asked:
                    return hit.ref
        return None

    def _speakers(self, intent: Intent, retrieval: Retrieval) -> frozenset[str]:
        """The named entities a "what did X say/think…" question asks about, if it is one."""
        if intent.speaker is None:
            return frozenset()
        return frozenset(self._tokenizer.terms(intent.speaker)) & frozenset(retrieval.entities)

    def _is_broad(self, retrieval: Retrieval, topic: Topic) -> bool:
        asked = frozenset(retrieval.terms)
        return any(len(asked & s) / len(asked | s) >= BROAD_MATCH for s in self._samples[topic.id] if s)


def _covers(hit: PointHit) -> bool:
    return hit.coverage >= COVERAGE_MIN and hit.entity_coverage >= ENTITY_MIN


def _already_told(ref: PointRef, seen_points: frozenset[str], told: set[str]) -> bool:
    """A point was given in the thread, or every quote of it was (another topic's point, same words)."""
    return ref.id in seen_points or (bool(told) and all(q.text in told for q in ref.quotes))


def _gives_reason(ref: PointRef) -> bool:
    return any(_STATES_REASON.search(q.text) for q in ref.quotes) or bool(
        _STATES_REASON.search(ref.point.text)
    )


def _mentions_entities(text: str, retrieval: Retrieval, composer: Composer) -> bool:
    terms = set(composer._tokenizer.terms(text))
    return sum(e in terms for e in retrieval.entities) / len(retrieval.entities) >= ENTITY_MIN


def _pick_quotes(points: list[PointRef]) -> tuple[Quote, ...]:
    """The first quote of each point, then further quotes, at most MAX_QUOTES, no repeats."""
    ordered = [p.quotes[0] for p in points] + [q for p in points for q in p.quotes[1:]]
    picked: list[Quote] = []
    for quote in ordered:
        if all(quote.text not in q.text and q.text not in quote.text for q in picked):
            picked.append(quote)
    return tuple(picked[:MAX_QUOTES])
