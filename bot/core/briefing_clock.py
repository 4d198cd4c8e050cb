"""Scheduled briefings: every tick, post each subscription's due briefing — exactly once across all clocks.

A tick looks back over the grace period, so a slot missed while the clock (or Slack) was down is still posted
when it returns. Each (channel, slot) is leased before posting, so two clocks never post it together; a post
Slack did not take frees the slot for the next tick. When the outcome is unknown (no reply, or the clock died
holding the lease) the next taker asks the publisher whether the slot's post exists before posting again.
Without the store nothing can be leased and nothing is posted until it returns (within the grace period).
The process that runs ticks on a timer is bot.entrypoints.clock; posting is the publisher port's job (Slack).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal, Protocol

from pydantic import ValidationError

from bot.core.briefing import Briefing, next_briefing
from bot.core.ports import Counters, Lease, SlotClaims, SubscriptionStore
from bot.core.schedule import Subscription
from bot.core.settings import ConfigError, Settings
from knowledge.base import KnowledgeBase

log = logging.getLogger(__name__)

DEFAULT_TIME = "09:00"
# Errors after which a channel's subscription is turned off: they will not go away by trying again tomorrow.
CHANNEL_GONE = frozenset({"not_in_channel", "channel_not_found", "is_archived"})
# Settings defaults apply to every slot, not only to slots after the clock started.
_ALWAYS = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)

# How long a clock may take to learn a post's outcome before another may take the slot over (it then checks).
LEASE_SECONDS = 300

Now = Callable[[], dt.datetime]
# found: an attempt whose outcome was unknown had posted it after all; unchecked: that could not be told yet.
Outcome = Literal["posted", "found", "disabled", "refused", "unknown", "unchecked"]
Seen = Literal["yes", "no", "unknown"]
Defaults = Iterable[Subscription] | Callable[[], Iterable[Subscription]]


@dataclass(frozen=True)
class PostResult:
    """What became of a post: posted, refused (it was not posted; `error` says why) or unknown (no reply)."""

    outcome: Literal["posted", "refused", "unknown"]
    error: str | None = None


class BriefingPublisher(Protocol):
    """Where briefings go (Slack): post one for a slot; say whether a slot's post exists; tell a person
    their subscription was turned off."""

    def publish(self, channel: str, briefing: Briefing, slot: dt.datetime) -> PostResult: ...

    def already_posted(self, channel: str, slot: dt.datetime, since: dt.datetime) -> Seen:
        """Is there a post for this slot (posted since `since`)? "unknown" when that can't be told."""
        ...

    def tell_disabled(self, user: str, channel: str, reason: str) -> None: ...


@dataclass(frozen=True)
class Sent:
    """One due slot this clock claimed, and what became of its post."""

    team: str
    channel: str
    slot: dt.datetime
    topic: str
    outcome: Outcome
    error: str | None = None


