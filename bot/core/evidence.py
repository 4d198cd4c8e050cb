"""The article's sentences ranked as evidence for a question: each sentence with the key points that quote it.

A sentence is as close to a question as its own words or the curated key points written from it (a point is a
reader's paraphrase, so it often matches how people ask). Its score mixes closeness in meaning (cosine) with
its share of the best lexical match (bm25): the embedding finds paraphrases and survives typos, the words are
exact about names. A "why" question prefers sentences that give a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from knowledge.models import Passage
from knowledge.retrieval import PassageHit, PointHit, Retrieval

# Weight of the lexical match beside the cosine. Calibrated with bench/calibrate.py on
# tests/data/calibration.json and questions.json: the best sentence stated a fact of 159 of 192 answerable
# questions with reciprocal rank fusion, 138 with the cosine alone, 174 with this mix (0.5–1.0 all do about as
# well).
LEXICAL_WEIGHT = 0.5
# A question close to one its points are curated to answer lifts the sentence: by this share of how far that
# closeness is above the floor (questions on the same subject are that close to each other anyway).
# Calibrated on the same two sets: 0.3 above 0.4 found three more answers and lost none in any set; taking
# the curated questions' closeness in place of the sentence's (max) found as many and lost three elsewhere.
ASKED_WEIGHT = 0.3
ASKED_FLOOR = 0.4
# How much more a reason-giving sentence counts for a "why" question, and a judging one for "worth it?".
WHY_BOOST = 1.15
JUDGES_BOOST = 1.15
_STATES_EFFECT = re.compile(
    r"\b(contributed to|led to|leads to|resulted in|as a result|result of|consequently|so that)\b",
    re.IGNORECASE,
)
# A sentence telling how someone answered what was put to them.
_STATES_REPLY = re.compile(
    r"\bsaid\s*['‘’\"]?(no|yes)\b|\b(responded|replied|refused|declined|rejected|defied|agreed|accepted|"
    r"turned down|ignored|complied)\b",
    re.IGNORECASE,
)
# A sentence that judges how something turned out: "Qureshi was convinced that Pakistan did the right thing".
_TELLS_THE_PAST = re.compile(r"\b(former|bitter past|for decades|cold war|history|historically)\b", re.I)
_YEARS_OF_EFFORT = re.compile(
    r"\b(several|many|years) (years|decades) of\b|\byears of (\w+ ){0,3}efforts\b", re.IGNORECASE
)
_JUDGES = re.compile(
    r"\b(right|wrong|well|good|bad|better|worse|mistake|success(es|ful|fully)?|fail\w*|wise|benefit\w*|worth|convinced)\b",
    re.IGNORECASE,
)
_STATES_REASON = re.compile(
    r"\b(because|since|reason|in order to|to counter|so that|due to|the (main )?idea was|contributed|"
    r"linked to|led to|as a result|result of|given that|in view of|it considered|it thinks|feels)\b",
    re.IGNORECASE,
)

# A sentence saying outright that it gives the reason ("the reason Pakistan defied… was that…", "because…")
# answers "why" more surely than one that only leads on from it ("in view of these realities…").
_STATES_THE_REASON = re.compile(r"\b(because|the (main )?reason\b.{0,80}\b(was|is) that)\b", re.IGNORECASE)
REASON_STATED_BOOST = 1.1
# Too common to lift a sentence for every "why" question, but the cause of what the sentence says.
_WEIGHS_CAUSE = re.compile(r"\b(given (the|its|their|that)|against the backdrop of)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Evidence:
    """One sentence of a source as evidence: how close it is to the question, and the points quoting it."""

    passage: Passage
    points: tuple[PointHit, ...]  # key points quoting this sentence, closest first
    similarity: float  # the closer of the sentence and its points, by meaning (cosine)
    coverage: float  # the largest share of the question's words the sentence or a point covers
    lexical: float
    score: float = 0.0  # cosine plus the weighted share of the best lexical match
    in_context: float = 0.0  # the closer of this and its points read after their source's title: it ranks
    asked: float = 0.0  # the closest of the questions its points are curated to answer

    @property
    def gives_reason(self) -> bool:
        return states_reason(self.passage.text)

    @property
    def gives_cause(self) -> bool:
        """A reason, or a cause it weighs ("not an easy decision… against the backdrop of possible
        implications"): either answers "why?" asked of the sentence itself."""
        return self.gives_reason or bool(_WEIGHS_CAUSE.search(self.passage.text))


def states_reply(text: str) -> bool:
    """True when a text tells how someone answered ("politely said ‘no’", "refused", "agreed")."""
    return bool(_STATES_REPLY.search(text))


def states_effect(text: str) -> bool:
    """True when a text tells what something led to ("all these factors contributed to Pakistan moving…")."""
    return bool(_STATES_EFFECT.search(text))


def tells_the_past(text: str) -> bool:
    """True when a text tells how things stood between countries before ("former Cold War rivals", "bury
    their bitter past", "For decades, Pakistan remained the US ally")."""
    return bool(_TELLS_THE_PAST.search(text))


def tells_years_of_effort(text: str) -> bool:
    """True when a text tells how long something was worked at ("several years of overt and covert
    efforts", "the result of several years of efforts")."""
    return bool(_YEARS_OF_EFFORT.search(text))


def judges(text: str) -> bool:
    """True when a text judges how something turned out ("did the right thing", "playing its cards well")."""
    return bool(_JUDGES.search(text))


def states_the_reason(text: str) -> bool:
    """True when a text says outright that it gives the reason ("because…", "the reason … was that…")."""
    return bool(_STATES_THE_REASON.search(text))


def states_reason(text: str) -> bool:
    """True when a text gives a reason ("because…", "in order to…", "the reason … was…")."""
    return bool(_STATES_REASON.search(text))


def rank_evidence(
    retrieval: Retrieval, *, why: bool = False, judging: bool = False, body_only: bool = True
) -> list[Evidence]:
    """Sentences as evidence, best first: for a "why" question reasons count more, and judgements for a
    question asking how something turned out."""
    quoting: dict[str, list[PointHit]] = {}
    for hit in retrieval.points:
        for passage_id in dict.fromkeys(q.passage_id for q in hit.ref.quotes):
            quoting.setdefault(passage_id, []).append(hit)
    items = [
        _evidence(hit, sorted(quoting.get(hit.passage.id, []), key=lambda h: -h.similarity))
        for hit in retrieval.passages
        if hit.passage.body or not body_only
    ]
    best_lexical = max((e.lexical for e in items), default=0.0) or 1.0
    ranked = [
        replace(e, score=(_closeness(e) + LEXICAL_WEIGHT * e.lexical / best_lexical)
                * (WHY_BOOST if why and e.gives_reason else 1.0)
                * (REASON_STATED_BOOST if why and states_the_reason(e.passage.text) else 1.0)
                * (JUDGES_BOOST if judging and judges(e.passage.text) else 1.0))
        for e in items
    ]  # fmt: skip
    return sorted(ranked, key=lambda e: -e.score)


def _closeness(e: Evidence) -> float:
    """How close a sentence is in meaning: itself or its points (in context), lifted by their curated
    questions."""
    return e.in_context + ASKED_WEIGHT * max(0.0, e.asked - ASKED_FLOOR)


def _evidence(hit: PassageHit, points: list[PointHit]) -> Evidence:
    similarity = max([hit.similarity, *(p.similarity for p in points)])
    coverage = max([hit.coverage, *(p.coverage for p in points)])
    lexical = max([hit.score * (0.5 + hit.coverage), *(p.rank for p in points)])
    in_context = max([similarity, *(p.in_context for p in points)])
    asked = max([0.0, *(p.asked for p in points)])
    return Evidence(
        hit.passage, tuple(points), similarity, coverage, lexical, in_context=in_context, asked=asked
    )
