"""Prove the test servers in tests.servers work with the real client libraries."""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Iterator

import openai
import pytest
import redis
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.servers import Completion, FakeOpenAI, FakeSlack, RedisServer, Reply


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    with RedisServer() as server:
        yield server


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def llm() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as fake:
        yield fake


# -- Redis -------------------------------------------------------------------------------------------------


def test_redis_set_get(redis_server: RedisServer) -> None:
    assert redis_server.port != 6379
    assert redis_server.url == f"redis://127.0.0.1:{redis_server.port}/0"
    client = redis.Redis.from_url(redis_server.url, decode_responses=True)
    assert client.set("k", "v")
    assert client.get("k") == "v"
    client.close()


def test_redis_restart_same_port(redis_server: RedisServer) -> None:
    client = redis.Redis.from_url(redis_server.url, decode_responses=True)
    client.set("k", "before")
    port = redis_server.port
    redis_server.restart()
    assert redis_server.port == port
    # Same client object: its stale pooled connection is dropped and it reconnects.
    assert client.set("k", "after")
    assert client.get("k") == "after"
    client.close()


def test_redis_stop_makes_client_fail_fast() -> None:
    server = RedisServer()
    server.start()
    client = redis.Redis.from_url(server.url, socket_connect_timeout=1, retry=None)
    assert client.ping()
    server.stop()
    server.stop()  # idempotent
    started = time.monotonic()
    with pytest.raises(redis.ConnectionError):
        client.ping()
    assert time.monotonic() - started < 2.0
    client.close()


# -- Slack -------------------------------------------------------------------------------------------------


def test_slack_post_message_records_blocks(slack: FakeSlack) -> None:
    client = WebClient(token="xoxb-test", base_url=slack.url)
    assert client.auth_test()["user_id"] == "UBOT"
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*hi*"}}]
    first = client.chat_postMessage(channel="C123", text="hi", blocks=blocks, thread_ts="1.2")
    second = client.chat_postMessage(channel="C123", text="again")
    assert first["ok"] and first["channel"] == "C123"
    assert float(second["ts"]) > float(first["ts"])

    calls = slack.wait_for("chat.postMessage", count=2)
    assert calls[0].args["blocks"] == blocks
    assert isinstance(calls[0].args["blocks"], list)
    assert calls[0].args["thread_ts"] == "1.2"
    assert calls[0].headers["authorization"] == "Bearer xoxb-test"
    assert [c.method for c in slack.calls()] == ["auth.test", "chat.postMessage", "chat.postMessage"]


def test_slack_form_encoded_blocks_are_decoded(slack: FakeSlack) -> None:
    client = WebClient(token="xoxb-test", base_url=slack.url)
    blocks = [{"type": "divider"}]
    client.api_call("chat.postEphemeral", data={"channel": "C1", "user": "U1", "blocks": json.dumps(blocks)})
    [call] = slack.wait_for("chat.postEphemeral")
    assert call.args == {"channel": "C1", "user": "U1", "blocks": blocks}


def test_slack_scripted_replies_then_defaults(slack: FakeSlack) -> None:
    client = WebClient(token="xoxb-test", base_url=slack.url)
    slack.script("chat.postMessage", Reply(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"}))
    slack.script("chat.postMessage", {"ok": False, "error": "channel_not_found"})

    with pytest.raises(SlackApiError) as rate_limited:
        client.chat_postMessage(channel="C1", text="x")
    assert rate_limited.value.response.status_code == 429
    assert rate_limited.value.response["error"] == "ratelimited"
    headers = {k.lower(): v for k, v in rate_limited.value.response.headers.items()}
    assert headers["retry-after"] in ("1", ["1"])

    with pytest.raises(SlackApiError) as not_found:
        client.chat_postMessage(channel="C1", text="x")
    assert not_found.value.response["error"] == "channel_not_found"

    assert client.chat_postMessage(channel="C1", text="x")["ok"]
    assert len(slack.calls("chat.postMessage")) == 3


def test_slack_response_url(slack: FakeSlack) -> None:
    url = slack.response_url("r1")
    payload = {"text": "done", "response_type": "ephemeral"}
    request = urllib.request.Request(
        url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.status == 200
        assert response.read() == b"ok"
    [call] = slack.wait_for("response_url:r1")
    assert call.args == payload


def test_slack_wait_for_times_out_with_summary(slack: FakeSlack) -> None:
    WebClient(token="xoxb-test", base_url=slack.url).auth_test()
    with pytest.raises(AssertionError, match=r"auth\.test"):
        slack.wait_for("chat.update", timeout=0.2)
    slack.clear()
    assert slack.calls() == []


# -- OpenAI ------------------------------------------------------------------------------------------------


def test_openai_chat_completion(llm: FakeOpenAI) -> None:
    llm.script(Completion('{"summary": "ok"}'))
    client = openai.OpenAI(api_key="test", base_url=llm.base_url, max_retries=0)
    result = client.chat.completions.create(model="gpt-test", messages=[{"role": "user", "content": "hello"}])
    assert result.choices[0].message.content == '{"summary": "ok"}'
    assert result.choices[0].finish_reason == "stop"
    assert result.model == "gpt-test"
    assert result.usage is not None and result.usage.total_tokens > 0
    assert llm.requests[0]["messages"] == [{"role": "user", "content": "hello"}]

    # Queue exhausted -> default reply.
    again = client.chat.completions.create(model="gpt-test", messages=[{"role": "user", "content": "x"}])
    assert again.choices[0].message.content == "{}"
    assert [m.id for m in client.models.list()]


def test_openai_stream(llm: FakeOpenAI) -> None:
    llm.script(Completion("streamed answer text"))
    client = openai.OpenAI(api_key="test", base_url=llm.base_url, max_retries=0)
    stream = client.chat.completions.create(
        model="gpt-test",
        messages=[{"role": "user", "content": "hi"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "streamed answer text"
    assert chunks[-1].usage is not None


def test_openai_500(llm: FakeOpenAI) -> None:
    llm.script(Completion("", status=500))
    client = openai.OpenAI(api_key="test", base_url=llm.base_url, max_retries=0)
    with pytest.raises(openai.InternalServerError):
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": "x"}])


def test_openai_timeout(llm: FakeOpenAI) -> None:
    llm.script(Completion("late", delay=2.0))
    client = openai.OpenAI(api_key="test", base_url=llm.base_url, max_retries=0, timeout=0.3)
    started = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": "x"}])
    assert time.monotonic() - started < 1.5
    # The server still answers the next request normally.
    llm.script(Completion("fine"))
    ok = openai.OpenAI(api_key="test", base_url=llm.base_url, max_retries=0, timeout=5)
    result = ok.chat.completions.create(model="m", messages=[{"role": "user", "content": "x"}])
    assert result.choices[0].message.content == "fine"
