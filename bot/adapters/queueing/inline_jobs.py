"""Jobs in this process: a thread pool, each job attempted up to `attempts` times and then given up on.

The same jobs and the same rules as on the durable queue, without its durability: what is running or waiting
dies with the process. Used where no worker process runs (Socket Mode, `JOBS=inline`) and by the web
process while Redis cannot be reached.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from bot.core import Job, JobFailed, JobRunner

log = logging.getLogger(__name__)


class InlineJobs:
    """Implements the core's JobQueue on a thread pool."""

    def __init__(self, runner: JobRunner, *, threads: int, attempts: int) -> None:
        self._runner = runner
        self._attempts = attempts
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="briefbot-job")

    def submit(self, job: Job) -> None:
        self._pool.submit(self._perform, job)

    def _perform(self, job: Job) -> None:
        progress = MemoryProgress()
        for attempt in range(1, self._attempts + 1):
            try:
                self._runner.run(job, progress)
                return
            except JobFailed as exc:
                log.warning("jobs.attempt_failed kind=%s job=%s attempt=%d reason=%s", job.kind, job.ident,
                            attempt, exc)  # fmt: skip
            except Exception:
                log.exception("jobs.attempt_failed kind=%s job=%s attempt=%d", job.kind, job.ident, attempt)
        log.warning("jobs.given_up kind=%s job=%s attempts=%d", job.kind, job.ident, self._attempts)
        try:
            self._runner.give_up(job, progress)
        except Exception:
            log.exception("jobs.give_up_failed kind=%s job=%s", job.kind, job.ident)


class MemoryProgress:
    """Implements the core's JobProgress for one job in this process."""

    def __init__(self) -> None:
        self._done: dict[str, str] = {}
        self._lock = threading.Lock()

    def get(self, name: str) -> str | None:
        with self._lock:
            return self._done.get(name)

    def set(self, name: str, value: str) -> None:
        with self._lock:
            self._done[name] = value
