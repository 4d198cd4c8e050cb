"""The clock process (the Procfile's `clock`): tick the briefing clock every 30 s with APScheduler."""

from __future__ import annotations

import datetime as dt
import logging

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.adapters.storage import RedisStorage
from bot.core import Settings
from bot.core.briefing_clock import BriefingClock, default_subscriptions
from bot.entrypoints.wiring import connect_storage
from handlers.posting import SlackPublisher
from handlers.web_api import web_client
from knowledge.base import load_knowledge_base

log = logging.getLogger(__name__)

TICK_SECONDS = 30.0


def clock_from_settings(
    settings: Settings, storage: RedisStorage | None = None, *, interval: float = TICK_SECONDS
) -> BriefingClock:
    """The clock for this deployment: posting with the bot token, defaults from BRIEFING_* settings."""
    client = web_client(settings)
    storage = storage or connect_storage(settings)
    return BriefingClock(
        load_knowledge_base(settings.knowledge_dir),
        storage.subscriptions,
        storage.claims,
        storage.counters,
        SlackPublisher(client),
        grace_seconds=settings.briefing_grace_seconds,
        interval=interval,
        defaults=default_subscriptions(settings, team=_team_of(client)),
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
        "clock.start interval=%s grace_seconds=%d defaults=%d",
        clock.interval, clock.grace.total_seconds(), len(clock.defaults),
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


def _team_of(client: WebClient) -> str:
    """The workspace the bot token belongs to, so defaults share keys with that team's /brief commands."""
    try:
        return str(client.auth_test().get("team_id") or "local")
    except (SlackApiError, OSError) as exc:
        log.warning("clock.team_unknown error=%s; using team 'local'", type(exc).__name__)
        return "local"
