"""The worker process (the Procfile's `worker`): takes jobs off the queue — answers that may wait for the
LLM, shares, posts that wait out a 429 — with one application (the model loaded once) and one Web API
client, on JOB_THREADS threads.

SIGTERM (a deploy, a restart) is a warm shutdown: no new job is taken and the running ones get the job
budget (OPENAI_TIMEOUT + 15 s) to finish; a second signal leaves at once. Heroku kills a process 30 s after
SIGTERM: a job cut off then, like one whose process was killed outright, is retried by another process
within a few heartbeats.
"""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

from bot.core import ConfigError, Settings
from bot.entrypoints.job_queue import process_jobs
from bot.entrypoints.wiring import build_application, connect_storage

log = logging.getLogger(__name__)


def run_worker(settings: Settings) -> int:
    """Take jobs until SIGTERM or SIGINT; 0 when every running job finished in time, 1 otherwise."""
    if settings.slack_bot_token is None:  # before any start-up work
        raise ConfigError("SLACK_BOT_TOKEN is not set; the worker posts answers to Slack with it")
    storage = connect_storage(settings)
    jobs = process_jobs(settings, build_application(settings, storage), storage, process="worker")
    stopping = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        if stopping.is_set():
            raise SystemExit(1)  # a second signal: leave now; running jobs are retried elsewhere
        stopping.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    stopping.wait()
    log.info("worker.stopping wait_seconds=%s", settings.job_budget)
    return 0 if jobs.stop(settings.job_budget) else 1
