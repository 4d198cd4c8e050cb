"""The Bolt App factory: one App from Settings and Services, with Slack's retries de-duplicated in Redis."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware

from bot import messages
from bot.services import Services
from bot.settings import ConfigError
from bot.slack_client import web_client
from handlers.conversation import team_of

log = logging.getLogger(__name__)

# Slack retries an undelivered event three times within about five minutes; remember ids well past that.
DEDUP_TTL_SECONDS = 3600


def build_app(services: Services, *, socket_mode: bool = False) -> App:
    """A Bolt App with every handler registered; `auth.test` and all Web API calls go to SLACK_API_URL."""
    from handlers import register_all

    settings = services.settings
    if socket_mode:
        if settings.slack_bot_token is None:
            raise ConfigError("SLACK_BOT_TOKEN is not set; it is required to serve Slack")
    else:
        settings.require_slack_http()
    app = App(
        client=web_client(settings),
        signing_secret=_secret(settings.slack_signing_secret) or "",
        request_verification_enabled=not socket_mode,
        # Bolt would call auth.test while each worker boots, and crash it if Slack is unreachable then.
        # Asked on the first request instead (again on the next if it failed), the web process stays up.
        token_verification_enabled=False,
        user_facing_authorize_error_message=messages.SLACK_UNREACHABLE,
        listener_executor=ThreadPoolExecutor(
            max_workers=settings.listener_threads, thread_name_prefix="briefbot-listener"
        ),
        name="briefbot",
    )
    app.use(Deduplication(services))
    register_all(app, services)
    log.info(
        "slack.app_ready mode=%s api=%s listener_threads=%d",
        "socket" if socket_mode else "http", settings.slack_api_url or "slack.com", settings.listener_threads,
    )  # fmt: skip
    return app


def delivery_id(body: dict[str, Any]) -> tuple[str, str] | None:
    """(kind, id) naming one Slack delivery, the same for Slack's retries of it; None when there is none."""
    if body.get("event_id"):
        return "event", str(body["event_id"])
    if body.get("command") and body.get("trigger_id"):
        return "command", str(body["trigger_id"])
    if body.get("type") == "block_actions" and body.get("trigger_id"):
        action_ts = next((str(a.get("action_ts", "")) for a in body.get("actions") or []), "")
        return "action", f"{body['trigger_id']}:{action_ts}"
    return None


class Deduplication(Middleware):
    """Global middleware: the first delivery of an event, command or action claims it; repeats are dropped.

    A plain Middleware rather than a function: it runs on every request, and skips Bolt's argument injection.
    """

    def __init__(self, services: Services) -> None:
        self.store = services.store

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        ident = delivery_id(req.body)
        if ident is not None:
            kind, value = ident
            team = team_of(req.context)  # the same namespace the handlers use
            if not self.store.claim(team, kind, value, ttl=DEDUP_TTL_SECONDS):
                retry = req.headers.get("x-slack-retry-num", ["0"])[0]
                log.info("slack.duplicate kind=%s id=%s retry=%s", kind, value, retry)
                return BoltResponse(status=200, body="")
        return next()


def _secret(value: Any) -> str | None:
    return value.get_secret_value() if value is not None else None
