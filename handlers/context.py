"""Who is asking, and where, and who a message is addressed to, read from what Bolt hands a listener."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import BoltContext

# <@U123>, <@U123|name>: a person; <!subteam^S123>: a user group; <!here>, <!channel>, <!everyone>.
_PERSON = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_GROUP_OR_BROADCAST = re.compile(r"<!(subteam\^[^>]+|here|channel|everyone)(?:\|[^>]*)?>")


def team_of(context: BoltContext) -> str:
    """The Slack team id that namespaces storage."""
    return context.team_id or context.enterprise_id or "local"


def mentions_bot(text: str, bot_user_id: str | None) -> bool:
    return bool(bot_user_id) and any(user == bot_user_id for user in _PERSON.findall(text or ""))


def mentions_others(text: str, bot_user_id: str | None) -> bool:
    """True when a message mentions a person other than the bot, a user group or the whole channel."""
    people = [user for user in _PERSON.findall(text or "") if user != bot_user_id]
    return bool(people) or bool(_GROUP_OR_BROADCAST.search(text or ""))


def replies_to_bot(event: dict[str, Any], bot_user_id: str | None) -> bool:
    """True for a reply in a thread under one of the bot's own messages (a briefing, a shared answer)."""
    parent = event.get("parent_user_id") or (event.get("root") or {}).get("user")
    return bool(bot_user_id) and parent == bot_user_id
