"""The answer engine: question (+ thread) → cache → retrieve → compose → verify citations → Answer."""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from bot.core import wording
from bot.core.answer import Answer, Citation, SourceInfo, Turn
from bot.core.compose import Composer
from bot.core.details import ANYONE, names_someone, role_asked
from bot.core.drafts import Draft
from bot.core.followups import SHORT_WORDS, Resolved, points_at_one, resolve
from bot.core.intent import Intent, asks_name_of_the_one_told, asks_opinion, read_intent, without_request
from bot.core.ports import AnswerCache, Counters, GroundedWriter, ThreadMemory
from bot.core.reading import (
    THEY,
    Question,
    asking_clause,
    last_asking,
    last_asking_clause,
    normalised,
    questions_in,
    read_question,
    told_question,
)
from bot.core.source_questions import as_the_article, source_asked
from bot.core.unknown_names import claimed_doer
from knowledge.base import KnowledgeBase
from knowledge.retrieval import Retrieval, Retriever, entities_named
from knowledge.spelling import Speller

log = logging.getLogger(__name__)
# A question that asks of something ("does it get into…?", "what about…?"), not a claim put up for checking.
_ASKS_OF = re.compile(r"^\W*(does|did|do|is there|are there|what|whats|how|why|who|when|where|which)\b", re.I)

READ_MEMO_ENTRIES = 1024  # questions asked alone, read once per process
READ_MEMO_CHARS = 500  # longer messages are read each time they come
# Fallbacks from a passing fault are not cached: the next ask may well get the model's answer.
TRANSIENT_FALLBACKS = frozenset(
    {"timeout", "rate_limited", "http_error", "connection_error", "malformed", "truncated"}
)


@dataclass(frozen=True)
class Asked:
    """A question as read and placed in its thread, with the key its answer is cached under."""

    question: Question
    resolved: Resolved
    context_turns: list[Turn]
    key: str

    @property
    def looks_up(self) -> bool:
        """Whether its answer may come from the cache (not empty, not shaped by an injection attempt)."""
        return not (self.question.empty or self.question.injection)


