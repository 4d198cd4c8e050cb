"""The clock process (the Procfile's `clock`): tick the briefing clock every BRIEFING_TICK_SECONDS with
APScheduler. It starts even while Slack is unreachable; the settings' default briefing waits for the bot's
team (auth.test), so it shares keys with that team's /brief commands in the web process."""

from __future__ import annotations

import datetime as dt
import logging
from http.client import HTTPException

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.adapters.storage import RedisStorage
from bot.core import Settings, Subscription
from bot.core.briefing_clock import BriefingClock, default_subscriptions
from bot.entrypoints.wiring import connect_storage
from handlers.posting import SlackPublisher
from handlers.web_api import never_resending, web_client
from knowledge.base import load_knowledge_base

log = logging.getLogger(__name__)

TICK_SECONDS = 30.0


class TeamDefaults:
    """The settings' default subscriptions, for the bot token's team once auth.test has said which it is.

    Until then (Slack unreachable at start-up) there are none: a default under a made-up team would read and
    write other keys than the team's own /brief commands. Asked at every tick, so it resolves lazily.
    """

    def __init__(self, client: WebClient, defaults: list[Subscription]) -> None:
        self._client = never_resending(client, rate_limit_retries=0)  # a tick never waits on auth.test
        self._defaults = defaults
        self.team: str | None = None
        self._warned = False

    def __call__(self) -> list[Subscription]:
        if not self._defaults:
            return []
        if self.team is None:
            self.team = self._resolve()
            if self.team is None:
                return []
        return [d.model_copy(update={"team": self.team}) for d in self._defaults]

    def _resolve(self) -> str | None:
        try:
            team = self._client.auth_test().get("team_id")
        except (SlackApiError, OSError, HTTPException) as exc:
            if not self._warned:
                log.warning(
                    "clock.team_unknown error=%s; default briefings wait for auth.test", type(exc).__name__
                )
                self._warned = True
            return None
        log.info("clock.team team=%s", team)
        return str(team) if team else None


def clock_from_settings(
    settings: Settings, storage: RedisStorage | None = None, *, interval: float = TICK_SECONDS
) -> BriefingClock:
    """The clock for this deployment: posting with the bot token, defaults from BRIEFING_* settings."""
    client = web_client(settings)
    storage = storage or connect_storage(settings)
    # Settings are checked now (a bad BRIEFING_TZ stops the process); the team is filled in once known.
    defaults = TeamDefaults(client, default_subscriptions(settings, team="local"))
    return BriefingClock(
        load_knowledge_base(settings.knowledge_dir),
        storage.subscriptions,
        storage.slots,
        storage.counters,
        SlackPublisher(client),
        grace_seconds=settings.briefing_grace_seconds,
        interval=interval,
        defaults=defaults,
    )


def start(clock: BriefingClock) -> BaseScheduler:
    """Tick in a background thread (now, then every `interval` seconds); the caller shuts it down."""
    scheduler = BackgroundScheduler(timezone=dt.UTC)
    _schedule(clock, scheduler)
    scheduler.start()
    return scheduler


def run(clock: BriefingClock) -> None:
    """Tick in the foreground until interrupted: the `clock` process."""
    scheduler = BlockingScheduler(timezone=dt.UTC)
    _schedule(clock, scheduler)
    # APScheduler logs every run at INFO: two lines each tick would drown the briefings themselves.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    log.info(
        "clock.start interval=%s grace_seconds=%d lease_seconds=%d",
        clock.interval, clock.grace.total_seconds(), clock.lease,
    )  # fmt: skip
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        log.info("clock.stop")


def _schedule(clock: BriefingClock, scheduler: BaseScheduler) -> None:
    scheduler.add_job(
        clock.tick,
        IntervalTrigger(seconds=clock.interval),
        id="briefings",
        next_run_time=dt.datetime.now(dt.UTC),
        max_instances=1,  # a slow tick (rate limits) is never overlapped by the next one
        coalesce=True,
        misfire_grace_time=None,
    )
