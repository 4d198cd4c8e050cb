"""Jobs on RQ, on the same Redis: durable. A queued job waits for any process that takes jobs
(rq_consumer.JobConsumer); one whose process dies mid-way is found by its stopped heartbeat and attempted
again, up to JOB_ATTEMPTS times; after the last failed attempt the runner's `give_up` ends what the person
sees.

Enqueueing is one round trip (a pipeline: the job's hash and its place in the queue). With Redis down, jobs
run in this process instead (`fallback`), like every other use of Redis. Jobs are JSON, never pickles: their
data is plain (ids, text, URLs) and a pickle from a shared Redis could run code. A finished job is deleted at
once; a failed one is kept a day for `rq info`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import redis
from rq import Callback, Queue, Retry
from rq.job import Job as RQJob
from rq.serializers import JSONSerializer

from bot.adapters.storage.guard import RedisGuard, redacted
from bot.core import Job, JobProgress, JobQueue, JobRunner

log = logging.getLogger(__name__)

PERFORM = f"{__name__}.perform"
ON_FAILURE = f"{__name__}.failed"
SERIALIZER = JSONSerializer
# A job no process took in 30 minutes is dropped: its answer would come too late to help, and Slack's
# response URLs stop working then; a leftover job must not surprise a later deployment on the same Redis.
QUEUED_TTL_SECONDS = 30 * 60
FAILED_TTL_SECONDS = 24 * 3600
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")

ProgressOf = Callable[[str, str], JobProgress]  # (team, job ident) -> its progress


class RQJobs:
    """Implements the core's JobQueue on an RQ queue."""

    @classmethod
    def on_url(cls, url: str, queue_name: str, *, socket_timeout: float, connect_timeout: float,
               retry_after: float, attempts: int, timeout: int, fallback: JobQueue) -> RQJobs:  # fmt: skip
        """Jobs on the queue named `queue_name` at `url`; enqueueing waits as briefly as every other Redis
        call on a listener thread, and a dead Redis is skipped for `retry_after` seconds at a time."""
        connection = redis.Redis.from_url(url, socket_timeout=socket_timeout,
                                          socket_connect_timeout=connect_timeout)  # fmt: skip
        guard = RedisGuard(connection, retry_after=retry_after, description=redacted(url))
        queue = Queue(queue_name, connection=connection, serializer=SERIALIZER)
        return cls(queue, guard, attempts=attempts, timeout=timeout, fallback=fallback)

    def __init__(
        self, queue: Queue, guard: RedisGuard, *, attempts: int, timeout: int, fallback: JobQueue
    ) -> None:
        self._queue = queue
        self._guard = (
            guard  # on the queue's connection: a dead Redis costs one short timeout, then is skipped
        )
        self._attempts = attempts
        self._timeout = timeout
        self._fallback = fallback
        # RQ asks the server's version once per queue; ask now, so no enqueue waits for it.
        guard.run("server_version", queue.get_redis_server_version, None)

    def submit(self, job: Job) -> None:
        rq_job = self._queue.create_job(
            PERFORM,
            args=(job.kind, job.ident, dict(job.data)),
            job_id=rq_job_id(job),
            description=f"{job.kind} {job.ident}",  # RQ may log it: never the question
            timeout=self._timeout,
            ttl=QUEUED_TTL_SECONDS,
            result_ttl=0,
            failure_ttl=FAILED_TTL_SECONDS,
            retry=Retry(max=self._attempts - 1) if self._attempts > 1 else None,
            on_failure=Callback(ON_FAILURE),
        )

        def enqueue() -> bool:
            with self._queue.connection.pipeline() as pipe:
                self._queue.enqueue_job(rq_job, pipeline=pipe)
                pipe.execute()
            return True

        if not self._guard.run("enqueue", enqueue, False):
            log.info("jobs.in_process kind=%s job=%s reason=redis_down", job.kind, job.ident)
            self._fallback.submit(job)


def rq_job_id(job: Job) -> str:
    """The RQ job id: the job's ident in the characters RQ allows."""
    return _UNSAFE_ID.sub("_", f"{job.kind}-{job.ident}")[:200]


# --- in the process that takes jobs -------------------------------------------------------------------


@dataclass(frozen=True)
class _Installed:
    runner: JobRunner
    progress: ProgressOf


_installed: _Installed | None = None


def install(runner: JobRunner, progress: ProgressOf) -> None:
    """Make this process able to run jobs: RQ calls `perform` and `failed` by name, with plain data only."""
    global _installed
    _installed = _Installed(runner, progress)


def perform(kind: str, ident: str, data: dict[str, Any]) -> None:
    """The RQ job function: one attempt of the job."""
    installed = _require()
    job = Job(kind, ident, data)
    installed.runner.run(job, installed.progress(_team(job), ident))


def failed(rq_job: RQJob, connection: Any, exc_type: Any = None, exc: Any = None, tb: Any = None) -> None:
    """RQ's failure callback, after every failed attempt (an exception, a timeout, or a process that died
    mid-way): after the last one, the runner gives up."""
    kind, ident, data = rq_job.args
    retries_left = rq_job.retries_left or 0
    reason = getattr(exc_type, "__name__", "unknown")
    if retries_left > 0:
        log.warning("jobs.attempt_failed kind=%s job=%s reason=%s retries_left=%d", kind, ident, reason,
                    retries_left)  # fmt: skip
        return
    log.warning("jobs.given_up kind=%s job=%s reason=%s", kind, ident, reason)
    installed = _require()
    job = Job(kind, ident, data)
    installed.runner.give_up(job, installed.progress(_team(job), ident))


def _require() -> _Installed:
    if _installed is None:
        raise RuntimeError("this process takes no jobs (no runner installed)")
    return _installed


def _team(job: Job) -> str:
    return str(job.data.get("team") or "local")