class AnswerEngine:
    """Answers questions from a knowledge base; cache and thread memory are ports (Redis in production)."""

    def __init__(
        self,
        kb: KnowledgeBase,
        *,
        cache: AnswerCache,
        threads: ThreadMemory,
        counters: Counters,
        writer: GroundedWriter | None = None,
        cache_ttl: int = 7 * 24 * 3600,
        thread_turns: int = 10,
        thread_ttl: int = 24 * 3600,
    ) -> None:
        self.kb = kb
        self.cache = cache
        self.threads = threads
        self.counters = counters
        self.writer = writer
        self.retriever = Retriever(kb)
        self.composer = Composer(kb, self.retriever)
        self.speller = Speller(self.retriever.words)
        self._entity_of = self.composer.entity_of
        # What the base is about, when it holds one source: whom a first question's "they" means.
        self._subject = next(iter(kb.sources.values())).meta.title if len(kb.sources) == 1 else ""
        self._subject_entities = entities_named(self._subject, self._entity_of)
        # …and named as its title names them: "Pakistan and Russia".
        self._subject_names = " and ".join(
            w for w in re.findall(r"[\w'’.-]+", self._subject) if self._entity_of.get(w.lower())
        )
        self._cache_ttl = cache_ttl
        self._thread_turns = thread_turns
        self._thread_ttl = thread_ttl
        self._read_alone = lru_cache(maxsize=READ_MEMO_ENTRIES)(lambda raw: self._read_in(raw, []))

    @property
    def mode(self) -> str:
        return "llm" if self.writer else "offline"

    def answer(self, raw_question: str, *, team: str = "local", conversation: str | None = None) -> Answer:
        """Answer one question; with a conversation id, earlier turns give context and this one is kept."""
        asked = self.read(raw_question, team=team, conversation=conversation)
        cached = self.cache.get(team, asked.key) if asked.looks_up else None
        return self.complete(asked, cached, team=team, conversation=conversation)

    def read(self, raw_question: str, *, team: str = "local", conversation: str | None = None) -> Asked:
        """Read a question and place it in its thread (one read of thread memory, with a conversation id):
        what it asks, and the cache key its answer is kept under. Reading is a pure function of the words
        and the knowledge base, so a question asked alone is read once per process (short ones: the memo
        stays small)."""
        if conversation:
            return self._read_in(raw_question, self.threads.turns(team, conversation))
        if len(raw_question) <= READ_MEMO_CHARS:
            return self._read_alone(raw_question)
        return self._read_in(raw_question, [])

    def _read_in(self, raw_question: str, turns: list[Turn]) -> Asked:
        question = read_question(
            raw_question,
            correct=self.speller.correct,
            relevance=self._relevance,
            known=self.speller.knows,
            countries=self.retriever.countries_named_plainly,
        )
        intent = read_intent(question.query)
        if not intent.opinion and asks_opinion(question.text):
            # "does the writer think the war is justified? what's his personal opinion": any of its questions
            intent = replace(intent, opinion=True)
        if intent.source and question.text != question.query:
            # "When was it published? … Also is the writer some kind of specialist?": both, from the message
            whole = source_asked(question.text)
            if whole in ("byline", "headlines", "cited"):
                intent = replace(intent, source=whole)
        follows_up = bool(turns) and (
            intent.follow_up
            or intent.swap is not None
            or intent.who_said
            or intent.words_of_last
            # "ok so the pakistani pm went to moscow right || first time in how long??": a few words naming
            # nothing lean on the thread for what they are about
            or (
                len(question.query.split()) <= SHORT_WORDS
                and not intent.source
                and not entities_named(question.query, self._entity_of)
            )
            # "ok so who tried to talk him out of going": him, whom the thread spoke of
            or (points_at_one(question.query) and not entities_named(question.query, self._entity_of))
        )
        context_turns = turns[-2:] if follows_up else []
        resolved = resolve(question.query, intent, context_turns, entity_of=self._entity_of)
        key = self._cache_key(f"{resolved.query} | {question.aside}", context_turns)
        return Asked(question, resolved, context_turns, key)

    def _other_readings(
        self, question: Question, resolved: Resolved, context_turns: list[Turn]
    ) -> list[Reading]:
        """Other ways to read a question nothing was close to, tried in turn:
        - a follow-up as it was asked, when the reading of its pronoun found nothing: "and what did they say
          back?" read as "…the official say back?" asks what no one the article quotes said;
        - asked first, "they're getting closer because of china, right?": "they" are what the base is about;
        - "why did washington get closer to new delhi in the first place? what was the goal?": two questions
          in one message, each weighing on the other's words; the first answered alone stands.
        Only an answer stands from the readings of less than the whole message, as a remark or a sentence
        left out may be what declines it:
        - without the remark set aside from it ("…buddy buddy?? saw an article floating around"), whose
          words were its context;
        - "my boss has the express tribune piece on pakistan and russia. why are the two getting closer?":
          the sentence that asks, alone, its "the two" as the ones the sentence before names when they are
          the base's own;
        - "which pm went to moscow, on site cant read the whole thing": the clause that asks, alone;
        - "He's asked me to explain why the two countries are getting closer…": a question told, not asked."""
        asked = question.query
        readings = []
        if context_turns and asked != resolved.query:
            readings.append(Reading(asked, resolved.context))
        if not context_turns and self._refers_back_to_nothing(resolved.query):
            readings.append(Reading(resolved.query, self._subject))
            readings.append(Reading(self._as_the_subject(resolved.query), self._subject))
        readings += [Reading(part, resolved.context, part=True) for part in questions_in(resolved.query)]
        if question.aside:
            readings.append(Reading(resolved.query, resolved.context, answered_only=True))
        alone = last_asking(resolved.query)
        told = None if context_turns else told_question(question.text)
        # ("…had something on pakistan and russia and now im curious, why are they getting closer?")
        last = last_asking_clause(resolved.query) if alone is None else None
        for sentence, before in (part for part in (alone, told, last) if part is not None):
            readings.append(Reading(sentence, resolved.context, answered_only=True))
            if self._refers_back_to_nothing(sentence) and self._names_the_subject(before):
                readings.append(Reading(self._as_the_subject(sentence), resolved.context, answered_only=True))
        if alone is None and (clause := asking_clause(resolved.query)) is not None:
            readings.append(Reading(clause, resolved.context, answered_only=True))
        return readings

    @staticmethod
    def _retrieved_by(query: str, intent: Intent) -> str:
        """The words a question is retrieved by: a request for exact words by its subject ("quote the line
        about the IMF" → "the IMF"), a mention question by what it asks is mentioned ("is energy even
        mentioned?" → "energy"), what the article says by the article's words."""
        asked = without_request(query) if intent.exact_words else query
        asked = intent.mention or asked
        return as_the_article(asked, intent.speaker)

    def _someone_else(self, query: str, names: tuple[str, ...], prefer: str | None) -> Draft | None:
        """ "it was nawaz sharif who went to moscow, right?": someone the article never mentions, said to have
        done what it says someone else did. The answer to who did it, as a correction; None when the article
        does not say who (then its silence on the name is the answer)."""
        for name in names:
            asked = claimed_doer(query, name)
            if asked is None:
                continue
            retrieval = self.retriever.search(asked, prefer_topic=prefer)
            if retrieval.unknown_names:
                return None
            attempt = self.composer.compose(asked, retrieval, intent=read_intent(asked))
            if attempt.kind == "answer" and any(
                names_someone(q.text, None, known=asked) for q in attempt.quotes[:1]
            ):
                lead = wording.SOMEONE_ELSE.format(names=" or ".join(names))
                return replace(attempt, kind="correction", lead=lead)
        return None

    def _as_the_subject(self, query: str) -> str:
        """ "how close are they now?" asked first → "how close are Pakistan and Russia now?": the pronoun read
        as the ones the base is about, so the question's meaning is measured with them in it."""
        if not self._subject_names:
            return query
        names = self._subject_names

        def named(match: re.Match[str]) -> str:
            word = match.group(0).lower()
            return f"{names}'s" if word in {"their", "theirs"} else names

        return THEY.sub(named, query, count=1)

    def _names_the_subject(self, text: str) -> bool:
        """Whether a text names all of the ones the base is about (Pakistan and Russia) and no one else."""
        return entities_named(text, self._entity_of) == self._subject_entities

    def _refers_back_to_nothing(self, query: str) -> bool:
        """A question that points at "they" or "these two" and names neither of the ones the base is about."""
        return (
            bool(THEY.search(query)) and not entities_named(query, self._entity_of) & self._subject_entities
        )

    def complete(
        self, asked: Asked, cached: Answer | None, *, team: str = "local", conversation: str | None = None
    ) -> Answer:
        """The answer to a question read with `read`: the cached one when given, else a fresh one (cached
        for next time); the conversation keeps this turn."""
        question, resolved = asked.question, asked.resolved
        answer = cached
        if answer is None:
            answer = self._fresh_answer(question, resolved, asked.context_turns)
            if _cacheable(question, answer):
                self.cache.put(team, asked.key, answer, self._cache_ttl)
        if conversation and answer.kind != "help":
            # The thread also remembers what a follow-up stood for: "and china?" → "what does china think…".
            turn = answer.as_turn().model_copy(update={"resolved": resolved.query})
            self.threads.add(team, conversation, turn, max_turns=self._thread_turns, ttl=self._thread_ttl)
        if not answer.cached:  # a cache hit was counted by the lookup itself: one round trip in all
            self.counters.add(team, _usage_counts(answer))
        log.info(
            "answer.done kind=%s topic=%s cached=%s mode=%s follow_up=%s chars=%d",
            answer.kind, answer.topic, answer.cached, answer.mode,
            bool(asked.context_turns), len(question.text),
        )  # fmt: skip
        if question.truncated:
            answer = answer.model_copy(update={"notes": [*answer.notes, wording.TRUNCATED]})
        return answer

    def topic_answer(self, topic_id: str) -> Answer:
        """The overview of one topic, as its slash command shows it."""
        topic = self.kb.topic(topic_id)
        if topic is None:
            raise KeyError(topic_id)
        return self._to_answer(topic.title, self.composer.overview(topic))

    def _fresh_answer(self, question: Question, resolved: Resolved, context_turns: list[Turn]) -> Answer:
        if question.empty and not question.injection:
            return self._to_answer("", Draft("help", wording.EMPTY))
        if question.asks_config or question.empty:
            return self._to_answer(question.text, Draft("refused", wording.REFUSED))
        previous = resolved.previous
        if resolved.intent.who_said and previous is not None:
            asks_name = resolved.intent.detail == "name"
            return self._to_answer(
                question.text, self.composer.attribution(previous.passages, name=asks_name)
            )
        name_of_the_one_told = resolved.intent.detail == "name" and asks_name_of_the_one_told(question.query)
        if name_of_the_one_told and previous is not None:
            named = self.composer.name_in(previous.passages, question.query)
            if named is not None:
                # "did their foreign minister say anything…? || whats his name again, spelling pls"
                return self._to_answer(question.text, named)
            if role_asked(question.query) not in (None, *ANYONE):
                # "why…? || how come? || whats the ministers full name?": no minister was just spoken of,
                # so it asks of the article's minister, as it would alone
                alone = self._read_alone(question.text)
                return self._fresh_answer(alone.question, alone.resolved, [])
            # "whats his name?" after what names no one: no one was spoken of
            return self._to_answer(question.text, self.composer.decline(wording.NO_ONE_NAMED, hint=False))
        if resolved.intent.words_of_last and previous is not None:
            told = next((t for t in reversed(context_turns) if t.passages), previous)
            return self._to_answer(question.text, self.composer.words_of(told.passages))
        if (absent := self._of_the_never_mentioned(question, resolved)) is not None:
            return self._to_answer(question.text, absent)
        prefer = previous.topic if previous else None
        asked = self._retrieved_by(resolved.query, resolved.intent)
        if (
            resolved.intent.why
            and not context_turns
            and not question.aside
            and self._refers_back_to_nothing(asked)
        ):
            # "why did they just ignore washington on this one", asked first: "they" are the ones the base is
            # about, and the question is measured with them in it
            asked = self._as_the_subject(asked)
        # (a remark beside a question naming the two the base is about is the asker's, not its context: "on
        # my 30 at the TA in joplin, somebody dropped that link. tldr why are pakistan n russia so cozy now")
        aside = "" if self._names_the_subject(resolved.query) else question.aside
        context = " ".join(part for part in (resolved.context, aside) if part)
        retrieval = self.retriever.search(asked, context=context, prefer_topic=prefer)
        # Only the context turns count as seen: they are part of the cache key, so the answer stays right.
        seen_points = frozenset(p for t in context_turns for p in t.key_points)
        seen_passages = frozenset(p for t in context_turns for p in t.passages)
        draft = self.composer.compose(
            resolved.query, retrieval, intent=resolved.intent, seen_points=seen_points,
            seen_passages=seen_passages, moving_on=resolved.moves_on,
        )  # fmt: skip
        draft = self._with_second_question(draft, resolved, prefer, seen_points, seen_passages)
        if draft.kind == "declined" and retrieval.unknown_names:
            draft = self._someone_else(resolved.query, retrieval.unknown_names, prefer) or draft
        readings = self._other_readings(question, resolved, context_turns) if draft.not_close else []
        for query, context, answered_only, part in readings:
            if (answered_only or part) and draft.unquoted:
                # ("I wonder how India took the news. Did New Delhi say anything officially?": asked of
                # someone the article never quotes, in any of its words; "how did india react…? anything
                # from delhi?": its last question, alone, no longer asks India)
                continue
            intent = read_intent(query)
            other = self.retriever.search(
                self._retrieved_by(query, intent), context=context, prefer_topic=prefer
            )
            attempt = self.composer.compose(
                query, other, intent=intent, seen_points=seen_points, seen_passages=seen_passages
            )
            if not attempt.not_close and (attempt.grounded or not answered_only):
                draft, retrieval = attempt, other
                break
        answer = self._to_answer(question.text, draft)
        # The writer words grounded drafts, and may answer what no sentence was close enough to offline (it
        # reads the whole article); what the article does not cover on evidence (names, dates, later events)
        # stays declined without a model call.
        if self.writer and (draft.grounded or draft.not_close):
            answer = self._rewrite(answer, question.text, draft, retrieval, context_turns)
        return answer

    def _of_the_never_mentioned(self, question: Question, resolved: Resolved) -> Draft | None:
        """A decline for a question about what the article never mentions, named elsewhere than in it:
        - a follow-up naming nothing, after a turn about it ("does it say how pakistan voted at the UN? || ok
          so how did they vote then");
        - a question set aside for the one that asks more ("does it get into the 1979 afghanistan stuff? like
          what pakistan was doing back then?"), which is still asked.
        None otherwise."""
        previous = resolved.previous
        texts = []
        if (
            previous is not None
            and not previous.passages
            and not resolved.intent.source  # ("…that Reginald circulated. || when was it published?")
            and not entities_named(resolved.query, self._entity_of)
        ):
            texts.append(previous.resolved or previous.question)
        if question.aside.rstrip().endswith("?") and _ASKS_OF.match(question.aside):
            texts.append(question.aside)  # (not a claim to check: "my colleague says only Trump, is it?")
        for text in texts:
            if absent := self.retriever.unknown_names(text):
                return self.composer.never_mentioned(absent)
        return None

    def _with_second_question(
        self,
        draft: Draft,
        resolved: Resolved,
        prefer: str | None,
        seen_points: frozenset[str],
        seen_passages: frozenset[str],
    ) -> Draft:
        """ "did washington lean on pakistan to rethink the trip?? how close to departure was that": the
        answer to the whole message, with what the last question's own answer adds."""
        parts = questions_in(resolved.query)
        if len(parts) < 2 or not draft.grounded:
            return draft
        last = parts[-1]
        retrieval = self.retriever.search(last, context=" ".join(parts[:-1]), prefer_topic=prefer)
        other = self.composer.compose(
            last, retrieval, intent=read_intent(last), seen_points=seen_points, seen_passages=seen_passages
        )
        return self.composer.joined(draft, other)

    def _relevance(self, sentence: str) -> float:
        """How close a sentence of a long message is to anything in the knowledge base (for finding its
        question)."""
        return self.retriever.closeness(sentence)

    def _rewrite(
        self, answer: Answer, question: str, draft: Draft, retrieval: Retrieval, turns: list[Turn]
    ) -> Answer:
        """Let the writer word the answer; keep the offline answer unless its citations verify."""
        assert self.writer is not None
        result = self.writer.write(question, draft, retrieval, turns)
        update: dict[str, object] = {"usage": result.usage, "model": self.writer.name}
        if result.fallback_reason is None:
            citations = [c for c in result.citations if self.verify(c)]
            if citations and len(citations) == len(result.citations):
                update |= {
                    **written_parts(result.text),
                    "grounded": True,
                    "kind": answer.kind if answer.grounded else "answer",
                    "citations": citations,
                    "sources": self._sources(citations),
                    "passages": list(dict.fromkeys(c.passage_id for c in citations)),
                    "mode": "llm",
                }
            else:
                update["fallback_reason"] = "unverified_citation"
        else:
            update["fallback_reason"] = result.fallback_reason
        return answer.model_copy(update=update)

    def verify(self, citation: Citation) -> bool:
        """True when the quote is verbatim at its offsets in its source."""
        source = self.kb.sources.get(citation.source_id)
        return source is not None and source.text[citation.start : citation.end] == citation.quote

    def _to_answer(self, question: str, draft: Draft) -> Answer:
        citations = [Citation.of(q) for q in draft.quotes]
        answer_id = hashlib.sha1(
            f"{self.kb.version}|{self.mode}|{normalised(question)}|{draft.text}".encode()
        )
        return Answer(
            id=answer_id.hexdigest()[:16],
            question=question,
            heading=draft.heading,
            lead=draft.lead,
            points=draft.statements,
            notes=list(draft.notes),
            grounded=draft.grounded,
            kind=draft.kind,
            citations=citations,
            sources=self._sources(citations),
            topic=draft.topic,
            key_points=[p.id for p in draft.points],
            passages=list(draft.passages),
            kb_version=self.kb.version,
            mode="offline",
        )

    def _sources(self, citations: list[Citation]) -> list[SourceInfo]:
        """One entry per source the citations quote, in order of first use."""
        return [source_info(self.kb, s) for s in dict.fromkeys(c.source_id for c in citations)]

    def _cache_key(self, question: str, context_turns: list[Turn]) -> str:
        model = self.writer.name if self.writer else "-"
        context = "|".join(f"{t.question}>{','.join(t.key_points)}" for t in context_turns)
        raw = f"{self.kb.version}|{ANSWER_CODE_VERSION}|{self.mode}|{model}|{normalised(question)}|{context}"
        return hashlib.sha256(raw.encode()).hexdigest()[:32]


