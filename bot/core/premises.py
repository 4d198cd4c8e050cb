"""Premises a question states ("why did pakistan cancel the trip?" claims it was cancelled), which a key point
may refute, and the article's words a question quotes. Matched as words, not stems: "back in the day" states
nothing "backed" would refute."""

from __future__ import annotations

import re

from knowledge.text import normalise

# "Asked Pakistan to skip the trip" reports a request; it does not claim the trip was skipped.
_REQUESTING = (
    r"(ask|asked|asking|tell|told|telling|want|wants|wanted|urge|urged|urging|press|pressed|pressured|"
    r"request|requested|advise|advised|beg|begged|try|tried|trying|attempt|attempted|get|got|getting|"
    r"persuade|persuaded|convince|convinced|push|pushed|pushing|force|forced|lobby|lobbied|demand|demanded|"
    r"expect|expected|pressure|pressuring|lean|leaned|leaning|nudge|nudged)"
)
# …and so does an attempt to have it done, however it is chained ("try to get khan to scrap the trip"), and
# whatever the rest of the sentence wants done ("what did washington want from islamabad, just drop the
# visit").
_REPORTED_REQUEST = re.compile(rf"\b{_REQUESTING}\b[^.?!]*", re.IGNORECASE)
# Words that deny what follows them within a few words ("didn't just cancel", "never called off").
_NEGATION = frozenset(
    {"not", "no", "never", "didnt", "dont", "doesnt", "wont", "wouldnt", "isnt", "wasnt", "werent", "arent"}
    | {"cant", "cannot", "couldnt", "shouldnt", "nt"}
)
# What is shared in a channel, which may be "dropped" or "posted" without any claim about the story.
_SHARED = frozenset({"article", "piece", "link", "story", "post", "column", "url"})


def claimed(question: str) -> str:
    """The words a question states as so, without what it reports as asked for ("asked pakistan to skip the
    trip" claims no skipping), spaced for `states`."""
    return f" {_words(_REPORTED_REQUEST.sub(' ', question))} "


def states(claimed: str, premise: str) -> bool:
    """Whether the question (its `claimed` words) states the premise: it says it, and not negated ("why didn't
    pakistan just cancel" agrees with an article that says it did not)."""
    # Its other forms state it too ("cancelling"); a particle after a lone verb makes another verb of it
    # ("backed down" is no "backed").
    premise = _words(premise)
    forms = rf"{re.escape(premise)}(s|es|d|ed|ing|ling|led)?"
    particle = r"(?!(down|off|out|away|up) )" if " " not in premise else ""
    for match in re.finditer(rf" {forms} {particle}", claimed):
        before = claimed[: match.start()].split()[-3:]
        after = claimed[match.end() :].split()[:4]
        # ("is that article someone dropped in here the one about the trip?", "someone dropped that Express
        # Tribune piece in #random": the article was dropped)
        if not _NEGATION.intersection(before) and not _SHARED.intersection(before + after):
            return True
    return False


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", normalise(text).replace("'", "")))


_QUOTED = re.compile(r"['‘’\"“”]([^'‘’\"“”]{5,80})['‘’\"“”]")


def quotes_from(question: str, sentence: str) -> bool:
    """Whether the question quotes words of the sentence ("I think it starts with 'all these'?"): at least
    two words, in quotation marks, found in it whatever their case."""
    said = f" {_words(sentence)} "
    for quoted in _QUOTED.findall(question):
        words = _words(quoted)
        if len(words.split()) >= 2 and f" {words} " in said:
            return True
    return False
