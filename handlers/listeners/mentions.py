"""@briefbot mentions: answered in a thread under the mention. A top-level mention starts a thread the bot
follows (unless the channel asked for mentions only); a mention inside someone else's thread is answered
without taking the thread over."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext

from bot.core import Asker, Briefbot, JobQueue, conversation_id
from handlers.context import delivery_of, team_of
from handlers.replies import conversation_job


def register(app: App, application: Briefbot, jobs: JobQueue) -> None:
    """Listen to app_mention events."""

    def answer_mention(event: dict[str, Any], body: dict[str, Any], context: BoltContext) -> None:
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
        job = conversation_job(asker, delivery=delivery_of(body), text=text, thread_ts=thread_ts,
                               conversation=conversation, first_in_thread=heard.first_in_thread)  # fmt: skip
        jobs.submit(job)

    app.event("app_mention")(answer_mention)
