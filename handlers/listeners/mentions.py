"""@briefbot mentions: answered in a thread under the mention, and the thread is followed from then on."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.core import Asker, Briefbot, conversation_id
from handlers.context import team_of
from handlers.replies import answer_in_conversation
from handlers.work import Background


def register(app: App, application: Briefbot, background: Background) -> None:
    """Listen to app_mention events."""

    def answer_mention(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        if event.get("bot_id") or not event.get("user"):
            return  # other bots mentioning us: never start a bot-to-bot loop
        asker = Asker(team_of(context), event["user"], event["channel"])
        thread_ts = event.get("thread_ts") or event["ts"]
        conversation = conversation_id(asker.channel, thread_ts)
        application.follow(asker.team, conversation)
        answer_in_conversation(application, background, client, asker, text=event.get("text", ""),
                               thread_ts=thread_ts, conversation=conversation)  # fmt: skip

    app.event("app_mention")(answer_mention)
