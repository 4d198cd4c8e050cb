"""The Slack app end to end over real HTTP.

The Procfile's web command (gunicorn, 2 workers) runs in a subprocess with only PORT, SLACK_BOT_TOKEN,
SLACK_SIGNING_SECRET, SLACK_API_URL and REDIS_URL; Slack-signed requests go in; replies are captured by the
fake Slack Web API and its response_url endpoints; state lives in a real Redis server.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from bot.adapters.storage import RedisStorage
from tests.block_kit import assert_every_call_valid, assert_valid_message, previews_off
from tests.servers import Call, FakeSlack, RedisServer, Reply
from tests.slack_signing import Response, SlackSender, callback, request
from tests.web_process import WebProcess, run_web, slack_env

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BOT_USER = "UBOT"  # what the fake Slack's auth.test says the bot is
BOT_ID = "BBOT"
BROADCASTS = ("<!channel>", "<!here>", "<!everyone>")


@pytest.fixture(scope="module")
def web(redis_server: RedisServer, slack_server: FakeSlack) -> Iterator[WebProcess]:
    with run_web(slack_env(SECRET, slack_server.url, redis_server.url)) as process:
        yield process


@pytest.fixture
def slack(web: WebProcess, fake_slack: FakeSlack, storage: RedisStorage) -> Iterator[SlackSender]:
    """Signed requests into the web process; the fake Slack and Redis start empty for each test. Afterwards,
    every message and view the app sent validates with slack_sdk's Block Kit models."""
    yield SlackSender(web.port, SECRET)
    assert_every_call_valid(fake_slack.calls())


def slash(
    fake: FakeSlack,
    command: str,
    text: str,
    *,
    user: str = "U1",
    channel: str = "C1",
    reply: str = "r1",
    trigger: str | None = None,
) -> dict[str, str]:
    """The form fields Slack posts for a slash command."""
    return {
        "token": "legacy",
        "team_id": "T1",
        "team_domain": "acme",
        "channel_id": channel,
        "channel_name": "general",
        "user_id": user,
        "user_name": "ayesha",
        "command": command,
        "text": text,
        "api_app_id": "A1",
        "response_url": fake.response_url(reply),
        "trigger_id": trigger or f"trig-{time.monotonic_ns()}",
    }


def acked(reply: Response) -> Call:
    """The message a command's ack carries (offline answers travel in the ack itself): valid Block Kit,
    without link previews."""
    assert reply.status == 200, reply
    message = reply.json()
    assert_valid_message(message)
    assert previews_off(message), message
    return Call(method="ack", args=message)


def shown(call: Call) -> str:
    """Everything a reply would show: text and blocks, as one string."""
    return json.dumps(call.args, ensure_ascii=False)


def posts_in(fake: FakeSlack, channel: str) -> list[Call]:
    return [c for c in fake.calls("chat.postMessage") if c.args.get("channel") == channel]


def wait_posts(fake: FakeSlack, channel: str, count: int, timeout: float = 10) -> list[Call]:
    """Posts in one channel, once at least `count` arrived (the fake records calls as they come)."""
    deadline = time.monotonic() + timeout
    while len(posts := posts_in(fake, channel)) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(posts) >= count, f"expected {count} post(s) in {channel}, got:\n{fake.summary()}"
    return posts


def button(call: Call, action_id: str) -> dict[str, Any]:
    for block in call.args.get("blocks", []):
        for element in block.get("elements", []):
            if element.get("action_id") == action_id:
                return dict(element)
    raise AssertionError(f"no {action_id} button in {shown(call)[:500]}")


# -- health and request verification -------------------------------------------------------------------


def test_healthz_reports_kb_version_and_redis(web: WebProcess) -> None:
    reply = request(web.port, "GET", "/healthz")
    assert reply.status == 200
    health = reply.json()
    assert health["ok"] is True
    assert len(health["kb_version"]) == 12
    assert health["redis"] == "ok"


def test_url_verification_echoes_the_challenge(slack: SlackSender) -> None:
    reply = slack.event(
        {
            "token": "legacy",
            "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
            "type": "url_verification",
        }
    )
    assert reply.status == 200
    assert reply.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}


