"""Ranking key points, topics and passages for a question (bm25s), and measuring how much of it they cover."""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass

import bm25s
import numpy as np

from knowledge.base import KnowledgeBase, PointRef
from knowledge.models import Passage
from knowledge.text import Tokenizer, normalise

# bm25s sets its own logger to DEBUG on import, which would print on every index build.
logging.getLogger("bm25s").setLevel(logging.WARNING)

# Weight of a thread's earlier question relative to the current one, for follow-ups.
CONTEXT_WEIGHT = 0.5
# Score multiplier for points of the topic the thread was already about.
PREFERRED_TOPIC_BOOST = 1.25
# How much a point's topic match adds to the point's own bm25 score.
TOPIC_SCORE_SHARE = 0.5
# A word the base never uses weighs this share of the rarest known word: it may be the whole point of a
# question ("discuss", "sell") or just a reader's synonym, so it counts, but does not decide alone.
UNKNOWN_WEIGHT = 0.6
_CAPITALISED = re.compile(r"(?<![\w'’])([A-Z][a-zA-Z]+)")


@dataclass(frozen=True)
class PointHit:
    """A key point ranked for a question: its bm25 score and the share of the question it covers."""

    ref: PointRef
    score: float
    coverage: float
    entity_coverage: float

    @property
    def rank(self) -> float:
        """bm25, weighed by how much of the question (its words, then its names) the point covers."""
        return self.score * (0.5 + self.coverage) * (0.5 + self.entity_coverage)


@dataclass(frozen=True)
class PassageHit:
    """A body passage ranked for a question."""

    passage: Passage
    score: float
    coverage: float


@dataclass(frozen=True)
class Retrieval:
    """Everything the composer needs to decide whether and how the base answers a question."""

    terms: tuple[str, ...]
    own_weight: float  # idf weight of the question's own words: how much it says beyond its thread
    context_terms: tuple[str, ...]
    entities: tuple[str, ...]
    unknown_names: tuple[str, ...]
    points: tuple[PointHit, ...]
    passages: tuple[PassageHit, ...]


