"""The WSGI application of the web process: `POST /slack/events` (Bolt) and `GET /healthz`.

A Slack request is checked in this order, and nothing of its body is parsed before its signature holds:
content length (411/413), timestamp and signature headers (401), the body read whole, its HMAC (401), then
our own parsing (400) and Bolt. Rejections are logged as counts, never with a body, a header or a token.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import parse_qsl

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.adapter.wsgi.http_response import WsgiHttpResponse
from slack_bolt.request.internals import build_context

from bot.core import Briefbot

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY_BYTES = 1_000_000  # Slack's payloads are far smaller; anything bigger is not from Slack
SIGNATURE_WINDOW_SECONDS = 300  # Slack's (and Bolt's) five minutes against replays
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")
_TIMESTAMP = re.compile(r"[0-9]{1,12}")

StartResponse = Callable[..., Any]
Reply = tuple[str, dict[str, Any]]


class WebApp:
    """Routes the two endpoints; anything unexpected gets a clean 4xx, never a traceback."""

    def __init__(self, application: Briefbot, bolt: App, signing_secret: str) -> None:
        self.application = application
        self.bolt = bolt
        self._secret = signing_secret.encode()
        self.rejections = RejectionLog()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        refused = self.screen(environ)
        if refused is not None:
            return _json(start_response, *refused)
        if environ.get("PATH_INFO") == HEALTH_PATH:
            return _json(start_response, "200 OK", self.health())
        try:
            return self._slack(environ, start_response)
        except Exception as exc:
            # Only a bug gets here (the request was signed by Slack): its type and place, never its message,
            # which may quote the payload.
            log.error("web.error error=%s at=%s", type(exc).__name__, _where(exc))
            return _json(start_response, "500 Internal Server Error", {"ok": False, "error": "internal"})

    def screen(self, environ: dict[str, Any]) -> Reply | None:
        """The reply to a request that its method, path and headers alone rule out (None: read its body).

        Costs no I/O, so the web process's buffering front asks it before receiving a body at all.
        """
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "")
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            return None
        if path != EVENTS_PATH:
            return "404 Not Found", {"ok": False, "error": "not_found"}
        if method != "POST":
            return "405 Method Not Allowed", {"ok": False, "error": "use POST"}
        length = _content_length(environ)
        if length is not None and length > MAX_BODY_BYTES:
            return self._refuse("too_large", "413 Content Too Large")
        if length is None and "CONTENT_LENGTH" in environ:
            return self._refuse("bad_length", "400 Bad Request")
        if not _fresh(environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")):
            return self._refuse("bad_timestamp", "401 Unauthorized")
        if not _SIGNATURE.fullmatch(environ.get("HTTP_X_SLACK_SIGNATURE", "")):
            return self._refuse("bad_signature", "401 Unauthorized")
        return None

    def health(self) -> dict[str, Any]:
        return self.application.health()

    def _slack(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            raw = _read_body(environ)
        except ValueError:
            return _json(start_response, *self._refuse("incomplete", "400 Bad Request"))
        if raw is None:
            return _json(start_response, *self._refuse("too_large", "413 Content Too Large"))
        if not self._signed(environ, raw):
            return _json(start_response, *self._refuse("bad_signature", "401 Unauthorized"))
        try:
            text = raw.decode("utf-8")
            body = parse_slack_body(text, environ.get("CONTENT_TYPE"))
        except ValueError:  # bad UTF-8, bad JSON, a payload that is not an object: signed, but not Slack's
            return _json(start_response, *self._refuse("malformed", "400 Bad Request"))
        request = VerifiedRequest(
            raw_body=text,
            body=body,
            headers=WsgiHttpRequest(environ).get_headers(),
            query=environ.get("QUERY_STRING", ""),
        )
        return _bolt_reply(start_response, self.bolt.dispatch(request))

    def _signed(self, environ: dict[str, Any], raw: bytes) -> bool:
        """Slack's v0 signature: HMAC-SHA256 of `v0:{timestamp}:{body}` under the signing secret."""
        timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
        expected = hmac.new(self._secret, b"v0:" + timestamp.encode() + b":" + raw, hashlib.sha256)
        given = environ.get("HTTP_X_SLACK_SIGNATURE", "")
        return hmac.compare_digest("v0=" + expected.hexdigest(), given)

    def _refuse(self, reason: str, status: str) -> Reply:
        self.rejections.note(reason, status)
        error = "invalid request" if status.startswith("401") else reason
        return status, {"ok": False, "error": error}


