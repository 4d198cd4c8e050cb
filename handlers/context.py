"""Who is asking, and where, and who a message is addressed to, read from what Bolt hands a listener (and
back from a job's plain data)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from typing import Any

from slack_bolt import BoltContext

from bot.core import Asker, JobValue

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


def delivery_of(body: dict[str, Any]) -> str:
    """What names one Slack delivery, the same for Slack's retries of it: a job's ident (unique anyway)."""
    for name in ("event_id", "trigger_id"):
        if body.get(name):
            action_ts = next((str(a.get("action_ts", "")) for a in body.get("actions") or []), "")
            return f"{body[name]}:{action_ts}" if action_ts else str(body[name])
    return uuid.uuid4().hex


def asker_data(asker: Asker) -> dict[str, JobValue]:
    """An asker as a job's plain data."""
    return {"team": asker.team, "user": asker.user, "channel": asker.channel}


def asker_of(data: Mapping[str, JobValue]) -> Asker:
    """The asker a job's data names."""
    return Asker(text_of(data, "team") or "local", text_of(data, "user"), text_of(data, "channel"))


def text_of(data: Mapping[str, JobValue], name: str) -> str:
    """A text field of a job's data ("" when absent)."""
    value = data.get(name)
    return value if isinstance(value, str) else ""
