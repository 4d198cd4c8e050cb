"""How a name the article never mentions stands in a question: asked about, or only guessed at, offered as one
side of a choice, remarked on after the question, or told of by the asker about themselves. Only a name asked
about makes the article's silence the answer ("The article doesn't mention Modi")."""

from __future__ import annotations

import re


def guessed_at(question: str, name: str) -> bool:
    """Whether a name comes only in the asker's guess after the question ("…ignored Pakistan? was it only
    Trump or others also?", "…who stopped caring? was that just Trump?"), not in what is asked."""
    sentences = [s for s in re.split(r"(?<=[?.!])\s+", question) if s.strip()]
    with_name = [s for s in sentences if re.search(rf"\b{re.escape(name)}\b", s, re.I)]
    # ("my neighbour insists it was only the Trump administration… Is that what the piece says?": only him,
    # put up for checking)
    return (
        len(sentences) > len(with_name)
        and bool(with_name)
        and all(
            _GUESS.match(s) or re.search(rf"\b(only|just) (the )?{re.escape(name)}\b", s, re.I)
            for s in with_name
        )
    )


def offered(question: str, name: str, unknown: tuple[str, ...]) -> bool:
    """Whether a name is one side of a choice the asker offers ("Moscow or St Petersburg?") whose other side
    is a name the article has: that side answers it."""
    named = re.escape(name)
    choice = re.search(rf"\b(\w+),? or (\w+ )?{named}\b|\b{named}( \w+)? or (\w+)", question, re.I)
    other = (choice.group(1) or choice.group(4)) if choice else ""
    return bool(other) and other[0].isupper() and other not in unknown


def remarked(question: str, name: str) -> bool:
    """Whether a name comes only in a remark after the last question ("…trying to 'bury'?? sounds like an
    Eastenders plot"), which asks nothing; a guess at the answer ("…? bet you a pint it was Nawaz") is no
    remark."""
    asked, _, remark = question.rpartition("?")
    found = re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)
    if _told_of_oneself(question, found):
        return True
    if not asked or found.search(asked):
        return False
    # ("context? pakistan helped the afghan fighters vs the soviets in 79 right, does the article go into any
    # of that": a question without its question mark is no remark)
    return bool(found.search(remark)) and not _GUESSING.search(remark) and not _ASKS_AGAIN.search(remark)


def _told_of_oneself(question: str, found: re.Pattern[str]) -> bool:
    """Whether a name comes only in what the asker tells of themselves before asking ("I get most of my stock
    from Lahore… whats so special about that trip??", "My lolo used to say…"), not in a claim they pass on
    ("my boss says Modi was furious. true?")."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", question.strip()) if s]
    with_name = [s for s in sentences if found.search(s)]
    if not with_name or len(with_name) == len(sentences):
        return False
    if _ABOUT_WHAT_WAS_TOLD.search(sentences[-1]):
        return False  # ("I remember the Soviets in Afghanistan… What does the article say about all that?")
    for sentence in with_name:
        claim = _PASSED_ON.search(sentence)
        if "?" in sentence or not _OWN.match(sentence) or (claim and found.search(sentence[claim.end() :])):
            return False
    return True


_ABOUT_WHAT_WAS_TOLD = re.compile(r"\b(about|on|of) (all )?(that|this|it|those)\W*$", re.IGNORECASE)
_OWN = re.compile(r"^\W*(i|i'm|im|i've|ive|my|our|we)\b", re.IGNORECASE)
_PASSED_ON = re.compile(
    r"\b(say|says|said|saying|reckons?|thinks?|thought|insists?|claims?|claimed|told|tells|heard|believes?)\b",
    re.IGNORECASE,
)


_ASKS_AGAIN = re.compile(
    r"(^|[,;:]\s*)(does|did|do|is|are|was|were|can|could|will|would|what|why|how|who|when|where|which)\b",
    re.IGNORECASE,
)
_GUESSING = re.compile(
    r"\b(it|that|this|he|she|they) (was|is|were)\b|\b(was|is) (it|that|this|he|she)\b|\b(it|that)['’]s\b|"
    # (not a bet of one's own: "got a bet going with the LD, loser buys coffee")
    r"\bbet (you|ya|u|it|that|its|it's)\b|\b(guess|reckon|suspect|assume|must have been|must be|probably)\b",
    re.IGNORECASE,
)


_GUESS = re.compile(
    r"^\W*(and\s+|or\s+|so\s+)?((was|is|were|are)\s+(it|that|this|they)|only|just|maybe|probably|like)\b",
    re.IGNORECASE,
)


_TITLE = r"(?:(?:pm|president|prime minister|mr\.?|gen\.?|general|minister|secretary)\s+)?"


def claimed_doer(question: str, name: str) -> str | None:
    """The question a claim about someone the article never mentions stands for, when it says who did
    something: "it was nawaz sharif who went to moscow, right?" and "did nawaz go to moscow?" ask who went to
    Moscow, which the article may say (someone else did)."""
    named = rf"{_TITLE}{re.escape(name)}(?:\s+[a-z]+)?"
    for pattern in (
        rf"\b(?:it was|was it|wasn'?t it)\s+{named}\s+(?:who|that)\s+(?P<did>[^?,.;!]{{4,80}})",
        rf"^\W*(?:did|has|had)\s+{named}\s+(?P<did>(?!say|said|think|comment|react)[^?,.;!]{{4,80}})",
        rf"\b{named}\s+(?P<did>(?:went|visited|travelled|traveled|flew|made|led|signed|met|approached|"
        rf"called|asked|pushed|defended)\b[^?,.;!]{{0,80}})",
    ):
        if match := re.search(pattern, question, re.IGNORECASE):
            return f"who {match.group('did').strip()}?"
    return None
