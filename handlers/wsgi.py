"""The WSGI application of the web process: `POST /slack/events` (Bolt) and `GET /healthz`."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.core import Briefbot

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY_BYTES = 1_000_000  # Slack's payloads are far smaller; anything bigger is not from Slack

StartResponse = Callable[..., Any]


class WebApp:
    """Routes the two endpoints; anything unexpected gets a clean 4xx, never a traceback or a 5xx."""

    def __init__(self, application: Briefbot, bolt: App) -> None:
        self.application = application
        self.slack = SlackRequestHandler(bolt, path=EVENTS_PATH)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "")
        try:
            if path == HEALTH_PATH and method in ("GET", "HEAD"):
                return _json(start_response, "200 OK", self.health())
            if path != EVENTS_PATH:
                return _json(start_response, "404 Not Found", {"ok": False, "error": "not_found"})
            if method != "POST":
                return _json(start_response, "405 Method Not Allowed", {"ok": False, "error": "use POST"})
            if _content_length(environ) > MAX_BODY_BYTES:
                return _json(start_response, "413 Content Too Large", {"ok": False, "error": "too_large"})
            return self.slack(environ, start_response)
        except Exception as exc:
            # Malformed bodies (bad JSON, bad encoding) fail while Bolt parses them, before any reply.
            log.warning("web.bad_request path=%s error=%s", path, type(exc).__name__)
            return _json(start_response, "400 Bad Request", {"ok": False, "error": "bad_request"})

    def health(self) -> dict[str, Any]:
        return self.application.health()


def _json(start_response: StartResponse, status: str, payload: dict[str, Any]) -> list[bytes]:
    body = json.dumps(payload).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


def _content_length(environ: dict[str, Any]) -> int:
    try:
        return int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return MAX_BODY_BYTES + 1
