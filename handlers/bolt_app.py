"""The Bolt App factory: one App for HTTP and Socket Mode, with Slack's retries de-duplicated."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App

from bot.core import Briefbot, ConfigError, JobQueue, Settings, wording
from handlers.dedup import Deduplication
from handlers.listeners import register_all
from handlers.web_api import web_client

log = logging.getLogger(__name__)


def build_app(application: Briefbot, settings: Settings, jobs: JobQueue, *, socket_mode: bool = False) -> App:
    """A Bolt App with every listener registered, submitting slow work to `jobs`; `auth.test` and all Web API
    calls go to SLACK_API_URL."""
    if socket_mode:
        if settings.slack_bot_token is None:
            raise ConfigError("SLACK_BOT_TOKEN is not set; it is required to serve Slack")
    else:
        settings.require_slack_http()
    secret = settings.slack_signing_secret
    app = App(
        client=web_client(settings),
        signing_secret=secret.get_secret_value() if secret else "",
        request_verification_enabled=not socket_mode,
        # Bolt would call auth.test while each worker boots, and crash it if Slack is unreachable then.
        # Asked on the first request instead (again on the next if it failed), the web process stays up.
        token_verification_enabled=False,
        user_facing_authorize_error_message=wording.SLACK_UNREACHABLE,
        listener_executor=ThreadPoolExecutor(
            max_workers=settings.listener_threads, thread_name_prefix="briefbot-listener"
        ),
        name="briefbot",
    )
    app.use(Deduplication(application))
    register_all(app, application, jobs)
    log.info(
        "slack.app_ready mode=%s api=%s listener_threads=%d",
        "socket" if socket_mode else "http", settings.slack_api_url or "slack.com", settings.listener_threads,
    )  # fmt: skip
    return app
