"""Calibration figures for the composer's thresholds and the evidence score, on labelled questions.

The labelled sets are tests/data/calibration.json (written from the article alone, as a training set) and
tests/data/questions.json (the regression set); the dev set is left out, so it is never tuned to. Prints:

1. how often the best-ranked sentence states a fact of an answerable question, for reciprocal rank fusion and
   for the cosine + LEXICAL_WEIGHT × lexical-share mix at several weights;
2. for the relevance rule (cosine ≥ SIMILAR_ENOUGH, or cosine ≥ SIMILAR_FLOOR and word coverage ≥
   COVERAGE_MIN), how many answerable questions pass and how many unanswerable ones are stopped, at the chosen
   thresholds and at the best of a grid — over the questions no earlier rule (source, opinion, after the
   article, unknown names) decides;
3. for the LLM writer's support check (a sentence must share SUPPORT_MIN of its content words with the
   passages it cites), how many sentences of the curated key points are supported by their own passages (they
   paraphrase them, as a model should) and how many by another passage picked at random.

    .venv/bin/python bench/calibrate.py
"""

from __future__ import annotations

import itertools
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.adapters.llm.openai_writer import SUPPORT_MIN, SUPPORT_MIN_TERMS
from bot.core import compose
from bot.core.evidence import LEXICAL_WEIGHT, Evidence, rank_evidence
from bot.core.intent import read_intent, without_request
from bot.core.reading import read_question
from knowledge.base import KnowledgeBase, load_knowledge_base
from knowledge.retrieval import Retriever
from knowledge.spelling import Speller
from knowledge.text import Tokenizer

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SETS = (DATA / "calibration.json", DATA / "questions.json")


@dataclass
class Case:
    grounded: bool
    evidence: list[Evidence]
    hits: list[bool]  # per evidence item: does its sentence (or its first point) state a fact?


def load_cases() -> list[Case]:
    kb = load_knowledge_base()
    retriever = Retriever(kb)
    speller = Speller(retriever.words)
    cases = []
    for path in SETS:
        for raw in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            if len(raw["turns"]) != 1:
                continue
            question = read_question(raw["turns"][0]["question"], correct=speller.correct)
            intent = read_intent(question.query)
            if intent.source or intent.summary or intent.opinion or intent.after:
                continue  # decided by rules before any threshold
            asked = without_request(question.query) if intent.exact_words else question.query
            retrieval = retriever.search(asked)
            if retrieval.unknown_names:
                continue
            evidence = rank_evidence(retrieval, why=intent.why)
            facts = raw["turns"][0]["facts"]
            cases.append(Case(raw["grounded"], evidence, [_states_fact(e, facts) for e in evidence]))
    return cases


def _states_fact(evidence: Evidence, facts: list[list[str]]) -> bool:
    text = " ".join([evidence.passage.text, *(p.ref.point.text for p in evidence.points[:1])])
    return any(any(re.search(alt, text, re.IGNORECASE) for alt in fact) for fact in facts)


def top1(cases: list[Case], score) -> int:  # type: ignore[no-untyped-def]
    answered = 0
    for case in cases:
        best = max(range(len(case.evidence)), key=lambda i: score(case.evidence[i], case.evidence))
        answered += case.hits[best]
    return answered


def rrf(item: Evidence, items: list[Evidence], k: int = 5) -> float:
    by_meaning = sorted(items, key=lambda e: -e.similarity).index(item)
    by_words = sorted(items, key=lambda e: -e.lexical).index(item)
    return 1 / (k + by_meaning + 1) + 1 / (k + by_words + 1)


def mix(weight: float):  # type: ignore[no-untyped-def]
    def score(item: Evidence, items: list[Evidence]) -> float:
        return item.similarity + weight * item.lexical / (max(e.lexical for e in items) or 1.0)

    return score


def relevance(cases: list[Case], enough: float, floor: float, coverage: float) -> tuple[int, int]:
    passed = stopped = 0
    for case in cases:
        best = case.evidence[0]
        relevant = best.similarity >= enough or (best.similarity >= floor and best.coverage >= coverage)
        passed += case.grounded and relevant
        stopped += (not case.grounded) and not relevant
    return passed, stopped


def main() -> None:
    cases = load_cases()
    answerable = [c for c in cases if c.grounded and any(c.hits)]
    print(f"{len(cases)} single-turn questions left to thresholds; {len(answerable)} answerable with a fact")
    print("best sentence states a fact:")
    print(f"  reciprocal rank fusion (k=5): {top1(answerable, rrf)}/{len(answerable)}")
    for weight in (0.0, 0.2, 0.3, 0.5, 0.7, 1.0):
        chosen = " (chosen)" if weight == LEXICAL_WEIGHT else ""
        print(
            f"  cosine + {weight} × lexical share: {top1(answerable, mix(weight))}/{len(answerable)}{chosen}"
        )
    grounded = sum(c.grounded for c in cases)
    unanswerable = len(cases) - grounded
    chosen = (compose.SIMILAR_ENOUGH, compose.SIMILAR_FLOOR, compose.COVERAGE_MIN)
    passed, stopped = relevance(cases, *chosen)
    print(f"relevance at SIMILAR_ENOUGH={chosen[0]} SIMILAR_FLOOR={chosen[1]} COVERAGE_MIN={chosen[2]}:")
    print(f"  answerable passed {passed}/{grounded}; unanswerable stopped {stopped}/{unanswerable}")
    grid = itertools.product(
        [x / 100 for x in range(40, 66, 2)],
        [x / 100 for x in range(0, 41, 4)],
        [x / 100 for x in range(30, 90, 5)],
    )
    best = max(grid, key=lambda t: sum(relevance(cases, *t)))
    print(f"  best of the grid {best}: passed, stopped = {relevance(cases, *best)}")
    own, other = support_shares(load_knowledge_base())
    print("support check (a sentence's content words found in the passages it cites), key-point sentences:")
    for threshold in (0.3, 0.4, 0.5, 0.6):
        chosen = " (chosen)" if threshold == SUPPORT_MIN else ""
        kept = sum(x >= threshold for x in own) / len(own)
        let_through = sum(x >= threshold for x in other) / len(other)
        print(f"  ≥ {threshold}: own passages {kept:.0%}, a random other passage {let_through:.0%}{chosen}")


def support_shares(kb: KnowledgeBase) -> tuple[list[float], list[float]]:
    """For each key-point sentence: its content words' share found in its own passages, and in another."""
    tokenizer = Tokenizer(kb.vocabulary)
    passages = {p.id: p for s in kb.sources.values() for p in s.passages}
    body = [p for p in passages.values() if p.body]
    rng = random.Random(1)
    own, other = [], []
    for ref in kb.points:
        cited = {q.passage_id for q in ref.quotes}
        backing = {t for i in cited for t in tokenizer.terms(passages[i].text)}
        for sentence in re.split(r"(?<=[.;])\s+|\s+—\s+", ref.point.text):
            terms = set(tokenizer.terms(sentence))
            if len(terms) < SUPPORT_MIN_TERMS:
                continue
            stranger = rng.choice([p for p in body if p.id not in cited])
            own.append(len(terms & backing) / len(terms))
            other.append(len(terms & set(tokenizer.terms(stranger.text))) / len(terms))
    return own, other


if __name__ == "__main__":
    main()
