"""What kinds of detail a sentence states: a date, a number, a duration, a person's name beside a role.

A question that asks for one of these ("on what date…", "how many…", "which official…") is answered only by a
sentence that states it; otherwise the honest answer is that the article does not give it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable

from bot.core.intent import Detail, thing_called

# Month names and their short forms, in English (the standard library's), and "sept".
_MONTHS = "|".join(n.lower() for n in (*calendar.month_name, *calendar.month_abbr, "sept") if n)
_DATE = re.compile(
    rf"\b({_MONTHS})\.? \d{{1,2}}\b|\b\d{{1,2}}(st|nd|rd|th)?\s+({_MONTHS})\b|\b(19|20)\d\d\b", re.I
)
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|"
    "hundreds|thousand|thousands|million|millions|billion|billions|dozen|dozens|half|twice|first|second|third"
)
_NUMBER = re.compile(rf"\d|\b({_NUMBER_WORDS})\b", re.I)
_UNIT = r"(years?|months?|weeks?|days?|decades?|hours?|centuries|century)"
_DURATION = re.compile(
    rf"\b(\d+|{_NUMBER_WORDS}|several|many|few|a)\s+{_UNIT}\b|\bfor (decades|years|months|weeks|days)\b|"
    rf"\bdecades\b",
    re.I,
)
# A figure and what it counts: "23 years", "two countries".
_CARDINALS = "|".join(
    w for w in _NUMBER_WORDS.split("|") if w not in {"first", "second", "third", "half", "twice"}
)
# A figure of time answers a question about time in any words ("how much time had passed since…").
_ABOUT_TIME = re.compile(r"\b(time|long|since|ago|gap|years?|months?|decades?)\b", re.I)
_FIGURE = re.compile(rf"\b(\d+|{_CARDINALS})\s+([a-z]{{3,}})\b", re.I)
_COUNTED = re.compile(
    r"\b(several|some|many|various|a number of|multiple|a few)\s+((?:[a-z-]+\s+)?[a-z-]+s)\b"
)
_ENUMERATES = re.compile(
    r"\bfrom [\w-]+( [\w-]+)? to [\w -]+ and from\b|\b(such as|including|namely)\b|\b[\w-]+, [\w-]+,? and\b",
    re.I,
)
_LISTS = re.compile(r"[—–:]|\b(such as|including|namely)\b|\bfrom \w+( \w+)? to\b", re.I)
_MET = re.compile(r"\b(meet|meets|met|meeting|meetings|talks|discuss(ed|es|ion|ions)?|agenda)\b", re.I)
_AGREED = re.compile(r"\b(sign(ed|s|ing|atory)?|agreements?|deals?|pacts?|accords?|treaty)\b", re.I)
_TRADED = re.compile(
    r"\b(buy|buys|bought|sell|sells|sold|purchas\w*|procur\w*|acquir\w*|supplie[sd])\b", re.I
)
_AGE = re.compile(r"\b\d{1,3}[- ]years?[- ]old\b|\baged \d{1,3}\b|\bage of \d{1,3}\b", re.I)
# Words that place something in time without a date: "just days before", "in recent years", "ago".
_IN_TIME = re.compile(
    rf"\b(before|after|since|until|till|ago|during|while|when|recent|recently|once|then|now|later|earlier|"
    rf"first|last|past|decades?|{_UNIT}|era|cold war|bush|biden|\d+)\b",
    re.I,
)
_EVENT_DURATION = re.compile(
    rf"\blast(ed|ing)\b|\bfor (\d+|{_NUMBER_WORDS}|several) (days|hours|weeks)\b|\d+-day", re.I
)
_ROLE = (
    "official|officials|prime minister|minister|leader|president|envoy|ambassador|diplomat|officer|spokesman|"
    "spokeswoman|spokesperson|aide|general|chief|commander|writer|author|correspondent|journalist|reporter|"
    "person|people|guy"
)
_TITLES = frozenset(
    {"prime", "minister", "foreign", "president", "senior", "deputy", "secretary", "state", "general", "mr",
     "ms", "mrs", "dr", "sir", "the", "of", *_ROLE.split("|")}
)  # fmt: skip
# Role words that name no one in particular.
ANYONE = frozenset({"people", "guy", "person"})
_ROLE_IN_QUESTION = re.compile(rf"\b({_ROLE})(?:['’]?s)?\b", re.I)  # "the ministers name": his
# What one country's people do to another's ("pushed", "leaned on", "got in touch with"), in any form.
_PRESSED = (
    r"(push|ask|tell|told|approach|contact|call|pressur|lean|reach|urg|want|tried|try|warn|press|rang|phon|"
    r"got in touch|lobb)\w*"
)
_MEMBER_OF = re.compile(
    r"\bwho\b.{0,20}\b(on|in|from|at|inside|within) (the )?[\w.]+('s)? (team|side|administration|admin|"
    r"government|govt|camp|state department|white house|embassy)\b|"
    # "who in the US pushed pakistan to call off the trip?": someone of a country, who did something to it
    rf"^\W*(and\s+)?who\s+(exactly\s+)?(in|from|at|inside|within)\s+(the\s+)?[\w.]+\s+{_PRESSED}\b|"
    # "did someone from the us call pakistan?": someone of a country
    r"\b(someone|somebody|anyone|anybody)\s+(in|from|at|inside|within)\s+(the\s+)?(us|usa|u\.s\.|america|"
    r"washington|biden|white house|state department|administration)\b|"
    # "who was it that leaned on pakistan to cancel?": who pressed a country, someone of another's
    rf"^\W*(and\s+|so\s+)?who\s+((was|is) it (that|who)\s+|exactly\s+)?{_PRESSED}\s+(on\s+)?(pakistan|"
    r"islamabad|pk|pak|imran|khan|the (pm|prime minister))\b|"
    # "who from the us" after being told what the US did: someone of it
    r"^\W*(and\s+|but\s+|so\s+|ok\s+)?who\s+(exactly\s+)?(in|from|at)\s+(the\s+)?[\w.]+( (side|end))?\W*$|"
    # "who called islamabad from the us?": …or did it from there
    rf"^\W*(and\s+)?who\s+(exactly\s+)?{_PRESSED}\b[^?.!]{{0,40}}\b(from|in) (the )?[\w.]+( (side|end))?\W*$",
    re.I,
)
_CAPITALISED = r"[A-Z][a-z’']+"


def states(detail: Detail, sentence: str, question: str = "") -> bool:
    """True when `sentence` states the kind of detail the question asks for."""
    if detail == "date":
        return bool(_DATE.search(sentence))
    if detail == "time":
        return bool(_DATE.search(sentence) or _DURATION.search(sentence) or _IN_TIME.search(sentence))
    if detail == "age":
        return bool(_AGE.search(sentence))
    if detail == "number":
        return _counts_what_is_asked(sentence, question)
    if detail == "duration":
        return bool(_DURATION.search(sentence))
    if detail == "event_duration":
        return bool(_EVENT_DURATION.search(sentence))
    if detail == "agreement":
        return bool(_AGREED.search(sentence))
    if detail == "meeting":
        return bool(_MET.search(sentence))
    if detail == "purchase":
        return bool(_TRADED.search(sentence))
    if called := thing_called(question):
        # "what's the list called that pakistan is stuck on?": the sentence names that thing ("the FATF grey
        # list"), with a name in capitals; "what's the exercise called?" is not answered by any sentence
        # that never mentions an exercise.
        thing = called[:4]
        return bool(
            re.search(rf"\b{re.escape(thing)}", sentence, re.I)
            and re.search(r"\b[A-Z]{2,}\b|\b[A-Z][a-z]+ [A-Z]", sentence)
        )
    return names_someone(sentence, role_asked(question) or role_asked(sentence), known=_unguessed(question))


# "…name again, shah something?", "…is it qureshi?": a name the asker half remembers is asked for, not known
_GUESS_OF_A_NAME = re.compile(
    r"\b[A-Za-z]+( [A-Za-z]+)? (or )?(something|smth|sth|whatever)\b|"
    r"\b(is|was) it [A-Za-z]+( [A-Za-z]+)?\W*$",
    re.I,
)


def _unguessed(question: str) -> str:
    return _GUESS_OF_A_NAME.sub(" ", question) if re.search(r"\bnames?\b", question, re.I) else question


def _counts_what_is_asked(sentence: str, question: str) -> bool:
    """Whether a sentence gives a figure of what the question asks about: "in 23 years" answers "how many
    years since…", not "any figure for bilateral trade?" (a sentence counting nothing takes any question)."""
    if not _NUMBER.search(sentence):
        return False
    if set(re.findall(r"\d+", question)) & set(re.findall(r"\d+", sentence)):
        return True  # "…does it give an exact number? 23 or 25?": the figure offered is the one stated
    counted = [m.group(2).lower() for m in _FIGURE.finditer(sentence)]
    asked = {w.lower()[:4] for w in re.findall(r"[A-Za-z]{3,}", question)}
    if any(re.fullmatch(_UNIT, noun) for noun in counted) and _ABOUT_TIME.search(question):
        return True
    # (a span of time counts only for a question about time: "23 years" is not "the yearly trade")
    return not counted or any(noun[:4] in asked for noun in counted if not re.fullmatch(_UNIT, noun))


