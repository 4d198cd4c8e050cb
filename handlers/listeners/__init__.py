"""Slack listeners, one module per kind of Slack input; each exposes `register(app, application, jobs)`.

A listener parses what Slack sent, calls the core's application object (bot.core.Briefbot) and renders what
comes back (handlers.blocks); what may take time (an answer the LLM writes, a share, a post that waits out a
429) goes to the job queue (bot.core.JobQueue). Nothing here reads storage or composes answers.
"""

from __future__ import annotations

from slack_bolt import App

from bot.core import Briefbot, JobQueue


def register_all(app: App, application: Briefbot, jobs: JobQueue) -> None:
    """Register every listener module on the app."""
    from handlers.listeners import (
        actions,
        assistant,
        brief_command,
        commands,
        home,
        mentions,
        messages,
        settings_command,
    )

    for module in (assistant, commands, brief_command, settings_command, mentions, messages, actions, home):
        module.register(app, application, jobs)
    commands.register_unknown(
        app, application
    )  # last: Bolt gives a request to the first listener that matches
