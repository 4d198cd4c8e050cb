"""Who is asking, and where, read from what Bolt hands a listener."""

from __future__ import annotations

from slack_bolt import BoltContext


def team_of(context: BoltContext) -> str:
    """The Slack team id that namespaces storage."""
    return context.team_id or context.enterprise_id or "local"
