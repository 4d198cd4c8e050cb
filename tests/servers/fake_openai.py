"""A local OpenAI-compatible server: `POST /v1/chat/completions` (plain or SSE) and `GET /v1/models`."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import urlsplit

from tests.servers._http import CLIENT_GONE, BaseFakeServer, BaseHandler

DEFAULT_MODEL = "gpt-fake"

_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    429: "rate_limit_error",
}


@dataclass
class Completion:
    """A scripted chat completion.

    status 200 -> a chat.completion with `content` (or `body` verbatim if given);
    other statuses -> `body` (default: an OpenAI-style error object). `delay` seconds pass before answering.
    """

    content: str = "{}"
    delay: float = 0.0
    status: int = 200
    body: dict[str, Any] | None = None
    headers: dict[str, str] | None = None


def _tokens(text: str) -> int:
    return max(1, len(text) // 4)


def _prompt_text(request: dict[str, Any]) -> str:
    parts: list[str] = []
    for message in request.get("messages") or []:
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, str):
            parts.append(content)
        elif isinstance(content, list):
            parts.extend(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return "\n".join(parts)


def usage_for(request: dict[str, Any], content: str) -> dict[str, int]:
    """Plausible token usage: roughly one token per four characters."""
    prompt = _tokens(_prompt_text(request))
    completion = _tokens(content)
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def error_body(status: int) -> dict[str, Any]:
    """Default OpenAI-style error body for a non-200 status."""
    return {
        "error": {
            "message": f"fake OpenAI error (HTTP {status})",
            "type": _ERROR_TYPES.get(status, "server_error"),
            "param": None,
            "code": None,
        }
    }


class _OpenAIHandler(BaseHandler):
    def do_GET(self) -> None:
        path = urlsplit(self.path).path.rstrip("/")
        if path == "/v1/models":
            model = {"id": DEFAULT_MODEL, "object": "model", "created": 1700000000, "owned_by": "tests"}
            self.send_json(200, {"object": "list", "data": [model]})
        else:
            self.send_json(404, error_body(404))

    def do_POST(self) -> None:
        fake = cast(FakeOpenAI, self.server.owner)
        body = self.read_body()
        path = urlsplit(self.path).path.rstrip("/")
        if path != "/v1/chat/completions":
            self.send_json(404, error_body(404))
            return
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            request = None
        if not isinstance(request, dict):
            err = error_body(400)
            err["error"]["message"] = "request body is not a JSON object"
            self.send_json(400, err)
            return
        reply = fake._next_reply(request)
        if reply.delay > 0 and fake.stopping.wait(reply.delay):
            self.close_connection = True
            return
        try:
            if reply.status != 200:
                self.send_json(reply.status, reply.body or error_body(reply.status), reply.headers)
            elif reply.body is not None:
                self.send_json(200, reply.body, reply.headers)
            elif request.get("stream"):
                self._stream(request, reply)
            else:
                self.send_json(200, _completion(request, reply.content), reply.headers)
        except CLIENT_GONE:
            self.close_connection = True

    def _stream(self, request: dict[str, Any], reply: Completion) -> None:
        """Answer with an SSE stream of chat.completion.chunk objects, chunked transfer-encoded."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        for name, value in (reply.headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        base = {
            "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": request.get("model") or DEFAULT_MODEL,
        }

        def choice(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
            chunk_choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
            return {**base, "choices": [chunk_choice]}

        pieces = [reply.content[i : i + 8] for i in range(0, len(reply.content), 8)]
        events: list[dict[str, Any]] = [choice({"role": "assistant", "content": ""})]
        events += [choice({"content": piece}) for piece in pieces]
        events.append(choice({}, "stop"))
        if (request.get("stream_options") or {}).get("include_usage"):
            events.append({**base, "choices": [], "usage": usage_for(request, reply.content)})
        for event in events:
            self._write_chunk(f"data: {json.dumps(event)}\n\n".encode())
        self._write_chunk(b"data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _write_chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()


def _completion(request: dict[str, Any], content: str) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model") or DEFAULT_MODEL,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": None},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": usage_for(request, content),
        "system_fingerprint": "fp_briefbot_tests",
    }


class FakeOpenAI(BaseFakeServer):
    """OpenAI-compatible chat server with scripted replies.

    Usage::

        with FakeOpenAI() as llm:
            llm.script(Completion('{"summary": "hi"}'), Completion("", status=500))
            client = openai.OpenAI(api_key="test", base_url=llm.base_url, max_retries=0)
    """

    handler_class = _OpenAIHandler

    def __init__(self, default: Completion | None = None) -> None:
        super().__init__()
        self.default: Completion = default or Completion("{}")
        self._requests: list[dict[str, Any]] = []
        self._queue: deque[Completion] = deque()
        self._responder: Callable[[dict[str, Any]], Completion] | None = None
        self._changed = threading.Condition(self.lock)

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:PORT/v1` (for openai.OpenAI(base_url=...))."""
        return f"{self.origin}/v1"

    @property
    def requests(self) -> list[dict[str, Any]]:
        """A snapshot of the JSON bodies of all chat completion requests, oldest first."""
        with self.lock:
            return list(self._requests)

    def script(self, *replies: Completion) -> None:
        """Queue replies; each request consumes one, then `self.default` is used."""
        with self.lock:
            self._queue.extend(replies)

    def respond_with(self, responder: Callable[[dict[str, Any]], Completion]) -> None:
        """Reply to every request with `responder(request)`: a model that reads what it is sent."""
        with self.lock:
            self._responder = responder

    def wait_for(self, count: int = 1, timeout: float = 5.0) -> list[dict[str, Any]]:
        """Wait until at least `count` requests were received and return them all."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self._requests) < count and (remaining := deadline - time.monotonic()) > 0:
                self._changed.wait(min(remaining, 0.05))
            got = list(self._requests)
        if len(got) < count:
            raise AssertionError(f"expected {count} chat completion request(s) in {timeout}s, got {len(got)}")
        return got

    def clear(self) -> None:
        """Forget recorded requests and pending scripted replies (the default is kept)."""
        with self.lock:
            self._requests.clear()
            self._queue.clear()
            self._responder = None

    def _next_reply(self, request: dict[str, Any]) -> Completion:
        with self._changed:
            self._requests.append(request)
            self._changed.notify_all()
            if self._responder is not None:
                return self._responder(request)
            return self._queue.popleft() if self._queue else self.default
