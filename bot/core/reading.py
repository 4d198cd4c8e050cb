"""Reading a user's question safely: Slack markup out, mentions out, embedded instructions set aside."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

MAX_QUESTION_CHARS = 1000

_MENTION = re.compile(r"<[@!#][^>]*>")  # <@U1>, <!channel>, <!subteam^S1|@team>, <#C1|general>
_LINK = re.compile(r"<(https?://[^|>]+)(?:\|([^>]+))?>")
_BARE_BROADCAST = re.compile(r"(?<!\w)@(channel|here|everyone)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.?!;])\s+|\n+")
_INJECTION = re.compile(
    r"\b(ignore|disregard|forget|override|bypass)\b.{0,60}\b(instruction|instructions|rules?|prompt|previous|"
    r"above|guidelines|context|constraints?)\b|\bsystem prompt\b|\byou are now\b|"
    r"\b(act|pretend|behave|roleplay) as\b|"
    r"\bjailbreak\b|\bdeveloper mode\b|\bnew instructions?\b|\bdo anything now\b|\b(say|print|output|repeat) "
    r"(exactly|verbatim|only)\b|\bfrom now on\b",
    re.IGNORECASE,
)
_SMALL_TALK = frozenset(
    {
        "",
        "hi",
        "hello",
        "hey",
        "help",
        "thanks",
        "thank you",
        "thx",
        "ok",
        "yo",
        "hi there",
        "hello there",
        "usage",
    }
)
_CONFIG = re.compile(
    r"\b(api[ _-]?keys?|tokens?|secrets?|passwords?|credentials?|env(ironment)?( var(iable)?s?)?|"
    r"configuration|config|settings|system prompt|signing secret|xox[a-z]-|sk-)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Question:
    """A question as the engine sees it."""

    text: str
    injection: bool
    asks_config: bool
    truncated: bool

    @property
    def empty(self) -> bool:
        """Nothing to answer: no text, or only a greeting or a call for help."""
        return normalised(self.text) in _SMALL_TALK


def read_question(raw: str) -> Question:
    """Strip Slack markup and mentions, cap the length, set aside sentences that instruct the bot."""
    text = _LINK.sub(lambda m: m.group(2) or m.group(1), raw or "")
    text = _MENTION.sub(" ", text)
    text = html.unescape(text)
    text = _MENTION.sub(" ", text)  # once more: escaped markup becomes markup after unescaping
    text = _BARE_BROADCAST.sub(" ", text)
    truncated = len(text) > MAX_QUESTION_CHARS
    text = text[:MAX_QUESTION_CHARS]
    injection = bool(_INJECTION.search(text))
    asks_config = bool(_CONFIG.search(text))
    if injection:
        text = " ".join(s for s in _SENTENCE.split(text) if s and not _INJECTION.search(s))
    text = re.sub(r"\s+", " ", text).strip()
    return Question(text=text, injection=injection, asks_config=asks_config, truncated=truncated)


def normalised(text: str) -> str:
    """The cache's form of a question: case, punctuation and spacing do not matter."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))