def test_bad_signature_is_rejected_with_401(slack: SlackSender, fake_slack: FakeSlack) -> None:
    reply = slack.command(slash(fake_slack, "/ask", "why russia?"), secret="not-the-signing-secret")
    assert reply.status == 401
    assert fake_slack.calls("response_url:r1") == []


def test_stale_timestamp_is_rejected_with_401(slack: SlackSender, fake_slack: FakeSlack) -> None:
    ten_minutes_ago = int(time.time()) - 600
    reply = slack.command(slash(fake_slack, "/ask", "why russia?"), timestamp=ten_minutes_ago)
    assert reply.status == 401


def test_unknown_paths_and_malformed_bodies_get_a_clean_4xx(slack: SlackSender, web: WebProcess) -> None:
    assert request(web.port, "GET", "/nope").status == 404
    assert request(web.port, "GET", "/slack/events").status == 405
    broken = slack.post(b'{"type": "event_callback", "event": {', "application/json")
    assert 400 <= broken.status < 500


# -- slash commands -------------------------------------------------------------------------------------


def test_ask_answers_ephemerally_with_the_fact_and_its_quote(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    started = time.monotonic()
    reply = slack.command(slash(fake_slack, "/ask", "what did the US ask Pakistan to do"))
    ack_seconds = time.monotonic() - started
    assert reply.status == 200
    assert ack_seconds < 3  # Slack's deadline

    answer = acked(reply)
    assert answer.args["response_type"] == "ephemeral"
    assert "reconsider" in answer.args["text"]
    quotes = [b for b in answer.args["blocks"] if "From the article" in json.dumps(b)]
    assert quotes and "a message to reconsider" in json.dumps(quotes, ensure_ascii=False)
    assert "The Express Tribune" in shown(answer) and "28 Feb 2022" in shown(answer)
    assert button(answer, "share_answer")["text"]["text"] == "Share in channel"
    button(answer, "feedback_up")
    button(answer, "feedback_down")


def test_every_topic_command_of_the_knowledge_base_answers(slack: SlackSender, fake_slack: FakeSlack) -> None:
    why = acked(slack.command(slash(fake_slack, "/why-russia", "")))
    china = acked(slack.command(slash(fake_slack, "/china-factor", "")))
    assert "Russia" in why.args["text"] and why.args["response_type"] == "ephemeral"
    assert "China" in china.args["text"]
    assert "From the article" in shown(china)


@pytest.mark.parametrize("text", ["", "help"])
def test_empty_or_help_gets_usage_and_the_topic_list(
    slack: SlackSender, fake_slack: FakeSlack, text: str
) -> None:
    usage = acked(slack.command(slash(fake_slack, "/ask", text)))
    for command in ("/ask", "/why-russia", "/us-stance", "/china-factor", "/india-factor"):
        assert command in usage.args["text"]


def test_unknown_command_gets_usage_not_an_error(slack: SlackSender, fake_slack: FakeSlack) -> None:
    response = slack.command(slash(fake_slack, "/what-is-this", "hello"))
    assert response.status == 200
    usage = acked(response)
    assert "I don't know the command `/what-is-this`" in usage.args["text"]
    assert "/why-russia" in usage.args["text"]


def test_off_topic_question_is_declined_with_a_context_line(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    answer = acked(slack.command(slash(fake_slack, "/ask", "what is the best pizza in Naples?")))
    assert answer.args["text"].startswith("The article doesn't")
    assert "doesn't cover this" in shown(answer)
    assert "share_answer" not in shown(answer)  # nothing worth sharing


def test_rate_limited_user_gets_a_polite_reply(slack: SlackSender, fake_slack: FakeSlack) -> None:
    replies = [
        acked(slack.command(slash(fake_slack, "/ask", "why russia?", user="UFAST"))) for _ in range(21)
    ]
    assert all("Russia" in r.args["text"] for r in replies[:20])  # the default limit is 20 a minute
    assert "wait a minute" in replies[20].args["text"]


# -- mentions, threads and DMs --------------------------------------------------------------------------


def test_mention_is_answered_in_a_thread_and_follow_ups_use_its_context(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    slack.event(
        callback(
            {
                "type": "app_mention",
                "user": "U1",
                "channel": "CT",
                "ts": "1700000100.000100",
                "text": f"<@{BOT_USER}> What did the US do to strengthen India?",
            },
            "Ev1",
        )
    )
    [first] = wait_posts(fake_slack, "CT", 1)
    assert first.args["thread_ts"] == "1700000100.000100"
    assert "India" in first.args["text"]

    # A reply in the thread, without a mention: the bot joined this thread, so it answers.
    slack.event(
        callback(
            {
                "type": "message",
                "channel_type": "channel",
                "user": "U1",
                "channel": "CT",
                "ts": "1700000100.000200",
                "thread_ts": "1700000100.000100",
                "text": "And how did that affect Pakistan?",
            },
            "Ev2",
        )
    )
    second = wait_posts(fake_slack, "CT", 2)[1]
    assert second.args["thread_ts"] == "1700000100.000100"
    assert "Pakistan's concerns" in second.args["text"] or "balance" in second.args["text"]

    # "Why?" only means something with the thread's earlier turns: here it is answered...
    slack.event(
        callback(
            {
                "type": "message",
                "channel_type": "channel",
                "user": "U1",
                "channel": "CT",
                "ts": "1700000100.000300",
                "thread_ts": "1700000100.000100",
                "text": "Why?",
            },
            "Ev3",
        )
    )
    third = wait_posts(fake_slack, "CT", 3)[2]
    assert "The article doesn't say" not in third.args["text"]
    assert "India" in third.args["text"]
    # ...while in a fresh thread the same words are not.
    slack.event(
        callback(
            {
                "type": "app_mention",
                "user": "U1",
                "channel": "CT2",
                "ts": "1700000200.000100",
                "text": f"<@{BOT_USER}> Why?",
            },
            "Ev4",
        )
    )
    [fresh] = wait_posts(fake_slack, "CT2", 1)
    assert "The article doesn't say" in fresh.args["text"]


def test_thread_the_bot_never_joined_is_left_alone(slack: SlackSender, fake_slack: FakeSlack) -> None:
    slack.event(
        callback(
            {
                "type": "message",
                "channel_type": "channel",
                "user": "U1",
                "channel": "CN",
                "ts": "1700000300.000200",
                "thread_ts": "1700000300.000100",
                "text": "why is Pakistan getting closer to Russia?",
            },
            "EvN1",
        )
    )
    slack.event(
        callback(
            {
                "type": "app_mention",
                "user": "U1",
                "channel": "CN",
                "ts": "1700000400.000100",
                "text": f"<@{BOT_USER}> why is Pakistan getting closer to Russia?",
            },
            "EvN2",
        )
    )
    posts = wait_posts(fake_slack, "CN", 1)
    time.sleep(0.3)
    assert [p.args["thread_ts"] for p in posts_in(fake_slack, "CN")] == ["1700000400.000100"]
    assert len(posts) == 1


def test_direct_message_is_answered_in_the_dm(slack: SlackSender, fake_slack: FakeSlack) -> None:
    slack.event(
        callback(
            {
                "type": "message",
                "channel_type": "im",
                "user": "U1",
                "channel": "D1",
                "ts": "1700000500.000100",
                "text": "What role does China play?",
            },
            "EvD1",
        )
    )
    [reply] = wait_posts(fake_slack, "D1", 1)
    assert reply.args.get("thread_ts") in (None, "")
    assert "China" in reply.args["text"]


def test_bot_never_replies_to_itself_or_other_bots(slack: SlackSender, fake_slack: FakeSlack) -> None:
    own = {
        "type": "message",
        "channel_type": "im",
        "user": BOT_USER,
        "bot_id": BOT_ID,
        "channel": "DB",
        "ts": "1700000600.000100",
        "text": "The US tilt towards India",
    }
    own_bot_message = {
        "type": "message",
        "subtype": "bot_message",
        "bot_id": BOT_ID,
        "channel": "DB",
        "channel_type": "im",
        "ts": "1700000600.000200",
        "text": "What role does China play?",
    }
    other_bot = {
        "type": "message",
        "channel_type": "im",
        "user": "UOTHER",
        "bot_id": "BOTHER",
        "channel": "DB",
        "ts": "1700000600.000300",
        "text": "What role does China play?",
    }
    edit: dict[str, Any] = {
        "type": "message",
        "subtype": "message_changed",
        "channel_type": "im",
        "channel": "DB",
        "ts": "1700000600.000400",
        "message": {"user": "U1", "text": "What role does China play?"},
    }
    for i, event in enumerate([own, own_bot_message, other_bot, edit]):
        assert slack.event(callback(event, f"EvSelf{i}")).status == 200
    # A person's message after them is answered, and it is the only reply.
    slack.event(
        callback(
            {
                "type": "message",
                "channel_type": "im",
                "user": "U1",
                "channel": "DB",
                "ts": "1700000600.000500",
                "text": "What role does China play?",
            },
            "EvSelfHuman",
        )
    )
    wait_posts(fake_slack, "DB", 1)
    time.sleep(0.3)
    assert len(posts_in(fake_slack, "DB")) == 1


# -- exactly once ---------------------------------------------------------------------------------------


def test_retried_event_is_answered_once(slack: SlackSender, fake_slack: FakeSlack) -> None:
    mention = callback(
        {
            "type": "app_mention",
            "user": "U1",
            "channel": "CR",
            "ts": "1700000700.000100",
            "text": f"<@{BOT_USER}> why is Pakistan getting closer to Russia?",
        },
        "EvRetry",
    )
    assert slack.event(mention).status == 200
    wait_posts(fake_slack, "CR", 1)
    retry = slack.event(mention, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert retry.status == 200
    # A later, different event in the same channel is answered; the retry never is.
    slack.event(
        callback(
            {
                "type": "app_mention",
                "user": "U1",
                "channel": "CR",
                "ts": "1700000700.000200",
                "text": f"<@{BOT_USER}> what role does China play?",
            },
            "EvAfterRetry",
        )
    )
    posts = wait_posts(fake_slack, "CR", 2)
    time.sleep(0.3)
    assert [p.args["thread_ts"] for p in posts_in(fake_slack, "CR")] == [
        "1700000700.000100",
        "1700000700.000200",
    ]
    assert len(posts) == 2


def test_concurrent_deliveries_of_one_event_produce_one_reply(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    mention = callback(
        {
            "type": "app_mention",
            "user": "U1",
            "channel": "CC",
            "ts": "1700000800.000100",
            "text": f"<@{BOT_USER}> what did the US ask Pakistan to do?",
        },
        "EvTwice",
    )
    statuses: list[int] = []
    barrier = threading.Barrier(4)

    def deliver() -> None:
        barrier.wait()
        statuses.append(slack.event(mention).status)

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200, 200, 200, 200]
    wait_posts(fake_slack, "CC", 1)
    time.sleep(0.5)
    assert len(posts_in(fake_slack, "CC")) == 1


def test_command_redelivered_with_the_same_trigger_is_answered_once(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    fields = slash(fake_slack, "/ask", "what role does China play?", trigger="trig-same")
    first, again = slack.command(fields), slack.command(fields)
    assert "China" in acked(first).args["text"]
    assert (again.status, again.body) == (200, b"")  # acked, nothing more
    assert fake_slack.calls("response_url:r1") == []


# -- hostile and odd input ------------------------------------------------------------------------------


def test_empty_huge_and_mention_laden_input_get_polite_replies_and_no_5xx(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    laden = "<!channel> <!here> <!everyone> <@U123> why is Pakistan getting closer to Russia?"
    huge = "why is Pakistan getting closer to Russia? " + "blah " * 8000  # 40 kB
    replies: list[Response] = [
        slack.command(slash(fake_slack, "/ask", "", reply="empty")),
        slack.command(slash(fake_slack, "/ask", huge, reply="huge")),
        slack.command(slash(fake_slack, "/ask", laden, reply="laden")),
        slack.event(
            callback(
                {
                    "type": "app_mention",
                    "user": "U1",
                    "channel": "CH",
                    "ts": "1700000900.000100",
                    "text": f"<@{BOT_USER}> {laden}",
                },
                "EvLaden",
            )
        ),
        slack.event(
            callback(
                {
                    "type": "app_mention",
                    "user": "U1",
                    "channel": "CH",
                    "ts": "1700000900.000200",
                    "text": f"<@{BOT_USER}> {huge}",
                },
                "EvHuge",
            )
        ),
        slack.event(
            callback(
                {
                    "type": "app_mention",
                    "user": "U1",
                    "channel": "CH",
                    "ts": "1700000900.000300",
                    "text": f"<@{BOT_USER}>",
                },
                "EvEmpty",
            )
        ),
    ]
    assert all(r.status < 500 for r in replies), [r.status for r in replies]
    assert len(huge.encode()) >= 40_000

    empty, long, laden_reply = (acked(r) for r in replies[:3])
    assert "/ask" in empty.args["text"]
    assert "Russia" in long.args["text"] and "long" in long.args["text"]
    assert "Russia" in laden_reply.args["text"]
    posts = wait_posts(fake_slack, "CH", 3)
    for call in [empty, long, laden_reply, *posts]:
        output = shown(call)
        assert not any(b in output for b in BROADCASTS), output[:300]
        assert "<@U123>" not in output
        assert len(call.args["text"]) < 4000
        assert len(call.args["blocks"]) <= 50


# -- buttons --------------------------------------------------------------------------------------------


def block_actions(
    fake: FakeSlack, action: dict[str, Any], *, user: str = "U2", channel: str = "CS", reply: str = "act"
) -> dict[str, Any]:
    """The payload Slack posts when a button on an ephemeral message is clicked."""
    return {
        "type": "block_actions",
        "team": {"id": "T1", "domain": "acme"},
        "user": {"id": user, "username": "bilal", "team_id": "T1"},
        "api_app_id": "A1",
        "token": "legacy",
        "container": {
            "type": "message",
            "message_ts": "1700001000.000100",
            "channel_id": channel,
            "is_ephemeral": True,
        },
        "trigger_id": f"trig-{time.monotonic_ns()}",
        "channel": {"id": channel, "name": "general"},
        "response_url": fake.response_url(reply),
        "actions": [{**action, "block_id": "answer", "type": "button", "action_ts": str(time.time())}],
    }


def test_share_in_channel_posts_the_answer_through_the_response_url_attributed_to_the_sharer(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    ephemeral = acked(
        slack.command(
            slash(fake_slack, "/ask", "what did the US ask Pakistan to do", user="U2", channel="CS")
        )
    )
    share = button(ephemeral, "share_answer")

    slack.action(block_actions(fake_slack, {"action_id": "share_answer", "value": share["value"]}))
    post, cleanup = fake_slack.wait_for("response_url:act", count=2)
    # The click's response_url posts in the channel even where the bot is not a member: no chat.postMessage.
    assert post.args["response_type"] == "in_channel" and post.args["replace_original"] is False
    assert "Shared by <@U2>" in shown(post)
    assert "reconsider" in post.args["text"]
    assert "share_answer" not in shown(post)  # already in the channel
    assert previews_off(post.args)
    assert cleanup.args == {"text": "", "delete_original": True}
    assert fake_slack.calls("chat.postMessage") == []


def test_share_of_a_topic_command_posts_the_topic_overview(slack: SlackSender, fake_slack: FakeSlack) -> None:
    ephemeral = acked(slack.command(slash(fake_slack, "/china-factor", "", channel="CS2")))
    slack.action(
        block_actions(
            fake_slack,
            {"action_id": "share_answer", "value": button(ephemeral, "share_answer")["value"]},
            channel="CS2",
        )
    )
    post, _cleanup = fake_slack.wait_for("response_url:act", count=2)
    assert post.args["response_type"] == "in_channel"
    assert post.args["text"] == ephemeral.args["text"]


def test_a_share_that_slack_refuses_is_logged_and_the_sharer_told(
    slack: SlackSender, fake_slack: FakeSlack, web: WebProcess
) -> None:
    ephemeral = acked(slack.command(slash(fake_slack, "/ask", "what role does China play?", channel="CX")))
    fake_slack.script("response_url:act", Reply(404, "expired_url"))
    slack.action(
        block_actions(
            fake_slack,
            {"action_id": "share_answer", "value": button(ephemeral, "share_answer")["value"]},
            channel="CX",
        )
    )
    refused, told = fake_slack.wait_for("response_url:act", count=2)
    assert refused.args["response_type"] == "in_channel"
    assert told.args["response_type"] == "ephemeral" and "couldn't share" in told.args["text"]
    _wait_for_log(web, "slack.respond_failed what=share status=404 error=expired_url")
    assert "China" not in web.log().split("slack.respond_failed what=share")[1].splitlines()[0]


def test_a_forged_share_of_a_decline_is_refused(slack: SlackSender, fake_slack: FakeSlack) -> None:
    declined = acked(slack.command(slash(fake_slack, "/ask", "what is the best pizza in Naples?")))
    value = button(declined, "feedback_up")["value"]  # declines carry no Share button: forge one
    slack.action(block_actions(fake_slack, {"action_id": "share_answer", "value": value}))
    [reply] = fake_slack.wait_for("response_url:act")
    assert reply.args["response_type"] == "ephemeral"
    assert "Only answers that quote the article" in reply.args["text"]
    time.sleep(0.3)
    assert [c.args.get("response_type") for c in fake_slack.calls("response_url:act")] == ["ephemeral"]


def _wait_for_log(web: WebProcess, line: str, timeout: float = 5) -> None:
    deadline = time.monotonic() + timeout
    while line not in web.log() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert line in web.log(), web.log()[-2000:]


def test_feedback_vote_is_stored_with_the_question(
    slack: SlackSender, fake_slack: FakeSlack, storage: RedisStorage
) -> None:
    ephemeral = acked(slack.command(slash(fake_slack, "/ask", "what did the US ask Pakistan to do")))
    thumbs_up = button(ephemeral, "feedback_up")
    answer_id = json.loads(thumbs_up["value"])["id"]

    slack.action(
        block_actions(fake_slack, {"action_id": "feedback_up", "value": thumbs_up["value"]}, user="U7")
    )
    [thanks] = fake_slack.wait_for("response_url:act")
    assert "Thanks" in thanks.args["text"]
    votes = storage.guard.client.hgetall(f"briefbot:T1:votes:{answer_id}")
    assert votes["user:U7"] == "up"
    assert votes["question"] == "what did the US ask Pakistan to do"


# -- App Home -------------------------------------------------------------------------------------------


def test_app_home_opened_publishes_topics_source_and_how_to_ask(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    slack.event(callback({"type": "app_home_opened", "user": "U1", "channel": "DH", "tab": "home"}, "EvHome"))
    [publish] = fake_slack.wait_for("views.publish")
    assert publish.args["user_id"] == "U1"
    view = publish.args["view"]
    assert view["type"] == "home"
    text = json.dumps(view, ensure_ascii=False)
    for expected in (
        "/why-russia",
        "/us-stance",
        "Why Pakistan and Russia are getting closer?",
        "Kamran Yousaf",
        "How to ask",
    ):
        assert expected in text


# -- failure: Slack rate limits and Redis down ---------------------------------------------------------


def test_rate_limited_reply_is_retried_after_retry_after(slack: SlackSender, fake_slack: FakeSlack) -> None:
    fake_slack.script(
        "chat.postMessage", Reply(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"})
    )
    mention = {"type": "app_mention", "user": "U1", "channel": "CRL", "ts": "1700000900.000100",
               "text": f"<@{BOT_USER}> What role does China play?"}  # fmt: skip
    slack.event(callback(mention, "EvRateLimited"))
    first, second = fake_slack.wait_for("chat.postMessage", count=2, timeout=10)
    assert second.at - first.at >= 0.95  # waited as Slack asked
    assert "China" in second.args["text"]


def test_with_redis_down_the_web_process_still_answers(slack_server: FakeSlack) -> None:
    closed = RedisServer()
    closed.start()
    url = closed.url
    closed.stop()  # nothing listens on this port now
    env = {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": slack_server.url,
           "REDIS_URL": url}  # fmt: skip
    with run_web(env) as process:
        sender = SlackSender(process.port, SECRET)
        started = time.monotonic()
        answer = acked(sender.command(slash(slack_server, "/ask", "What did the US ask Pakistan to do?")))
        assert time.monotonic() - started < 3.0  # inside Slack's deadline
        assert "reconsider" in answer.args["text"]
        health = request(process.port, "GET", "/healthz").json()
        assert health["redis"] == "degraded"
        assert "redis.degraded" in process.log()
