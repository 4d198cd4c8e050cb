"""A fake Slack Web API (`/api/<method>`) plus response_url endpoints (`/response/<name>`).

Like Slack, the assistant methods (`assistant.threads.setStatus`, `setSuggestedPrompts`, `setTitle`) refuse a
call without the arguments they require; a response_url can be scripted to fail (`script("response_url:r1",
Reply(404, "expired_url"))`). `conversations.history` answers from the messages posted here, with their
metadata only when asked (`include_all_metadata`). Lost replies: `script("chat.postMessage", DROPPED)` posts
the message and closes the connection without answering; `down()` refuses connections until `up()`.
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast
from urllib.parse import parse_qs, urlsplit

from tests.servers._http import BaseFakeServer, BaseHandler

BASE_TS_MICROS = 1_700_000_000_000_000


@dataclass
class Call:
    """One recorded request: Slack method (or `response_url:<name>`), parsed args, lower-cased headers, and
    the JSON the fake answered (e.g. the `ts` of a posted message)."""

    method: str
    args: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    at: float = field(default_factory=time.time)
    reply: dict[str, Any] | None = None


@dataclass
class Reply:
    """A scripted reply: HTTP status, JSON body (dict) or raw text (str), extra headers. With `drop` the
    connection closes without a reply, after doing what the body says: the default body (`DROPPED`) does
    what Slack would (a post is posted), another body (e.g. `{"ok": False}`) does nothing."""

    status: int = 200
    body: dict[str, Any] | str = field(default_factory=lambda: {"ok": True})
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False


ReplySpec = dict[str, Any] | Reply
# What Slack requires of each assistant method (status may be "" to clear it, so only its presence counts).
ASSISTANT_ARGUMENTS: dict[str, tuple[str, ...]] = {
    "assistant.threads.setStatus": ("channel_id", "thread_ts"),
    "assistant.threads.setSuggestedPrompts": ("channel_id", "thread_ts", "prompts"),
    "assistant.threads.setTitle": ("channel_id", "thread_ts", "title"),
}
DefaultSpec = ReplySpec | Callable[[Call], ReplySpec]
# Slack did it, but its reply was lost (the connection dropped before the response).
DROPPED = Reply(drop=True)
HISTORY_MAX = 999


def _maybe_json(value: str) -> Any:
    """Decode form values that are JSON lists/objects (e.g. `blocks`); leave everything else as is."""
    stripped = value.strip()
    if stripped[:1] in ("[", "{"):
        try:
            return json.loads(stripped)
        except ValueError:
            return value
    return value


def parse_args(body: bytes, content_type: str, query: str = "") -> dict[str, Any]:
    """Parse a Slack API request: query string plus a JSON or form-encoded body."""
    args: dict[str, Any] = {}
    pairs = parse_qs(query, keep_blank_values=True)
    text = body.decode("utf-8", errors="replace")
    ctype = content_type.lower()
    if "application/json" in ctype:
        parsed = json.loads(text) if text.strip() else {}
        if isinstance(parsed, dict):
            args.update({k: _maybe_json(v) if isinstance(v, str) else v for k, v in parsed.items()})
        else:
            args["_json"] = parsed
    elif "application/x-www-form-urlencoded" in ctype or (text and "=" in text and "multipart" not in ctype):
        for key, values in parse_qs(text, keep_blank_values=True).items():
            pairs.setdefault(key, []).extend(values)
    elif text:
        args["_raw"] = text
    for key, values in pairs.items():
        decoded = [_maybe_json(v) for v in values]
        args[key] = decoded[0] if len(decoded) == 1 else decoded
    return args


class _SlackHandler(BaseHandler):
    def do_POST(self) -> None:
        self._dispatch(self.read_body())

    def do_GET(self) -> None:
        self._dispatch(b"")

    def _dispatch(self, body: bytes) -> None:
        url = urlsplit(self.path)
        headers = self.lower_headers()
        fake = cast(FakeSlack, self.server.owner)
        if url.path.startswith("/api/"):
            method = url.path[len("/api/") :].strip("/")
            try:
                args = parse_args(body, headers.get("content-type", ""), url.query)
            except ValueError:
                self.send_json(400, {"ok": False, "error": "invalid_json"})
                return
            reply = fake._handle_api(Call(method=method, args=args, headers=headers))
            if reply.drop:
                self.drop_connection()
            else:
                self.send_json(reply.status, reply.body, reply.headers)
        elif url.path.startswith("/response/"):
            name = url.path[len("/response/") :].strip("/")
            text = body.decode("utf-8", errors="replace")
            try:
                args = json.loads(text) if text.strip() else {}
            except ValueError:
                args = parse_args(body, headers.get("content-type", ""))
            if not isinstance(args, dict):
                args = {"_json": args}
            reply = fake._handle_response(Call(method=f"response_url:{name}", args=args, headers=headers))
            self.send_json(reply.status, reply.body, reply.headers)
        else:
            self.send_json(404, {"ok": False, "error": "unknown_path", "path": url.path})


class FakeSlack(BaseFakeServer):
    """Fake Slack Web API: records every call and answers with scripted or default replies.

    Usage::

        with FakeSlack() as slack:
            client = WebClient(token="xoxb-test", base_url=slack.url)
            slack.script("chat.postMessage", Reply(429, {"ok": False, "error": "ratelimited"},
                                                   {"Retry-After": "1"}))
            ...
            [call] = slack.wait_for("chat.postMessage")
    """

    handler_class = _SlackHandler

    def __init__(self) -> None:
        super().__init__()
        self._calls: list[Call] = []
        self._scripts: dict[str, deque[Reply]] = defaultdict(deque)
        self._defaults: dict[str, DefaultSpec] = {}
        self._ts_counter = 0
        self._changed = threading.Condition(self.lock)

    # -- addresses ---------------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """Web API base URL with trailing slash, e.g. `http://127.0.0.1:PORT/api/`."""
        return f"{self.origin}/api/"

    def response_url(self, name: str = "r1") -> str:
        """A response_url that records posts as `response_url:<name>` calls."""
        return f"{self.origin}/response/{name}"

    # -- scripting ---------------------------------------------------------------------------------------
    def script(self, method: str, *replies: ReplySpec) -> None:
        """Queue replies for `method` (dict = 200 JSON body, or a Reply); used in order before defaults."""
        with self.lock:
            self._scripts[method].extend(_as_reply(r) for r in replies)

    def set_default(self, method: str, reply: DefaultSpec) -> None:
        """Replace the default reply of `method` by a dict, a Reply, or a callable(Call) -> dict | Reply."""
        with self.lock:
            self._defaults[method] = reply

    def next_ts(self) -> str:
        """A unique, increasing Slack timestamp like `1700000000.000100`."""
        with self.lock:
            self._ts_counter += 1
            micros = BASE_TS_MICROS + self._ts_counter * 100
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    # -- inspection --------------------------------------------------------------------------------------
    def calls(self, method: str | None = None) -> list[Call]:
        """Recorded calls (all, or only those of `method`), oldest first."""
        with self.lock:
            return [c for c in self._calls if method is None or c.method == method]

    def wait_for(self, method: str | None, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait until at least `count` calls of `method` were recorded and return them all."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                matching = [c for c in self._calls if method is None or c.method == method]
                remaining = deadline - time.monotonic()
                if len(matching) >= count or remaining <= 0:
                    break
                self._changed.wait(min(remaining, 0.05))
        if len(matching) < count:
            raise AssertionError(
                f"expected {count} call(s) to {method!r} within {timeout}s, got {len(matching)}; "
                f"recorded calls:\n{self.summary()}"
            )
        return matching

    def summary(self) -> str:
        """One line per recorded call, for assertion messages."""
        lines = []
        for call in self.calls():
            args = json.dumps(call.args, default=str)
            lines.append(f"  {call.method} {args[:200]}{'...' if len(args) > 200 else ''}")
        return "\n".join(lines) or "  (none)"

    def clear(self) -> None:
        """Forget recorded calls and pending scripted replies (custom defaults are kept)."""
        with self.lock:
            self._calls.clear()
            self._scripts.clear()

    # -- request handling (called from server threads) ----------------------------------------------------
    def _record(self, call: Call) -> None:
        with self._changed:
            self._calls.append(call)
            self._changed.notify_all()

    def _handle_response(self, call: Call) -> Reply:
        """A post to a response_url: `ok` as Slack answers, unless a reply was scripted for it."""
        self._record(call)
        with self.lock:
            queue = self._scripts.get(call.method)
            scripted = queue.popleft() if queue else None
        return scripted or Reply(200, "ok")

    def _handle_api(self, call: Call) -> Reply:
        with self.lock:
            queue = self._scripts.get(call.method)
            scripted = queue.popleft() if queue else None
            custom = self._defaults.get(call.method)
        if scripted is not None and scripted.drop:
            done = scripted.body if scripted.body != DROPPED.body else self._default_body(call)
            reply = Reply(200, done, drop=True)
        elif scripted is not None:
            reply = scripted
        elif custom is not None:
            reply = _as_reply(custom(call) if callable(custom) else custom)
        else:
            reply = Reply(200, self._default_body(call))
        call.reply = reply.body if isinstance(reply.body, dict) else None
        self._record(call)  # with its reply: a test that waits for the call can read what it got back
        return reply

    def _default_body(self, call: Call) -> dict[str, Any]:
        args = call.args
        channel = args.get("channel", "C1")
        if call.method == "auth.test":
            return {
                "ok": True,
                "user_id": "UBOT",
                "bot_id": "BBOT",
                "team_id": "T1",
                "team": "Team",
                "url": "https://t.slack.com/",
            }
        if call.method == "chat.postMessage":
            ts = self.next_ts()
            message: dict[str, Any] = {
                "type": "message",
                "user": "UBOT",
                "bot_id": "BBOT",
                "text": args.get("text", ""),
                "ts": ts,
            }
            for key in ("blocks", "thread_ts", "metadata"):
                if key in args:
                    message[key] = args[key]
            return {"ok": True, "channel": channel, "ts": ts, "message": message}
        if call.method == "conversations.history":
            return self._history(args)
        if call.method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self.next_ts()}
        required = ASSISTANT_ARGUMENTS.get(call.method)
        if required is not None and any(args.get(name) in (None, "") for name in required):
            return {"ok": False, "error": "invalid_arguments", "required": list(required)}
        if call.method == "chat.update":
            return {"ok": True, "channel": channel, "ts": args.get("ts", ""), "text": args.get("text", "")}
        return {"ok": True}

    def _history(self, args: dict[str, Any]) -> dict[str, Any]:
        """A channel's messages posted here, newest first, between `oldest` and `latest` (as Unix times; the
        fake's messages are timed by when they arrived), at most `limit`; metadata only when asked for."""
        channel = args.get("channel")
        oldest = float(args.get("oldest") or 0)
        latest = float(args.get("latest") or time.time() + 1)
        with_metadata = str(args.get("include_all_metadata", "")).lower() in ("1", "true")
        posted = [
            c for c in self.calls("chat.postMessage")
            if c.args.get("channel") == channel and c.reply and c.reply.get("ok") and oldest < c.at < latest
        ]  # fmt: skip
        messages = []
        for call in reversed(posted):
            message = dict(cast(dict[str, Any], call.reply)["message"])
            if not with_metadata:
                message.pop("metadata", None)
            messages.append(message)
        limit = min(int(args.get("limit") or 100), HISTORY_MAX)
        return {"ok": True, "messages": messages[:limit], "has_more": len(messages) > limit}


def _as_reply(spec: ReplySpec) -> Reply:
    if isinstance(spec, Reply):
        return spec
    return Reply(200, spec)
