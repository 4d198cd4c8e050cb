"""Running the Procfile's processes for real (gunicorn's `web`, `briefbot worker`) in subprocesses with an
explicit environment, and ending them as a platform would: SIGTERM, or SIGKILL of the whole process group.

Each web process gets a job queue of its own (JOB_QUEUE) unless the test names one: processes that share a
queue share their jobs, and tests that run two web processes with different settings side by side must not.
"""

from __future__ import annotations

import os
import shlex
import signal
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
class ProcfileProcess:
    """One running Procfile process; `port` is the web process's (0 for others)."""

    port: int
    proc: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL the process and every child (gunicorn's workers), as a crashed dyno or an OOM kill."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=5)

    def wait_for_log(self, line: str, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while line not in self.log():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise AssertionError(f"no {line!r} in the log:\n{self.log()[-3000:]}")
            time.sleep(0.05)


WebProcess = ProcfileProcess


def slack_env(secret: str, slack_url: str, redis_url: str, **more: str) -> dict[str, str]:
    """The environment a Procfile process reads, as the acceptance runs set it: a bot token, the signing
    secret, the fake Slack's and Redis's addresses, and any other setting (`more`)."""
    return {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": secret,
        "SLACK_API_URL": slack_url,
        "REDIS_URL": redis_url,
        **more,
    }


@contextmanager
def run_web(env: dict[str, str], *, wait: bool = True) -> Iterator[WebProcess]:
    """Start the Procfile's web command with only `env` (plus PATH and PORT); wait until /healthz answers."""
    port = free_port()
    with _run("web", {"JOB_QUEUE": f"web-{port}", **env, "PORT": str(port)}, port) as web:
        if wait:
            _wait_healthy(web)
        yield web


@contextmanager
def run_worker(env: dict[str, str], *, wait: bool = True) -> Iterator[ProcfileProcess]:
    """Start the Procfile's worker command with only `env` (plus PATH); wait until it takes jobs."""
    with _run("worker", env, 0) as worker:
        if wait:
            worker.wait_for_log("jobs.consumer_started role=worker", timeout=START_TIMEOUT)
        yield worker


def _test_dirs() -> dict[str, str]:
    """Where the tests' processes keep files between runs (conftest's vector_cache), if it is set."""
    cache = os.environ.get("VECTOR_CACHE_DIR")
    return {"VECTOR_CACHE_DIR": cache} if cache else {}


@contextmanager
def _run(process: str, env: dict[str, str], port: int) -> Iterator[ProcfileProcess]:
    full_env = {"PATH": f"{VENV_BIN}:/usr/bin:/bin", **_test_dirs(), **env}
    with tempfile.TemporaryDirectory(prefix=f"briefbot-{process}-") as tmp:
        log_path = Path(tmp) / f"{process}.log"
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                procfile_command(process), cwd=REPO, env=full_env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, so `kill` takes its children too
            )  # fmt: skip
        running = ProcfileProcess(port, proc, log_path)
        try:
            yield running
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
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
