"""Slack mrkdwn in one place: escaping what anyone typed or wrote, clipping to Slack's limits, and the few
pieces of markup briefbot adds itself (bold, code, quotes, channel and user links)."""

from __future__ import annotations

import re

MAX_TEXT_CHARS = 3900  # Slack truncates a message's `text` past 4000 characters
_LINKABLE = re.compile(r"https?://[^\s<>|]+")  # no character that would end Slack's <url|text> early


def escape(text: str) -> str:
    """`&`, `<` and `>` escaped, so no text can become a mention, a broadcast or a link."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    """Text cut to `limit` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bold(text: str) -> str:
    return f"*{escape(text)}*" if text.strip() else ""


def code(text: str) -> str:
    """Inline code; a backtick inside would end it early, so it becomes a quote mark."""
    return f"`{escape(text).replace('`', 'ˋ')}`"


def quoted(text: str, url: str | None = None) -> str:
    """A quote as a block quote line; the quote itself links to `url` when given (and safe to link)."""
    if url and _LINKABLE.fullmatch(url) and "|" not in text:
        return f"> <{url}|“{escape(text)}”>"
    return f"> “{escape(text)}”"


def link(url: str | None, text: str) -> str:
    """A link when there is a URL (one that cannot break out of Slack's link markup), else the text in
    italics."""
    return f"<{url}|{escape(text)}>" if url and _LINKABLE.fullmatch(url) else f"_{escape(text)}_"


def channel(channel_id: str) -> str:
    """A channel link, only for a real channel id (a crafted value can't smuggle markup in)."""
    return f"<#{channel_id}>" if re.fullmatch(r"[CGD][A-Z0-9_]{1,31}", channel_id) else escape(channel_id)


def user(user_id: str) -> str:
    """A user link, only for a real user id."""
    return f"<@{user_id}>" if re.fullmatch(r"[UW][A-Z0-9_]{1,31}", user_id) else "someone"


def commands_in(text: str) -> str:
    """Escaped text with every slash command in it (`/ask …`) shown as code."""
    return re.sub(r"(?<![\w/])(/[a-z][a-z0-9_-]*)", r"`\1`", escape(text))


def fallback(text: str) -> str:
    """The notification / fallback `text` of a message: escaped and short enough for Slack."""
    return clip(escape(text), MAX_TEXT_CHARS)
