"""The application object every surface calls: ask, topic overviews, votes, threads, briefings, subscriptions.

Listeners (Slack, the console) parse their input, call one method here and render what comes back: an Answer,
a Briefing, a SubscriptionChange or a Notice. Rate limits, thread memory and delivery claims live behind
these methods, so no surface touches storage.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

from pydantic import BaseModel

from bot.core import wording
from bot.core.addressing import read_address
from bot.core.answer import Answer, Notice
from bot.core.briefing import Briefing, next_briefing
from bot.core.engine import AnswerEngine
from bot.core.ports import (
    Admission,
    Admitted,
    Counters,
    DeliveryClaims,
    Health,
    Limit,
    RateLimits,
    SubscriptionStore,
    ThreadMemory,
)
from bot.core.reading import clean
from bot.core.schedule import ScheduleError, Subscription, parse_subscribe
from knowledge.base import KnowledgeBase

log = logging.getLogger(__name__)
T = TypeVar("T")

# Slack retries an undelivered event three times within about five minutes; remember ids well past that.
DELIVERY_TTL_SECONDS = 3600
VOTE_TTL_SECONDS = 90 * 24 * 3600
MAX_PROMPTS = 4  # suggested prompts Slack shows in the assistant panel
MAX_TITLE_CHARS = 60

# Why a message is answered (the first three) or not (the rest).
HeardReason = Literal[
    "question", "mention", "direct", "acknowledgement", "remark", "elsewhere", "not_followed", "stopped",
    "mention_only",
]  # fmt: skip


@dataclass(frozen=True)
class Asker:
    """Who is asking, and where: the team namespaces storage; user and channel carry the rate limits."""

    team: str
    user: str = ""
    channel: str = ""


@dataclass(frozen=True)
class Limits:
    """Questions a user and a channel may ask per minute, and how long and how much a thread remembers."""

    per_user: int = 20
    per_channel: int = 60
    thread_ttl: int = 24 * 3600
    briefing_tz: str = "UTC"


def conversation_id(channel: str, thread_ts: str | None) -> str:
    """The thread memory key of a channel thread, or of a DM (outside a thread, the DM itself)."""
    return f"{channel}:{thread_ts}" if thread_ts else channel


@dataclass(frozen=True)
class Heard:
    """What the bot does with a message it saw: answer it or not, and why; `first_in_thread` when this answer
    is its first in a thread it now follows (a surface offers to stop following, or titles the thread)."""

    answer: bool
    reason: HeardReason
    first_in_thread: bool = False


@dataclass(frozen=True)
class Prompt:
    """A suggested question: a short title and the message it sends."""

    title: str
    message: str


class ChannelSettings(BaseModel):
    """How the bot behaves in one channel: whether it answers only messages that mention it."""

    channel: str
    mention_only: bool
    saved: bool = True  # False when a change could not be saved (the store is down)


def suggested_prompts(kb: KnowledgeBase, limit: int = MAX_PROMPTS) -> list[Prompt]:
    """One prompt per topic (its title, and its first example question), in the knowledge base's order."""
    prompts = [Prompt(title=t.title, message=t.questions[0] if t.questions else t.title) for t in kb.topics]
    return prompts[:limit]


class SubscriptionChange(BaseModel):
    """What `/brief subscribe` or `/brief off` did: the outcome, and what a reply needs to say about it."""

    outcome: Literal["subscribed", "unsubscribed", "not_subscribed", "invalid", "store_down"]
    channel: str
    subscription: Subscription | None = None
    next_slot: dt.datetime | None = None
    problem: str | None = None  # for "invalid": what was wrong, with an example


