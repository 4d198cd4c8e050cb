"""Plain messages: DMs to the bot, and questions in channel threads the bot follows (no mention needed).

Follow-ups posted with "Also send to channel" (`thread_broadcast`) or with a file (`file_share`) are read like
any other message. Whether a message is a question for the bot, and whether the bot follows its thread, is the
core's call; this listener passes it the Slack facts (who the message mentions, whose thread it is in).
"""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext

from bot.core import Asker, Briefbot, JobQueue, conversation_id
from handlers.context import delivery_of, mentions_bot, mentions_others, replies_to_bot, team_of
from handlers.replies import conversation_job

READ_SUBTYPES = (None, "thread_broadcast", "file_share")  # others are edits, deletions, joins, bots


def register(app: App, application: Briefbot, jobs: JobQueue) -> None:
    """Listen to message events (message.im, and message.channels / message.groups for followed threads)."""

    def answer_message(event: dict[str, Any], body: dict[str, Any], context: BoltContext) -> None:
        user = event.get("user")
        if event.get("subtype") not in READ_SUBTYPES or event.get("bot_id") or not user:
            return
        if user == context.bot_user_id:
            return  # ourselves
        asker = Asker(team_of(context), user, event["channel"])
        text = event.get("text", "")
        thread_ts = event.get("thread_ts")
        conversation = conversation_id(asker.channel, thread_ts)
        if event.get("channel_type") == "im":
            heard = application.hear_direct(asker.team, text)
        else:
            if not thread_ts or mentions_bot(text, context.bot_user_id):
                return  # top-level chatter is not for us; mentions are answered by app_mention
            heard = application.hear_in_thread(
                asker.team, conversation, text, channel=asker.channel,
                mentions_others=mentions_others(text, context.bot_user_id),
                replies_to_bot=replies_to_bot(event, context.bot_user_id),
            )  # fmt: skip
        if not heard.answer:
            return  # thanks, emoji, "+1", words for someone else, or a thread the bot does not follow
        job = conversation_job(asker, delivery=delivery_of(body), text=text, thread_ts=thread_ts,
                               conversation=conversation, first_in_thread=heard.first_in_thread)  # fmt: skip
        jobs.submit(job)

    app.event("message")(answer_message)
