"""The job queue of each process, from settings (JOBS): where slow work goes, and who runs it.

`rq` (the web process's and the worker's default): jobs go on RQ, on the same Redis, and this process takes
jobs too — the worker always, the web process (and Socket Mode with JOBS=rq) only while no worker process
is alive, so a deployment that runs only `web` still answers. `inline` (Socket Mode's default): a thread
pool in this process, the same jobs without durability. With Redis down, jobs run inline whatever the mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.adapters.queueing.inline_jobs import InlineJobs
from bot.adapters.queueing.rq_consumer import JobConsumer
from bot.adapters.queueing.rq_jobs import RQJobs
from bot.adapters.storage import RedisStorage
from bot.adapters.storage.job_progress import RedisJobProgress
from bot.core import Briefbot, JobQueue, Settings
from bot.entrypoints.wiring import redis_url
from handlers.slack_jobs import SlackJobs
from handlers.web_api import web_client

Process = Literal["web", "socket", "worker"]


@dataclass(frozen=True)
class ProcessJobs:
    """Where this process submits jobs, and the consumer taking them here (None: inline only)."""

    queue: JobQueue
    consumer: JobConsumer | None = None

    def stop(self, timeout: float) -> bool:
        """Take no more jobs; wait up to `timeout` seconds for the running ones. True when none is left."""
        return self.consumer.stop(timeout) if self.consumer is not None else True


def process_jobs(
    settings: Settings, application: Briefbot, storage: RedisStorage, *, process: Process
) -> ProcessJobs:
    """This process's jobs: one runner (the application and one Web API client), the queue, and — with RQ —
    a consumer, started."""
    runner = SlackJobs(application, web_client(settings))
    inline = InlineJobs(runner, threads=settings.job_threads, attempts=settings.job_attempts)
    mode = settings.jobs if settings.jobs != "auto" else ("inline" if process == "socket" else "rq")
    if mode == "inline" and process != "worker":
        return ProcessJobs(inline)
    url = redis_url(settings)
    queue = RQJobs.on_url(
        url,
        settings.job_queue,
        socket_timeout=settings.redis_socket_timeout,
        connect_timeout=settings.redis_connect_timeout,
        retry_after=settings.redis_retry_after,
        attempts=settings.job_attempts,
        timeout=settings.job_timeout_seconds,
        fallback=inline,
    )
    consumer = JobConsumer.on_url(
        url,
        settings.job_queue,
        runner,
        lambda team, ident: RedisJobProgress(storage.guard, team, ident),
        role="worker" if process == "worker" else "standby",
        threads=settings.job_threads,
        heartbeat=settings.job_heartbeat_seconds,
    )
    consumer.start()
    return ProcessJobs(queue, consumer)
