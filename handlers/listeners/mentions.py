"""@briefbot mentions: answered in a thread under the mention. A top-level mention starts a thread the bot
follows (unless the channel asked for mentions only); a mention inside someone else's thread is answered
without taking the thread over."""

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
        text = event.get("text", "")
        heard = application.hear_mention(asker.team, conversation, text, channel=asker.channel,
                                         starts_thread=not event.get("thread_ts"))  # fmt: skip
        if not heard.answer:
            return  # "@briefbot thanks!" needs no reply
        answer_in_conversation(application, background, client, asker, text=text, thread_ts=thread_ts,
                               conversation=conversation, first_in_thread=heard.first_in_thread)  # fmt: skip

    app.event("app_mention")(answer_mention)
