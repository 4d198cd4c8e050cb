"""The offline composer: decide from the evidence whether the article answers a question, and word the answer.

It only ever says what the article's sentences and the curated key points say, so it cannot invent. It
declines on evidence, not on unfamiliar words: when the question's subject is a name the article never
mentions, when it asks what came after the article or for an opinion, when no sentence is close to it, or when
it asks for a kind of detail (a name, a date, a figure, a duration) the closest sentences do not state — then
it says what is missing and shows what the article does say."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import replace

from bot.core import details, premises, wording
from bot.core.answer import AnswerKind
from bot.core.drafts import MAX_QUOTES, Draft, distinct, fitted, pick_quotes, quote_in
from bot.core.evidence import (
    Evidence,
    judges,
    rank_evidence,
    states_effect,
    states_reason,
    states_reply,
    tells_the_past,
    tells_years_of_effort,
)
from bot.core.intent import Intent, asks_summary, read_intent
from bot.core.source_questions import is_the_article
from bot.core.unknown_names import guessed_at, offered, remarked
from knowledge.base import KnowledgeBase, PointRef, Quote
from knowledge.models import Passage, Topic
from knowledge.retrieval import Retrieval, Retriever, entities_named, entity_words
from knowledge.text import spelled_out

# When the closest sentence answers a question. Calibrated on the labelled questions of
# tests/data/calibration.json and questions.json (bench/calibrate.py): a sentence this close in meaning
# (cosine) answers whatever its words…
SIMILAR_ENOUGH = 0.50
# …and one at least this close answers when it (or a key point from it) shares this much of the question's
# idf-weighted words. Similarity alone does not separate the two kinds of question; words alone miss
# paraphrases.
SIMILAR_FLOOR = 0.20
# Below this share of the question's words, closeness alone must clear SIMILAR_ENOUGH by this much (no case of
# the calibration, regression or blind sets changes; an off-topic question about the weather is declined).
BARE_COVERAGE = 0.1
BARE_BUMP = 0.1
COVERAGE_MIN = 0.50
# …and one whose key point, read after its source's title, is this close answers too ("were they enemies back
# in the day" ↔ "Why Pakistan and Russia are getting closer? Efforts by the two former Cold War rivals…").
# Higher than SIMILAR_ENOUGH: the title brings the subject into every point, so closeness means less.
IN_CONTEXT_ENOUGH = 0.55
# A question this close to one a key point is curated to answer is relevant. Calibrated on calibration.json
# and questions.json: 0.6 declines every unanswerable question that was declined without curated questions
# (0.55 answers one more of them); 0.65 and above find no more answers than no curated questions at all.
ASKED_ENOUGH = 0.6
# A sentence this close to a key point's curated question, within the first ASKED_WITHIN, leads in place of
# a first one that is not relevant. Measured over every set: 0.7 and 0.75 found one more answer and lost none;
# 0.65 found three more and answered six unanswerable ones (weapons bought, trade figures); 0.6 nine.
ASKED_WITHIN = 3
ASKED_LEADS = 0.75
# A "what X" question whose first sentence is this close in meaning asks about it, whatever its word for X
# ("what economic beef does pakistan have with the US?"), unless it asks for specifics. 0.5, 0.55 and 0.6 all
# found one more answer over every set and lost none; the highest is kept.
FOCUS_CLOSE = 0.6
# In a thread the article already answered, a follow-up this close (with the thread's words) is answered.
SIMILAR_IN_THREAD = 0.30
FLOOR_IN_THREAD = 0.10
# How far after "only" the thing set aside must come ("…have only imposed sanctions").
ONLY_REACH = 30
# A question this close to one of a topic's sample questions gets the topic's overview.
BROAD_SIMILARITY = 0.86
# A summary request is about another topic than the base's first when it is this much closer to that topic.
SUBJECT_MARGIN = 0.1
# Share of its words a sentence must cover to answer a question tied to an event ("…during the visit").
ANCHORED_COVERAGE = 0.6
# A sentence naming the person asked for (or having the role asked about) leads instead of the best one when
# it is among the closest three and scores at least this share of the best.
DETAIL_CANDIDATES = 3
DETAIL_SHARE = 0.9
# Asked how something turned out, a sentence judging it leads when it is among the closest this many and
# scores at least this share of the best: the article judges little, so a judgement further down answers.
JUDGING_CANDIDATES = 8
JUDGING_SHARE = 0.6
# A "who from the US…" question: the sentence speaking of the role asked for, among this many, this near.
WHO_CANDIDATES = 16
WHO_SHARE = 0.4
# A name the article mentions in at most this many sentences pins a question to them.
RARE_MENTIONS = 2
# Other sentences join the best one when they score at least this share of it, and are this close.
RELATED_SHARE = 0.75
RELATED_SIMILARITY = 0.45
# A sentence this short is read with the one after it.
SHORT_SENTENCE_WORDS = 12
# Asked for more, a sentence not yet given must score at least this share of the best one, or the thread
# already has all the article says on it.
NOTHING_MORE_SHARE = 0.8
REASON_SHARE = 0.5
# A summary request is answered with an overview when the sentence asking for it is this short (a long one
# mentioning a summary in passing asks something else).
SUMMARY_WORDS = 12
MAX_POINTS = 3
# A question about who did something ("who from the American side contacted…"), not about the source.
CORRECTION_WITHIN = 4  # a premise is refuted by a point of one of the closest sentences
# A sentence adding to what was said before it ("Pakistan was also told…"): what else there was; one that
# continues the sentence before it says so early, and comes with it when this near.
_ADDITIVE = r"(also|too|as well|in addition|moreover|furthermore)\b"
_ADDS = re.compile(rf"\b{_ADDITIVE}", re.IGNORECASE)
_CONTINUES = re.compile(rf"^([\w’'-]+\s+){{0,4}}{_ADDITIVE}", re.IGNORECASE)
CONTINUES_SHARE = 0.75
_WHO = re.compile(
    r"\bwho\b(?! (says|said|wrote))|\b(someone|somebody|anyone|anybody) (in|from|at|inside|within)\b", re.I
)
# Someone done something to, by a pronoun or a name ("…talk him out of it", "…talk Imran Khan out of it").
_TO_SOMEONE = re.compile(r"\bwho\b[^?.!]*?\s(him|her|them|[A-Z][a-z’']+ [A-Z][a-z’']+)\b")
# A sentence that does not say who acted ("Pakistan was also told…", "It…") is attributed with the one before.
_AGENTLESS = re.compile(
    r"\b(was|were|been|being|is|are)\s+(\w+\s+)?(told|asked|given|allowed|approached|urged|pressed|warned)\b|"
    r"^(it|this|that|they|he|she|but|also|however|nevertheless)\b",
    re.IGNORECASE,
)


class Composer:
    """Turns a Retrieval into a Draft using only the knowledge base's own words."""

    def __init__(self, kb: KnowledgeBase, retriever: Retriever) -> None:
        self.kb = kb
        self._tokenizer = retriever.tokenizer
        self.entity_of = entity_words(kb)  # a reader's one-word name for an entity → the entity
        self._subject = {e for source in kb.sources.values() for e in self._named_in(source.meta.title)}
        self._speakers_of = {
            ref.id: frozenset(t for name in ref.point.speakers for t in self._tokenizer.terms(name))
            for ref in kb.points
        }
        self._points_by_passage: dict[str, list[PointRef]] = {}
        for ref in kb.points:
            for passage_id in dict.fromkeys(q.passage_id for q in ref.quotes):
                self._points_by_passage.setdefault(passage_id, []).append(ref)
        self._passages = {p.id: p for s in kb.sources.values() for p in s.passages}
        self._when_words = frozenset(self._tokenizer.terms(_WHEN_WORDS))
        self._speaker_terms = frozenset(t for terms in self._speakers_of.values() for t in terms)
        # How many sentences mention each term: a name the article uses once or twice pins its sentence down.
        self._mentions: dict[str, int] = {}
        for passage in self._passages.values():
            for term in set(self._tokenizer.terms(passage.text)):
                self._mentions[term] = self._mentions.get(term, 0) + 1
        # Names as the article writes them that only a sentence or two has ("Beijing"; "China" is everywhere).
        # (a capitalised word the article also writes in lower case, "Given", "Also", is no name)
        written: dict[str, int] = {}
        lower = {w for p in self._passages.values() for w in re.findall(r"\b[a-z]{4,}\b", p.text)}
        for passage in self._passages.values():
            for word in {w.lower() for w in re.findall(r"\b[A-Z][a-z]{3,}\b", passage.text)} - lower:
                written[word] = written.get(word, 0) + 1
        self._rare_words = frozenset(
            w for w, n in written.items() if n <= RARE_MENTIONS and self._tokenizer.terms(w)
        )  # (no stopword: "Those efforts…", "Just days before…")
        # Each sentence's own two-word phrases, but names and titles ("Foreign Minister", capitalised in it).
        self._phrases_of: dict[str, frozenset[tuple[str, str]]] = {}
        for passage in self._passages.values():
            capitalised = " ".join(re.findall(r"(?<=\w )[A-Z][\w’'-]*", passage.text))
            named = set(self._tokenizer.terms(capitalised, keep_stopwords=True))
            self._phrases_of[passage.id] = frozenset(
                pair for pair in self._tokenizer.phrases(passage.text) if not set(pair) & named
            )

    def compose(
        self,
        question: str,
        retrieval: Retrieval,
        *,
        intent: Intent | None = None,
        seen_points: frozenset[str] = frozenset(),
        seen_passages: frozenset[str] = frozenset(),
        moving_on: bool = False,
    ) -> Draft:
        """Answer from the closest sentences, correct a false premise, or decline and say why.

        `seen_points`/`seen_passages` were already given in this thread; `moving_on` (a follow-up asking for
        more, or why) wants what has not been said yet, and is told so when there is nothing.
        """
        intent = intent or read_intent(question)
        if intent.opinion:
            return self.decline(wording.NO_OPINION, hint=False)
        if intent.after:
            return self.decline(wording.AFTER_THE_ARTICLE.format(date=self._published()), hint=False)
        if intent.detail == "contact":  # "he got a twitter handle?": the article gives none, whoever is asked
            return self.decline(wording.MISSING_DETAIL["contact"], hint=False)
        if intent.source:
            return self._about_source(intent)
        if intent.expands and (spelled := self._spelled_out(intent.expands.upper())) is not None:
            return spelled
        guessed: tuple[str, ...] = ()
        # "…went to Moscow? number only pls, Gaz is timing us": a name in a remark after the question is no
        # subject of it.
        unknown = tuple(name for name in retrieval.unknown_names if not remarked(question, name))
        if unknown:
            if not all(guessed_at(question, name) or offered(question, name, unknown) for name in unknown):
                return self.never_mentioned(unknown)
            # "which presidents ignored Pakistan? was it only Trump?": answered; the guess said to be absent
            guessed = unknown
        if intent.summary and len(_summary_request(question).split()) <= SUMMARY_WORDS:
            return self.overview(self._summarised(retrieval, question))
        if intent.part and (part := self._part(intent.part, retrieval)):
            return self.overview(part)
        speakers = self._speakers(intent, retrieval)
        if speakers is None:  # "what did India say": someone the article never quotes
            return replace(self.decline(), not_close=True, unquoted=True)
        # "did it go well?" prefers a sentence judging how it went, when that or the closest one is relevant.
        judgings = (True, False) if intent.judges else (False,)
        rankings = [rank_evidence(retrieval, why=intent.why, judging=judging) for judging in judgings]
        if speakers:  # "what did X say" is answered only by points X speaks in: Russia says nothing here
            rankings = [
                [e for e in ranked if any(speakers <= self._speakers_of[p.ref.id] for p in e.points)]
                for ranked in rankings
            ]
            if not any(rankings):  # "did New Delhi say anything officially?": India says nothing here
                return replace(self.decline(), not_close=True, unquoted=True)
        quoting = [e for e in rankings[0] if premises.quotes_from(question, e.passage.text)]
        if quoting:
            # "the sentence that starts with 'all these'": the asker quotes the article; that sentence leads.
            rankings = [[*quoting, *(e for e in ranked if e not in quoting)] for ranked in rankings]
        if intent.mention:
            # "is energy even mentioned?": answered by the sentences that mention it, whatever else is asked.
            subject = intent.mention
            # (a thing of several words is mentioned whole: "a gas pipeline between russia and pakistan" is
            # not mentioned by a sentence with Russia in it)
            head = self._compound(subject)
            mentioning = [
                e for e in rankings[0] if self._mentions_focus(head or subject, [e], whole=bool(head))
            ]
            if not mentioning:
                # ("is the economy covered at all?": no sentence says it, but a topic's title does)
                in_title = [
                    e
                    for e in rankings[0]
                    if e.points and self._mentions_focus(head or subject, [e], titles=True, whole=bool(head))
                ]
                if in_title:
                    return self.overview(in_title[0].points[0].ref.topic)
                return self.decline(wording.NOT_MENTIONED.format(names=subject), hint=False)
            rankings = [[*mentioning, *(e for e in rankings[0] if e not in mentioning)], *rankings[1:]]
        # ("does it mention energy at all?" is answered by a sentence mentioning it however weakly it ranks;
        # "any gas pipeline deal?" only by one mentioning all of it, in its own words: a curated keyword is no
        # mention)
        mentioned = self._tokenizer.terms(intent.mention or "")
        said = set(self._tokenizer.terms(_said(rankings[0][0]))) if rankings[0] else set()
        mentions_it = bool(mentioned) and all(t in said for t in mentioned)
        # A thread the article answered, or a request for the article's own words, leans on what is there.
        leaning = bool(seen_passages) or intent.exact_words or bool(intent.mention) or bool(quoting)
        # A sentence ranked first for the words it shares, but not close in meaning, gives way to one just
        # below it that a curated question is close to ("a one-off stunt or a long time coming?").
        rankings = [self._asked_first(r, retrieval, leaning) for r in rankings]
        ranked = rankings[0]
        # "was this trip a spur of the moment thing or had it been cooking for a while?": the sentence telling
        # how long it was worked at, wherever it ranks (the article tells it in two sentences).
        effort = self._years_of_effort(question, ranked) if intent.in_the_making else None
        if effort is not None:
            ranked = [effort, *(e for e in ranked if e is not effort)]
            rankings = [ranked]
        # ("it was the first in how many years?": the closest sentence counts years, whatever else is said)
        counts_it = effort is not None or (
            intent.detail == "number"
            and bool(ranked)
            and ranked[0].similarity >= SIMILAR_FLOOR
            and details.counts_the_thing_asked(_said(ranked[0]), question)
        )
        # ("whats the officials name?": the closest sentence speaks of that official, named or not)
        role = details.role_asked(question) if intent.detail == "name" else None
        names_it = (
            role not in (None, *details.ANYONE)
            and bool(ranked)
            and ranked[0].coverage >= COVERAGE_MIN
            and details.mentions_role(_said(ranked[0]), role)
        )
        # ("was washington ok with the trip?": a premise a point near it refutes, in words it may not share)
        corrects_it = any(
            e.similarity >= SIMILAR_FLOOR and e.coverage >= BARE_COVERAGE and self._correction(question, [e])
            for e in ranked[:CORRECTION_WITHIN]
        )
        if not (counts_it or names_it or corrects_it or mentions_it) and not any(
            r and (self._relevant(r[0], retrieval, follows_up=leaning) or self._shares_phrase(question, r[0]))
            for r in rankings
        ):
            return replace(self.decline(), not_close=True)
        known = set(self._tokenizer.terms(intent.besides or ""))
        if known:
            # "beyond reconsidering the trip, was anything else asked?": not the sentence of what is set aside
            # (a sentence listing it among others stays: "besides energy" → "defence, intelligence sharing…")
            ranked = [
                e
                for e in ranked
                if len(known & set(self._tokenizer.terms(_said(e)))) * 2 < len(known)
                or details.enumerates(e.passage.text)
                or self._only(e.passage.text, known)
            ] or ranked
            # ("what has the west done to stop moscow? anything besides sanctions": "…have only imposed
            # sanctions and do not have other means…" — nothing else, in so many words)
            only = [e for e in ranked[:JUDGING_CANDIDATES] if self._only(e.passage.text, known)]
            # ("what did the us want pakistan to do besides skip the trip": "Pakistan was also told to…")
            ranked = (
                [*only, *(e for e in ranked if e not in only)]
                if only
                else (
                    _led_by(
                        ranked,
                        lambda e: bool(_ADDS.search(e.passage.text)),
                        candidates=JUDGING_CANDIDATES,
                        share=JUDGING_SHARE,
                    )
                    or ranked
                )
            )
        if moving_on and seen_passages:
            # A reason already given in the thread's last sentence ("…since it thinks…", "not an easy
            # decision… against the backdrop of possible implications") still answers "why?".
            fresh = [
                e
                for e in ranked
                if e.passage.id not in seen_passages
                or (intent.why and e.gives_cause)
                or (intent.effect and states_effect(e.passage.text))
            ]
            if not fresh or not self._more_on(fresh[0], ranked[0], seen_points, same_topic=intent.more):
                return self._nothing_more(seen_points)
            ranked = fresh
        best = ranked[0]
        asks_who = bool(_WHO.search(question))
        # Whom the question, its thread and the thread's answers named ("who went to moscow? || who tried to
        # talk them out of it"), worked out only for a who-question.
        spoken: set[str] | None = None

        def spoken_of(name: str) -> bool:
            nonlocal spoken
            if spoken is None:
                told = " ".join(ref.point.text for p in seen_points if (ref := self.kb.point(p)))
                spoken = {*retrieval.terms, *retrieval.context_terms, *self._tokenizer.terms(told)}
            return bool(spoken.intersection(self._tokenizer.terms(name)))

        who = details.role_of_who(question) if asks_who else None
        if who and who not in details.ANYONE:
            # "who in the US pushed pakistan to call off the trip?": the closest sentence that says who (the
            # official), if near; "who in the Pakistani govt defended it?": the minister.
            # ("who reached out from the us side": the one sentence of a US official, though "reach-out" is
            # in another; the role asked for is seldom in the article, so one further down still answers)
            ranked = (
                _led_by(
                    ranked, lambda e: details.mentions_role(e.passage.text, who), candidates=WHO_CANDIDATES,
                    share=WHO_SHARE,
                )
                or _preferring(ranked, details.mentions_a_role)
            )  # fmt: skip
            best = ranked[0]
        elif asks_who and who is None and _TO_SOMEONE.search(question):
            # "who tried to talk him out of going?": someone who did something to a person; a sentence saying
            # who by a role (not the one spoken of), when near
            ranked = _preferring(ranked, lambda text: details.mentions_someone_else(text, spoken_of))
            best = ranked[0]
        if intent.now and best.similarity < SIMILAR_ENOUGH and not leaning and best.coverage < COVERAGE_MIN:
            # "Who's the PM now?": nothing in the article is close, so it asks about our present, not its. In
            # a thread the article answered, "now" sets the article's present against its past.
            return self.decline(wording.AFTER_THE_ARTICLE.format(date=self._published()), hint=False)
        if (
            intent.focus
            # (a who-question is answered by who it was: "who from the US side reached out? like what level")
            and not (who and who not in details.ANYONE)
            and (best.coverage < COVERAGE_MIN or intent.which_ones)
            # (a kind asked of a sentence whose point a curated question is this close to is asked in other
            # words: "what sort of arrangements has the US made with India?" — its "defence agreements"; not
            # "any concrete energy projects?", which asks for things to be named)
            and (best.asked < ASKED_LEADS or not _A_KIND.search(question))
            and (best.similarity < FOCUS_CLOSE or _SPECIFICS.search(question))
            and not self._mentions_focus(intent.focus, ranked[:2])
        ):
            # "Which agreements did Imran Khan sign in Moscow?": the closest sentences share few of the
            # question's words and mention no agreements.
            return self.decline(wording.NOT_WHICH.format(what=intent.focus))
        if intent.during and not self._anchored(intent.during, best):
            return self.decline()  # "signed during the visit": no sentence says what happened at the visit
        if intent.reply:
            # "and what did they say back?": a sentence telling how they answered, when near.
            ranked = _preferring(ranked, states_reply)
            best = ranked[0]
        if intent.exact_words:
            # ("quote the bit about beijing": the sentence saying "Beijing", not the one about China by name)
            return self._exact_words(_preferring(ranked, lambda text: self._says_literally(question, text)))
        titled = intent.speaker and not is_the_article(intent.speaker)
        if details.role_missing(question, _said(best)):
            # "who was the minister who defended the trip?": a sentence nearly as close may have the minister.
            ranked = _led_by(ranked, lambda e: not details.role_missing(question, _said(e)))
            if not ranked:
                return self.decline()
            best = ranked[0]
        if titled and details.speaker_role_missing(intent.speaker or "", _said(best)):
            return self.decline()
        # (a premise the article refutes in so many words is corrected, whatever detail is asked: "india
        # signed the NPT and that's why it got nuclear tech?"; not a lone word, "any numbers we can drop in")
        refutes = corrects_it and self._correction(question, ranked, phrases=True) is not None
        if intent.detail and not refutes and not details.states(intent.detail, _said(best), question):
            # "which minister defended the trip?" is answered by the sentence naming Qureshi, not by "The
            # government justified the visit". Only a name: a nearby sentence's figure ("in 23 years") or time
            # is seldom the one asked about.
            # (not when the closest speaks of the one asked about without their name: "did someone from the us
            # call pakistan? || who exactly?" is not answered by another sentence's "Imran Khan")
            stating = (
                _led_by(ranked, lambda e: details.states("name", _said(e), question))
                if intent.detail == "name" and not (who and details.mentions_role(best.passage.text, who))
                else []
            )
            if not stating:
                return self._near_miss(intent, question, best)
            ranked, best = stating, stating[0]
        if intent.detail == "agreement" and not refutes and not self._names_all(retrieval.entities, best):
            # "what did imran khan sign in moscow?": the article's agreements are the US's with India.
            return self._near_miss(intent, question, best)
        if intent.which_ones and (counted := details.unnamed(best.passage.text)):
            # "the US signed several defence agreements — which ones specifically?": it does not name them.
            return self._near_miss(intent, question, best, missing=wording.NOT_WHICH.format(what=counted))
        if details.only_restates(question, best.passage.text) or details.names_nobody(question, _said(best)):
            return self._near_miss(replace(intent, detail="name"), question, best)
        if intent.judges:
            # "is it good for Pakistan?": a judgement nearly as close ("…did the right thing") answers it.
            ranked = _preferring(ranked, judges)
        if intent.effect:
            # "what did all those grievances add up to?": a sentence telling what they led to, when near.
            ranked = _preferring(ranked, states_effect)
        if intent.past_relation:
            # "were pak and russia always buddies?": a sentence telling how they stood before, naming no one
            # else ("the two former Cold War rivals", not "For decades, Pakistan remained the US ally").
            # The article tells the past in few sentences: one anywhere in the ranking answers.
            asked = {self.entity_of.get(t, t) for t in retrieval.entities}
            past = [
                e
                for e in ranked
                if tells_the_past(e.passage.text) and self._named_in(e.passage.text) <= asked
            ]
            ranked = [*past[:1], *(e for e in ranked if e not in past[:1])]
        if intent.allied:
            # "so who was pakistan with then": a sentence telling whose ally it was, when near
            ranked = _preferring(ranked, lambda text: bool(_ALLIED.search(text)))
        if _ASKS_LIST.search(question):
            # "what stuff are they going to work together on, list pls": a sentence listing things, when near.
            ranked = _preferring(ranked, details.enumerates)
        best = ranked[0]
        correction = self._correction(question, ranked)
        if correction:
            # …and what the sentence closest in meaning says, when it is another point: "US was fine w/ it —
            # correct?" is refuted by the request to reconsider, and answered by "Pakistan politely said 'no'"
            others = [e for e in ranked[:CORRECTION_WITHIN] if e.points and e.points[0].ref != correction]
            beside = [max(others, key=lambda e: e.similarity).points[0].ref] if others else []
            return self._draft("correction", [correction, *beside], lead=wording.CORRECTION_LEAD)
        broad = self._broad_topic(retrieval, why=intent.why)
        if broad is not None and not seen_points and not intent.detail and not intent.degree and not asks_who:
            return self.overview(broad)
        skip = seen_points if moving_on and intent.more else frozenset()
        draft = self._answer(
            best, ranked[1:], skip=skip, why=intent.why, who=who, someone=spoken_of if asks_who else None
        )
        if intent.now:  # the article's present is not ours: say when "now" was
            draft = replace(draft, notes=(wording.AS_OF.format(date=self._published()),))
        if guessed:
            draft = replace(draft, notes=(*draft.notes, wording.NOT_MENTIONED.format(names=_listed(guessed))))
        return draft

    def overview(self, topic: Topic) -> Draft:
        """A topic's summary with its first key points and their quotes (slash commands, broad questions)."""
        points = list(self.kb.points_of(topic.id))[:MAX_POINTS]
        return self._draft("answer", points, lead=topic.summary)

    def never_mentioned(self, names: tuple[str, ...]) -> Draft:
        """A decline for a question about names the article never mentions: "The article doesn't mention
        Modi"."""
        return self.decline(wording.NOT_MENTIONED.format(names=_listed(names)))

    def decline(self, reason: str = wording.NOT_COVERED, *, hint: bool = True) -> Draft:
        """The article does not answer this: say so, and (with `hint`) what it does cover."""
        if not hint:
            return Draft("declined", reason)
        covered = "; ".join(t.title for t in self.kb.topics if t.command)
        return Draft("declined", f"{reason} {wording.NOT_COVERED_HINT.format(topics=covered)}")

    # --- answers ----------------------------------------------------------------------------------------

    def _answer(
        self,
        best: Evidence,
        rest: list[Evidence],
        *,
        skip: frozenset[str] = frozenset(),
        why: bool = False,
        who: str | None = None,
        someone: Callable[[str], bool] | None = None,
    ) -> Draft:
        """Lead with the sentence that answers; then up to two close supporting sentences. A short sentence
        brings the one after it ("The government justified the visit." is explained by the next)."""
        chosen = [best]
        following = self._following(best.passage)
        if following is not None and len(best.passage.text.split()) < SHORT_SENTENCE_WORDS:
            chosen += [e for e in rest if e.passage.id == following.id][:1]
        elif following is not None and _CONTINUES.match(following.text):
            # "…asked Pakistan to reconsider the visit. Pakistan was also told to take a clear stance…": the
            # sentence adding to it comes with it, when it too is near the question
            chosen += [
                e for e in rest if e.passage.id == following.id and e.score >= CONTINUES_SHARE * best.score
            ][:1]
        for other in rest:
            if len(chosen) >= MAX_QUOTES:
                break
            close = other.score >= RELATED_SHARE * best.score and other.similarity >= RELATED_SIMILARITY
            if close and other not in chosen:
                chosen.append(other)
        points: list[PointRef] = []
        quotes: list[Quote] = []
        for item in chosen:
            fresh = [h.ref for h in item.points if h.ref.id not in skip]
            if why:  # of the points from this sentence, the one quoting its reason ("in order to counter…")
                fresh.sort(key=lambda r: not states_reason(quote_in(item.passage, r).text))
            elif who:  # …or the one quoting the role asked about ("…a senior Biden administration official")
                fresh.sort(key=lambda r: re.search(rf"\b{who}", quote_in(item.passage, r).text, re.I) is None)
            elif someone:  # …or, asked who without a role, the one quoting the role of someone not `known`
                fresh.sort(
                    key=lambda r: not details.mentions_someone_else(quote_in(item.passage, r).text, someone)
                )
            ref = fresh[0] if fresh else None
            if ref is not None and ref not in points:
                points.append(ref)
            quotes.append(quote_in(item.passage, ref))
        # A point's other quotes back it too ("…he was convinced it was right"), room allowing.
        quotes += [q for p in points for q in p.quotes]
        if not points:  # no curated point says this (that is new here): the sentence speaks for itself
            topic = next((h.ref.topic.id for item in chosen for h in item.points), None)
            return Draft("answer", wording.PASSAGE_LEAD, (), distinct(quotes), topic, passages=_ids(chosen))
        return fitted(Draft("answer", None, tuple(points), distinct(quotes), points[0].topic.id,
                               heading=points[0].topic.title, passages=_ids(chosen)))  # fmt: skip

    def _exact_words(self, ranked: list[Evidence]) -> Draft:
        """The article's own sentence (and the next closest, when nearly as close)."""
        chosen = [ranked[0], *(e for e in ranked[1:2] if e.score >= 0.9 * ranked[0].score)]
        quotes = tuple(quote_in(e.passage, None) for e in chosen)
        topic = chosen[0].points[0].ref.topic.id if chosen[0].points else None
        return Draft("answer", wording.EXACT_WORDS, (), quotes, topic, passages=_ids(chosen))

    def _near_miss(self, intent: Intent, question: str, best: Evidence, *, missing: str = "") -> Draft:
        """The article has the subject but not the detail asked for (`missing` says which, else the intent's
        detail does), and what it does say."""
        if not missing:
            assert intent.detail is not None
            missing = wording.MISSING_DETAIL[intent.detail]
            if intent.detail == "name":
                role = details.role_asked(question)
                missing = wording.MISSING_NAME.format(who=f"the {role}" if role else "them")
        return self._missing(missing, best.passage, best.points[0].ref if best.points else None)

    def _missing(self, missing: str, passage: Passage, ref: PointRef | None) -> Draft:
        """A decline saying what is missing, with what the article does say: the sentence (and its point)."""
        quote = quote_in(passage, ref)
        return Draft("declined", f"{missing} {wording.WHAT_IT_SAYS}", (ref,) if ref else (), (quote,),
                     ref.topic.id if ref else None, passages=(passage.id,))  # fmt: skip

    def words_of(self, passage_ids: list[str]) -> Draft:
        """The article's own sentences for what the thread was last told ("can I get the exact line?")."""
        passages = [self._passages[p] for p in passage_ids if p in self._passages][:2]
        if not passages:
            return self.decline()
        refs = self._points_by_passage.get(passages[0].id, [])
        return self._sentences(passages, wording.EXACT_WORDS, refs[0].topic.id if refs else None)

    def attribution(self, passage_ids: list[str], *, name: bool = False) -> Draft:
        """Who says what the thread was last told ("says who?"): the article's author, in the article's words,
        which name anyone the author reports it from. Asked for a name ("who said that? need a name") the
        sentence does not give, it says so."""
        passages = [self._passages[p] for p in passage_ids if p in self._passages][:2]
        if not passages:
            return self.decline()
        role = details.unnamed_role(passages[0].text) if name else None
        if role:
            # "a senior Biden administration official approached…" — "who said that tho? need a name"
            refs = self._points_by_passage.get(passages[0].id, [])
            missing = wording.MISSING_NAME.format(who=f"the {role}")
            return self._missing(missing, passages[0], refs[0] if refs else None)
        before = self._preceding(passages[0])
        if before is not None and _AGENTLESS.search(passages[0].text) and before not in passages:
            passages = [before, passages[0]]  # "Pakistan was also told…": the sentence before says by whom
        meta = self.kb.sources[passages[0].source_id].meta
        lead = wording.ATTRIBUTION.format(
            author=meta.author, outlet=meta.outlet, date=f"{meta.published:%-d %B %Y}"
        )
        refs = self._points_by_passage.get(passages[0].id, [])
        return self._sentences(passages, lead, refs[0].topic.id if refs else None)

    def name_in(self, passage_ids: list[str], question: str) -> Draft | None:
        """ "whats his name again?" after an answer: the point of the sentence just given that names the one
        asked about, or a decline saying it does not name them ("the official"); None when neither."""
        passages = [self._passages[p] for p in passage_ids if p in self._passages]
        role = details.role_asked(question)
        # ("the persons actual name" after "a senior Biden administration official approached…": asked of
        # anyone, it is the one just told of without a name, since one with a name was given by it)
        unnamed_first = role is None or role in details.ANYONE
        for check in ("unnamed", "named") if unnamed_first else ("named", "unnamed"):
            for passage in passages:
                refs = self._points_by_passage.get(passage.id, [])
                if check == "named" and refs and details.names_one_in_a_role(passage.text, role):
                    return self._draft("answer", [refs[0]])
                if check == "unnamed" and (unnamed := details.unnamed_role(passage.text)):
                    missing = wording.MISSING_NAME.format(who=f"the {unnamed}")
                    return self._missing(missing, passage, refs[0] if refs else None)
        return None

    def _mentions_focus(
        self, focus: str, closest: list[Evidence], *, titles: bool = False, whole: bool = False
    ) -> bool:
        """Whether the closest sentences (or their key points, with their curated keywords) mention the thing
        a "which X" question asks about. Question words that carry no content ("which way") pass. With
        `titles`, the title of their points' topic counts too: "is the economy covered at all?" is answered by
        "Economic pressure — FATF and IMF", though no sentence says "economy". With `whole`, every word of it
        must be mentioned ("water cooperation" is not mentioned by "cooperation")."""
        asked = self._tokenizer.terms(focus)
        if not asked:
            return True
        said = {t for e in closest for t in self._tokenizer.terms(_said(e))}
        if titles:
            titled = [h.ref.topic.title for e in closest for h in e.points[:1]]
            said |= {t for title in titled for t in self._tokenizer.terms(title)}
        keywords = [k for e in closest for h in e.points[:2] for k in h.ref.point.keywords]
        curated = {t for k in keywords for t in self._tokenizer.terms(k)}
        # In what is said, a shared stem of four letters or more counts ("tech" is "technologies"); a curated
        # keyword must be the word itself ("agree", kept for "did Pakistan agree?", is not "agreements").
        found = (a in said or a in curated or any(_same_stem(a, s) for s in said) for a in asked)
        # (a thing asked whether it is mentioned is mentioned whole: "water cooperation" is not "cooperation")
        return all(found) if whole else any(found)

    def _only(self, sentence: str, known: set[str]) -> bool:
        """Whether a sentence says that only what is set aside was done ("…have only imposed sanctions…")."""
        return any(
            known & set(self._tokenizer.terms(sentence[m.end() : m.end() + ONLY_REACH]))
            for m in _ONLY.finditer(sentence)
        )

    def _compound(self, subject: str) -> str | None:
        """The thing of several words a subject opens with, each of content ("water cooperation", "gas
        pipeline" of "a gas pipeline between russia and pakistan"): mentioned only whole. None for a single
        word, or words with others between them ("risks they were weighing"), any of which the article may
        put in its own words."""
        words = re.findall(r"[\w'’-]+", subject)
        # (whose it is, "Pakistan's money troubles", is not part of the thing)
        while words and (words[0].lower() in _DETERMINERS or re.search(r"['’]s$", words[0])):
            words.pop(0)
        head = list(itertools.takewhile(lambda w: bool(self._tokenizer.terms(w)), words))
        return " ".join(head) if len(head) > 1 else None

    def _anchored(self, event: str, best: Evidence) -> bool:
        """A question tied to an event ("…during the visit", "…while he was in Moscow") is answered only by a
        sentence about that event which also covers most of what the question asks about it."""
        about = set(self._tokenizer.terms(event)) & set(self._tokenizer.terms(_said(best)))
        return bool(about) and best.coverage >= ANCHORED_COVERAGE

    def _more_on(
        self, fresh: Evidence, best: Evidence, seen_points: frozenset[str], *, same_topic: bool
    ) -> bool:
        """Whether a sentence not yet given says more on the thread's subject: nearly as close to the
        question,
        and, for "what else", in a topic the thread's points were in (a reason may come from anywhere)."""
        if fresh.score < (NOTHING_MORE_SHARE if same_topic else REASON_SHARE) * best.score:
            return False
        if not same_topic:
            return True
        seen_topics = {p.split("/")[0] for p in seen_points}
        return not fresh.points or not seen_topics or any(h.ref.topic.id in seen_topics for h in fresh.points)

    def _following(self, passage: Passage) -> Passage | None:
        """The next sentence of the same paragraph, if any."""
        return self._neighbour(passage, 1)

    def _preceding(self, passage: Passage) -> Passage | None:
        """The sentence before, in the same paragraph, if any."""
        return self._neighbour(passage, -1)

    def _neighbour(self, passage: Passage, step: int) -> Passage | None:
        paragraph = [
            p for p in self.kb.sources[passage.source_id].passages if p.paragraph == passage.paragraph
        ]
        index = next(i for i, p in enumerate(paragraph) if p.id == passage.id) + step
        return paragraph[index] if 0 <= index < len(paragraph) else None

    def _relevant(self, best: Evidence, retrieval: Retrieval, *, follows_up: bool = False) -> bool:
        """Close enough in meaning; or fairly close and sharing the question's words; or naming, like the
        question, something the article mentions only once or twice (NPT, FATF, Qureshi) — a name the
        embedding may not know, so closeness in meaning does not count then ("whats the fatf angle"). A
        follow-up to an answer ("was it worth it in the end?") leans on its thread: a lower bar."""
        rare = self._rare(retrieval)
        said = set(self._tokenizer.terms(_said(best)))
        names_them = bool(rare) and all(e in said for e in rare)
        if names_them and best.coverage >= COVERAGE_MIN:
            return True
        # A sentence sharing none of a fresh question's words must be closer in meaning: "what's the
        # weather in islamabad" is 0.53 from "the US attitude towards Pakistan became very cold".
        bare = not follows_up and best.coverage < BARE_COVERAGE
        if best.similarity >= (SIMILAR_IN_THREAD if follows_up else SIMILAR_ENOUGH) + (
            BARE_BUMP if bare else 0
        ):
            return True
        if not follows_up and best.in_context >= IN_CONTEXT_ENOUGH + (BARE_BUMP if bare else 0):
            return True
        if best.asked >= ASKED_ENOUGH:
            return True
        if best.similarity < (FLOOR_IN_THREAD if follows_up else SIMILAR_FLOOR):
            return False
        return best.coverage >= COVERAGE_MIN or names_them

    def _asked_first(self, ranked: list[Evidence], retrieval: Retrieval, leaning: bool) -> list[Evidence]:
        if not ranked or self._relevant(ranked[0], retrieval, follows_up=leaning):
            return ranked
        asked = next((e for e in ranked[1:ASKED_WITHIN] if e.asked >= ASKED_LEADS), None)
        return [asked, *(e for e in ranked if e is not asked)] if asked else ranked

    def _says_literally(self, question: str, sentence: str) -> bool:
        """Whether a sentence has, as written, every rare name the question uses ("Beijing", not "China")."""
        asked = [w for w in re.findall(r"[a-z]{4,}", question.lower()) if w in self._rare_words]
        return bool(asked) and all(re.search(rf"\b{w}", sentence, re.I) for w in asked)

    def _shares_phrase(self, question: str, best: Evidence) -> bool:
        """Whether the question has two content words side by side as the sentence does ("formal alliance,
        strategic partnership, or short of that?"): the article's own phrase, whatever else is around it."""
        return bool(self._tokenizer.phrases(question) & self._phrases_of.get(best.passage.id, frozenset()))

    def _years_of_effort(self, question: str, ranked: list[Evidence]) -> Evidence | None:
        """The closest sentence telling how many years something was worked at, naming whom the question
        names beside the ones the base is about ("was the ukraine war a one-off?" is not about the visit)."""
        others = self._named_in(question) - self._subject
        return next(
            (
                e
                for e in ranked
                if tells_years_of_effort(e.passage.text) and others <= self._named_in(e.passage.text)
            ),
            None,
        )

    def _named_in(self, text: str) -> set[str]:
        return entities_named(text, self.entity_of)

    def _names_all(self, entities: tuple[str, ...], evidence: Evidence) -> bool:
        """Whether a sentence (or its point) names everyone the question names."""
        said = set(self._tokenizer.terms(_said(evidence)))
        return all(e in said for e in entities)

    def _rare(self, retrieval: Retrieval) -> list[str]:
        """The question's entities the article mentions only once or twice."""
        return [e for e in retrieval.entities if self._mentions.get(e, 0) <= RARE_MENTIONS]

    def _nothing_more(self, seen_points: frozenset[str]) -> Draft:
        # In the knowledge base's order: a set's own order changes from one process to the next.
        refs = [ref for ref in self.kb.points if ref.id in seen_points][:MAX_POINTS]
        if not refs:
            return self.decline()
        return self._draft("answer", refs, lead=wording.NOTHING_MORE)

    def _about_source(self, intent: Intent) -> Draft:
        """Questions about the article itself: its author, outlet and date, headline, first or last
        sentence."""
        source = next(iter(self.kb.sources.values()))
        front = [p for p in source.passages if not p.body]
        body = [p for p in source.passages if p.body]
        # (the source's own topic, so "and his title?" after "is this the kamran yousaf piece?" asks of it)
        about = [t for t in self.kb.topics if t.command is None and t.id.startswith("about")]
        topic = about[0].id if about else None
        if intent.source == "headline" and front:
            return self._sentences([front[0]], wording.HEADLINE, topic)
        if intent.source == "cited" and front:
            by, outlet = source.meta.author, source.meta.outlet
            lead = wording.HEADLINE_CITED.format(author=by, outlet=outlet, date=self._published())
            return self._sentences([front[0]], lead, topic)
        if intent.source == "headlines" and len(front) > 1:
            return self._sentences(front[:2], wording.HEADLINES, topic)
        if intent.source == "standfirst" and len(front) > 1:
            return self._sentences([front[1]], wording.STANDFIRST, topic)
        if intent.source == "first" and body:
            return self._sentences([body[0]], wording.FIRST_SENTENCE)
        if intent.source == "last" and body:
            return self._sentences([body[-1]], wording.LAST_SENTENCE)
        refs = list(self.kb.points_of(topic)) if topic else []
        if intent.source == "date":
            refs = [r for r in refs if "date" in r.point.id] or refs
        elif intent.source == "author":
            refs = [r for r in refs if "author" in r.point.id] or refs
        elif intent.source == "byline":
            refs = [r for r in refs if "author" in r.point.id or "date" in r.point.id] or refs
        if not refs:
            meta = source.meta
            return Draft("answer", f"{meta.label()}.", topic=None)
        return self._draft("answer", refs[:MAX_POINTS])

    def _spelled_out(self, acronym: str) -> Draft | None:
        """ "What does NSG stand for?": the words the article gives for it, in its sentence; when the article
        uses it without spelling it out, it says so and shows where. None for an acronym it never uses."""
        mentioning = [p for p in self._passages.values() if re.search(rf"\b{re.escape(acronym)}\b", p.text)]
        for passage in mentioning:
            words = spelled_out(acronym, passage.text)
            if words:
                return self._sentences([passage], wording.STANDS_FOR.format(acronym=acronym, words=words))
        if not mentioning:
            return None
        refs = self._points_by_passage.get(mentioning[0].id, [])
        return self._missing(
            wording.NOT_SPELLED_OUT.format(acronym=acronym), mentioning[0], refs[0] if refs else None
        )

    def _sentences(self, passages: list[Passage], lead: str, topic: str | None = None) -> Draft:
        """The article's own sentences, whole, after a lead ("The headline:", "The article's words:")."""
        quotes = tuple(quote_in(p, None) for p in passages)
        return Draft("answer", lead, (), quotes, topic, passages=tuple(p.id for p in passages))

    # --- checks -----------------------------------------------------------------------------------------

    def _correction(self, question: str, ranked: list[Evidence], *, phrases: bool = False) -> PointRef | None:
        """A key point among the closest that refutes a premise the question states ("cancel").

        Premises are matched as words, not stems: "back in the day" states nothing "backed" would refute;
        each premise lists the forms it refutes (cancel, cancelled, canceled…).
        """
        asked = premises.claimed(question)
        for item in ranked[:CORRECTION_WITHIN]:
            for hit in item.points:
                corrects = [p for p in hit.ref.point.corrects if " " in p or not phrases]
                if any(premises.states(asked, premise) for premise in corrects):
                    return hit.ref
        return None

    def _speakers(self, intent: Intent, retrieval: Retrieval) -> frozenset[str] | None:
        """The named entities a "what did X say/think…" question asks about: empty when it is not one (or X is
        the article), None when X is no one the base knows."""
        if intent.speaker is None or is_the_article(intent.speaker):
            return frozenset()
        terms = frozenset(self._tokenizer.terms(intent.speaker))
        named = terms & frozenset(retrieval.entities)
        if terms and not named and not terms & self._speaker_terms:
            return None
        return named

    def _summarised(self, retrieval: Retrieval, question: str) -> Topic:
        """The topic a summary asks for: the base's first, unless the request names a subject another topic
        is about: an entity ("the india angle, tldr") or a word of that topic's title or keywords ("explain
        the economic angle"; "summarise the article" names no subject, though it is closest to the source)."""
        first = self.kb.topics[0]
        if not retrieval.topics:
            return first
        topic_id, similarity = max(retrieval.topics.items(), key=lambda kv: kv[1])
        topic = self.kb.topic(topic_id) or first
        subject = set(self._tokenizer.terms(" ".join([topic.title, *topic.keywords])))
        named_subject = retrieval.entities or subject & set(self._tokenizer.terms(question))
        named = named_subject and similarity - retrieval.topics.get(first.id, 0.0) >= SUBJECT_MARGIN
        return topic if named else first

    def _part(self, subject: str, retrieval: Retrieval) -> Topic | None:
        """The topic a request for one part of the story asks for ("the economic angle", "the us part"): the
        closest topic, when its title or keywords have the subject's word; none for a subject no topic is
        about ("the history bit" is answered from the closest sentences)."""
        if not retrieval.topics:
            return None
        topic = self.kb.topic(max(retrieval.topics.items(), key=lambda kv: kv[1])[0])
        if topic is None:
            return None
        words = set(self._tokenizer.terms(" ".join([topic.title, *topic.keywords])))
        return topic if words & set(self._tokenizer.terms(subject)) else None

    def _broad_topic(self, retrieval: Retrieval, *, why: bool = False) -> Topic | None:
        """The topic a broad question asks for: one whose sample question it is close to in meaning; or, for a
        why-question whose only words the article uses (but for when) name the ones the topic's title names,
        that topic ("why r pakistan and russia like besties now??": its other words, which the model knows
        less well, say nothing the article could narrow the answer by)."""
        if not retrieval.topics:
            return None
        topic_id, similarity = max(retrieval.topics.items(), key=lambda kv: kv[1])
        topic = self.kb.topic(topic_id)
        if topic is None or similarity >= BROAD_SIMILARITY:
            return topic
        if not why:
            return None
        asked = {self.entity_of.get(t, t) for t in retrieval.terms if t in self._mentions} - self._when_words
        return topic if asked and asked == self._named_in(topic.title) else None

    def _published(self) -> str:
        meta = next(iter(self.kb.sources.values())).meta
        return f"{meta.published:%-d %B %Y}"

    # --- wording ----------------------------------------------------------------------------------------

    def _draft(self, kind: AnswerKind, points: list[PointRef], *, lead: str | None = None) -> Draft:
        quotes = pick_quotes(points)
        passages = tuple(dict.fromkeys(q.passage_id for q in quotes))
        draft = Draft(kind, lead, tuple(points), quotes, points[0].topic.id, heading=points[0].topic.title,
                      passages=passages)  # fmt: skip
        return fitted(draft)

    def joined(self, draft: Draft, other: Draft) -> Draft:
        """An answer to a message that asks two things: the first answer, with the lead point of the answer to
        the other question when it says something new (in place of the first answer's last point if full)."""
        new = [p for p in other.points[:1] if p not in draft.points]
        if draft.kind != "answer" or other.kind != "answer" or not draft.points or not new:
            return draft
        points = (*draft.points[: MAX_POINTS - 1], *new)
        kept = [q for q in draft.quotes if any(q in p.quotes for p in points[:-1])] or list(draft.quotes[:1])
        # One quote for each point first: trimming to fit drops the extra ones before the new point's.
        quotes = distinct([*kept[: len(points) - 1], *other.quotes[:1], *kept[len(points) - 1 :]])
        passages = tuple(dict.fromkeys([*draft.passages, *other.passages[:1]]))
        return fitted(replace(draft, points=points, quotes=quotes, passages=passages))


