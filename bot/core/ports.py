"""What the core needs from the outside world, as small protocols: storage by concern, and the LLM writer.

Redis implements the storage ports (bot.adapters.storage) and the openai SDK the writer
(bot.adapters.llm). Every storage operation degrades instead of failing: with the store down it returns the
documented default, so a question is still answered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.core.answer import Answer, Citation, Turn, Usage
from bot.core.drafts import Draft
from bot.core.schedule import Subscription
from knowledge.retrieval import Retrieval

Limit = tuple[str, str, int]  # (scope, ident, questions allowed per window)


class AnswerCache(Protocol):
    """Answers by cache key; a lookup also counts the hit or miss (and a hit's usage) in the same call."""

    def get(self, team: str, key: str) -> Answer | None: ...

    def put(self, team: str, key: str, answer: Answer, ttl: int) -> None: ...


@dataclass(frozen=True)
class ThreadState:
    """What the bot knows of a channel thread: does it follow it, was it told to stop, and does the channel
    want only mentions answered. All False when the store is down."""

    following: bool = False
    stopped: bool = False
    mention_only: bool = False


@dataclass(frozen=True)
class Admitted:
    """What admitting a question found: whether this delivery is the first (not a retry or a
    duplicate), whether the asker is within the rate limits, and the cached answer if there is one."""

    first: bool
    allowed: bool
    cached: Answer | None = None


class Admission(Protocol):
    """A question's way in, in one round trip: claim its delivery, count it against the rate limits, and look
    up its cached answer (the ack of a cached slash command waits for nothing else)."""

    def admit(
        self,
        team: str,
        *,
        delivery: tuple[str, str, int] | None,
        limits: Sequence[Limit],
        cache_key: str | None,
        window: int = 60,
    ) -> Admitted: ...


class ThreadMemory(Protocol):
    """The last turns of each conversation, which threads the bot follows (or was told to stop following),
    and the channels where it answers only mentions."""

    def turns(self, team: str, conversation: str) -> list[Turn]: ...

    def add(self, team: str, conversation: str, turn: Turn, *, max_turns: int, ttl: int) -> None: ...

    def follow(self, team: str, conversation: str, ttl: int) -> bool:
        """Follow a thread; True only when this call started following it (not when stopped or down)."""
        ...

    def unfollow(self, team: str, conversation: str, ttl: int) -> None:
        """Stop following a thread, and remember for `ttl` seconds not to follow it again."""
        ...

    def following(self, team: str, conversation: str) -> bool: ...

    def state(self, team: str, channel: str, conversation: str) -> ThreadState:
        """Everything about one thread in one round trip."""
        ...

    def mention_only(self, team: str, channel: str) -> bool: ...

    def set_mention_only(self, team: str, channel: str, on: bool) -> bool:
        """Save a channel's setting; False when the store is down."""
        ...


class DeliveryClaims(Protocol):
    """First-claimant-wins markers, so an event or a command is handled once across processes (scheduled
    briefings use SlotClaims' leases)."""

    def claim(self, team: str, kind: str, ident: str, ttl: int, *, when_down: bool) -> bool: ...

    def release(self, team: str, kind: str, ident: str) -> None: ...


@dataclass(frozen=True)
class Lease:
    """A briefing slot this clock may post now. `retry`: an earlier attempt's outcome is unknown (its clock
    died or Slack's reply was lost), so its post may exist; `since`: when the first attempt began."""

    retry: bool
    since: dt.datetime


class SlotClaims(Protocol):
    """Leases on scheduled briefing slots, so each is posted once across clocks, crashes and lost replies.

    A slot is free, leased ("posting" until the lease ends) or done. With the store down nothing is taken.
    """

    def take(self, team: str, ident: str, *, now: dt.datetime, lease: int, ttl: int) -> Lease | None:
        """Lease a free slot, or one whose lease ended; None when it is done, leased, or the store is down."""
        ...

    def done(self, team: str, ident: str, ttl: int) -> None:
        """The slot is posted (or will never be): no one takes it again."""
        ...

    def unknown(self, team: str, ident: str, *, now: dt.datetime) -> None:
        """The attempt's outcome is unknown: end the lease now, so the next taker checks before posting."""
        ...

    def release(self, team: str, ident: str) -> None:
        """Nothing was posted: free the slot for a fresh attempt."""
        ...


class RateLimits(Protocol):
    """Fixed-window question limits; True while every limit holds (counted in this process while the
    store is down)."""

    def allow(self, team: str, limits: Sequence[Limit], window: int = 60) -> bool: ...


class Counters(Protocol):
    """Usage statistics and feedback votes."""

    def add(self, team: str, counts: Mapping[str, float]) -> None: ...

    def stats(self, team: str) -> dict[str, float]: ...

    def teams(self) -> list[str]: ...

    def record_vote(
        self, team: str, answer_id: str, user: str, vote: str, question: str, ttl: int
    ) -> None: ...


class SubscriptionStore(Protocol):
    """Briefing subscriptions (one per channel), every team that has some, and each place's rotation."""

    def save(self, subscription: Subscription) -> bool: ...

    def remove(self, team: str, channel: str) -> bool: ...

    def of_team(self, team: str) -> list[Subscription]: ...

    def everywhere(self) -> list[Subscription]: ...

    def next_in_rotation(self, team: str, place: str) -> int:
        """1 for a place's first briefing, then 2, 3…; 0 when the store is down."""
        ...

    def rewind_rotation(self, team: str, place: str) -> None:
        """Take back the last step: that briefing was never posted, so the next one is the same topic."""
        ...


class Health(Protocol):
    """Whether the store answers, for /healthz and the console."""

    description: str

    def ping(self) -> bool: ...


class WriterResult(Protocol):
    """What an LLM writer returns: its text and citations, or why the offline answer stands."""

    text: str
    citations: list[Citation]
    usage: Usage | None  # None when no reply arrived: nothing known to count
    fallback_reason: str | None


class GroundedWriter(Protocol):
    """An optional writer (the LLM) that words a grounded draft from the knowledge base's passages only."""

    name: str

    def write(self, question: str, draft: Draft, retrieval: Retrieval, turns: list[Turn]) -> WriterResult: ...
