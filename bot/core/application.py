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
from bot.core.answer import Answer, Notice
from bot.core.briefing import Briefing, next_briefing
from bot.core.engine import AnswerEngine
from bot.core.ports import Counters, DeliveryClaims, Health, RateLimits, SubscriptionStore, ThreadMemory
from bot.core.schedule import ScheduleError, Subscription, parse_subscribe
from knowledge.base import KnowledgeBase

log = logging.getLogger(__name__)
T = TypeVar("T")

# Slack retries an undelivered event three times within about five minutes; remember ids well past that.
DELIVERY_TTL_SECONDS = 3600
VOTE_TTL_SECONDS = 90 * 24 * 3600


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
    ) -> Answer | Notice:
        """Answer a question (in a conversation, with its memory), within the asker's rate limits.

        `on_slow` is called once the question is admitted, when answers take time: a surface shows progress.
        """
        if not self._within_limits(asker):
            return Notice(kind="rate_limited", text=wording.RATE_LIMITED)
        if on_slow is not None and self.answers_take_time:
            on_slow()
        return self._safely(lambda: self.engine.answer(text, team=asker.team, conversation=conversation))

    def topic(self, topic_id: str, asker: Asker) -> Answer | Notice:
        """A topic's overview, as its slash command shows it."""
        if not self._within_limits(asker):
            return Notice(kind="rate_limited", text=wording.RATE_LIMITED)
        return self._safely(lambda: self.engine.topic_answer(topic_id))

    def again(self, question: str, team: str, *, topic: str | None = None) -> Answer:
        """The same answer once more (to share it): re-made, usually from the cache; never stale."""
        return self.engine.topic_answer(topic) if topic else self.engine.answer(question, team=team)

    def vote(self, team: str, answer_id: str, user: str, vote: Literal["up", "down"], question: str) -> None:
        """Keep one person's 👍/👎 on an answer, with the question it answered."""
        self._counters.record_vote(team, answer_id, user, vote, question, VOTE_TTL_SECONDS)
        log.info("answer.vote answer=%s vote=%s", answer_id, vote)

    # --- conversations --------------------------------------------------------------------------------

    def follow(self, team: str, conversation: str) -> None:
        """From now on, messages in this thread are for the bot even without a mention."""
        self._threads.follow(team, conversation, self._config.thread_ttl)

    def unfollow(self, team: str, conversation: str) -> None:
        self._threads.unfollow(team, conversation)

    def follows(self, team: str, conversation: str) -> bool:
        return self._threads.following(team, conversation)

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

    def _within_limits(self, asker: Asker) -> bool:
        limits = [
            ("user", asker.user, self._config.per_user),
            ("channel", asker.channel, self._config.per_channel),
        ]
        return self._limits.allow(asker.team, limits)

    def _safely(self, make: Callable[[], T]) -> T | Notice:
        """The value, or a short apology when making it failed (the details go to the log)."""
        try:
            return make()
        except Exception:
            log.exception("application.failed")
            return Notice(kind="error", text=wording.ERROR)
