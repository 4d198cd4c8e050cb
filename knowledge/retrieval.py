"""Ranking key points, topics and passages for a question, by meaning and by words, and measuring how much of
the question they cover.

Two rankings are fused (reciprocal rank fusion): dense similarity from a sentence-embedding model
(knowledge.embedding), which finds paraphrases, polite preambles and typos, and bm25 over stemmed terms
(bm25s), which is exact about names and rare words. Neither alone decides whether the article answers a
question: the composer weighs both, with the names the question asks about.
"""

from __future__ import annotations

import calendar
import logging
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TypeVar

import bm25s
import numpy as np

from knowledge.base import KnowledgeBase, PointRef
from knowledge.embedding import Embedder, default_embedder, give_back_memory
from knowledge.languages import english_words, mixed_in_words
from knowledge.models import Passage
from knowledge.places import bodies, codes, countries, country_of_people, languages, named_in
from knowledge.spelling import joins_common_words, one_edit_from_english
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
# Reciprocal rank fusion's constant: small, because a base has tens of points, not thousands of documents.
RRF_K = 5
# Weight of a thread's earlier words in the dense query of a follow-up: more when the follow-up says little
# itself ("how come?"), less when it asks something of its own ("was it worth it?").
CONTEXT_VECTOR_WEIGHT = 0.6
CONTEXT_VECTOR_WEIGHT_OWN = 0.3
# From this length, a lowercase word one edit from an English word is taken for its typo, not for a name:
# "strech", "brainer" (of "no brainer"); shorter words are too often a name one edit from a word ("modi").
TYPO_NOT_NAME_LETTERS = 6
H = TypeVar("H", "PointHit", "PassageHit")
# (a verb made of an abbreviation, "ID'd", "OK'd", is no name)
_CAPITALISED = re.compile(r"(?<![\w'’])([A-Z][a-zA-Z]+)(?![’']d\b|[’']ed\b|[’']ing\b)")


# Days and months, capitalised but no names (the standard library's English names).
_CALENDAR = frozenset(n.lower() for n in (*calendar.day_name, *calendar.month_name) if n)
# Where the asker read or heard something ("I read on the Facebook that…", "saw it on Twitter"): a medium,
# not a subject of the question.
_MEDIUM = re.compile(
    r"\b(read|saw|seen|heard|found|spotted|noticed)( it| this| that| something)? (on|in) (the )?[A-Z]\w+",
)


@dataclass(frozen=True)
class PointHit:
    """A key point ranked for a question: bm25, the share of the question it covers, and its similarity."""

    ref: PointRef
    score: float
    coverage: float
    entity_coverage: float
    similarity: float = 0.0  # cosine of the question and the point (its text or its quotes' sentences)
    fused: float = 0.0  # reciprocal rank fusion of the dense and the lexical rankings
    # Cosine of the question and the point read after its source's title ("Why Pakistan and Russia are getting
    # closer? Efforts by the two former Cold War rivals…"): who "the two" are. It ranks; as evidence of
    # relevance it counts only above a higher bar (bot.core.compose), since the title is in every point.
    in_context: float = 0.0
    # Cosine of the question and the closest of the questions the point is curated to answer: a question is
    # closer in meaning to another question than to the sentence answering it.
    asked: float = 0.0

    @property
    def rank(self) -> float:
        """bm25, weighed by how much of the question (its words, then its names) the point covers."""
        return self.score * (0.5 + self.coverage) * (0.5 + self.entity_coverage)


@dataclass(frozen=True)
class PassageHit:
    """A passage (a sentence of a source) ranked for a question."""

    passage: Passage
    score: float
    coverage: float
    similarity: float = 0.0
    fused: float = 0.0


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
    topics: dict[str, float] = field(default_factory=dict)  # topic id → similarity to its title or questions


