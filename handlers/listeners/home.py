"""App Home: what the bot knows (topics and commands), the source article, and how to ask."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core import Briefbot, JobQueue
from handlers.blocks import render_home

log = logging.getLogger(__name__)


def register(app: App, application: Briefbot, jobs: JobQueue) -> None:
    """Publish the Home tab whenever a user opens it."""
    view = render_home(application.kb)

    def publish_home(event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        try:
            client.views_publish(user_id=event["user"], view=view)
        except SlackApiError as exc:
            log.warning("slack.home_failed error=%s", exc.response.get("error"))

    app.event("app_home_opened")(publish_home)
