"""The Slack side of every job (bot.core.jobs): what each kind does, and how it ends when every attempt
failed.

One runner per process that takes jobs, with that process's application and Web API client (built once by
its entry point: the model is loaded once, not per job). Each kind's work lives beside the listener that
submits it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from slack_sdk import WebClient

from bot.core import Briefbot, Job, JobProgress, JobValue
from handlers import replies
from handlers.listeners import actions, commands

JobWork = Callable[[Briefbot, WebClient, Mapping[str, JobValue], JobProgress], None]


@dataclass(frozen=True)
class JobKind:
    run: JobWork
    give_up: JobWork


KINDS: dict[str, JobKind] = {
    replies.CONVERSATION: JobKind(replies.answer_in_conversation, replies.apologise_in_conversation),
    replies.ASSISTANT: JobKind(replies.answer_in_assistant_thread, replies.apologise_in_assistant_thread),
    commands.COMMAND: JobKind(commands.answer_later, commands.apologise_later),
    actions.SHARE_JOB: JobKind(actions.share, actions.apologise_for_share),
}


class SlackJobs:
    """Implements the core's JobRunner with the Slack Web API and response URLs."""

    def __init__(self, application: Briefbot, client: WebClient) -> None:
        self._application = application
        self._client = client

    def run(self, job: Job, progress: JobProgress) -> None:
        _kind(job).run(self._application, self._client, job.data, progress)

    def give_up(self, job: Job, progress: JobProgress) -> None:
        _kind(job).give_up(self._application, self._client, job.data, progress)


def _kind(job: Job) -> JobKind:
    kind = KINDS.get(job.kind)
    if kind is None:  # a job queued by another version of the app: fail it, and its attempts, loudly
        raise ValueError(f"unknown job kind {job.kind!r}")
    return kind