class Retriever:
    """bm25s indexes over the base's key points, topics and body passages, built once per base."""

    def __init__(self, kb: KnowledgeBase, embedder: Embedder | None = None) -> None:
        self.kb = kb
        self.tokenizer = Tokenizer(kb.vocabulary)
        self.embedder = embedder or default_embedder()
        self._model_words = self.embedder.whole_words
        self._points = kb.points
        self._passages = tuple(p for s in kb.sources.values() for p in s.passages)
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
        texts = (
            *(s.text for s in kb.sources.values()),
            *(" ".join([p.point.text, *p.point.keywords]) for p in self._points),
            *(" ".join([t.title, t.summary, *t.keywords]) for t in kb.topics),
        )
        self._words = frozenset(w for text in texts for w in normalise(text).replace("'", " ").split()) | {
            w
            for words in kb.vocabulary.aliases.values()
            for phrase in words
            for w in normalise(phrase).split()
        }
        # What the article and its curated points say, without the keywords a curator added for retrieval: a
        # name only a keyword holds ("modi" for the India topic) is still a name the article never mentions.
        said = (
            *(s.text for s in kb.sources.values()),
            *(p.point.text for p in self._points),
            *(f"{t.title} {t.summary}" for t in kb.topics),
            *(phrase for words in kb.vocabulary.aliases.values() for phrase in words),
        )
        self._said_words = frozenset(w for text in said for w in normalise(text).replace("'", " ").split())
        self._said_terms = frozenset(t for text in said for t in self.tokenizer.terms(text))
        # Countries the base never names, by any of their names ("russian federation" is Russia, named).
        said_words = " " + " ".join(re.findall(r"[a-z]+", " ".join(normalise(text) for text in said))) + " "
        # The vocabulary's other words for a country ("islamabad", "american") are read as the country by the
        # embedding too: the model keeps "Islamabad and Washington" apart from "Pakistan and the US".
        every_country = frozenset(name for names in countries() for name in names)
        self._country_of = {
            normalise(word): country
            for country, words in kb.vocabulary.aliases.items()
            if {country, *map(normalise, words)} & every_country
            for word in words
        }
        self._countries_named = re.compile(
            r"\b(" + "|".join(map(re.escape, sorted(self._country_of, key=len, reverse=True))) + r")\b"
            if self._country_of
            else r"(?!)",
            re.IGNORECASE,
        )
        # "…, per the tribune analysis?": where the asker read it says nothing about what it asks.
        outlets = {normalise(s.meta.outlet).removeprefix("the ") for s in kb.sources.values()}
        outlets |= {outlet.split()[-1] for outlet in outlets}  # "the tribune"
        works = "|".join(map(re.escape, sorted({*outlets, *_WRITINGS}, key=len, reverse=True)))
        # …or whom: "according to the writer", "per yousaf".
        authors = {normalise(s.meta.author) for s in kb.sources.values()}
        authors |= {author.split()[-1] for author in authors}
        writers = "|".join(map(re.escape, sorted({*authors, *_WRITERS}, key=len, reverse=True)))
        self._per_the_source = re.compile(
            rf",?\s*\b(according to|acc(\.|ording)? to|as per|per|going by|in)\s+((the|this|that)\s+({works})"
            rf"(\s+({'|'.join(_WRITINGS)}))?|(the\s+)?({writers}))\b",
            re.IGNORECASE,
        )
        # Other names of the countries the base names: their ISO codes, as analysts write them ("CN", "RUS";
        # not "IN", "US", words the base uses) and their official names ("the Russian Federation").
        self._country_names: dict[str, str] = {}
        # …and a code that is also a word, in a pair of codes ("US-IN": "IN" is India there, not the word;
        # "US" is the base's own name)
        self._word_codes: dict[str, str] = {}
        for code, names in codes().items():
            named = [n for n in names if f" {n} " in said_words]
            if named:
                name = min(named, key=len)
                if code.lower() not in self._said_words:
                    self._country_names[code] = name
                elif code.lower() not in kb.vocabulary.aliases:
                    self._word_codes[code] = name
                self._country_names.update({other: name for other in names if other != name})
        spelt = sorted((n for n in self._country_names if not n.isupper()), key=len, reverse=True)
        # (a code as typed, in capitals on its own: "CN", not "ID'd"; a name in any case)
        self._country_named = re.compile(
            r"(?<![\w'’/-])([A-Z]{2,3})(?![\w'’-])"
            + (r"|\b((?i:" + "|".join(map(re.escape, spelt)) + r"))\b" if spelt else ""),
        )
        self._other_countries = frozenset(
            name for names in countries() if not any(f" {n} " in said_words for n in names) for name in names
        )
        # International bodies the base never mentions: by name in any case; by acronym in capitals anywhere,
        # in lower case only after "the" ("at the un"), as English writes it (not the Spanish or French "un"
        # of a message partly in those languages).
        other_bodies = [names for names in bodies() if not any(f" {n.lower()} " in said_words for n in names)]
        self._other_bodies = {n.lower(): names[0] for names in other_bodies for n in names}
        acronyms = sorted((n[0] for n in other_bodies if n[0].isupper()), key=len, reverse=True)
        spelt_out = sorted(
            (n.lower() for names in other_bodies for n in names if not n.isupper()), key=len, reverse=True
        )
        self._body_named = re.compile(
            r"(?<![\w'’-])((?i:"
            + "|".join(map(re.escape, spelt_out))
            + ")|"
            + "|".join(map(re.escape, acronyms))
            + r"|(?<=\b(?i:the) )(?i:"
            + "|".join(re.escape(a.lower()) for a in acronyms)
            + r"))(?![\w-])"
        )
        # Rarity is judged over points and topics as separate documents, so a word of one topic's summary
        # ("closer", "qureshi") stays rare instead of counting once for each of that topic's points.
        docs = [*(frozenset(d) for d in point_docs), *topic_sets.values()]
        df = Counter(t for d in docs for t in d)
        n = len(docs)
        self._idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self._unknown_idf = UNKNOWN_WEIGHT * math.log(1 + (n + 0.5) / 0.5)
        self._entities = self._named_entities()
        self._passage_vectors = self.embedder.remembered([p.text for p in self._passages])
        self._point_vectors = self.embedder.remembered([r.point.text for r in self._points])
        self._point_vectors_in_context = self.embedder.remembered(
            [f"{kb.sources[r.topic.source].meta.title} {r.point.text}" for r in self._points]
        )
        asked = [(i, text) for i, r in enumerate(self._points) for text in r.point.questions]
        self._asked_point = np.array([i for i, _ in asked], dtype=np.intp)
        self._asked_vectors = self.embedder.remembered([text for _, text in asked]) if asked else None
        samples = [(t.id, text) for t in kb.topics for text in (t.title, *t.questions)]
        self._sample_topics = [topic_id for topic_id, _ in samples]
        self._sample_vectors = self.embedder.remembered([text for _, text in samples])
        where = {p.id: i for i, p in enumerate(self._passages)}
        # A point is as close to a question as its own words or the sentences its quotes come from.
        self._point_passages = [[where[q.passage_id] for q in r.quotes] for r in self._points]
        self.embedder.save_vectors()
        give_back_memory()

    def unknown_names(self, text: str) -> tuple[str, ...]:
        """The names a text gives that the base never mentions, as `search` finds them (without ranking)."""
        return self._unknown_names(self._per_the_source.sub("", text).strip() or text)

    def search(self, question: str, context: str = "", prefer_topic: str | None = None) -> Retrieval:
        """Rank the base for a question; `context` is earlier turns of the thread, weighted lower."""
        question = self._per_the_source.sub("", question).strip() or question
        terms = tuple(dict.fromkeys(self.tokenizer.terms(question)))
        context_terms = tuple(t for t in dict.fromkeys(self.tokenizer.terms(context)) if t not in terms)
        weights = {t: self._weight(t) for t in terms} | {
            t: CONTEXT_WEIGHT * self._weight(t) for t in context_terms
        }
        entities = tuple(t for t in (*terms, *context_terms) if t in self._entities)
        own_weight = sum(self._weight(t) for t in terms if t in self._vocab)
        names = self._unknown_names(question)
        query = [*terms, *terms, *context_terms]
        vector = self.query_vector(question, context, own_words=len(terms))
        topic_scores = _scores(self._topic_index, query, len(self.kb.topics))
        point_scores = _scores(self._point_index, query, len(self._points))
        passage_sims = self._passage_vectors @ vector
        in_context = self._point_vectors_in_context @ vector
        point_sims = [
            max([float(self._point_vectors[i] @ vector), *(float(passage_sims[j]) for j in where)])
            for i, where in enumerate(self._point_passages)
        ]
        asked = self._asked(vector)
        points = []
        for ref, score, doc, own, sim, read_in_context, closest_asked in zip(
            self._points, point_scores, self._point_sets, self._point_names, point_sims, in_context, asked,
            strict=True,
        ):  # fmt: skip
            topic_score = float(topic_scores[self._topic_position[ref.topic.id]])
            total = (float(score) + TOPIC_SCORE_SHARE * topic_score) * (
                PREFERRED_TOPIC_BOOST if ref.topic.id == prefer_topic else 1.0
            )
            points.append(
                PointHit(ref, total, _coverage(weights, doc), _share(entities, own), sim,
                         in_context=max(sim, float(read_in_context)), asked=float(closest_asked))
            )  # fmt: skip
        passage_scores = _scores(self._passage_index, query, len(self._passages))
        passages = [
            PassageHit(p, float(score), _coverage(weights, doc), float(sim))
            for p, score, doc, sim in zip(
                self._passages, passage_scores, self._passage_sets, passage_sims, strict=True
            )
        ]
        topics: dict[str, float] = {}
        for topic_id, sim in zip(self._sample_topics, self._sample_vectors @ vector, strict=True):
            topics[topic_id] = max(topics.get(topic_id, -1.0), float(sim))
        return Retrieval(
            terms, own_weight, context_terms, entities, names,
            tuple(_fuse(points, lexical=lambda h: h.rank)),
            tuple(_fuse(passages, lexical=lambda h: h.score * (0.5 + h.coverage))),
            topics,
        )  # fmt: skip

    def countries_named_plainly(self, text: str) -> str:
        """The countries the base names, by the names it uses: "where does CN sit", "the Russian Federation's
        view" → "china", "russia" (a code only as typed in capitals, on its own)."""
        text = _CODE_PAIR.sub(self._plain_pair, text)
        return self._country_named.sub(self._plain_country, text)

    def _plain_pair(self, match: re.Match[str]) -> str:
        # (only a code that is also a word needs the pair to read it as a country: "PK/RU" is read already,
        # and the other code of "PK-IN" is read as any code is)
        first, _, second = match.groups()
        if first not in self._word_codes and second not in self._word_codes:
            return match.group()
        return f"{self._word_codes.get(first, first)} and {self._word_codes.get(second, second)}"

    def _plain_country(self, match: re.Match[str]) -> str:
        code, spelt = match.group(1), match.group(2)
        if code:
            return self._country_names.get(code, code)
        return self._country_names.get(spelt.lower(), spelt)

    @property
    def words(self) -> frozenset[str]:
        """Every word the base uses (articles, key points, keywords, aliases): what typos are corrected to."""
        return self._words

    def _asked(self, vector: np.ndarray) -> np.ndarray:
        """Each point's closest curated question to the question's vector (0 for a point without any)."""
        closest = np.zeros(len(self._points))
        if self._asked_vectors is not None:
            np.maximum.at(closest, self._asked_point, self._asked_vectors @ vector)
        return closest

    def closeness(self, text: str) -> float:
        """How close a piece of text is, in meaning, to the closest sentence or key point of the base."""
        vector = self.embedder.queries([text])[0]
        return float(max(np.max(self._passage_vectors @ vector), np.max(self._point_vectors @ vector)))

    def query_vector(self, question: str, context: str = "", *, own_words: int = 0) -> np.ndarray:
        """The question's embedding; a follow-up's leans towards the thread's earlier words."""
        question = self._countries_named.sub(lambda m: self._country_of[m.group(0).lower()], question)
        vectors = self.embedder.queries([question, context] if context else [question])
        if not context:
            return vectors[0]
        weight = CONTEXT_VECTOR_WEIGHT_OWN if own_words >= 2 else CONTEXT_VECTOR_WEIGHT
        combined = vectors[0] + weight * vectors[1]
        return combined / max(float(np.linalg.norm(combined)), 1e-9)

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
        """Names the base never mentions: capitalised words (not opening a sentence) it does not know, and
        words no English dictionary knows either ("modi", "cpec"), which are names whatever their case."""
        # A possessive is the name's own form: "modi's government" names Modi.
        # A part of a compound ("no-brainer") is not a word of its own.
        lowercase = re.findall(r"(?<![\w'’-])([a-z]{4,})(?=(?:['’]s)?(?![\w'’-]))", question)
        names = [w for w in lowercase if self._unheard_of(w)]
        names += [n.title() for n in named_in(question, self._other_countries) if n.title() not in names]
        # "the afghan fighters", "iranian oil": the people of a country the base never mentions
        for word in re.findall(r"[A-Za-z]{4,}", question):
            if word.lower() in self._said_words or (_speaks(word, question) and word.lower() in languages()):
                continue  # ("in Indonesian 'memperbaiki hubungan'?": the language it is put in)
            people = country_of_people(word)
            if people and all(n in self._other_countries for n in people) and word.title() not in names:
                names.append(word.title())
        for match in self._body_named.finditer(question):
            if (body := self._other_bodies[match.group(1).lower()]) not in names:
                names.append(body)
        for word in _capitalised_inside(self._body_named.sub(" ", _MEDIUM.sub(" ", question))):
            if (
                self.tokenizer.is_stopword(word)
                # (a day or a month is when, no name: "…told me at Sunday lunch that…")
                or word.lower() in _CALENDAR
                # (the list of languages is loaded only for a word used as one)
                or (_speaks(word, question) and word.lower() in languages())
                or normalise(word) in self._words
                or normalise(word) + "s" in self._words
            ):
                continue
            stems = self.tokenizer.terms(word)
            if stems and all(s not in self._vocab for s in stems):
                names.append(word)
        return tuple(names)

    def _unheard_of(self, word: str) -> bool:
        """A lowercase word no dictionary knows, in no form: neither English (symspellpy's list, the embedding
        model's vocabulary) nor the base's own words, nor a plural or inflection of one of them."""
        if word in mixed_in_words():  # "kya", "likha": Roman Urdu mixed in, not a name
            return False
        english = english_words()
        # ("sooo", "yesss": a word drawn out is the word)
        stems = [word, re.sub(r"(.)\1{2,}", r"\1", word), re.sub(r"(.)\1{2,}", r"\1\1", word)]
        for suffix, replacements in _INFLECTIONS:
            if word.endswith(suffix):
                stems += [word[: -len(suffix)] + r for r in replacements]
        # …or an English word with a prefix of English on it ("misremembering", "overplayed")
        stems += [s[len(p) :] for s in stems for p in _PREFIXES if s.startswith(p) and len(s) >= len(p) + 4]
        for stem in stems:
            if len(stem) > 2 and (stem in english or stem in self._said_words or stem in self._model_words):
                return False
        if joins_common_words(word):  # "pushback" is "push back" (cheap: look it up before searching)
            return False
        if not re.search(r"[aeiou]", word):  # a shorthand with its vowels dropped ("thnk", "govt", "wdym")
            return False
        if len(word) >= TYPO_NOT_NAME_LETTERS and one_edit_from_english(word):
            return False
        return not set(self.tokenizer.terms(word)) & self._said_terms

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