def _led_by(
    ranked: list[Evidence],
    fits: Callable[[Evidence], bool],
    *,
    candidates: int = DETAIL_CANDIDATES,
    share: float = DETAIL_SHARE,
) -> list[Evidence]:
    """The ranking led by the first of the `candidates` closest sentences that fits what the question asks for
    (a name, a role, a judgement), when it scores at least `share` of the best; empty when none does."""
    near = [e for e in ranked[:candidates] if e.score >= share * ranked[0].score]
    leader = next((e for e in near if fits(e)), None)
    return [] if leader is None else [leader, *(e for e in ranked if e is not leader)]


def _preferring(ranked: list[Evidence], says: Callable[[str], bool]) -> list[Evidence]:
    """The ranking, led by a sentence that says what is asked for (a judgement, what something led to, who),
    when the best does not and one among the closest JUDGING_CANDIDATES scores JUDGING_SHARE of it: the
    article says such things seldom, so one further down still answers."""
    if says(ranked[0].passage.text):
        return ranked
    led = _led_by(ranked, lambda e: says(e.passage.text), candidates=JUDGING_CANDIDATES, share=JUDGING_SHARE)
    return led or ranked


def _summary_request(question: str) -> str:
    """A message's request for a summary: its first question when that asks for one ("give me this whole
    piece in a nutshell? like why are they cozy"), else all of it ("…was it good before? explain the history
    in short" asks about the history)."""
    # (what is told before it is no part of it: "someone left the paper in the kitchen, article about
    # pakistan and russia. tldr why are they…?")
    sentences = re.split(r"(?<=[.!])\s+", question)
    while len(sentences) > 1 and "?" not in sentences[0] and not asks_summary(sentences[0]):
        sentences.pop(0)
    asked = " ".join(sentences)
    first = re.split(r"(?<=\?)\s+", asked)[0]
    return first if asks_summary(first) else question