class BriefingClock:
    """Finds due briefings and posts them; `tick()` is one pass."""

    def __init__(
        self,
        kb: KnowledgeBase,
        subscriptions: SubscriptionStore,
        claims: SlotClaims,
        counters: Counters,
        publisher: BriefingPublisher,
        *,
        grace_seconds: int = 3600,
        interval: float = 30.0,
        lease_seconds: int = LEASE_SECONDS,
        defaults: Defaults = (),
        now: Now | None = None,
    ) -> None:
        self.kb = kb
        self.subscriptions = subscriptions
        self.claims = claims
        self.counters = counters
        self.publisher = publisher
        # Settings defaults may wait for something (the bot's team): a callable is asked at every tick.
        if callable(defaults):
            self._defaults: Callable[[], Iterable[Subscription]] = defaults
        else:
            fixed = list(defaults)
            self._defaults = lambda: fixed
        self.interval = interval
        # A grace shorter than two ticks could fall between ticks and lose slots.
        self.grace = dt.timedelta(seconds=max(grace_seconds, 2 * interval))
        # A dead clock's lease ends while the slot is still due, so another tick can check and post it.
        self.lease = max(1, min(lease_seconds, int(self.grace.total_seconds() / 2)))
        # Claims outlive the grace period, so no clock can see a slot as unclaimed while it is still due.
        self.claim_ttl = int(self.grace.total_seconds()) + 24 * 3600
        self._now = now or (lambda: dt.datetime.now(dt.UTC))

    def tick(self) -> list[Sent]:
        """Post every briefing due now (or missed within the grace period) that no clock has claimed."""
        now = self._now()
        sent = []
        for subscription in self.due_subscriptions():
            slot = subscription.due_slot(now, self.grace)
            if slot is None:
                continue
            try:
                result = self._post(subscription, slot)
            except Exception:  # one broken subscription must not stop the others' briefings
                log.exception("briefing.error team=%s channel=%s", subscription.team, subscription.channel)
                continue
            if result is not None:
                sent.append(result)
        return sent

    def due_subscriptions(self) -> list[Subscription]:
        """Enabled subscriptions from the store, plus settings defaults for channels that have none stored."""
        stored = self.subscriptions.everywhere()
        known = {(s.team, s.channel) for s in stored}
        extra = [d for d in self._defaults() if (d.team, d.channel) not in known]
        return [s for s in [*stored, *extra] if s.enabled]

    def _post(self, subscription: Subscription, slot: dt.datetime) -> Sent | None:
        team, channel = subscription.team, subscription.channel
        ident = f"{channel}:{slot.isoformat()}"
        lease = self.claims.take(team, ident, now=self._now(), lease=self.lease, ttl=self.claim_ttl)
        if lease is None:
            log.debug("briefing.skipped team=%s channel=%s slot=%s reason=claimed", team, channel, ident)
            return None
        if lease.retry:
            checked = self._check(subscription, slot, ident, lease)
            if checked is not None:
                return checked
            self.subscriptions.rewind_rotation(team, channel)  # the lost attempt's topic was never posted
        today = slot.astimezone(subscription.zone).date()
        briefing = next_briefing(self.kb, self.subscriptions, team, channel, today=today)
        result = self.publisher.publish(channel, briefing, slot)
        outcome: Outcome = result.outcome
        if result.outcome == "refused" and result.error in CHANNEL_GONE:
            self.claims.done(team, ident, self.claim_ttl)
            self._disable(subscription, result.error)
            outcome = "disabled"
        elif result.outcome == "refused":
            # Nothing was posted: give the slot back so a later tick (within grace) tries again, same topic.
            self.claims.release(team, ident)
            self.subscriptions.rewind_rotation(team, channel)
        elif result.outcome == "unknown":
            # The post may exist: the next tick looks for it before posting again.
            self.claims.unknown(team, ident, now=self._now())
        else:
            self.claims.done(team, ident, self.claim_ttl)
        return self._sent(subscription, slot, briefing.topic, outcome, result.error)

    def _check(self, subscription: Subscription, slot: dt.datetime, ident: str, lease: Lease) -> Sent | None:
        """After an unknown outcome: a Sent when the slot's post exists or can't be looked for yet (no post
        now), None when it is certainly missing (post it)."""
        team, channel = subscription.team, subscription.channel
        seen = self.publisher.already_posted(channel, slot, lease.since)
        if seen == "no":
            return None
        if seen == "yes":
            self.claims.done(team, ident, self.claim_ttl)
            return self._sent(subscription, slot, "", "found")
        self.claims.unknown(team, ident, now=self._now())  # never post blind: look again at a later tick
        return self._sent(subscription, slot, "", "unchecked")

    def _sent(
        self,
        subscription: Subscription,
        slot: dt.datetime,
        topic: str,
        outcome: Outcome,
        error: str | None = None,
    ) -> Sent:
        team, channel = subscription.team, subscription.channel
        self.counters.add(team, {f"briefings:{outcome}": 1})
        log.info(
            "briefing.%s team=%s channel=%s slot=%s topic=%s late_seconds=%d",
            outcome, team, channel, slot.isoformat(), topic or "-", (self._now() - slot).total_seconds(),
        )  # fmt: skip
        return Sent(team, channel, slot, topic, outcome, error)

    def _disable(self, subscription: Subscription, reason: str) -> None:
        """Turn a subscription off (kept, so `/brief list` can say why) and tell whoever subscribed it."""
        self.subscriptions.save(subscription.model_copy(update={"enabled": False, "disabled_reason": reason}))
        log.warning(
            "briefing.disabled team=%s channel=%s error=%s owner=%s",
            subscription.team, subscription.channel, reason, subscription.created_by,
        )  # fmt: skip
        if subscription.created_by:
            self.publisher.tell_disabled(subscription.created_by, subscription.channel, reason)


def default_subscriptions(settings: Settings, *, team: str) -> list[Subscription]:
    """The subscription BRIEFING_CHANNEL/BRIEFING_CRON/BRIEFING_TZ describe (daily 09:00 without a cron)."""
    if not settings.briefing_channel:
        if settings.briefing_cron:
            log.warning("clock.no_default reason=BRIEFING_CRON is set but BRIEFING_CHANNEL is not")
        return []
    try:
        return [
            Subscription(
                team=team,
                channel=settings.briefing_channel,
                time=DEFAULT_TIME,
                tz=settings.briefing_tz,
                cron=settings.briefing_cron,
                created_at=_ALWAYS,
            )
        ]
    except ValidationError as exc:
        first = exc.errors()[0]
        field = "BRIEFING_CRON" if first["loc"] == ("cron",) else "BRIEFING_TZ"
        raise ConfigError(f"{field} is invalid: {first['msg']}") from None