def entity_words(kb: KnowledgeBase) -> dict[str, str]:
    """A reader's one-word name for an entity → the entity ('chinese' → 'china', 'washington' → 'us')."""
    entities: dict[str, str] = {}
    for entity, aliases in kb.vocabulary.aliases.items():
        for word in (entity, *aliases):
            if " " not in word.strip():
                entities[normalise(word).strip(".")] = entity
    return entities


def entities_named(text: str, entity_of: dict[str, str]) -> set[str]:
    """The entities a text names by the one-word names `entity_words` gives ("Washington" → the US)."""
    words = re.findall(r"[\w']+", text.lower())
    return {entity for word in words if (entity := entity_of.get(word.strip("'")))}


def _fuse(hits: list[H], *, lexical: Callable[[H], float]) -> list[H]:
    """Hits sorted by reciprocal rank fusion of their dense similarity and their lexical score."""
    by_meaning = sorted(range(len(hits)), key=lambda i: -hits[i].similarity)
    by_words = sorted(range(len(hits)), key=lambda i: -lexical(hits[i]))
    fused = [0.0] * len(hits)
    for order in (by_meaning, by_words):
        for rank, i in enumerate(order):
            fused[i] += 1.0 / (RRF_K + rank + 1)
    ranked = [replace(hit, fused=score) for hit, score in zip(hits, fused, strict=True)]
    return sorted(ranked, key=lambda h: -h.fused)


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


