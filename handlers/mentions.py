"""@briefbot mentions: answered in a thread under the mention, and the thread is remembered as joined."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.conversations import conversation_id
from bot.services import Services
from handlers.conversation import answer_in_conversation, team_of


def register(app: App, services: Services) -> None:
    """Listen to app_mention events."""

    def answer_mention(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        if event.get("bot_id") or not event.get("user"):
            return  # other bots mentioning us: never start a bot-to-bot loop
        team = team_of(context)
        channel = event["channel"]
        thread_ts = event.get("thread_ts") or event["ts"]
        conversation = conversation_id(channel, thread_ts)
        services.store.mark_thread(team, conversation, ttl=services.settings.thread_ttl_seconds)
        answer_in_conversation(
            services, client, team=team, channel=channel, user=event["user"], text=event.get("text", ""),
            thread_ts=thread_ts, conversation=conversation,
        )  # fmt: skip

    app.event("app_mention")(answer_mention)
