"""Shared plumbing for the threaded fake HTTP servers (FakeSlack, FakeOpenAI)."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self

# Errors raised when the client went away while we were answering; never worth a traceback.
CLIENT_GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)


class _Server(ThreadingHTTPServer):
    """ThreadingHTTPServer that tracks open connections so stop() can cut keep-alive clients off."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, owner: BaseFakeServer, handler: type[BaseHTTPRequestHandler], port: int = 0) -> None:
        self.owner = owner
        self._conns: set[socket.socket] = set()
        self._conns_lock = threading.Lock()
        super().__init__(("127.0.0.1", port), handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._conns_lock:
            self._conns.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._conns_lock:
            self._conns.discard(request)
        super().shutdown_request(request)

    def close_all_connections(self) -> None:
        """Shut down every connection still open (idle keep-alive or mid-request)."""
        with self._conns_lock:
            conns = list(self._conns)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet about clients that disconnect; report anything else as usual."""
        import sys

        exc = sys.exc_info()[1]
        if isinstance(exc, CLIENT_GONE) or self.owner.stopping.is_set():
            return
        super().handle_error(request, client_address)


class BaseHandler(BaseHTTPRequestHandler):
    """Request handler with helpers for reading bodies and writing JSON replies."""

    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the default per-request stderr logging."""

    def read_body(self) -> bytes:
        """Read the request body (Content-Length or chunked)."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def lower_headers(self) -> dict[str, str]:
        """Request headers as a dict with lower-case names."""
        return {k.lower(): v for k, v in self.headers.items()}

    def send_body(
        self,
        status: int,
        body: bytes,
        content_type: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Send a complete response; a client that already left is ignored."""
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, str(value))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
        except CLIENT_GONE:
            self.close_connection = True

    def drop_connection(self) -> None:
        """Close the connection without a reply: the request arrived, its answer never does."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)

    def send_json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        """Send `payload` as JSON (strings are sent verbatim as text/plain)."""
        if isinstance(payload, (bytes, str)):
            raw = payload.encode() if isinstance(payload, str) else payload
            self.send_body(status, raw, "text/plain; charset=utf-8", headers)
        else:
            self.send_body(status, json.dumps(payload).encode(), "application/json; charset=utf-8", headers)


class BaseFakeServer:
    """Runs a `_Server` in a background thread; subclasses provide the handler class."""

    handler_class: type[BaseHandler] = BaseHandler

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None
        self._port = 0  # after down(), up() listens on the same port again

    @property
    def port(self) -> int:
        """The TCP port the server listens on (once started; while down, the one it will listen on again)."""
        if self._httpd is None:
            if self._port:
                return self._port
            raise RuntimeError(f"{type(self).__name__} is not running")
        return int(self._httpd.server_address[1])

    @property
    def origin(self) -> str:
        """`http://127.0.0.1:PORT` without a trailing slash."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Bind to a free port and serve in a daemon thread."""
        if self._httpd is not None:
            return
        self.stopping.clear()
        self._httpd = _Server(self, self.handler_class, self._port)
        self._port = int(self._httpd.server_address[1])
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"{type(self).__name__}-{self.port}",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop serving, drop open connections and interrupt pending delays; safe to call twice."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self.stopping.set()
        httpd.shutdown()
        httpd.close_all_connections()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def down(self) -> None:
        """Stop listening, keeping the port: clients now get "connection refused" until `up()`."""
        self.stop()

    def up(self) -> None:
        """Listen again on the same port (and URL) after `down()`; recorded calls are kept."""
        self.start()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
