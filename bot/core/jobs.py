"""Slow work that must finish even when the process that took it dies: answers that may wait for the LLM,
shares, posts that wait out Slack's rate limits.

A `Job` names what to do (`kind`) and carries plain data only, so any process can run it. A `JobQueue` runs
jobs — durably on a queue any worker takes from (bot.adapters.queueing), or in this process — and a
`JobRunner` (the surface that posts: handlers.slack_jobs) does the work. A job may be attempted more than
once, so it keeps what it has already done in its `JobProgress` (the placeholder it posted, an answer already
sent) and never does it twice. When every attempt failed, `give_up` ends what the person sees with a short
apology: nothing is left "Thinking…".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

JobValue = str | bool | None


@dataclass(frozen=True)
class Job:
    """One piece of slow work: its kind, an id unique to the Slack delivery it answers (the same for every
    attempt), and the plain data it needs (ids, text, URLs; nothing that only one process holds)."""

    kind: str
    ident: str
    data: Mapping[str, JobValue] = field(default_factory=dict)


class JobFailed(Exception):
    """An attempt did not finish (Slack refused a post or could not be reached); it is attempted again. The
    message says why in a few words (a method, Slack's error code), never what was being posted."""


class JobProgress(Protocol):
    """What a job has already done, kept across its attempts (and processes, when the queue is durable)."""

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...


class JobRunner(Protocol):
    """Does the work of each kind of job."""

    def run(self, job: Job, progress: JobProgress) -> None:
        """Do the job, skipping what `progress` says is done; raise to have it attempted again."""
        ...

    def give_up(self, job: Job, progress: JobProgress) -> None:
        """Every attempt failed (or its process died each time): end what the person sees, briefly."""
        ...


class JobQueue(Protocol):
    """Takes jobs and sees that each is done once, or given up on after its last attempt."""

    def submit(self, job: Job) -> None: ...
