"""Slack-facing subcommands (serve, manifest); filled in by the Slack app work."""

from __future__ import annotations

import argparse

from bot.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the Slack subcommands to the `briefbot` parser."""


def serve(args: argparse.Namespace, settings: Settings) -> int:
    raise NotImplementedError
