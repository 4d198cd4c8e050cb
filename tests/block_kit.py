"""Checking what the app sends Slack against slack_sdk's Block Kit models, as Slack would check it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from tests.servers import Call

MAX_BLOCKS = 50  # a message's blocks
MAX_TEXT_CHARS = 4000  # a message's `text` before Slack truncates it


def assert_valid_blocks(blocks: list[dict[str, Any]]) -> None:
    """Each block parses as a slack_sdk model, passes its validate_json() (to_dict() validates every nested
    element too) and comes back unchanged: no field slack_sdk does not know."""
    for raw in blocks:
        block = Block.parse(raw)
        assert block is not None, f"not a Block Kit block: {raw}"
        block.validate_json()
        assert block.to_dict() == raw, f"changed by slack_sdk's model:\n{raw}\n{block.to_dict()}"


def assert_valid_view(raw: dict[str, Any]) -> None:
    view = View(**raw)
    view.validate_json()
    assert view.to_dict() == raw
    assert_valid_blocks(raw["blocks"])


def assert_valid_message(message: dict[str, Any]) -> None:
    """A message Slack would take: chat.postMessage / chat.update arguments, a response_url post, an ack."""
    blocks = message.get("blocks") or []
    assert isinstance(blocks, list), message
    assert len(blocks) <= MAX_BLOCKS
    assert len(str(message.get("text", ""))) < MAX_TEXT_CHARS
    assert_valid_blocks(blocks)


def assert_every_call_valid(calls: Iterable[Call]) -> int:
    """Every message and view among recorded Slack calls validates; returns how many were checked."""
    checked = 0
    for call in calls:
        if call.method == "views.publish":
            assert_valid_view(call.args["view"])
            checked += 1
        elif "blocks" in call.args:
            assert_valid_message(call.args)
            checked += 1
    return checked


def previews_off(message: dict[str, Any]) -> bool:
    """True when a message asks Slack not to unfurl its links or media."""
    return message.get("unfurl_links") is False and message.get("unfurl_media") is False
