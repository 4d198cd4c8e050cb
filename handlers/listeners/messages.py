"""Plain messages: DMs to the bot, and replies in channel threads the bot follows (no mention needed)."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.core import Asker, Briefbot, conversation_id
from handlers.context import team_of
from handlers.replies import answer_in_conversation
from handlers.work import Background


def register(app: App, application: Briefbot, background: Background) -> None:
    """Listen to message events (message.im, and message.channels / message.groups for followed threads)."""

    def answer_message(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        user = event.get("user")
        if event.get("subtype") or event.get("bot_id") or not user or user == context.bot_user_id:
            return  # edits, joins, other bots and ourselves
        asker = Asker(team_of(context), user, event["channel"])
        thread_ts = event.get("thread_ts")
        conversation = conversation_id(asker.channel, thread_ts)
        if event.get("channel_type") != "im":
            mentioned = context.bot_user_id and f"<@{context.bot_user_id}>" in event.get("text", "")
            if not thread_ts or mentioned:
                return  # top-level chatter is not for us; mentions are answered by app_mention
            if not application.follows(asker.team, conversation):
                return
        answer_in_conversation(application, background, client, asker, text=event.get("text", ""),
                               thread_ts=thread_ts, conversation=conversation)  # fmt: skip

    app.event("message")(answer_message)
