"""Where a Slack exchange happens and who may ask: conversation ids for thread memory, and rate limits."""

from __future__ import annotations

from bot.services import Services


def conversation_id(channel: str, thread_ts: str | None) -> str:
    """The thread memory key of a channel thread, or of a DM (outside a thread, the DM itself)."""
    return f"{channel}:{thread_ts}" if thread_ts else channel


def within_rate_limits(services: Services, team: str, *, user: str, channel: str) -> bool:
    """True while the user and the channel are under their per-minute question limits (one round trip)."""
    settings = services.settings
    limits = [("user", user, settings.user_rate_limit), ("channel", channel, settings.channel_rate_limit)]
    return services.store.allow_all(team, limits)
