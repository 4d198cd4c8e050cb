"""Taking jobs off the RQ queue and running them in this process, up to `threads` at once.

The worker process (`briefbot worker`, role "worker") always takes jobs. The web process (role "standby")
stands in while no worker process is alive, so a deployment with only `web` still answers; with a worker
running, the web process runs no job and dying costs nothing. One loop per process dequeues, beats the heart
of itself and of every running job, and keeps RQ's registries clean; each job runs on a thread of its own.

A running job's heartbeat lasts three beats (JOB_HEARTBEAT_SECONDS each). When its process dies (kill -9, a
crash, a dyno restart), the beats stop, and within a few beats whichever process next cleans the registries
— any worker, or a web process standing in, at start-up and then every beat — finds it abandoned and puts it
back on the queue while it has attempts left; after the last, RQ's failure callback gives it up
(rq_jobs.failed). A job still running after JOB_TIMEOUT_SECONDS stops beating too and is retried elsewhere:
Python cannot stop a thread safely, so nothing is killed, and the job's posts are idempotent.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal

import redis
from rq import Queue, SimpleWorker
from rq.exceptions import DequeueTimeout
from rq.executions import Execution, ExecutionRegistry
from rq.job import Job as RQJob
from rq.registry import StartedJobRegistry, clean_registries
from rq.timeouts import BaseDeathPenalty
from rq.utils import now
from rq.worker_registration import clean_worker_registry, get_keys

from bot.adapters.queueing.rq_jobs import SERIALIZER, ProgressOf, install
from bot.core import JobRunner

log = logging.getLogger(__name__)

Role = Literal["worker", "standby"]
MAX_BACKOFF_SECONDS = 30.0
POLL_SECONDS = 1  # the longest a wait for a job (or a free thread) blocks: `stop` is never kept waiting


class JobConsumer:
    """Runs jobs from one RQ queue in this process; `start` it, `stop` it on shutdown."""

    def __init__(
        self,
        connection: redis.Redis,
        queue_name: str,
        runner: JobRunner,
        progress: ProgressOf,
        *,
        role: Role,
        threads: int,
        heartbeat: int,
    ) -> None:
        install(runner, progress)  # RQ calls the job functions by name, in this process
        self._connection = connection
        self._queue = Queue(queue_name, connection=connection, serializer=SERIALIZER)
        self._role = role
        self._heartbeat = heartbeat
        self._slots = threading.Semaphore(threads)
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix=f"briefbot-{role}-job")
        self._running: dict[str, tuple[RQJob, Execution]] = {}
        self._changed = threading.Condition()
        self._stopping = False
        self._last: dict[str, float] = {}
        self._standing_in: bool | None = None  # not looked yet
        self._thread = threading.Thread(target=self._loop, name=f"briefbot-{role}-jobs", daemon=True)
        self.name = f"{role}.{socket.gethostname()}.{os.getpid()}.{uuid.uuid4().hex[:6]}"

    @classmethod
    def on_url(cls, url: str, queue_name: str, runner: JobRunner, progress: ProgressOf, *, role: Role,
               threads: int, heartbeat: int) -> JobConsumer:  # fmt: skip
        """A consumer on connections of its own: they block on the queue for a heartbeat at a time."""
        connection = redis.Redis.from_url(url, socket_timeout=heartbeat + 10, socket_connect_timeout=1.0)
        return cls(connection, queue_name, runner, progress, role=role, threads=threads, heartbeat=heartbeat)

    def start(self) -> None:
        self._thread.start()
        log.info("jobs.consumer_started role=%s queue=%s heartbeat=%ss", self._role, self._queue.name,
                 self._heartbeat)  # fmt: skip

    def stop(self, timeout: float) -> bool:
        """Take no more jobs and wait up to `timeout` seconds for the running ones (still beating their
        hearts); True when none is left. One left behind is retried by another process a few beats later."""
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        self._thread.join(timeout)
        left = len(self._running)
        log.info("jobs.consumer_stopped role=%s jobs_left=%d", self._role, left)
        return left == 0

    # --- the loop -------------------------------------------------------------------------------------

    def _loop(self) -> None:
        worker: _Worker | None = None
        backoff = 1.0
        redis_down = False
        while not (self._stopping and not self._running):
            try:
                worker = worker or self._register()
                if self._due("beat"):
                    self._beat(worker)
                if not self._stopping and self._takes_jobs():
                    if self._due("clean"):
                        worker.clean_registries()
                    self._take_one(worker)
                else:
                    self._wait(POLL_SECONDS)
                if redis_down:
                    redis_down = False
                    log.info("jobs.redis_recovered role=%s", self._role)
                backoff = 1.0
            except (redis.ConnectionError, redis.TimeoutError) as exc:
                if not redis_down:
                    log.warning("jobs.redis_down role=%s error=%s", self._role, type(exc).__name__)
                redis_down = True
                self._wait(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)
            except Exception:
                log.exception("jobs.consumer_failed role=%s", self._role)
                self._wait(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)
        if worker is not None:
            with contextlib.suppress(redis.RedisError):  # if it fails, the registration expires by itself
                worker.register_death()

    def _register(self) -> _Worker:
        worker = _Worker(
            [self._queue],
            name=self.name,
            connection=self._connection,
            serializer=SERIALIZER,
            ttl=3 * self._heartbeat,
            worker_ttl=3 * self._heartbeat,
        )
        worker.register_birth()
        self._last.clear()  # beat, look for a worker and clean at once: a dead process's jobs may be waiting
        return worker

    def _due(self, what: str) -> bool:
        """True once every heartbeat for each `what`."""
        now_ = time.monotonic()
        if now_ - self._last.get(what, float("-inf")) < self._heartbeat:
            return False
        self._last[what] = now_
        return True

    def _takes_jobs(self) -> bool:
        """A worker always; a standby only while no worker process is alive (looked up once a beat)."""
        if self._role == "worker":
            return True
        if self._due("look"):
            standing_in = not self._worker_alive()
            if standing_in != self._standing_in:  # at start-up, then at each change
                log.info("jobs.standby role=%s takes_jobs=%s", self._role, standing_in)
            self._standing_in = standing_in
        return bool(self._standing_in)

    def _worker_alive(self) -> bool:
        prefix = f"{_Worker.redis_worker_namespace_prefix}worker."
        keys = [k for k in get_keys(queue=self._queue) if k.startswith(prefix)]
        if not keys:
            return False
        with self._connection.pipeline(transaction=False) as pipe:
            for worker_key in keys:
                pipe.exists(worker_key)
            return any(pipe.execute())

    def _take_one(self, worker: _Worker) -> None:
        """Wait up to a second for a free thread and a job; start it. Short waits keep `stop` prompt."""
        if not self._slots.acquire(timeout=POLL_SECONDS):
            return
        started = False
        try:
            result = Queue.dequeue_any(
                [self._queue], POLL_SECONDS, connection=self._connection, serializer=SERIALIZER,
                death_penalty_class=_Patience,
            )  # fmt: skip
            if result is not None:
                job, queue = result
                self._forget_earlier_executions(job)
                execution = worker.prepare_execution(job)  # in the started registry: tracked from now on
                log.info("jobs.taken role=%s job=%s", self._role, job.id)
                with self._changed:
                    self._running[execution.id] = (job, execution)
                self._pool.submit(self._perform, worker, job, queue, execution)
                started = True
        except DequeueTimeout:
            pass
        finally:
            if not started:
                self._slots.release()

    def _forget_earlier_executions(self, job: RQJob) -> None:
        """A retried job still lists the execution of its earlier attempt for a minute after that execution
        expired, and RQ fails the job when it finishes and cannot find it. Every execution listed when the job
        is taken is an earlier attempt's (one that stopped beating, so the job was put back): forget them all,
        not only those already expired — one expiring while this attempt runs failed it once (a job taken
        twice after a kill, seen in the tests)."""
        registry = ExecutionRegistry(job.id, self._connection)
        ids = registry.get_execution_ids()
        if ids:
            self._connection.zrem(registry.key, *ids)

    def _perform(self, worker: _Worker, job: RQJob, queue: Queue, execution: Execution) -> None:
        try:
            worker.perform_job(job, queue, execution)
        except Exception:
            log.exception("jobs.perform_failed job=%s", job.id)
        finally:
            with self._changed:
                self._running.pop(execution.id, None)
                self._changed.notify_all()
            self._slots.release()

    def _beat(self, worker: _Worker) -> None:
        """This process's heartbeat, and each running job's while it is within its timeout."""
        worker.heartbeat()
        with self._changed:
            running = list(self._running.values())
        for job, execution in running:
            started = job.started_at or execution.created_at
            if job.timeout is None or (now() - started).total_seconds() < job.timeout:
                worker.maintain_heartbeats(job, execution)

    def _wait(self, seconds: float) -> None:
        """Sleep up to `seconds`; a job ending or `stop` wakes it."""
        with self._changed:
            if not (self._stopping and not self._running):
                self._changed.wait(seconds)


class _Patience(BaseDeathPenalty):
    """RQ's job timeout without killing anything: a signal would work only in a main thread (and would fire
    in any greenlet of the web process). A job past its timeout stops beating and is retried instead."""

    def setup_death_penalty(self) -> None:
        pass

    def cancel_death_penalty(self) -> None:
        pass


class _Worker(SimpleWorker):
    """RQ's in-process worker, driven by JobConsumer: its heartbeats and its jobs' last three beats (not RQ's
    minutes), it installs no signal handler (the process's entry point owns them), never logs a job's
    arguments, and leaves the process title alone."""

    death_penalty_class = _Patience
    log_job_description = False
    log_result_lifespan = False

    def __init__(self, *args: Any, ttl: int, **kwargs: Any) -> None:
        self._ttl = ttl
        super().__init__(*args, **kwargs)

    def get_heartbeat_ttl(self, job: RQJob, working_time: float = 0.0) -> int:
        return self._ttl

    def heartbeat(self, timeout: int | None = None, pipeline: Any = None) -> None:
        super().heartbeat(self._ttl, pipeline=pipeline)

    def procline(self, message: str) -> None:
        pass

    def _install_signal_handlers(self) -> None:
        pass

    def clean_registries(self) -> None:
        """RQ's maintenance, with two changes: an abandoned job's failure callback runs without RQ's SIGALRM
        (it would fail off the main thread), and the lock lasts a few beats, not 15 minutes, so a process
        killed while cleaning does not hold up the recovery of everyone else's jobs."""
        for queue in self.queues:
            if queue.connection.set(queue.registry_cleaning_key, 1, nx=True, ex=2 * self._ttl):
                StartedJobRegistry(queue=queue, death_penalty_class=_Patience).cleanup(
                    exception_handlers=self._exc_handlers
                )
                clean_registries(queue, self._exc_handlers)
                clean_worker_registry(queue)
                queue.intermediate_queue.cleanup(self, queue)
                queue.release_maintenance_lock()