def parse_slack_body(body: str, content_type: str | None) -> dict[str, Any]:
    """What Slack posted: a JSON event, an interactivity payload (form field `payload`) or a slash command's
    form fields.

    Bolt's own `parse_body` (slack-bolt 1.30.0) takes every form body that merely contains the substring
    "payload" — in a command's text, a channel name, a user name — for an interactivity payload and returns
    {}, so the command is never answered (404). Only a form with a `payload` field is one. Keep this until a
    slack-bolt with that fixed is released and pinned in pyproject.toml.
    """
    media_type = (content_type or "").split(";")[0].strip().lower()
    if not body:
        return {}
    if media_type == "application/json" or body.startswith("{"):
        return _object(json.loads(body))
    form = dict(parse_qsl(body, keep_blank_values=True))
    if "payload" in form:
        return _object(json.loads(form["payload"]))
    return form


class VerifiedRequest(BoltRequest):
    """A BoltRequest whose body was verified and parsed here (`parse_slack_body`), never by Bolt's parser.

    `raw_body` stays the signed text, so Bolt's own signature check still passes; copies (lazy listeners)
    keep the parsed body.
    """

    def __init__(
        self,
        *,
        raw_body: str,
        body: dict[str, Any],
        headers: dict[str, str | Sequence[str]] | dict[str, Sequence[str]],
        query: str | dict[str, Sequence[str]],
        context: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(body="", query=query, headers=headers, context=context)  # "" parses to {}
        self.raw_body = raw_body
        self.body = body
        self.context = build_context(self.context, body)

    def to_copyable(self) -> VerifiedRequest:
        return VerifiedRequest(
            raw_body=self.raw_body,
            body=self.body,
            headers=self.headers,
            query=self.query,
            context=self.context.to_copyable(),
        )


class RejectionLog:
    """Rejected requests, one line per reason at most every `every` seconds with how many there were: a flood
    of them cannot flood the log, and no line carries anything the client sent."""

    def __init__(self, every: float = 60.0) -> None:
        self._every = every
        self._counts: Counter[str] = Counter()
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def note(self, reason: str, status: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._counts[reason] += 1
            if now < self._next.get(reason, 0.0):
                return
            self._next[reason] = now + self._every
            count = self._counts.pop(reason)
        log.info("web.rejected reason=%s status=%s count=%d", reason, status.split()[0], count)


def _fresh(timestamp: str) -> bool:
    """A well-formed Unix time within Slack's window of now; anything else is refused before any parsing."""
    if not _TIMESTAMP.fullmatch(timestamp):
        return False
    return abs(time.time() - int(timestamp)) <= SIGNATURE_WINDOW_SECONDS


def _content_length(environ: dict[str, Any]) -> int | None:
    value = environ.get("CONTENT_LENGTH") or ""
    return int(value) if value.isdigit() else None


def _read_body(environ: dict[str, Any]) -> bytes | None:
    """The whole body, or None when it is over the limit (a chunked body has no length to check up front);
    ValueError when it ends before its Content-Length."""
    stream = environ.get("wsgi.input")
    if stream is None:
        return b""
    length = _content_length(environ)
    raw: bytes = stream.read(length) if length is not None else stream.read(MAX_BODY_BYTES + 1)
    if length is not None and len(raw) < length:
        raise ValueError("the body ended before its Content-Length")
    return raw if len(raw) <= MAX_BODY_BYTES else None


def _object(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("a Slack payload is a JSON object")
    return value


def _bolt_reply(start_response: StartResponse, response: BoltResponse) -> Iterable[bytes]:
    reply = WsgiHttpResponse(status=response.status, headers=response.headers, body=response.body)
    start_response(reply.status, reply.get_headers())
    return reply.get_body()


def _json(start_response: StartResponse, status: str, payload: dict[str, Any]) -> list[bytes]:
    body = json.dumps(payload).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


def _where(exc: BaseException) -> str:
    """file:line of the innermost frame of a traceback."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return f"{tb.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno}" if tb else "?"
