"""The Slack app in LLM mode, over real HTTP: in a thread, a "Thinking…" placeholder that always becomes the
answer; for a slash command, an empty ack at once and then one ephemeral answer (nothing to replace).

The Procfile's web process runs against the local OpenAI-compatible server (tests/servers/FakeOpenAI).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest

from bot.adapters.storage import RedisStorage
from bot.core import wording
from tests.block_kit import assert_valid_message
from tests.servers import Completion, FakeOpenAI, FakeSlack, RedisServer, Reply
from tests.slack_signing import SlackSender, callback
from tests.web_process import WebProcess, run_web

SECRET = "llm-mode-signing-secret"


@pytest.fixture(scope="module")
def llm_web(
    redis_server: RedisServer, slack_server: FakeSlack, openai_server: FakeOpenAI
) -> Iterator[WebProcess]:
    env = {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack_server.url,
        "REDIS_URL": redis_server.url,
        "OPENAI_BASE_URL": openai_server.base_url,
        "OPENAI_API_KEY": "sk-test",
        "OPENAI_TIMEOUT": "1.5",
        "OPENAI_MAX_RETRIES": "0",
    }
    with run_web(env) as process:
        yield process


@pytest.fixture
def slack(
    llm_web: WebProcess, fake_slack: FakeSlack, fake_llm: FakeOpenAI, storage: RedisStorage
) -> SlackSender:
    return SlackSender(llm_web.port, SECRET)


def mention(channel: str, ts: str, text: str, event_id: str) -> dict[str, Any]:
    event = {"type": "app_mention", "user": "U1", "channel": channel, "ts": ts, "text": f"<@UBOT> {text}"}
    return callback(event, event_id)


def test_llm_answer_replaces_the_thinking_placeholder(
    slack: SlackSender, fake_slack: FakeSlack, fake_llm: FakeOpenAI
) -> None:
    cited = {
        "answer": "Pakistan listened to the US view, then politely declined.",
        "grounded": True,
        "claims": [{"passage": "P1", "quote": "Pakistan politely said ‘no’"}],
    }
    fake_llm.script(Completion(json.dumps(cited), delay=0.3))
    slack.event(
        mention("CL", "1700002000.000100", "How did Pakistan respond to the American request?", "EvL1")
    )

    [placeholder] = fake_slack.wait_for("chat.postMessage")
    assert placeholder.args["text"] == wording.THINKING
    assert placeholder.args["thread_ts"] == "1700002000.000100"
    [update] = fake_slack.wait_for("chat.update")
    assert update.args["ts"] != ""
    assert update.args["text"].startswith("Pakistan listened to the US view")
    assert "Pakistan politely said ‘no’" in json.dumps(update.args["blocks"], ensure_ascii=False)
    assert len(fake_slack.calls("chat.postMessage")) == 1  # the answer replaced the placeholder


def test_slow_llm_still_replaces_the_placeholder_with_the_offline_answer_in_time(
    slack: SlackSender, fake_slack: FakeSlack, fake_llm: FakeOpenAI
) -> None:
    fake_llm.script(Completion("{}", delay=5))  # past OPENAI_TIMEOUT
    started = time.monotonic()
    slack.event(
        mention("CL2", "1700002100.000100", "How did Pakistan respond to the American request?", "EvL2")
    )

    [placeholder] = fake_slack.wait_for("chat.postMessage")
    assert placeholder.args["text"] == wording.THINKING
    [update] = fake_slack.wait_for("chat.update", timeout=10)
    assert time.monotonic() - started < 4
    assert "no" in update.args["text"] and "Thinking" not in update.args["text"]
    assert "From the article" in json.dumps(update.args["blocks"])


def test_command_in_llm_mode_acks_at_once_and_sends_one_ephemeral_answer(
    slack: SlackSender, fake_slack: FakeSlack, fake_llm: FakeOpenAI
) -> None:
    fake_llm.script(Completion(status=500))
    fields = {
        "team_id": "T1",
        "channel_id": "C1",
        "user_id": "U1",
        "command": "/ask",
        "text": "How did Pakistan respond to the American request?",
        "response_url": fake_slack.response_url("llm"),
        "trigger_id": "trig-llm-1",
    }
    started = time.monotonic()
    ack = slack.command(fields)
    assert ack.status == 200
    assert time.monotonic() - started < 1
    # Slack cannot replace a command's ack through its response_url: an ack saying "Thinking…" would stay on
    # screen beside the answer, so the ack is empty and the answer is the one message.
    assert ack.body == b""
    [answer] = fake_slack.wait_for("response_url:llm", timeout=10)
    assert answer.args["response_type"] == "ephemeral"
    assert "replace_original" not in answer.args
    assert answer.args["unfurl_links"] is False and answer.args["unfurl_media"] is False
    assert "no" in answer.args["text"]
    assert_valid_message(answer.args)
    time.sleep(0.3)
    assert len(fake_slack.calls("response_url:llm")) == 1


def test_command_answer_the_response_url_refuses_is_logged_without_the_answer(
    slack: SlackSender, fake_slack: FakeSlack, fake_llm: FakeOpenAI, llm_web: WebProcess
) -> None:
    fake_llm.script(Completion(status=500))
    fake_slack.script("response_url:gone", Reply(404, "expired_url"))
    fields = {"team_id": "T1", "channel_id": "C1", "user_id": "U1", "command": "/ask",
              "text": "How did Pakistan respond to the American request?",
              "response_url": fake_slack.response_url("gone"), "trigger_id": "trig-llm-gone"}  # fmt: skip
    assert slack.command(fields).status == 200
    fake_slack.wait_for("response_url:gone", timeout=10)
    deadline = time.monotonic() + 5
    line = "slack.respond_failed what=command status=404 error=expired_url"
    while line not in llm_web.log() and time.monotonic() < deadline:
        time.sleep(0.05)
    failure = next(entry for entry in llm_web.log().splitlines() if line in entry)
    assert "Pakistan" not in failure and "xoxb" not in llm_web.log()


def test_slash_commands_ack_at_once_while_slow_answers_fill_the_pools(
    redis_server: RedisServer, slack_server: FakeSlack, fake_llm: FakeOpenAI, storage: RedisStorage
) -> None:
    # Two listener threads and one worker: before slow work moved to its own pool, six slow mentions
    # held every listener thread and a command's ack waited past Slack's 3 s.
    env = {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack_server.url,
        "REDIS_URL": redis_server.url,
        "OPENAI_BASE_URL": fake_llm.base_url,
        "OPENAI_API_KEY": "sk-test",
        "OPENAI_TIMEOUT": "2.5",
        "OPENAI_MAX_RETRIES": "0",
        "LISTENER_THREADS": "2",
        "WEB_CONCURRENCY": "1",
    }
    fake_llm.script(*[Completion("{}", delay=2.4) for _ in range(6)])
    with run_web(env) as web:
        sender = SlackSender(web.port, SECRET)
        for i in range(6):
            sender.event(mention("CBUSY", f"1700001000.00{i}", "What role does China play?", f"EvBusy{i}"))
        started = time.monotonic()
        ack = sender.command({"team_id": "T1", "channel_id": "C1", "user_id": "U1", "command": "/ask",
                              "text": "Who wrote this?", "response_url": slack_server.response_url("busy"),
                              "trigger_id": "trig-busy"})  # fmt: skip
        assert ack.status == 200
        assert time.monotonic() - started < 1.0
        assert ack.body == b""
