"""Reading a short follow-up against its thread: "how come?", "and china?", "what else?", "was it worth it?".

A follow-up is resolved into the question retrieval should see and the earlier words that weigh in beside it,
so it stays on the thread's subject: "and the chinese?" after "what does the US think of it?" becomes
"what does china think of it?"; "how come?" asks for the reason behind the last answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.core.answer import Turn
from bot.core.details import ANYONE, role_asked, without_titles
from bot.core.intent import Intent, asks_date_alone, read_intent
from bot.core.reading import narrowing

# A follow-up with at most this many words of its own leans on the thread for its subject.
SHORT_WORDS = 6
SOURCE_ALONE_WORDS = 4  # "source?", "says who?" with nothing before them ask whose the article is
_HIS_JOB = re.compile(
    # ("him position" is his position in Nigerian Pidgin)
    r"\b(his|her|him) (job|role|profession|position|background|title|work)\b|\bwhat does (he|she) do\b|"
    # "he is what job there? reporter or columnist?"
    r"\b(he|she) is what (job|role|position)\b|\b(reporter|columnist|journalist|blogger|writer) or "
    r"(a )?(reporter|columnist|journalist|blogger|writer|analyst)\b"
)
# A follow-up asking what came of what was just said.
_CONSEQUENCE = re.compile(
    r"\b(lead|led|leads|leading) to\b|\bresult(ed|s)? in\b|\bwhat came (of|out of)\b|\b(consequences?|"
    r"outcomes?|upshot|effects?|impact|knock-on)\b|\b(and|so) then\b|\bwhat happened (next|then|after)\b|"
    # "lol and how did that go down", "how did it turn out"
    r"\bhow did (that|it|this|they) (go|go down|turn out|play out|pan out|end up|land)\b"
)
_CHANGED = re.compile(r"\bwhat (changed|shifted|switched)\b|\bwhy did (that|it|this) change\b")
_ANYONE_DID = re.compile(
    r"\b(did|has|have|does|do|was|were|is)\s+(anyone|anybody|someone|somebody)\s+(?P<did>[^?.!]{3,80})", re.I
)
_NOT = re.compile(r"\b(not|never|no)\b|n[’']t\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_PRONOUNS = frozenset({"he", "she", "him", "her"})  # "they" are seldom one person
# A person named by a role ("the foreign minister", "a senior official") or a full name ("Imran Khan").
_ROLE_PHRASE = re.compile(
    r"\b(?:(foreign|prime|finance|senior|us|american|russian|pakistani|chinese|indian) )?(minister|official|"
    r"president|leader|envoy|ambassador|diplomat|spokesman|spokesperson|author|writer|correspondent)\b",
    re.IGNORECASE,
)
# A follow-up that only presses for an answer to the last question: "anything at all?", "nothing?", "not
# even a line?"
_PRESSES = re.compile(
    r"^(and |so |but |ok |okay |hmm |really )*(anything|nothing|something|none|any of it|not even (a|one) "
    r"(word|line|thing|mention|peep))( at all| whatsoever| on (it|that|this))?( then)?$"
)
# A verb of something done, in the past: "…that approached them", "…who called".
_DONE = re.compile(r"\b(?!need)\w{3,}ed\b")
_EARLIER_ONE = re.compile(r"\b(previous|prior|last time|before|earlier|the last one)\b")
_FULL_NAME = re.compile(r"\b[A-Z][a-z’']+(?: [A-Z][a-z’']+)+\b")
_ASKS_WHO = re.compile(r"^\W*(and |so |ok |okay |but )*(who|whom)\b")  # a question asking who
_ONE_PERSON = re.compile(r"\b(he|his|him)\b", re.IGNORECASE)  # ("her" is seldom anyone here)
_PERSON = re.compile(r"\b(he|his|him|she|her|hers|(that|this|the) (guy|person|man|woman|bloke|dude))\b")
_ABOUT_SOURCE = {
    "where": "outlet",
    "who": "author",
    "when": "date",
    "by whom": "author",
    "which paper": "outlet",
    "date": "date",
    "what date": "date",
    # "role?", "and his job?" after being told who wrote it
    **dict.fromkeys(("role", "job", "position", "title", "beat", "background", "credentials"), "author"),
}
# "where?", "and date?" after an answer about the source.
_SOURCE_OPENING = re.compile(
    r"^(?:and |so |what about |how about )?(?:his |her |the )?(where|who|when|by whom|which paper|what date|"
    r"date|role|job|position|title|beat|background|credentials)\b"
)


@dataclass(frozen=True)
class Resolved:
    """What retrieval should see for one turn of a thread."""

    query: str  # the question to answer, standing alone where it can
    context: str  # earlier words of the thread that weigh in, lower
    intent: Intent
    previous: Turn | None  # the turn this one follows up on
    moves_on: bool = False  # "what else?", "how come?": answer with what the thread has not been told yet


def resolve(query: str, intent: Intent, turns: list[Turn], *, entity_of: dict[str, str]) -> Resolved:
    """The question a follow-up stands for. `entity_of` maps a reader's word to the entity it names
    ("chinese" → "china"), so "and the chinese?" can take the place of another entity in the last question."""
    previous = turns[-1] if turns else None
    if intent.about:
        # "where does china sit in all this?": what about china, with the thread weighing in lower
        before = (previous.resolved or previous.question) if previous else ""
        return Resolved(f"what about {intent.about}?", before, intent, previous)
    if previous is None:
        if intent.who_said and len(query.split()) <= SOURCE_ALONE_WORDS:
            # "source?", "says who?" opening a conversation: whose the whole article is
            intent = replace(intent, who_said=False, source="byline")
        return Resolved(query, "", intent, None)
    # (a turn the article had nothing on says nothing the follow-up is about: its decline is no context)
    said = previous.summary if previous.passages else ""
    earlier = f"{previous.resolved or previous.question} {said}".strip()
    asked = query.strip(" ?!.").lower()
    opening = _SOURCE_OPENING.match(asked)
    about_source = _ABOUT_SOURCE.get(opening.group(1)) if opening and len(asked.split()) <= 4 else None
    about_source = about_source or ("author" if _HIS_JOB.search(asked) else None)
    if (
        about_source is None
        and intent.detail != "contact"  # ("does he have a twitter i can follow?": the article gives none)
        and _PERSON.search(asked)
        and any(p.endswith("/author") for p in previous.key_points)
    ):
        about_source = "author"  # "is he legit? what's his beat", just after being told who wrote it
    if about_source and previous.topic and previous.topic.startswith("about"):
        # "where?" after "when was it published?" asks where it was published.
        return Resolved(query, "", replace(intent, source=about_source), previous)  # type: ignore[arg-type]
    asked_before = previous.resolved or previous.question
    if asks_date_alone(asked):
        # "date?" after an answer about the US approach asks when that was, not when the article ran.
        return Resolved(asked_before, "", replace(intent, source=None), previous)
    if intent.swap:
        swapped = _swap(asked_before, intent.swap, entity_of)
        if swapped is not None:
            return Resolved(swapped, "", read_intent(swapped), previous)
        # Nothing in the last question to replace ("who was pushing back on the trip?" → "n china?"): what
        # the article says of the new subject, with the thread's words weighing in lower.
        return Resolved(f"what about {intent.swap}?", asked_before, intent, previous)
    if intent.who_said:
        # "says who?" after a remark the article had nothing on asks about the last thing it did say.
        told = next((t for t in reversed(turns) if t.passages), previous)
        return Resolved(query, earlier, intent, told)
    if intent.speaker and intent.speaker.lower() in _PRONOUNS:
        person = _person_in(asked_before) or _person_in(previous.summary)
        if person is not None:
            # "what did he say about the trip?" after "who's the FM?": what did the foreign minister say.
            standing = re.sub(rf"\b{re.escape(intent.speaker)}\b", person, query, count=1)
            return Resolved(standing, asked_before, read_intent(standing), previous)
    asking_who = bool(_ASKS_WHO.match(asked))
    if (
        not intent.speaker
        and intent.detail != "name"
        and (pronoun := _ONE_PERSON.search(query))
        # (by name when the answer gave one: "which minister…? || his exact line" is Qureshi's)
        and (
            person := _titled(said, by_role=False)
            or _titled(asked_before, by_role=not asking_who)
            or _titled(said, by_role=not asking_who)
        )
    ):
        # "what was his reasoning for going ahead?" after "who's the foreign minister quoted?": the foreign
        # minister's reasoning ("who tried to talk him out of it?" by his name: the role asked is another's)
        standing = f"{query[: pronoun.start()]}{person}{'’s' if pronoun.group(0).lower() == 'his' else ''}"
        standing += query[pronoun.end() :]
        reread = read_intent(standing)
        # ("did the visit cost him his job?": what came after stays asked, whoever he is)
        reread = replace(reread, after=reread.after or intent.after, opinion=reread.opinion or intent.opinion)
        return Resolved(standing, asked_before, reread, previous)
    # "which PM went last time then?" after "…the first visit by a Pakistani leader in 23 years": the one
    # before those the thread has named, who are not the answer.
    if (
        intent.detail == "name"
        and _EARLIER_ONE.search(asked)
        and (named := ", ".join(dict.fromkeys(_FULL_NAME.findall(f"{asked_before} {previous.summary}"))))
    ):
        return Resolved(f"{query} (before {named})", asked_before, intent, previous)
    # "got a name?", "name of that guy?": the name of the one the last answer was about.
    # ("who exactly was it that approached them - a name or only a title?": who did what it says, asked of
    # the sentence that tells it, not of whom the last answer named first)
    did_what = bool(_ASKS_WHO.match(asked)) and _DONE.search(asked) is not None
    if intent.detail == "name" and (role_asked(query) or "person") in ANYONE and not did_what:
        if did := _ANYONE_DID.search(asked_before):
            # "did anyone criticise the trip? || who exactly? names…": who did that, not who the answer named
            # (the minister who defended it)
            return Resolved(f"who {did.group('did')}? {query}", asked_before, intent, previous)
        role = role_asked(previous.summary) or role_asked(asked_before)
        if role is not None:
            # "who was it exactly, got a name?" after "…through a senior Biden administration official…":
            # the name asked for is the official's.
            return Resolved(f"{query} (the {role})", asked_before, intent, previous)
    if _PRESSES.match(asked):
        # "what did india say about the visit? || anything at all?": the last question, asked again
        return Resolved(asked_before, "", read_intent(asked_before), previous)
    if len(asked.split()) <= SHORT_WORDS and (narrower := narrowing(asked)):
        # "were pak and russia always on good terms? || like historically": the question again, narrowed
        narrowed = f"{asked_before.rstrip(' ?!.')} {narrower}?"
        mentioned = read_intent(asked_before).mention
        if mentioned and mentioned in asked_before:
            # "is there an economy angle in there? || specifically energy tho": is energy mentioned
            narrowed = asked_before.replace(mentioned, re.sub(r"\s+(though|tho|then|too)$", "", narrower), 1)
        return Resolved(narrowed, "", read_intent(narrowed), previous)
    if intent.more or (_CHANGED.search(asked) and len(query.split()) <= SHORT_WORDS):
        # ("…on the us side for a long time? || what changed tho": what came next, not the same again)
        return Resolved(query, earlier, intent, previous, moves_on=True)
    if intent.why and len(query.split()) <= SHORT_WORDS:
        # "How come?": the reason for what was just said.
        why = f"why {_claim_of(previous.summary, negative=_NOT.search(asked) is not None) or asked_before}"
        return Resolved(why, asked_before, intent, previous, moves_on=True)
    if _CONSEQUENCE.search(asked) and len(query.split()) <= SHORT_WORDS + 2:
        # "And what did all that lead to?": what came of what was just said, not the same again.
        # A sentence telling what something led to ("all these factors contributed to…") still answers it when
        # the thread has been told it already.
        consequence = replace(intent, effect=True)
        return Resolved(query, f"{asked_before} {previous.summary}", consequence, previous, moves_on=True)
    return Resolved(query, asked_before, intent, previous)


def points_at_one(query: str) -> bool:
    """Whether a question speaks of one person by a pronoun ("who tried to talk him out of going?")."""
    return bool(_ONE_PERSON.search(query))


def _claim_of(summary: str, *, negative: bool) -> str:
    """The claim a bare "why?" asks about: the whole last answer (its points may answer it together), but
    for "why not?" its first sentence saying what did not happen or was not so ("It was not an easy…")."""
    if not negative:
        return summary
    return next((s for s in _SENTENCE_END.split(summary) if _NOT.search(s)), summary)


def _person_in(text: str) -> str | None:
    """The first person a piece of text names: a role with its qualifier, or a full name."""
    role = _ROLE_PHRASE.search(text)
    if role is not None:
        return f"the {role.group(0).lower()}"
    name = _FULL_NAME.search(text[1:])
    return name.group(0) if name else None


def _titled(text: str, *, by_role: bool) -> str | None:
    """The first person a piece of text names by a role: by the name after the role ("Foreign Minister Shah
    Mehmood Qureshi" → "Shah Mehmood Qureshi"), else by the role ("the foreign minister") unless not
    `by_role`; None without one."""
    role = _ROLE_PHRASE.search(text)
    if role is None:
        return None
    name = _FULL_NAME.match(text, role.end() + 1)
    if name is not None:
        return without_titles(name.group(0))
    return f"the {role.group(0).lower()}" if by_role else None


def _swap(question: str, new: str, entity_of: dict[str, str]) -> str | None:
    """The question with its first entity replaced by `new` (both known entities), or None."""
    target = entity_of.get(new.lower().removeprefix("the ").strip())
    if target is None:
        return None
    for match in re.finditer(r"[A-Za-z][A-Za-z.'’]*", question):
        if match.group() == "us":  # "tell us": only "US" in capitals is the United States
            continue
        found = entity_of.get(match.group().lower().removesuffix("'s").removesuffix("’s").rstrip("."))
        if found is not None and found != target:
            return question[: match.start()] + target + question[match.end() :]
    return None
