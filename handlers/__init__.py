"""Slack listeners, one module per kind; each exposes `register(app, services)`."""

from __future__ import annotations

from slack_bolt import App

from bot.services import Services


def register_all(app: App, services: Services) -> None:
    """Register every handler module's listeners on the app."""
    from handlers import actions, briefings, commands, home, mentions, messages

    for module in (commands, briefings, mentions, messages, actions, home):
        module.register(app, services)
    commands.register_unknown(app, services)  # last: Bolt gives a request to the first listener that matches
