"""Sending Slack-signed requests to a running web process, as Slack does (HMAC-SHA256 "v0" signatures)."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """Slack's request signature: `v0=` + HMAC-SHA256 of `v0:{timestamp}:{body}` under the signing secret."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass
class Response:
    status: int
    body: bytes
    headers: dict[str, str]

    def json(self) -> Any:
        return json.loads(self.body)


class SlackSender:
    """Posts signed bodies to `http://127.0.0.1:{port}{path}` the way Slack's servers would."""

    def __init__(self, port: int, secret: str, path: str = "/slack/events") -> None:
        self.port = port
        self.secret = secret
        self.path = path

    def command(self, fields: dict[str, str], **options: Any) -> Response:
        """A slash command: form-encoded fields."""
        body = urllib.parse.urlencode(fields).encode()
        return self.post(body, "application/x-www-form-urlencoded", **options)

    def event(self, envelope: dict[str, Any], **options: Any) -> Response:
        """An Events API delivery (event_callback, url_verification): a JSON body."""
        return self.post(json.dumps(envelope).encode(), "application/json", **options)

    def action(self, payload: dict[str, Any], **options: Any) -> Response:
        """An interaction (block_actions): form field `payload` holding JSON."""
        body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
        return self.post(body, "application/x-www-form-urlencoded", **options)

    def post(
        self,
        body: bytes,
        content_type: str,
        *,
        timestamp: int | None = None,
        secret: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        """POST a body signed with `secret` (default: the right one) at `timestamp` (default: now)."""
        ts = str(timestamp if timestamp is not None else int(time.time()))
        all_headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": signature(secret or self.secret, ts, body),
            **(headers or {}),
        }
        return request(self.port, "POST", self.path, body, all_headers)


def request(
    port: int, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> Response:
    """One plain HTTP request to 127.0.0.1:port."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        reply = conn.getresponse()
        return Response(reply.status, reply.read(), {k.lower(): v for k, v in reply.getheaders()})
    finally:
        conn.close()


def callback(event: dict[str, Any], event_id: str) -> dict[str, Any]:
    """The Events API envelope around one event."""
    return {
        "token": "legacy",
        "team_id": "T1",
        "api_app_id": "A1",
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "event": event,
        "authorizations": [{"team_id": "T1", "user_id": "UBOT", "is_bot": True}],
    }
