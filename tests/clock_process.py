"""Running the Procfile's `clock` command for real (a subprocess) with an explicit environment."""

from __future__ import annotations

import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.web_process import REPO, VENV_BIN, procfile_command


@dataclass
class ClockProcess:
    proc: subprocess.Popen[bytes]
    log_path: Path
    final_log: str | None = None  # kept when the process is stopped and its directory removed

    def log(self) -> str:
        if self.final_log is not None:
            return self.final_log
        return self.log_path.read_text(errors="replace")

    def wait_log(self, text: str, count: int = 1, timeout: float = 15.0) -> str:
        """Wait until `text` appears `count` times in the log (the process must stay up); return the log."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            log = self.log()
            if log.count(text) >= count:
                return log
            if self.proc.poll() is not None:
                raise AssertionError(f"clock exited with {self.proc.returncode}:\n{log[-3000:]}")
            time.sleep(0.05)
        raise AssertionError(f"{text!r} not logged {count} time(s) within {timeout}s:\n{self.log()[-3000:]}")


@contextmanager
def run_clock(env: dict[str, str]) -> Iterator[ClockProcess]:
    """Start the Procfile's clock command with only `env` (plus PATH); stop it on exit."""
    with tempfile.TemporaryDirectory(prefix="briefbot-clock-") as tmp:
        log_path = Path(tmp) / "clock.log"
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                procfile_command("clock"),
                cwd=REPO,
                env={"PATH": f"{VENV_BIN}:/usr/bin:/bin", **env},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        clock = ClockProcess(proc, log_path)
        try:
            yield clock
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=5)
            clock.final_log = clock.log()
