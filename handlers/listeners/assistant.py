"""Slack's assistant panel (Agents & AI Apps), with Bolt's `Assistant` middleware: a new thread gets
suggested prompts from the knowledge base's topics; a message there gets a status line while the bot reads the
article, a thread title from its first question, and the answer in that thread.

The middleware takes every direct message in a thread (`message.im` with a thread_ts); top-level DMs still go
to messages.py. Deliveries are de-duplicated before this runs (handlers.dedup), like every event.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import (
    App,
    Assistant,
    BoltContext,
    BoltRequest,
    BoltResponse,
    SetSuggestedPrompts,
)
from slack_bolt.middleware import Middleware
from slack_sdk.errors import SlackApiError

from bot.core import Asker, Briefbot, JobQueue, conversation_id, wording
from handlers.context import delivery_of, team_of
from handlers.replies import assistant_job

log = logging.getLogger(__name__)


def register(app: App, application: Briefbot, jobs: JobQueue) -> None:
    """Register the assistant middleware and its listeners."""
    assistant = Assistant()
    prompts = [{"title": p.title, "message": p.message} for p in application.suggested_prompts()]

    @assistant.thread_started
    def suggest_prompts(set_suggested_prompts: SetSuggestedPrompts) -> None:
        try:
            set_suggested_prompts(prompts=prompts, title=wording.ASSISTANT_PROMPTS_TITLE)
        except SlackApiError as exc:
            log.warning("slack.prompts_failed error=%s", exc.response.get("error"))

    @assistant.thread_context_changed
    def ignore_context(context: BoltContext) -> None:
        """The answers do not depend on the channel the person is looking at: nothing to keep (Bolt's default
        would re-read the thread and rewrite the bot's first message to store it)."""

    @assistant.user_message
    def answer_in_panel(event: dict[str, Any], body: dict[str, Any], context: BoltContext) -> None:
        user, channel, thread_ts = event.get("user", ""), event["channel"], event["thread_ts"]
        asker = Asker(team_of(context), user, channel)
        text = event.get("text", "")
        heard = application.hear_direct(asker.team, text, conversation=conversation_id(channel, thread_ts))
        if not heard.answer:
            return  # "thanks!" needs no reply
        jobs.submit(assistant_job(asker, delivery=delivery_of(body), text=text, thread_ts=thread_ts,
                                  titled=heard.first_in_thread))  # fmt: skip

    app.use(_EventsOnly(assistant))


class _EventsOnly(Middleware):
    """The assistant middleware, for events only: Bolt's runs every one of its listeners' matchers on every
    request, slash commands included, and all of them match only events."""

    def __init__(self, assistant: Assistant) -> None:
        self._assistant = assistant

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        if req.body.get("type") != "event_callback":
            return next()
        return self._assistant.process(req=req, resp=resp, next=next)
