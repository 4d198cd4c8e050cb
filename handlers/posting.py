"""Posting briefings to Slack: the core's BriefingPublisher on the Web API.

Rate limits are retried after the Retry-After Slack asks for (the client's retry handler). What Slack says
back becomes a PostResult; what to do about it (release the slot, turn the subscription off) is the core's
call.
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core import Briefing, PostResult
from handlers.blocks import render_briefing, render_disabled_notice

log = logging.getLogger(__name__)


class SlackPublisher:
    """Implements BriefingPublisher with chat.postMessage."""

    def __init__(self, client: WebClient) -> None:
        self.client = client

    def publish(self, channel: str, briefing: Briefing) -> PostResult:
        try:
            # Every rendered message turns link previews off (unfurl_links, unfurl_media) itself.
            self.client.chat_postMessage(channel=channel, **render_briefing(briefing))
        except SlackApiError as exc:
            error = str(exc.response.get("error") or f"http_{exc.response.status_code}")
            log.warning("briefing.refused channel=%s error=%s", channel, error)
            return PostResult("refused", error)
        except OSError as exc:  # no reply at all: the message may or may not exist
            log.warning("briefing.unknown channel=%s error=%s", channel, type(exc).__name__)
            return PostResult("unknown", type(exc).__name__)
        return PostResult("posted")

    def tell_disabled(self, user: str, channel: str, reason: str) -> None:
        try:
            # A user id as the channel posts in the app's DM with that person.
            self.client.chat_postMessage(channel=user, **render_disabled_notice(channel, reason))
        except (SlackApiError, OSError) as exc:
            log.warning("briefing.owner_not_told error=%s", type(exc).__name__)
