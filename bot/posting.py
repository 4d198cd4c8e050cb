"""Posting a briefing to a channel, handling what Slack says back.

Rate limits are retried after the Retry-After Slack asks for (slack_sdk's retry handler). A channel the bot
can no longer post in turns its subscription off and tells whoever subscribed it, instead of failing daily.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import messages
from bot.briefing import Briefing
from bot.schedule import Subscription, Subscriptions

log = logging.getLogger(__name__)

# Errors that will not go away by trying again tomorrow.
CHANNEL_GONE = frozenset(messages.BRIEF_DISABLED_REASONS)

Outcome = Literal["posted", "disabled", "refused", "unknown"]


@dataclass(frozen=True)
class PostResult:
    """What became of a post: posted, disabled (channel gone), refused (Slack said no) or unknown."""

    outcome: Outcome
    error: str | None = None
    ts: str | None = None


def post_briefing(
    client: WebClient, subscription: Subscription, briefing: Briefing, subscriptions: Subscriptions
) -> PostResult:
    """Post to the subscription's channel; on a gone channel, disable the subscription and tell its owner."""
    try:
        reply = client.chat_postMessage(
            channel=subscription.channel,
            text=briefing.text(),
            blocks=briefing.blocks(),
            unfurl_links=False,
            unfurl_media=False,
        )
    except SlackApiError as exc:
        error = str(exc.response.get("error") or f"http_{exc.response.status_code}")
        if error in CHANNEL_GONE:
            _disable(client, subscription, error, subscriptions)
            return PostResult("disabled", error)
        log.warning(
            "briefing.refused team=%s channel=%s error=%s", subscription.team, subscription.channel, error
        )
        return PostResult("refused", error)
    except OSError as exc:  # no reply at all: the message may or may not exist
        log.warning(
            "briefing.unknown team=%s channel=%s error=%s",
            subscription.team, subscription.channel, type(exc).__name__,
        )  # fmt: skip
        return PostResult("unknown", type(exc).__name__)
    return PostResult("posted", ts=reply.get("ts"))


def _disable(client: WebClient, subscription: Subscription, error: str, subscriptions: Subscriptions) -> None:
    subscriptions.disable(subscription, error)
    log.warning(
        "briefing.disabled team=%s channel=%s error=%s owner=%s",
        subscription.team, subscription.channel, error, subscription.created_by,
    )  # fmt: skip
    if not subscription.created_by:
        return
    text = messages.BRIEF_DISABLED.format(
        channel=subscription.channel, reason=messages.BRIEF_DISABLED_REASONS[error]
    )
    try:
        # A user id as the channel posts in the app's DM with that person.
        client.chat_postMessage(channel=subscription.created_by, text=text)
    except (SlackApiError, OSError) as exc:
        log.warning("briefing.owner_not_told team=%s error=%s", subscription.team, type(exc).__name__)
