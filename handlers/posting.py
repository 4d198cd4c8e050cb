"""Posting briefings to Slack: the core's BriefingPublisher on the Web API.

Each briefing carries message metadata naming its slot, and is sent once: a lost connection is never retried
(the post may exist), a 429 is (Slack did nothing). When an outcome was unknown the core asks whether the
slot's post exists; that reads the channel's recent history, which Slack allows non-Marketplace apps once a
minute (15 messages), so only then and without waiting out a 429. What Slack says back becomes a PostResult;
what to do about it (release the slot, turn the subscription off) is the core's call.
"""

from __future__ import annotations

import datetime as dt
import logging
import socket
from http.client import HTTPException
from typing import Any
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core import Briefing, PostResult, Seen
from handlers.blocks import render_briefing, render_disabled_notice
from handlers.web_api import never_resending

log = logging.getLogger(__name__)

EVENT_TYPE = "briefbot_briefing"
HISTORY_LIMIT = 15  # the most conversations.history returns to non-Marketplace apps
CLOCK_SKEW = dt.timedelta(seconds=60)  # Slack's clock against ours, when reading history from an attempt on
NO_REPLY = (OSError, HTTPException)  # the connection failed or dropped: Slack's answer never arrived


class SlackPublisher:
    """Implements BriefingPublisher with chat.postMessage (and conversations.history to look for a post)."""

    def __init__(self, client: WebClient) -> None:
        self.client = never_resending(client)
        self.reader = never_resending(client, rate_limit_retries=0)  # a 429 means "look later", not "wait"

    def publish(self, channel: str, briefing: Briefing, slot: dt.datetime) -> PostResult:
        try:
            # Every rendered message turns link previews off (unfurl_links, unfurl_media) itself.
            self.client.chat_postMessage(
                channel=channel, metadata=slot_metadata(slot), **render_briefing(briefing)
            )
        except SlackApiError as exc:
            status = exc.response.status_code
            error = str(exc.response.get("error") or f"http_{status}")
            if status >= 500:  # Slack failed somewhere: perhaps after posting
                log.warning("briefing.unknown channel=%s error=%s", channel, error)
                return PostResult("unknown", error)
            log.warning("briefing.refused channel=%s error=%s", channel, error)
            return PostResult("refused", error)
        except NO_REPLY as exc:
            if _never_sent(exc):
                log.warning("briefing.unreachable channel=%s error=%s", channel, _reason(exc))
                return PostResult("refused", "slack_unreachable")
            log.warning("briefing.unknown channel=%s error=%s", channel, _reason(exc))
            return PostResult("unknown", _reason(exc))
        return PostResult("posted")

    def already_posted(self, channel: str, slot: dt.datetime, since: dt.datetime) -> Seen:
        """ "yes" when the channel's history since the first attempt holds this slot's post, "no" when it
        certainly does not, "unknown" when Slack did not say (unreachable, 429) or more messages followed."""
        oldest = min(slot, since) - CLOCK_SKEW
        try:
            history = self.reader.conversations_history(
                channel=channel,
                oldest=f"{oldest.timestamp():.6f}",
                limit=HISTORY_LIMIT,
                include_all_metadata=True,
            )
        except SlackApiError as exc:
            error = exc.response.get("error") or f"http_{exc.response.status_code}"
            log.warning("briefing.history_unread channel=%s error=%s", channel, error)
            return "unknown"
        except NO_REPLY as exc:
            log.warning("briefing.history_unread channel=%s error=%s", channel, _reason(exc))
            return "unknown"
        messages: list[dict[str, Any]] = history.get("messages") or []
        if any(_names(message.get("metadata"), slot) for message in messages):
            return "yes"
        return "unknown" if history.get("has_more") else "no"

    def tell_disabled(self, user: str, channel: str, reason: str) -> None:
        try:
            # A user id as the channel posts in the app's DM with that person.
            self.client.chat_postMessage(channel=user, **render_disabled_notice(channel, reason))
        except (SlackApiError, *NO_REPLY) as exc:
            log.warning("briefing.owner_not_told error=%s", type(exc).__name__)


def slot_metadata(slot: dt.datetime) -> dict[str, Any]:
    """The message metadata naming a briefing's slot (the UTC instant it was due)."""
    return {"event_type": EVENT_TYPE, "event_payload": {"slot": _slot_id(slot)}}


def _names(metadata: Any, slot: dt.datetime) -> bool:
    if not isinstance(metadata, dict) or metadata.get("event_type") != EVENT_TYPE:
        return False
    payload = metadata.get("event_payload")
    return isinstance(payload, dict) and payload.get("slot") == _slot_id(slot)


def _slot_id(slot: dt.datetime) -> str:
    return slot.astimezone(dt.UTC).isoformat()


def _never_sent(exc: BaseException) -> bool:
    """A connection refused (or a host not found): the request never reached Slack."""
    return isinstance(exc, URLError) and isinstance(exc.reason, (ConnectionRefusedError, socket.gaierror))


def _reason(exc: BaseException) -> str:
    reason = exc.reason if isinstance(exc, URLError) and isinstance(exc.reason, BaseException) else exc
    return type(reason).__name__
