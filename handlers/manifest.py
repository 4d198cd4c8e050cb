"""The Slack app manifest, generated from the knowledge base: commands, events, scopes, interactivity and the
assistant view (Slack's Agents & AI Apps panel). Scopes are the fewest the app's calls and events need."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.core import suggested_prompts, wording
from knowledge.base import KnowledgeBase

DEFAULT_URL = "https://briefbot.example.com/slack/events"
MANIFEST_PATH = Path(__file__).resolve().parent.parent / "manifest.yml"
HEADER = (
    "# Slack app manifest for briefbot, generated from the knowledge base by\n"
    "#   briefbot manifest -o manifest.yml\n"
    "# Do not edit by hand (a test checks it is current). Replace the request URLs with your host's,\n"
    "# or generate with `--socket-mode` for development.\n"
)

BOT_EVENTS = [
    "app_home_opened",
    "app_mention",
    "assistant_thread_started",
    "message.channels",
    "message.groups",
    "message.im",
]
BOT_SCOPES = [
    "app_mentions:read",  # app_mention
    "assistant:write",  # assistant.threads.setStatus, setSuggestedPrompts, setTitle
    # Threads the bot follows, and (conversations.history, only after a briefing's outcome was unknown) a look
    # for that briefing's metadata in the channel it was posted to; reading metadata the app posted itself
    # needs no metadata.message:read. Channels the bot was invited to only; no *:read listing scopes.
    "channels:history",  # public channels
    "groups:history",  # private channels
    "chat:write",  # answers, briefings, the DM telling a subscriber their briefings stopped
    "commands",
    "im:history",  # message.im: DMs and the assistant panel
]
_ASK = {
    "command": "/ask",
    "description": "Ask a question about the article",
    "usage_hint": "what did the US ask Pakistan to do?",
}
_BRIEF = {
    "command": "/brief",
    "description": "A short briefing on the article, now or on a schedule",
    "usage_hint": "[now | subscribe daily 09:00 Asia/Karachi | list | off]",
}
_SETTINGS = {
    "command": "/briefbot",
    "description": "How briefbot behaves in this channel",
    "usage_hint": "[mention-only | follow-threads]",
}


def build_manifest(kb: KnowledgeBase, *, url: str = DEFAULT_URL, socket_mode: bool = False) -> dict[str, Any]:
    """The manifest as a dict: every topic command plus /ask and /brief; URLs only in HTTP mode."""
    commands = [_ASK, _BRIEF, _SETTINGS]
    reserved = {c["command"] for c in commands}
    for topic in kb.topics:
        if topic.command and topic.command not in reserved:
            commands.append(
                {"command": topic.command, "description": topic.title[:100], "usage_hint": "[help]"}
            )
    if not socket_mode:
        commands = [{**c, "url": url} for c in commands]
    event_subscriptions: dict[str, Any] = {"bot_events": BOT_EVENTS}
    interactivity: dict[str, Any] = {"is_enabled": True}
    if not socket_mode:
        event_subscriptions = {"request_url": url, **event_subscriptions}
        interactivity["request_url"] = url
    source = next(iter(kb.sources.values())).meta
    prompts = suggested_prompts(kb)
    return {
        "display_information": {
            "name": "briefbot",
            "description": "Answers questions about one article, quoting it",
            "long_description": (
                f"briefbot answers questions about “{source.title}” by {source.author} ({source.outlet}, "
                f"{source.published:%d %B %Y}) from a curated knowledge base, quoting the article word "
                "for word and saying so when the article does not cover a question. Ask with /ask, a topic "
                "command, an @-mention in a channel (answered in a thread) or a direct message."
            ),
            "background_color": "#1d3557",
        },
        "features": {
            "app_home": {
                "home_tab_enabled": True,
                "messages_tab_enabled": True,
                "messages_tab_read_only_enabled": False,
            },
            "bot_user": {"display_name": "briefbot", "always_online": True},
            "assistant_view": {
                "assistant_description": wording.ASSISTANT_DESCRIPTION,
                "suggested_prompts": [{"title": p.title, "message": p.message} for p in prompts],
            },
            "slash_commands": commands,
        },
        "oauth_config": {"scopes": {"bot": BOT_SCOPES}},
        "settings": {
            "event_subscriptions": event_subscriptions,
            "interactivity": interactivity,
            "org_deploy_enabled": False,
            "socket_mode_enabled": socket_mode,
            "token_rotation_enabled": False,
        },
    }


def manifest_yaml(kb: KnowledgeBase, *, url: str = DEFAULT_URL, socket_mode: bool = False) -> str:
    """The manifest as the YAML text committed in manifest.yml."""
    body = yaml.safe_dump(
        build_manifest(kb, url=url, socket_mode=socket_mode), sort_keys=False, allow_unicode=True, width=100
    )
    return HEADER + body
