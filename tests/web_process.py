"""Running the Procfile's `web` command for real (gunicorn in a subprocess) with an explicit environment."""

from __future__ import annotations

import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.servers.redis_server import free_port
from tests.slack_signing import request

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
START_TIMEOUT = 30.0


def procfile_command(process: str = "web") -> list[str]:
    """The argv of one Procfile line, exactly as written there."""
    for line in (REPO / "Procfile").read_text(encoding="utf-8").splitlines():
        name, _, command = line.partition(":")
        if name.strip() == process:
            return shlex.split(command)
    raise AssertionError(f"Procfile has no {process!r} line")


@dataclass
class WebProcess:
    port: int
    proc: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@contextmanager
def run_web(env: dict[str, str], *, wait: bool = True) -> Iterator[WebProcess]:
    """Start the Procfile's web command with only `env` (plus PATH and PORT); wait until /healthz answers."""
    port = free_port()
    full_env = {"PATH": f"{VENV_BIN}:/usr/bin:/bin", "PORT": str(port), **env}
    with tempfile.TemporaryDirectory(prefix="briefbot-web-") as tmp:
        log_path = Path(tmp) / "web.log"
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                procfile_command(), cwd=REPO, env=full_env, stdout=log, stderr=subprocess.STDOUT
            )
        web = WebProcess(port, proc, log_path)
        try:
            if wait:
                _wait_healthy(web)
            yield web
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=5)


def _wait_healthy(web: WebProcess) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if web.proc.poll() is not None:
            raise AssertionError(f"web process exited with {web.proc.returncode}:\n{web.log()[-3000:]}")
        try:
            if request(web.port, "GET", "/healthz").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"web process not healthy after {START_TIMEOUT}s:\n{web.log()[-3000:]}")
