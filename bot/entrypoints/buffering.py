"""The web process's front: a request's body is received whole — within a size limit and a deadline — before
the app sees it, and a request its headers already rule out is answered without receiving its body at all.

Under gunicorn's gevent workers (bot/entrypoints/gunicorn_conf.py) a client that sends headers and then
stalls or trickles its body holds a greenlet, not a thread, and only for `read_timeout` seconds: the
gthread workers this replaces let 40 such clients hold every thread for as long as they liked.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from typing import Any, Protocol

import gevent

StartResponse = Callable[..., Any]
Reply = tuple[str, dict[str, Any]]


class WSGIApp(Protocol):
    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]: ...


class BufferingFront:
    """WSGI middleware: screen the headers, receive the body in full within `read_timeout` seconds (gevent's
    timeout interrupts a blocked read), then call the app with the body in memory."""

    def __init__(
        self,
        app: WSGIApp,
        *,
        max_body: int,
        read_timeout: float,
        screen: Callable[[dict[str, Any]], Reply | None] | None = None,
        refused: Callable[[str, str], None] | None = None,
    ) -> None:
        """`screen(environ)` answers what headers alone rule out; `refused(reason, status)` counts a refusal
        here (too large, too slow, cut short) for the log."""
        self.app = app
        self.max_body = max_body
        self.read_timeout = read_timeout
        self.screen = screen
        self.refused = refused

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        refused = self.screen(environ) if self.screen is not None else None
        if refused is None:
            body, refused = self._receive(environ)
            if refused is not None and self.refused is not None:
                self.refused(refused[1]["error"], refused[0])
        if refused is not None:
            # An unread body is drained by gunicorn within its keepalive timeout, or the connection closed.
            return _json(start_response, *refused)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        return self.app(environ, start_response)

    def _receive(self, environ: dict[str, Any]) -> tuple[bytes, Reply | None]:
        """The whole body, or the reply refusing it: too large (413) or too slow (408)."""
        declared = environ.get("CONTENT_LENGTH") or ""
        length = int(declared) if declared.isdigit() else None
        if length is not None and length > self.max_body:
            return b"", ("413 Content Too Large", {"ok": False, "error": "too_large"})
        stream = environ.get("wsgi.input")
        if stream is None or length == 0:
            return b"", None
        with gevent.Timeout(self.read_timeout, False):
            # A chunked body has no length to check up front: read one byte past the limit to know.
            body: bytes = stream.read(length if length is not None else self.max_body + 1)
            if len(body) > self.max_body:
                return b"", ("413 Content Too Large", {"ok": False, "error": "too_large"})
            if length is not None and len(body) < length:  # the client hung up mid-body
                return b"", ("400 Bad Request", {"ok": False, "error": "incomplete"})
            return body, None
        return b"", ("408 Request Timeout", {"ok": False, "error": "too_slow"})


def _json(start_response: StartResponse, status: str, payload: dict[str, Any]) -> list[bytes]:
    body = json.dumps(payload).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
