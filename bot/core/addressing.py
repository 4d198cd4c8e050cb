"""Whether a message in a conversation is meant for the bot, judged the way a colleague would: a question or a
request is; thanks, emoji, "+1", "ok cool" and laughter are not; neither are words addressed to someone else.

Surfaces pass the message's text and the facts only they know (whether it mentions someone else); nothing
here reads Slack's events.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.core.reading import clean, strip_preamble

Address = Literal["question", "acknowledgement", "remark", "elsewhere"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Emoji written as Slack shortcodes (":+1:", ":thumbsup::skin-tone-2:"); unicode emoji are removed by clean().
_SHORTCODE = re.compile(r":[a-z0-9_+'-]+:", re.IGNORECASE)
_MARKUP = re.compile(r"<[^>]*>")  # Slack's mentions and links
_SENTENCE = re.compile(r"(?<=[.?!;])\s+|\n+")
_WORD = re.compile(r"[+-]?[a-z0-9']+")
# A question put to the people in the thread rather than to the bot: "can someone send the deck?".
_TO_PEOPLE = re.compile(
    r"\b(can|could|would|will|does|do|did|has|have|is|are)\s+"
    r"(anyone|anybody|someone|somebody|y'?all|you guys|everyone|everybody)\b|"
    r"^\W*(anyone|anybody|someone|somebody|folks|team|guys|everyone|everybody|y'?all)\b",
    re.IGNORECASE,
)
# Words that open a question or a request to the bot ("why…", "tell me…", "quote the line…").
_OPENERS = _words(
    """what what's whats why how how's who who's whom whose when where which is are was were do does did can
    could would will should has have had isn't aren't wasn't didn't doesn't quote tell explain give list name
    describe summarize summarise show compare elaborate expand clarify define"""
)
# A question that ends on its question word: "says who", "the reason being what".
_CLOSERS = frozenset({"who", "what", "why", "how", "when", "where", "which"})
_ASKS_FOR_MORE = re.compile(
    r"^(say|tell( me)?|go|more|anything) (more|on|else)\b|^more (on|about|detail)", re.IGNORECASE
)
# Thanks, agreement and reactions: a message made only of these (and the fillers below) asks nothing.
_ACKNOWLEDGING = _words(
    """thanks thank thx ty tysm tyvm cheers ta appreciated appreciate ok okay k kk okk okie cool nice great
    awesome perfect brilliant excellent amazing lovely sweet neat wow whoa interesting helpful useful good
    fine right true fair agreed agree same yes yep yeah yup ya sure indeed exactly totally no nope nah np
    lol lmao rofl haha hahaha hehe heh ha +1 +100 -1 noted gotcha understood done welcome ack bravo kudos
    wonderful fantastic clear"""
)
_ACKNOWLEDGING_PHRASES = re.compile(
    r"\b(got it|makes sense|sounds good|good to know|will do|no worries|no problem|fair enough|"
    r"love it|well done|nice one|good one|that helps|good bot|much appreciated|all good|you rock|"
    r"of course|oh i see|i see)\b",
    re.IGNORECASE,
)
_FILLER = _words(
    """so very much really super that that's thats this is it it's its you u bot briefbot all a lot for the
    man mate guys team folks again too also just oh ah and then now ok thanks for was were"""
)


def read_address(text: str, *, mentions_others: bool = False) -> Address:
    """What a message is, for the bot: a question or request, an acknowledgement, some other remark, or words
    for someone else (`mentions_others`: it mentions a person, a group or the channel, and not the bot)."""
    if mentions_others:
        return "elsewhere"
    plain = " ".join(_SHORTCODE.sub(" ", clean(text)).split())
    if not plain:  # only emoji is a reaction; nothing at all ("@briefbot" alone) is a call for help
        return "acknowledgement" if _MARKUP.sub("", text or "").strip() else "remark"
    asking = [s for s in _SENTENCE.split(plain) if s.strip() and _asks(s)]
    if asking:
        return "elsewhere" if all(_TO_PEOPLE.search(s) for s in asking) else "question"
    if _acknowledges(plain):
        return "acknowledgement"
    return "remark"


def _asks(sentence: str) -> bool:
    """A sentence asks when it has a question mark and real words, or opens (after any greeting or
    politeness) with a question word or a request, or ends on a question word."""
    asked = strip_preamble(sentence) or sentence  # "can you explain" asks with its politeness alone
    words = _WORD.findall(asked.lower())
    if not words or _acknowledges(asked):
        return False  # "ok?", "really?!", "thanks?" are reactions
    if "?" in asked:
        return True
    opening = _WORD.findall(sentence.lower())[:1]  # before politeness was set aside: "tell me more"
    return (
        words[0] in _OPENERS
        or opening[0] in _OPENERS
        or words[-1] in _CLOSERS
        or bool(_ASKS_FOR_MORE.search(asked))
    )


def _acknowledges(text: str) -> bool:
    """Only thanks, agreement, reactions or emoji: nothing left once those and fillers are set aside."""
    rest = _ACKNOWLEDGING_PHRASES.sub(" ", text.lower())
    words = [w.strip("'") for w in _WORD.findall(rest)]
    return all(w in _ACKNOWLEDGING or w in _FILLER or not w for w in words)
