"""The clock process: every tick, post each subscription's due briefing — exactly once across all clocks.

APScheduler runs the tick. A tick looks back over the grace period, so a slot missed while the clock was down
is still posted when it returns; each (channel, slot) is claimed in Redis (SET NX) before posting, so two
clocks, a restart or a retry never post it twice. Without Redis nothing can be claimed and nothing is posted
until it returns (still within the grace period).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger
from pydantic import ValidationError
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.briefing import next_briefing
from bot.posting import PostResult, post_briefing
from bot.schedule import Subscription, Subscriptions
from bot.services import Services
from bot.settings import ConfigError, Settings
from bot.slack_client import web_client
from bot.store import Store
from knowledge.base import KnowledgeBase

log = logging.getLogger(__name__)

CLAIM_KIND = "briefing"
TICK_SECONDS = 30.0
DEFAULT_TIME = "09:00"
# Settings defaults apply to every slot, not only to slots after the clock started.
_ALWAYS = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)

Now = Callable[[], dt.datetime]


@dataclass(frozen=True)
class Sent:
    """One due slot this clock claimed, and what became of its post."""

    team: str
    channel: str
    slot: dt.datetime
    topic: str
    result: PostResult


class Clock:
    """Finds due briefings and posts them; `tick()` is one pass, `start()`/`run()` schedule it."""

    def __init__(
        self,
        kb: KnowledgeBase,
        store: Store,
        client: WebClient,
        *,
        grace_seconds: int = 3600,
        defaults: Iterable[Subscription] = (),
        now: Now | None = None,
        interval: float = TICK_SECONDS,
    ) -> None:
        self.kb = kb
        self.store = store
        self.client = client
        self.subscriptions = Subscriptions(store)
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
        """Enabled subscriptions from Redis, plus settings defaults for channels that have none stored."""
        stored = self.subscriptions.everywhere()
        known = {(s.team, s.channel) for s in stored}
        extra = [d for d in self.defaults if (d.team, d.channel) not in known]
        return [s for s in [*stored, *extra] if s.enabled]

    def start(self) -> BaseScheduler:
        """Tick in a background thread (now, then every `interval` seconds); the caller shuts it down."""
        scheduler = BackgroundScheduler(timezone=dt.UTC)
        self._schedule(scheduler)
        scheduler.start()
        return scheduler

    def run(self) -> None:
        """Tick in the foreground until interrupted: the `clock` process."""
        scheduler = BlockingScheduler(timezone=dt.UTC)
        self._schedule(scheduler)
        # APScheduler logs every run at INFO: two lines each tick would drown the briefings themselves.
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
        log.info(
            "clock.start interval=%s grace_seconds=%d defaults=%d",
            self.interval, self.grace.total_seconds(), len(self.defaults),
        )  # fmt: skip
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            log.info("clock.stop")

    def _schedule(self, scheduler: BaseScheduler) -> None:
        scheduler.add_job(
            self.tick,
            IntervalTrigger(seconds=self.interval),
            id="briefings",
            next_run_time=dt.datetime.now(dt.UTC),
            max_instances=1,  # a slow tick (rate limits) is never overlapped by the next one
            coalesce=True,
            misfire_grace_time=None,
        )

    def _post(self, subscription: Subscription, slot: dt.datetime) -> Sent | None:
        team, channel = subscription.team, subscription.channel
        ident = f"{channel}:{slot.isoformat()}"
        if not self.store.claim(team, CLAIM_KIND, ident, self.claim_ttl, when_down=False):
            log.debug("briefing.skipped team=%s channel=%s slot=%s reason=claimed", team, channel, ident)
            return None
        today = slot.astimezone(subscription.zone).date()
        briefing = next_briefing(self.kb, self.store, team, channel, today=today)
        result = post_briefing(self.client, subscription, briefing, self.subscriptions)
        if result.outcome == "refused":
            # Slack said it did not post: give the slot back so a later tick (within grace) tries again.
            self.store.release(team, CLAIM_KIND, ident)
        self.store.count(team, "briefings", result.outcome)
        log.info(
            "briefing.%s team=%s channel=%s slot=%s topic=%s late_seconds=%d",
            result.outcome, team, channel, slot.isoformat(), briefing.topic,
            (self._now() - slot).total_seconds(),
        )  # fmt: skip
        return Sent(team, channel, slot, briefing.topic, result)


def clock_from_settings(settings: Settings, services: Services, *, interval: float = TICK_SECONDS) -> Clock:
    """The clock for this deployment: Slack client from the bot token, defaults from BRIEFING_* settings."""
    client = web_client(settings)
    return Clock(
        services.kb,
        services.store,
        client,
        grace_seconds=settings.briefing_grace_seconds,
        defaults=default_subscriptions(settings, team=_team_of(client)),
        interval=interval,
    )


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


def _team_of(client: WebClient) -> str:
    """The workspace the bot token belongs to, so defaults share keys with that team's /brief commands."""
    try:
        return str(client.auth_test().get("team_id") or "local")
    except (SlackApiError, OSError) as exc:
        log.warning("clock.team_unknown error=%s; using team 'local'", type(exc).__name__)
        return "local"