class Briefbot:
    """briefbot's use cases, over the engine and the storage ports."""

    def __init__(
        self,
        kb: KnowledgeBase,
        engine: AnswerEngine,
        *,
        threads: ThreadMemory,
        claims: DeliveryClaims,
        limits: RateLimits,
        counters: Counters,
        subscriptions: SubscriptionStore,
        health: Health,
        admission: Admission,
        config: Limits | None = None,
    ) -> None:
        self.kb = kb
        self.engine = engine
        self._threads = threads
        self._claims = claims
        self._limits = limits
        self._counters = counters
        self._subscriptions = subscriptions
        self._health = health
        self._admission = admission
        self._config = config or Limits()

    # --- questions ------------------------------------------------------------------------------------

    @property
    def answers_take_time(self) -> bool:
        """True when answers may take seconds (an LLM writes them), so surfaces show progress first."""
        return self.engine.mode == "llm"

    def ask(
        self,
        text: str,
        asker: Asker,
        *,
        conversation: str | None = None,
        on_slow: Callable[[], None] | None = None,
        delivery: str | None = None,
    ) -> Answer | Notice:
        """Answer a question (in a conversation, with its memory), within the asker's rate limits.

        `on_slow` is called once the question is admitted, when answers take time: a surface shows progress.
        `delivery` names a one-off delivery (a slash command's trigger id): a repeat of it is a "duplicate"
        notice. Outside a conversation, claiming it, the rate limits and the cache lookup are one round trip.
        """
        if conversation is not None:
            if not self._within_limits(asker):
                return Notice(kind="rate_limited", text=wording.RATE_LIMITED)
            if on_slow is not None and self.answers_take_time:
                on_slow()
            return self._safely(lambda: self.engine.answer(text, team=asker.team, conversation=conversation))
        try:
            asked = self.engine.read(text, team=asker.team)
        except Exception:
            log.exception("application.failed")
            return Notice(kind="error", text=wording.ERROR)
        admitted = self._admit(asker, delivery, asked.key if asked.looks_up else None)
        if isinstance(admitted, Notice):
            return admitted
        if on_slow is not None and self.answers_take_time and admitted.cached is None:
            on_slow()
        return self._safely(lambda: self.engine.complete(asked, admitted.cached, team=asker.team))

    def topic(self, topic_id: str, asker: Asker, *, delivery: str | None = None) -> Answer | Notice:
        """A topic's overview, as its slash command shows it (`delivery` as for `ask`)."""
        admitted = self._admit(asker, delivery, None)
        if isinstance(admitted, Notice):
            return admitted
        return self._safely(lambda: self.engine.topic_answer(topic_id))

    def again(self, question: str, team: str, *, topic: str | None = None) -> Answer:
        """The same answer once more (to share it): re-made, usually from the cache; never stale."""
        return self.engine.topic_answer(topic) if topic else self.engine.answer(question, team=team)

    def vote(self, team: str, answer_id: str, user: str, vote: Literal["up", "down"], question: str) -> None:
        """Keep one person's 👍/👎 on an answer, with the question it answered."""
        self._counters.record_vote(team, answer_id, user, vote, question, VOTE_TTL_SECONDS)
        log.info("answer.vote answer=%s vote=%s", answer_id, vote)

    # --- conversations --------------------------------------------------------------------------------

    def hear_mention(
        self, team: str, conversation: str, text: str, *, channel: str, starts_thread: bool
    ) -> Heard:
        """A message that mentions the bot: answered unless it only thanks or reacts. One that starts a thread
        (a top-level message) has the bot follow that thread, unless the channel wants only mentions."""
        if read_address(text) == "acknowledgement":
            return self._skipped("acknowledgement")
        if not starts_thread or self.mention_only(team, channel):
            return Heard(True, "mention")
        return Heard(True, "mention", first_in_thread=self.follow(team, conversation))

    def hear_in_thread(
        self,
        team: str,
        conversation: str,
        text: str,
        *,
        channel: str,
        mentions_others: bool = False,
        replies_to_bot: bool = False,
    ) -> Heard:
        """A channel-thread message without a mention: answered only when it is a question or a request for
        the bot in a thread the bot follows. A thread under the bot's own message (`replies_to_bot`) is
        followed from its first question; thanks, emoji, "+1" and words for someone else get no answer."""
        address = read_address(text, mentions_others=mentions_others)
        if address != "question":
            return self._skipped(address)
        state = self._threads.state(team, channel, conversation)
        if state.mention_only:
            return self._skipped("mention_only")
        if state.stopped:
            return self._skipped("stopped")
        if state.following:
            return Heard(True, "question")
        if replies_to_bot and self.follow(team, conversation):
            return Heard(True, "question", first_in_thread=True)
        return self._skipped("not_followed")

    def hear_direct(self, team: str, text: str, *, conversation: str | None = None) -> Heard:
        """A direct message (or one in the assistant panel, a `conversation`): answered unless it only thanks
        or reacts; `first_in_thread` for the first message of a conversation."""
        if read_address(text) == "acknowledgement":
            return self._skipped("acknowledgement")
        first = self.follow(team, conversation) if conversation else False
        return Heard(True, "direct", first_in_thread=first)

    def follow(self, team: str, conversation: str) -> bool:
        """From now on, questions in this thread are for the bot even without a mention; True when this call
        started following it (never after someone asked the bot to stop)."""
        return self._threads.follow(team, conversation, self._config.thread_ttl)

    def unfollow(self, team: str, conversation: str) -> None:
        """Stop following a thread ("Stop following"): nothing more is answered there without a mention."""
        self._threads.unfollow(team, conversation, self._config.thread_ttl)
        log.info("thread.unfollowed team=%s conversation=%s", team, conversation)

    def follows(self, team: str, conversation: str) -> bool:
        return self._threads.following(team, conversation)

    def mention_only(self, team: str, channel: str) -> bool:
        """True when the channel wants only messages that mention the bot answered (no thread followed)."""
        return self._threads.mention_only(team, channel)

    def channel_settings(self, team: str, channel: str) -> ChannelSettings:
        return ChannelSettings(channel=channel, mention_only=self.mention_only(team, channel))

    def set_mention_only(self, team: str, channel: str, on: bool) -> ChannelSettings:
        """Answer only mentions in this channel (on), or follow threads started with a mention (off)."""
        saved = self._threads.set_mention_only(team, channel, on)
        log.info("channel.mention_only team=%s channel=%s on=%s saved=%s", team, channel, on, saved)
        return ChannelSettings(channel=channel, mention_only=on, saved=saved)

    def suggested_prompts(self) -> list[Prompt]:
        """What the assistant panel suggests asking, from the knowledge base's topics."""
        return suggested_prompts(self.kb)

    def thread_title(self, text: str) -> str:
        """A conversation's title from its first question: markup out, one line, short."""
        title = " ".join(clean(text).split())
        if len(title) > MAX_TITLE_CHARS:
            title = title[: MAX_TITLE_CHARS - 1].rstrip() + "…"
        return title or self.kb_title

    @property
    def kb_title(self) -> str:
        """The knowledge base's (first) source title."""
        return next(iter(self.kb.sources.values())).meta.title

    def _skipped(self, reason: HeardReason) -> Heard:
        log.debug("thread.skipped reason=%s", reason)
        return Heard(False, reason)

    def first_delivery(self, team: str, kind: str, ident: str) -> bool:
        """True the first time a delivery (an event, a command, a click) is seen by any process."""
        return self._claims.claim(team, kind, ident, DELIVERY_TTL_SECONDS, when_down=True)

    # --- briefings ------------------------------------------------------------------------------------

    def brief(self, asker: Asker, *, public: bool) -> Briefing | Notice:
        """The next briefing in the channel's rotation (public) or the asker's own."""
        if not self._within_limits(asker):
            return Notice(kind="rate_limited", text=wording.RATE_LIMITED)
        place = asker.channel if public else f"user:{asker.user}"
        today = dt.datetime.now(dt.UTC).date()
        return self._safely(
            lambda: next_briefing(self.kb, self._subscriptions, asker.team, place, today=today)
        )

    def subscribe(self, text: str, asker: Asker) -> SubscriptionChange:
        """Read `[daily|weekdays] HH:MM [zone]` and save it as the channel's subscription."""
        try:
            subscription = parse_subscribe(text, team=asker.team, channel=asker.channel, user=asker.user,
                                           default_tz=self._config.briefing_tz)  # fmt: skip
        except ScheduleError as exc:
            return SubscriptionChange(outcome="invalid", channel=asker.channel, problem=str(exc))
        if not self._subscriptions.save(subscription):
            return SubscriptionChange(outcome="store_down", channel=asker.channel)
        log.info("briefing.subscribed team=%s channel=%s schedule=%s", asker.team, asker.channel,
                 subscription.describe())  # fmt: skip
        upcoming = subscription.next_slot(dt.datetime.now(dt.UTC))
        return SubscriptionChange(outcome="subscribed", channel=asker.channel, subscription=subscription,
                                  next_slot=upcoming)  # fmt: skip

    def unsubscribe(self, asker: Asker) -> SubscriptionChange:
        removed = self._subscriptions.remove(asker.team, asker.channel)
        return SubscriptionChange(
            outcome="unsubscribed" if removed else "not_subscribed", channel=asker.channel
        )

    def subscriptions(self, team: str) -> list[Subscription]:
        return self._subscriptions.of_team(team)

    # --- operations -----------------------------------------------------------------------------------

    def health(self) -> dict[str, object]:
        """Liveness, the knowledge base version and the store's state: what an operator wants at a glance."""
        return {
            "ok": True,
            "kb_version": self.kb.version,
            "redis": "ok" if self._health.ping() else "degraded",
        }

    @property
    def store_description(self) -> str:
        return self._health.description

    def stats(self, team: str | None = None) -> dict[str, dict[str, float]]:
        """Usage counters per team (one team, or every team with any)."""
        teams = [team] if team else self._counters.teams() or ["local"]
        return {t: self._counters.stats(t) for t in teams}

    def _admit(self, asker: Asker, delivery: str | None, cache_key: str | None) -> Admitted | Notice:
        """Claim the delivery, count the question against the limits and look up the cache: one round trip."""
        admitted = self._admission.admit(
            asker.team,
            delivery=("command", delivery, DELIVERY_TTL_SECONDS) if delivery else None,
            limits=self._limits_of(asker),
            cache_key=cache_key,
        )
        if not admitted.first:
            return Notice(kind="duplicate", text="")
        if not admitted.allowed:
            return Notice(kind="rate_limited", text=wording.RATE_LIMITED)
        return admitted

    def _within_limits(self, asker: Asker) -> bool:
        return self._limits.allow(asker.team, self._limits_of(asker))

    def _limits_of(self, asker: Asker) -> list[Limit]:
        return [
            ("user", asker.user, self._config.per_user),
            ("channel", asker.channel, self._config.per_channel),
        ]

    def _safely(self, make: Callable[[], T]) -> T | Notice:
        """The value, or a short apology when making it failed (the details go to the log)."""
        try:
            return make()
        except Exception:
            log.exception("application.failed")
            return Notice(kind="error", text=wording.ERROR)