def counts_the_thing_asked(sentence: str, question: str) -> bool:
    """Whether a sentence gives a figure of the very thing a "how many" question counts: "…first bilateral
    visit by a Pakistani leader in 23 years" for "the first in how many years?"."""
    return bool(_FIGURE.search(sentence)) and _counts_what_is_asked(sentence, question)


def unnamed(sentence: str) -> str | None:
    """What a sentence counts without naming: "several defence agreements" (None when it goes on to list them:
    "several areas of cooperation — from defence to…")."""
    if _LISTS.search(sentence):
        return None
    counted = _COUNTED.search(sentence)
    return counted.group(2) if counted else None


def enumerates(sentence: str) -> bool:
    """Whether a sentence lists things: "from defence to intelligence sharing and from energy to…", "such
    as…", "a, b and c"."""
    return bool(_ENUMERATES.search(sentence))


def mentions_a_role(sentence: str) -> bool:
    """Whether a sentence says who by a role ("a senior Biden administration official", "Minister")."""
    return any(r.lower() not in ANYONE for r in _ROLE_IN_QUESTION.findall(sentence))


# A role and the name after it, if any: "Prime Minister Imran Khan", "a senior Biden administration official".
_ROLE_NAMED = re.compile(rf"\b(?i:({_ROLE}))\b(?P<name>(?:\s+[A-Z][\w’'-]+)+)?")


