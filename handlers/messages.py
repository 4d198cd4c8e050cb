"""Plain messages: DMs to the bot, and replies in channel threads the bot has joined (no mention needed)."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.conversations import conversation_id
from bot.services import Services
from handlers.conversation import answer_in_conversation, team_of


def register(app: App, services: Services) -> None:
    """Listen to message events (message.im, and message.channels / message.groups for joined threads)."""

    def answer_message(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        user = event.get("user")
        if event.get("subtype") or event.get("bot_id") or not user or user == context.bot_user_id:
            return  # edits, joins, other bots and ourselves
        team = team_of(context)
        channel = event["channel"]
        thread_ts = event.get("thread_ts")
        if event.get("channel_type") == "im":
            conversation = conversation_id(channel, thread_ts)
        else:
            mentioned = context.bot_user_id and f"<@{context.bot_user_id}>" in event.get("text", "")
            if not thread_ts or mentioned:
                return  # top-level chatter is not for us; mentions are answered by app_mention
            conversation = conversation_id(channel, thread_ts)
            if not services.store.in_thread(team, conversation):
                return
        answer_in_conversation(
            services, client, team=team, channel=channel, user=user, text=event.get("text", ""),
            thread_ts=thread_ts, conversation=conversation,
        )  # fmt: skip

    app.event("message")(answer_message)
