"""The /briefbot slash command: how the bot behaves in this channel.

`/briefbot mention-only` — answer only messages that mention the bot here (threads are not followed);
`/briefbot follow-threads` — the default: a thread that starts by mentioning the bot is followed, and
questions in it need no new mention; `/briefbot` alone shows the channel's setting. Replies are ephemeral.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.core import Briefbot, JobQueue
from handlers.blocks import render_channel_settings
from handlers.context import team_of

COMMAND = "/briefbot"
MENTION_ONLY = ("mention-only", "mentions-only", "mentions", "quiet")
FOLLOW = ("follow-threads", "follow", "threads")
OFF_WORDS = ("off", "no", "false", "stop")


def register(app: App, application: Briefbot, jobs: JobQueue) -> None:
    """Register the /briefbot command."""

    def channel_settings(ack: Ack, command: dict[str, Any], context: BoltContext) -> None:
        team, channel = team_of(context), command.get("channel_id", "")
        words = command.get("text", "").strip().lower().split()
        verb, rest = (words[0], words[1:]) if words else ("", [])
        off = bool(rest) and rest[0] in OFF_WORDS
        if verb in MENTION_ONLY:
            settings, changed = application.set_mention_only(team, channel, not off), True
        elif verb in FOLLOW:
            settings, changed = application.set_mention_only(team, channel, off), True
        else:
            settings, changed = application.channel_settings(team, channel), False
        ack(response_type="ephemeral", **render_channel_settings(settings, changed=changed))

    app.command(COMMAND)(channel_settings)