def without_titles(name: str) -> str:
    """A name without the titles before it: "Minister Imran Khan" → "Imran Khan"."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in _TITLES:
        words.pop(0)
    return " ".join(words)


def mentions_someone_else(sentence: str, known: Callable[[str], bool]) -> bool:
    """Whether a sentence says who by a role, other than someone `known` by name already ("who tried to talk
    him out of going?" after a thread on Imran Khan: not "Prime Minister Imran Khan", but "an official")."""
    return any(
        m.group(1).lower() not in ANYONE and not (m.group("name") and known(m.group("name")))
        for m in _ROLE_NAMED.finditer(sentence)
    )


def role_asked(question: str) -> str | None:
    """The role a "which official / who was the minister" question asks a name for ("official"); someone "on
    the Biden team" or "in the US government" is an official."""
    # "that person… (the official)": a role that says who comes before one that says only "someone".
    roles = sorted((r.lower() for r in _ROLE_IN_QUESTION.findall(question)), key=lambda r: r in ANYONE)
    if roles:
        return roles[0]
    return "official" if _MEMBER_OF.search(question) else None


def unnamed_role(sentence: str) -> str | None:
    """The first role a sentence mentions without the person's name ("a senior Biden administration official
    approached…" → "official"; "Prime Minister Imran Khan" is named)."""
    for role in _ROLE_IN_QUESTION.findall(sentence):
        if role.lower() not in ANYONE and not names_someone(sentence, role.lower()):
            return role.lower().rstrip("s")
    return None


def mentions_role(sentence: str, role: str | None) -> bool:
    """Whether a sentence speaks of the role asked about ("the minister"); of anyone, any sentence does."""
    if role is None or role in ANYONE:
        return True
    return re.search(rf"\b{role.rstrip('s')}s?\b", sentence, re.I) is not None


def names_one_in_a_role(sentence: str, role: str | None) -> bool:
    """Whether a sentence names someone in the role asked about, or of anyone asked, in any role it gives:
    "whats the ministers name" is not answered by its "Cold War", nor "whats his name" by it."""
    if role is not None and role not in ANYONE:
        return mentions_role(sentence, role) and names_someone(sentence, role)
    roles = {r.lower() for r in _ROLE_IN_QUESTION.findall(sentence)} - ANYONE
    return any(names_someone(sentence, r) for r in roles)


def names_someone(sentence: str, role: str | None, known: str = "") -> bool:
    """True when the sentence gives a person's name, beside the role asked about when there is one, other than
    the names in `known` (the question's own: "who did Imran Khan meet?" is not answered by "Imran Khan").

    "Foreign Minister Shah Mehmood Qureshi said…" names the minister; "a senior Biden administration official
    approached…" does not name the official (the name beside it belongs to an administration, not to them).
    """
    asked = {w.lower() for w in re.findall(r"[A-Za-z]+", known)}

    def new(name: str) -> bool:
        # A person the question names, in part, is the one it already knows: "which Russian minister did
        # Qureshi meet?" is not answered by "Foreign Minister Shah Mehmood Qureshi". Titles are not names.
        person = {w.lower() for w in name.split()} - _TITLES
        return bool(person) and not person & asked

    if role in ANYONE:
        # "the name of the biden person who called?": the person the sentence puts beside that name ("a
        # senior Biden administration official") is the one asked about
        # (the question's words in their order: a set's order changes from one process to the next)
        for word in dict.fromkeys(w.lower() for w in re.findall(r"[A-Za-z]{3,}", known)):
            if beside := re.search(rf"\b{word.title()}\b(?:\s+[a-z]+){{0,2}}\s+({_ROLE})\b", sentence):
                role = beside.group(1)
                break
    stem = (role or "").rstrip("s")
    if role is None or not re.search(rf"\b{stem}s?\b", sentence, re.I):
        # No such role in the sentence: a full name anywhere in it will do ("Prime Minister Imran Khan").
        return any(
            new(m.group()) for m in re.finditer(rf"\b{_CAPITALISED}(?: {_CAPITALISED})+\b", sentence[1:])
        )
    for match in re.finditer(rf"\b{stem}s?\b", sentence, re.I):
        after = re.match(rf",?\s+((?:{_CAPITALISED} ?)+)", sentence[match.end() :])
        if after and new(after.group(1)):  # "Minister Shah Mehmood Qureshi", "official, John Smith"
            return True
        before = re.search(
            rf"((?:{_CAPITALISED} )+{_CAPITALISED}),?\s+(the |a |an )?([a-z-]+ ){{0,3}}$",
            sentence[: match.start()],
        )
        if before and new(before.group(1)):  # "Shah Mehmood Qureshi, the foreign minister"
            return True
    return False


_WHO_ROLE = re.compile(rf"^\s*(and\s+)?(who|whos|who's)\b[^?.!]*?\b({_ROLE})\b", re.I)


def who_role(question: str) -> str | None:
    """The role a "who is/was the <role>…" question asks about, singular ("official"); None for any other."""
    asked = _WHO_ROLE.search(question)
    if asked is None:
        return None
    # "who's that guy (the minister)": a role that says who comes before one that says only "someone"
    named = [r.lower() for r in _ROLE_IN_QUESTION.findall(question[asked.start(3) :])]
    return next((r for r in named if r not in ANYONE), named[0]).rstrip("s")


def role_of_who(question: str) -> str | None:
    """The role of the person a "who…" question is about: "who was the minister…" → minister; "who from the
    American side…" → official (not the prime minister it may also mention); else the first role named."""
    # ("who exactly approached pakistan from the us side? like what role": the question, not its remark)
    first = re.split(r"(?<=\?)\s+", question.strip())[0]
    # ("who in the government defended going? which minister?": the role it names)
    if (which := _WHICH_ROLE.search(question)) and which.group(1).lower() not in ANYONE:
        return which.group(1).lower().rstrip("s")
    member = _MEMBER_OF.search(first) or _MEMBER_OF.search(question)
    return ("official" if member else None) or who_role(question) or role_asked(question)


_WHICH_ROLE = re.compile(rf"\bwhich\s+(?:\w+\s+)?({_ROLE})\b", re.I)


def role_missing(question: str, sentence: str) -> bool:
    """A "who is the president of Russia?" whose closest sentence mentions no president at all: whatever it
    says, it is not about the person asked for."""
    role = who_role(question)
    # ("whos the pakistan guy that went to moscow": "guy" is anyone, missing from no sentence)
    return role is not None and role not in ANYONE and re.search(rf"\b{role}", sentence, re.I) is None


def speaker_role_missing(speaker: str, sentence: str) -> bool:
    """A "what did President Biden say?" whose closest sentence mentions no president (it has "a senior Biden
    administration official"): what the person with that role said is not there."""
    roles = [r.lower() for r in _ROLE_IN_QUESTION.findall(speaker) if r.lower() not in ANYONE]
    return any(re.search(rf"\b{role.rstrip('s')}", sentence, re.I) is None for role in roles)


def names_nobody(question: str, sentence: str) -> bool:
    """A "who was the last prime minister to visit before Imran?" whose closest sentence names no one but the
    question's own people: the name asked for is not there."""
    role = who_role(question)
    return role is not None and not names_someone(sentence, role, known=question)


def only_restates(question: str, sentence: str) -> bool:
    """A "who was the senior Biden administration official who…?" answered by a sentence that calls them no
    more than the question does ("a senior Biden administration official approached…"): no answer at all."""
    role = who_role(question)
    if role is None:
        return False
    match = re.search(rf"((?:[\w’'-]+ ){{0,3}}){role}s?\b", sentence, re.I)
    if match is None or names_someone(sentence, role, known=question):
        return False
    described = [w.lower() for w in re.findall(r"[A-Za-z]+", match.group(1)) if w.lower() not in _ARTICLES]
    question_words = {w.lower() for w in re.findall(r"[A-Za-z]+", question)}
    return all(w in question_words for w in described)


_ARTICLES = frozenset({"a", "an", "the", "its", "his", "her", "their", "through", "by", "via"})