class Reading(NamedTuple):
    """A way to read a question: its words, the context they are read in, and whether only an answer
    stands from it (not a decline)."""

    query: str
    context: str
    answered_only: bool = False
    part: bool = False  # one of the message's questions, read alone


def _usage_counts(answer: Answer) -> dict[str, float]:
    """The stats a fresh answer adds: its kind and topic, and what an LLM call cost or why it fell back."""
    counts: dict[str, float] = {f"questions:{answer.kind}": 1, f"topic:{answer.topic or 'none'}": 1}
    if answer.usage:
        counts["tokens:prompt"] = answer.usage.prompt_tokens
        counts["tokens:completion"] = answer.usage.completion_tokens
        counts["cost:usd"] = answer.usage.cost_usd
    if answer.fallback_reason:
        counts[f"fallback:{answer.fallback_reason}"] = 1
    return counts


def _cacheable(question: Question, answer: Answer) -> bool:
    """Cache what any asker of the same words should get: not help, not a reply shaped by an injection
    attempt (its clean words would otherwise be refused for everyone), not a fallback from a passing fault."""
    if answer.kind in ("help", "refused") or question.injection:
        return False
    return answer.fallback_reason not in TRANSIENT_FALLBACKS


def _code_version() -> str:
    """A hash of the code that shapes answers, so a deploy that changes it never serves older answers: every
    module of the core, the LLM adapter and the knowledge package, and the word lists the knowledge package
    reads (knowledge/data/*.txt; the knowledge base's own files are in its version)."""
    digest = hashlib.sha256()
    for name, path in answer_code_files():
        digest.update(name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def answer_code_files() -> list[tuple[str, Path]]:
    """The files `ANSWER_CODE_VERSION` hashes, each named as it is wherever the package is installed."""
    files = []
    for package in _ANSWER_CODE:
        spec = importlib.util.find_spec(package)
        for location in (spec.submodule_search_locations or []) if spec else []:
            root = Path(location)
            for path in sorted([*root.glob("*.py"), *root.glob("data/*.txt")]):
                files.append((f"{package}/{path.relative_to(root)}", path))
    return files


_ANSWER_CODE = ("bot.core", "bot.adapters.llm", "knowledge")
ANSWER_CODE_VERSION = _code_version()


def written_parts(text: str) -> dict[str, object]:
    """A writer's plain text as an answer's parts: its first paragraph leads, bullet lines become points."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    bullets = [line.lstrip("•-* ").strip() for line in lines if line[:1] in "•-*"]
    prose = [line for line in lines if line[:1] not in "•-*"]
    return {"heading": None, "lead": " ".join(prose) or None, "points": bullets}


def source_info(kb: KnowledgeBase, source_id: str) -> SourceInfo:
    """What an answer shows of one source: title, author, outlet, date."""
    return SourceInfo.of(kb.sources[source_id].meta)