_DETERMINERS = frozenset({"a", "an", "the", "any", "some", "this", "that", "its", "their"})
# Words for when, which a why-question may add without narrowing what it asks ("why… now?", "…these days").
_WHEN_WORDS = "now nowadays lately recently recent suddenly sudden these days today currently"


def _same_stem(a: str, b: str) -> bool:
    return len(a) >= 4 and len(b) >= 4 and (a.startswith(b) or b.startswith(a))


_ONLY = re.compile(r"\b(only|no other|nothing else|do not have other|don['’]t have other)\b", re.IGNORECASE)
_ALLIED = re.compile(r"\b(ally|allies|allied|alliance|camp)\b", re.IGNORECASE)
_SPECIFICS = re.compile(r"\b(specific|particular|concrete|which)\b", re.IGNORECASE)
_ASKS_LIST = re.compile(
    r"\b(list|lists|what (kind of |kinda |sort of |sorta )?(stuff|things|areas|fields|sectors|spheres|"
    r"domains)|which (areas|fields|sectors|things))\b",
    re.IGNORECASE,
)
_A_KIND = re.compile(r"\bwhat (sort|kind|type)s? of\b", re.IGNORECASE)


def _said(evidence: Evidence) -> str:
    """Everything the evidence says: its sentence and the curated points written from it."""
    return " ".join([evidence.passage.text, *(p.ref.point.text for p in evidence.points[:1])])


def _listed(names: tuple[str, ...]) -> str:
    return " or ".join(dict.fromkeys(names))


def _ids(items: list[Evidence]) -> tuple[str, ...]:
    return tuple(e.passage.id for e in items)
