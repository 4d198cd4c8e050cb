"""Briefing subscriptions: the model, `/brief subscribe …` parsing, and when each is due.

Times are wall-clock times in the subscriber's zone; APScheduler's cron trigger turns them into UTC instants,
so 09:00 America/New_York is 14:00 UTC in winter and 13:00 UTC in summer.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from apscheduler.triggers.cron import CronTrigger
from pydantic import BaseModel, Field, field_validator

from bot.core import wording

Cadence = Literal["daily", "weekdays"]
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$")
_CADENCES: dict[str, Cadence] = {
    "daily": "daily",
    "everyday": "daily",
    "weekdays": "weekdays",
    "weekday": "weekdays",
}


class ScheduleError(ValueError):
    """A subscription could not be read; the message is the user-facing explanation with an example."""


class Subscription(BaseModel):
    """One channel's standing order for a briefing: when (cadence, time, zone) and who asked for it."""

    team: str
    channel: str
    cadence: Cadence = "daily"
    time: str = Field(default="09:00", description="HH:MM, wall-clock time in `tz`")
    tz: str = "UTC"
    cron: str | None = Field(
        default=None, description="a crontab line (BRIEFING_CRON); replaces cadence/time"
    )
    created_by: str | None = Field(default=None, description="Slack user id, told when posting fails")
    created_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))
    enabled: bool = True
    disabled_reason: str | None = None

    @field_validator("time")
    @classmethod
    def _time(cls, value: str) -> str:
        return _normal_time(value)

    @field_validator("tz")
    @classmethod
    def _tz(cls, value: str) -> str:
        return zone_name(value)

    @field_validator("cron")
    @classmethod
    def _cron(cls, value: str | None) -> str | None:
        if value is not None:
            CronTrigger.from_crontab(value)  # raises ValueError naming the bad field
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)

    def trigger(self) -> CronTrigger:
        """The cron trigger for this subscription, in its own time zone."""
        if self.cron:
            return CronTrigger.from_crontab(self.cron, timezone=self.zone)
        hour, minute = (int(part) for part in self.time.split(":"))
        days = "mon-fri" if self.cadence == "weekdays" else "*"
        return CronTrigger(day_of_week=days, hour=hour, minute=minute, timezone=self.zone)

    def due_slot(self, now: dt.datetime, grace: dt.timedelta) -> dt.datetime | None:
        """The latest scheduled instant in (now - grace, now] that is not older than the subscription."""
        since = max(now - grace, self.created_at - dt.timedelta(microseconds=1))
        trigger = self.trigger()
        latest = None
        slot = trigger.get_next_fire_time(None, since + dt.timedelta(microseconds=1))
        while slot is not None and slot <= now:
            latest = slot
            slot = trigger.get_next_fire_time(slot, slot)
        return latest.astimezone(dt.UTC) if latest else None

    def next_slot(self, after: dt.datetime) -> dt.datetime | None:
        """The first scheduled instant after `after`, in the subscription's zone."""
        return self.trigger().get_next_fire_time(None, after + dt.timedelta(microseconds=1))

    def describe(self) -> str:
        """How a person would say the schedule: 'every weekday at 09:00 (Asia/Karachi)'."""
        if self.cron:
            return f"on the schedule `{self.cron}` ({self.tz})"
        when = "every weekday" if self.cadence == "weekdays" else "every day"
        return f"{when} at {self.time} ({self.tz})"


def parse_subscribe(text: str, *, team: str, channel: str, user: str | None, default_tz: str) -> Subscription:
    """Read `[daily|weekdays] HH:MM [TZ]` (after `/brief subscribe`); ScheduleError explains a mistake."""
    words = text.split()
    cadence: Cadence = "daily"
    if words and words[0].lower() in _CADENCES:
        cadence = _CADENCES[words.pop(0).lower()]
    if not words:
        raise ScheduleError(wording.BRIEF_NEEDS_TIME)
    raw_time = words.pop(0)
    try:
        time = _normal_time(raw_time)
    except ValueError:
        raise ScheduleError(wording.BRIEF_BAD_TIME.format(value=_shown(raw_time))) from None
    tz = default_tz
    if words:
        raw_tz = words.pop(0)
        try:
            tz = zone_name(raw_tz)
        except ValueError:
            raise ScheduleError(wording.BRIEF_BAD_TZ.format(value=_shown(raw_tz))) from None
    if words:
        raise ScheduleError(wording.BRIEF_EXTRA.format(value=_shown(" ".join(words))))
    return Subscription(team=team, channel=channel, cadence=cadence, time=time, tz=tz, created_by=user)


def zone_name(value: str) -> str:
    """The canonical IANA name for a zone, matched case-insensitively ('asia/karachi' → 'Asia/Karachi')."""
    name = _zones().get(value.strip().lower())
    if name is None:
        raise ValueError(f"unknown time zone {value!r}")
    try:
        ZoneInfo(name)
    except ZoneInfoNotFoundError as exc:
        raise ValueError(f"unknown time zone {value!r}") from exc
    return name


def _normal_time(value: str) -> str:
    match = _TIME.match(value.strip().lower())
    if not match:
        raise ValueError(f"{value!r} is not a time like 09:00")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


@cache
def _zones() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


def _shown(value: str) -> str:
    """User input echoed in a reply: short (renderers escape it for their surface)."""
    return value if len(value) <= 40 else value[:39] + "…"