# What a question may say it read ("per the piece", "in the tribune analysis").
_WRITINGS = (
    "article",
    "piece",
    "analysis",
    "story",
    "column",
    "op-ed",
    "oped",
    "explainer",
    "report",
    "writeup",
)
_WRITERS = ("writer", "author", "journalist", "reporter", "correspondent", "columnist")
# Two country codes joined, as analysts write a relationship: "US-IN", "PK/RU".
_CODE_PAIR = re.compile(r"(?<![\w'’-])([A-Z]{2,3})([-/–])([A-Z]{2,3})(?![\w'’-])")
# Endings a word may carry, and what its stem then ends with ("parties" → "party", "used" → "use", "besties"
# → "best"), and a "didnt", "isnt", "wouldve" or "theyll" typed without its apostrophe (reading spells out the
# common ones).
# Prefixes English puts on its own words; what is left must be a word of four letters or more.
_PREFIXES = ("mis", "re", "un", "non", "over", "under", "pre", "dis", "out", "counter", "anti", "de", "co")
_INFLECTIONS = (
    ("s", ("",)),
    ("es", ("",)),
    ("ies", ("y", "")),
    ("ing", ("", "e")),
    ("ed", ("", "e")),
    ("nt", ("n",)),
    ("ve", ("",)),
    ("ll", ("",)),
)


def _speaks(language: str, text: str) -> bool:
    """Whether the text uses a language's name for the language ("sorry my English is not good", "written in
    Urdu"), not for its people ("what did the Turkish government say?")."""
    name = re.escape(language)
    return bool(
        re.search(
            rf"\b(in|my|our|broken|speak|speaks|write|writes|bad|poor|simple|plain) {name}\b", text, re.I
        )
        or re.search(rf"\b{name} (is|isn'?t|not|was) ", text, re.I)
    )


def _capitalised_inside(text: str) -> list[str]:
    """Capitalised words that do not open a sentence: likely names."""
    words = []
    for match in _CAPITALISED.finditer(text):
        before = text[: match.start()].rstrip()
        if before and before[-1] not in ".?!:\"“‘'(\n":
            words.append(match.group(1))
    return words