class Retriever:
    """bm25s indexes over the base's key points, topics and body passages, built once per base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.tokenizer = Tokenizer(kb.vocabulary)
        self._points = kb.points
        self._passages = tuple(p for s in kb.sources.values() for p in s.passages if p.body)
        point_docs = [self._point_terms(ref) for ref in self._points]
        topic_docs = [self._topic_terms(t.id) for t in kb.topics]
        passage_docs = [self.tokenizer.terms(p.text) for p in self._passages]
        self._point_index = _index(point_docs)
        self._topic_index = _index(topic_docs)
        self._passage_index = _index(passage_docs)
        topic_sets = {t.id: frozenset(d) for t, d in zip(kb.topics, topic_docs, strict=True)}
        # What a point covers includes its topic's words: "closer" belongs to every why-russia point.
        self._point_sets = [
            frozenset(d) | topic_sets[r.topic.id] for r, d in zip(self._points, point_docs, strict=True)
        ]
        # The names a point is about are its own (text, quotes, keywords, topic title), not its topic
        # summary's: a summary naming Pakistan must not let "the US signed defence deals with India" answer
        # a question about deals Pakistan signed.
        self._point_names = [frozenset(d) for d in point_docs]
        self._passage_sets = [frozenset(d) for d in passage_docs]
        self._topic_position = {t.id: i for i, t in enumerate(kb.topics)}
        source_terms = [
            self.tokenizer.terms(f"{s.meta.title} {s.meta.author} {s.meta.outlet} {s.text}")
            for s in kb.sources.values()
        ]
        self._vocab = frozenset(
            t for doc in (*point_docs, *topic_docs, *passage_docs, *source_terms) for t in doc
        )
        # Raw words too: a name like "Khan" is known even where an alias folds it into another term.
        texts = (*(s.text for s in kb.sources.values()), *(p.point.text for p in self._points))
        self._words = frozenset(w for text in texts for w in normalise(text).replace("'", " ").split()) | {
            w
            for words in kb.vocabulary.aliases.values()
            for phrase in words
            for w in normalise(phrase).split()
        }
        # Rarity is judged over points and topics as separate documents, so a word of one topic's summary
        # ("closer", "qureshi") stays rare instead of counting once for each of that topic's points.
        docs = [*(frozenset(d) for d in point_docs), *topic_sets.values()]
        df = Counter(t for d in docs for t in d)
        n = len(docs)
        self._idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self._unknown_idf = UNKNOWN_WEIGHT * math.log(1 + (n + 0.5) / 0.5)
        self._entities = self._named_entities()

    def search(self, question: str, context: str = "", prefer_topic: str | None = None) -> Retrieval:
        """Rank the base for a question; `context` is earlier turns of the thread, weighted lower."""
        terms = tuple(dict.fromkeys(self.tokenizer.terms(question)))
        context_terms = tuple(t for t in dict.fromkeys(self.tokenizer.terms(context)) if t not in terms)
        weights = {t: self._weight(t) for t in terms} | {
            t: CONTEXT_WEIGHT * self._weight(t) for t in context_terms
        }
        entities = tuple(t for t in (*terms, *context_terms) if t in self._entities)
        own_weight = sum(self._weight(t) for t in terms if t in self._vocab)
        names = self._unknown_names(question)
        query = [*terms, *terms, *context_terms]
        if not query:
            return Retrieval(terms, own_weight, context_terms, entities, names, (), ())
        topic_scores = _scores(self._topic_index, query, len(self.kb.topics))
        point_scores = _scores(self._point_index, query, len(self._points))
        points = []
        for ref, score, doc, own in zip(
            self._points, point_scores, self._point_sets, self._point_names, strict=True
        ):
            topic_score = float(topic_scores[self._topic_position[ref.topic.id]])
            total = (float(score) + TOPIC_SCORE_SHARE * topic_score) * (
                PREFERRED_TOPIC_BOOST if ref.topic.id == prefer_topic else 1.0
            )
            if total > 0:
                points.append(PointHit(ref, total, _coverage(weights, doc), _share(entities, own)))
        points.sort(key=lambda h: -h.rank)
        passage_scores = _scores(self._passage_index, query, len(self._passages))
        passages = sorted(
            (
                PassageHit(p, float(s), _coverage(weights, doc))
                for p, s, doc in zip(self._passages, passage_scores, self._passage_sets, strict=True)
                if s > 0
            ),
            key=lambda h: -h.score * (0.5 + h.coverage),
        )
        return Retrieval(terms, own_weight, context_terms, entities, names, tuple(points), tuple(passages))

    def _named_entities(self) -> frozenset[str]:
        """Terms naming a country, person or body: alias targets and words capitalised mid-sentence."""
        names = {t for word in self.kb.vocabulary.aliases for t in self.tokenizer.terms(word)}
        for source in self.kb.sources.values():
            for passage in source.passages:
                names.update(t for w in _capitalised_inside(passage.text) for t in self.tokenizer.terms(w))
        return frozenset(names)

    def _weight(self, term: str) -> float:
        return self._idf.get(term, self._unknown_idf)

    def _unknown_names(self, question: str) -> tuple[str, ...]:
        """Capitalised words (not opening a sentence) the base never mentions: names it knows nothing of."""
        names = []
        for word in _capitalised_inside(question):
            if (
                self.tokenizer.is_stopword(word)
                or normalise(word) in self._words
                or normalise(word) + "s" in self._words
            ):
                continue
            stems = self.tokenizer.terms(word)
            if stems and all(s not in self._vocab for s in stems):
                names.append(word)
        return tuple(names)

    def _point_terms(self, ref: PointRef) -> list[str]:
        t = self.tokenizer
        text = " ".join(
            [
                ref.point.text,
                *(q.text for q in ref.quotes),
                *ref.point.keywords,
                ref.topic.title,
                *ref.topic.keywords,
            ]
        )
        return t.terms(text)

    def _topic_terms(self, topic_id: str) -> list[str]:
        topic = self.kb.topic(topic_id)
        assert topic is not None
        return self.tokenizer.terms(" ".join([topic.title, topic.summary, *topic.keywords, *topic.questions]))


def _index(docs: list[list[str]]) -> bm25s.BM25:
    index = bm25s.BM25()
    index.index(docs, show_progress=False)
    return index


def _scores(index: bm25s.BM25, query: list[str], size: int) -> np.ndarray:
    """bm25 scores of every document; terms the index has never seen are left out, as bm25s requires."""
    known = [t for t in query if t in index.vocab_dict]
    return index.get_scores(known) if known else np.zeros(size)


def _coverage(weights: dict[str, float], doc: frozenset[str]) -> float:
    total = sum(weights.values())
    return sum(w for t, w in weights.items() if t in doc) / total if total else 0.0


def _share(entities: tuple[str, ...], doc: frozenset[str]) -> float:
    return sum(e in doc for e in entities) / len(entities) if entities else 1.0


def _capitalised_inside(text: str) -> list[str]:
    """Capitalised words that do not open a sentence: likely names."""
    words = []
    for match in _CAPITALISED.finditer(text):
        before = text[: match.start()].rstrip()
        if before and before[-1] not in ".?!:\"“‘'(\n":
            words.append(match.group(1))
    return words
