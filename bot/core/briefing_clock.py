"""Scheduled briefings: every tick, post each subscription's due briefing — exactly once across all clocks.

A tick looks back over the grace period, so a slot missed while the clock was down is still posted when it
returns; each (channel, slot) is claimed before posting, so two clocks, a restart or a retry never post it
twice. Without the store nothing can be claimed and nothing is posted until it returns (within the grace
period).
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
from bot.core.ports import Counters, DeliveryClaims, SubscriptionStore
from bot.core.schedule import Subscription
from bot.core.settings import ConfigError, Settings
from knowledge.base import KnowledgeBase

log = logging.getLogger(__name__)

CLAIM_KIND = "briefing"
DEFAULT_TIME = "09:00"
# Errors after which a channel's subscription is turned off: they will not go away by trying again tomorrow.
CHANNEL_GONE = frozenset({"not_in_channel", "channel_not_found", "is_archived"})
# Settings defaults apply to every slot, not only to slots after the clock started.
_ALWAYS = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)

Now = Callable[[], dt.datetime]
Outcome = Literal["posted", "disabled", "refused", "unknown"]


@dataclass(frozen=True)
class PostResult:
    """What became of a post: posted, refused (Slack said no; `error` says why) or unknown (no reply)."""

    outcome: Literal["posted", "refused", "unknown"]
    error: str | None = None


class BriefingPublisher(Protocol):
    """Where briefings go (Slack): post one to a channel; tell a person their subscription was turned off."""

    def publish(self, channel: str, briefing: Briefing) -> PostResult: ...

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
        claims: DeliveryClaims,
        counters: Counters,
        publisher: BriefingPublisher,
        *,
        grace_seconds: int = 3600,
        interval: float = 30.0,
        defaults: Iterable[Subscription] = (),
        now: Now | None = None,
    ) -> None:
        self.kb = kb
        self.subscriptions = subscriptions
        self.claims = claims
        self.counters = counters
        self.publisher = publisher
        self.defaults = list(defaults)
        self.interval = interval
        # A grace shorter than two ticks could fall between ticks and lose slots.
        self.grace = dt.timedelta(seconds=max(grace_seconds, 2 * interval))
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
        extra = [d for d in self.defaults if (d.team, d.channel) not in known]
        return [s for s in [*stored, *extra] if s.enabled]

    def _post(self, subscription: Subscription, slot: dt.datetime) -> Sent | None:
        team, channel = subscription.team, subscription.channel
        ident = f"{channel}:{slot.isoformat()}"
        if not self.claims.claim(team, CLAIM_KIND, ident, self.claim_ttl, when_down=False):
            log.debug("briefing.skipped team=%s channel=%s slot=%s reason=claimed", team, channel, ident)
            return None
        today = slot.astimezone(subscription.zone).date()
        briefing = next_briefing(self.kb, self.subscriptions, team, channel, today=today)
        result = self.publisher.publish(channel, briefing)
        outcome: Outcome = result.outcome
        if result.outcome == "refused" and result.error in CHANNEL_GONE:
            self._disable(subscription, result.error)
            outcome = "disabled"
        elif result.outcome == "refused":
            # Slack said it did not post: give the slot back so a later tick (within grace) tries again.
            self.claims.release(team, CLAIM_KIND, ident)
        self.counters.add(team, {f"briefings:{outcome}": 1})
        log.info(
            "briefing.%s team=%s channel=%s slot=%s topic=%s late_seconds=%d",
            outcome, team, channel, slot.isoformat(), briefing.topic, (self._now() - slot).total_seconds(),
        )  # fmt: skip
        return Sent(team, channel, slot, briefing.topic, outcome, result.error)

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
