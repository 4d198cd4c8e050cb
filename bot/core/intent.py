"""What a question asks for, read from its wording: a reason, an amount, a summary, more, what someone said —
and whether it follows up on its thread. The composer decides with these; nothing here looks at the base."""

from __future__ import annotations

import re
from dataclasses import dataclass

_FOLLOW_UP = re.compile(
    r"^(and|but|so|also|then|what about|how about|what else|anything else|why|how come|really)\b|"
    r"\b(that|this|it|its|they|them|their|those|these|he|she|his|her|else|more|other|another)\b",
    re.IGNORECASE,
)
_MORE = re.compile(r"\b(else|more|other|another|further|besides)\b", re.IGNORECASE)
_WHY = re.compile(
    r"^\s*(and\s+|but\s+|so\s+)?why\b|\bwhat (is|was|are|were) the reasons?\b|\bhow come\b", re.I
)
_QUANTITY = re.compile(r"\bhow (much|many|big|large|often)\b|\bwhat (amount|number|percentage|share)\b", re.I)
_SUMMARY = re.compile(
    r"\b(summar\w*|overview|gist|tl;?dr|takeaways?|main (points?|ideas?|argument)|key (points?|ideas?)|"
    r"in (short|brief)|what('s| is) (this|the|it) (article |piece |story )?about)\b",
    re.I,
)
# "What did <someone> say / think …" (active voice only: "what was Pakistan told" asks about Pakistan, not
# about what Pakistan said).
_SOMEONE_SAID = re.compile(
    r"\b(?:what|how)\s+(?:did|does|do|has|have|had|will|would)\s+(?P<who>[\w'’ .-]{2,60}?)\s+"
    r"(?:say|said|tell|told|think|thought|feel|felt|announce|announced|state|stated|claim|claimed|respond|"
    r"responded|react|reacted|comment|commented|reply|replied|make of|view|see|regard|consider)\b",
    re.I,
)
_SHORT = 4  # words: a question this short leans on its thread


@dataclass(frozen=True)
class Intent:
    """The kinds of answer a question's wording asks for."""

    follow_up: bool = False  # reads as a continuation ("and how did that…", "why?")
    more: bool = False  # asks for what has not been said yet ("what else…")
    why: bool = False  # asks for a reason
    quantity: bool = False  # asks for an amount ("how many…")
    summary: bool = False  # asks what the whole article says
    speaker: str | None = None  # "what did <speaker> say / think"


def read_intent(question: str) -> Intent:
    """The intent of a question from its words alone."""
    said = _SOMEONE_SAID.search(question)
    return Intent(
        follow_up=bool(_FOLLOW_UP.search(question)) or len(question.split()) <= _SHORT,
        more=bool(_MORE.search(question)),
        why=bool(_WHY.search(question)),
        quantity=bool(_QUANTITY.search(question)),
        summary=bool(_SUMMARY.search(question)),
        speaker=said.group("who") if said else None,
    )
