"""Conversations end to end over real HTTP, as a team would have them: thread manners, the per-channel
mention-only setting (/briefbot), and Slack's assistant panel.

The Procfile's web command runs with a fake Slack Web API and a real Redis; Slack-signed events go in. After
each test every message and view the app sent is checked against slack_sdk's Block Kit models.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest

from bot.adapters.storage import RedisStorage
from tests.block_kit import assert_every_call_valid, previews_off
from tests.servers import Call, FakeSlack, RedisServer
from tests.slack_signing import SlackSender, callback
from tests.test_slack_http import acked, button, posts_in, shown, slash, wait_posts
from tests.web_process import WebProcess, run_web, slack_env

SECRET = "conversations-signing-secret"
BOT_USER = "UBOT"  # what the fake Slack's auth.test says the bot is
QUIET = 0.6  # how long to wait for a reply that must not come


@pytest.fixture(scope="module")
def web(redis_server: RedisServer, slack_server: FakeSlack) -> Iterator[WebProcess]:
    with run_web(slack_env(SECRET, slack_server.url, redis_server.url)) as process:
        yield process


@pytest.fixture
def slack(web: WebProcess, fake_slack: FakeSlack, storage: RedisStorage) -> Iterator[SlackSender]:
    yield SlackSender(web.port, SECRET)
    assert_every_call_valid(fake_slack.calls())
    for call in fake_slack.calls("chat.postMessage"):
        assert previews_off(call.args), call.args


def mention(channel: str, ts: str, text: str, *, thread_ts: str | None = None) -> dict[str, Any]:
    event = {
        "type": "app_mention",
        "user": "U1",
        "channel": channel,
        "ts": ts,
        "text": f"<@{BOT_USER}> {text}",
    }
    return {**event, "thread_ts": thread_ts} if thread_ts else event


def reply_in(channel: str, thread_ts: str, ts: str, text: str, **extra: Any) -> dict[str, Any]:
    """A message in a channel thread, as message.channels delivers it."""
    return {
        "type": "message",
        "channel_type": "channel",
        "user": "U2",
        "channel": channel,
        "ts": ts,
        "thread_ts": thread_ts,
        "parent_user_id": "U1",
        "text": text,
        **extra,
    }


def stays_quiet(fake: FakeSlack, channel: str, posts: int) -> bool:
    time.sleep(QUIET)
    return len(posts_in(fake, channel)) == posts


def click(slack: SlackSender, post: Call, action_id: str, *, user: str = "U2") -> None:
    """Click a button on a message the bot posted in a channel thread."""
    element = button(post, action_id)
    channel = post.args["channel"]
    assert post.reply is not None
    message = {
        "type": "message",
        "user": BOT_USER,
        "bot_id": "BBOT",
        "ts": post.reply["ts"],
        "thread_ts": post.args.get("thread_ts"),
        "text": post.args["text"],
        "blocks": post.args["blocks"],
    }
    payload = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": user},
        "api_app_id": "A1",
        "container": {
            "type": "message",
            "message_ts": post.reply["ts"],
            "channel_id": channel,
            "is_ephemeral": False,
        },
        "trigger_id": f"trig-{time.monotonic_ns()}",
        "channel": {"id": channel},
        "message": message,
        "response_url": "http://127.0.0.1:9/unused",
        "actions": [
            {
                "action_id": action_id,
                "block_id": "b",
                "type": "button",
                "value": element["value"],
                "action_ts": str(time.time()),
            }
        ],
    }
    assert slack.action(payload).status == 200


# -- thread manners --------------------------------------------------------------------------------------


def test_a_followed_thread_answers_questions_and_leaves_chatter_alone(
    slack: SlackSender, fake_slack: FakeSlack, storage: RedisStorage
) -> None:
    root = "1700100000.000100"
    slack.event(callback(mention("CF", root, "What did the US ask Pakistan to do?"), "EvF0"))
    [first] = wait_posts(fake_slack, "CF", 1)
    assert first.args["thread_ts"] == root and "reconsider" in first.args["text"]
    assert button(first, "stop_following")["text"]["text"] == "Stop following"  # on the first reply

    chatter = ["thanks!", "+1", "ok cool :thumbsup:", "lol", "<@U0SAM> can you send me the deck?"]
    for i, text in enumerate(chatter):
        slack.event(callback(reply_in("CF", root, f"1700100000.00020{i}", text), f"EvFChat{i}"))
    assert stays_quiet(fake_slack, "CF", 1), fake_slack.summary()

    # A follow-up question without a mention is answered, on the thread's subject (the US request).
    slack.event(
        callback(
            reply_in("CF", root, "1700100000.000300", "And how did Pakistan respond to that request?"), "EvFQ"
        )
    )
    second = wait_posts(fake_slack, "CF", 2)[1]
    assert second.args["thread_ts"] == root
    assert "politely said ‘no’" in second.args["text"]
    assert "stop_following" not in shown(second)  # only the first reply offers it

    # "Also send to channel" and a message with a file are read like any other follow-up.
    broadcast = reply_in(
        "CF",
        root,
        "1700100000.000400",
        "What role does China play?",
        subtype="thread_broadcast",
        root={"user": "U1", "ts": root, "thread_ts": root},
    )
    slack.event(callback(broadcast, "EvFB"))
    third = wait_posts(fake_slack, "CF", 3)[2]
    assert third.args["thread_ts"] == root and "China" in third.args["text"]
    with_file = reply_in(
        "CF",
        root,
        "1700100000.000500",
        "What did the US do for India?",
        subtype="file_share",
        files=[{"id": "F1", "name": "notes.pdf"}],
    )
    slack.event(callback(with_file, "EvFF"))
    fourth = wait_posts(fake_slack, "CF", 4)[3]
    assert "India" in fourth.args["text"]

    # Thread memory holds the questions, never the chatter.
    remembered = [t.question for t in storage.threads.turns("T1", f"CF:{root}")]
    assert len(remembered) == 4
    assert not any(word in " ".join(remembered).lower() for word in ("thanks", "deck", "lol", "cool"))


def test_after_stop_following_nothing_more_is_answered_in_the_thread(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    root = "1700100100.000100"
    slack.event(callback(mention("CS", root, "Why are Pakistan and Russia getting closer?"), "EvS0"))
    [first] = wait_posts(fake_slack, "CS", 1)

    click(slack, first, "stop_following", user="U7")
    [update] = fake_slack.wait_for("chat.update")
    assert first.reply is not None and update.args["ts"] == first.reply["ts"]
    assert "stop_following" not in shown(update)
    assert "<@U7> asked me to stop following this thread" in shown(update)
    assert "feedback_up" in shown(update)  # the votes stay

    slack.event(
        callback(reply_in("CS", root, "1700100100.000300", "And what did the US think of it?"), "EvS1")
    )
    assert stays_quiet(fake_slack, "CS", 1), fake_slack.summary()
    # A mention there is still answered: stopping means "stop following", not "ignore me".
    slack.event(
        callback(mention("CS", "1700100100.000400", "what role does China play?", thread_ts=root), "EvS2")
    )
    assert "China" in wait_posts(fake_slack, "CS", 2)[1].args["text"]
    slack.event(callback(reply_in("CS", root, "1700100100.000500", "and why?"), "EvS3"))
    assert stays_quiet(fake_slack, "CS", 2)


def test_a_mention_inside_someone_elses_thread_is_answered_without_taking_the_thread_over(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    root = "1700100200.000100"  # a thread people started among themselves
    slack.event(
        callback(
            mention("CM", "1700100200.000300", "what did the US ask Pakistan to do?", thread_ts=root), "EvM0"
        )
    )
    [answer] = wait_posts(fake_slack, "CM", 1)
    assert answer.args["thread_ts"] == root and "stop_following" not in shown(answer)
    slack.event(callback(reply_in("CM", root, "1700100200.000400", "How did Pakistan respond?"), "EvM1"))
    assert stays_quiet(fake_slack, "CM", 1)


def test_questions_under_the_bots_own_message_are_answered_and_that_thread_followed(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    briefing = "1700100300.000100"  # say, a scheduled briefing the bot posted
    under_bot = {"parent_user_id": BOT_USER}
    slack.event(callback(reply_in("CB", briefing, "1700100300.000200", "nice one", **under_bot), "EvB0"))
    assert stays_quiet(fake_slack, "CB", 0)
    slack.event(
        callback(
            reply_in("CB", briefing, "1700100300.000300", "Why did the US tilt towards India?", **under_bot),
            "EvB1",
        )
    )
    [first] = wait_posts(fake_slack, "CB", 1)
    assert first.args["thread_ts"] == briefing
    button(first, "stop_following")
    slack.event(
        callback(
            reply_in("CB", briefing, "1700100300.000400", "and how did that affect Pakistan?", **under_bot),
            "EvB2",
        )
    )
    assert "stop_following" not in shown(wait_posts(fake_slack, "CB", 2)[1])


def test_a_mention_only_channel_answers_mentions_and_follows_no_thread(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    done = acked(slack.command(slash(fake_slack, "/briefbot", "mention-only", channel="CQ")))
    assert done.args["response_type"] == "ephemeral"
    assert "only messages that mention me" in done.args["text"] and "<#CQ>" in done.args["text"]

    root = "1700100400.000100"
    slack.event(callback(mention("CQ", root, "What role does China play?"), "EvQ0"))
    [answer] = wait_posts(fake_slack, "CQ", 1)
    assert "stop_following" not in shown(answer)
    slack.event(callback(reply_in("CQ", root, "1700100400.000200", "And what did India do?"), "EvQ1"))
    assert stays_quiet(fake_slack, "CQ", 1)

    status = acked(slack.command(slash(fake_slack, "/briefbot", "", channel="CQ")))
    assert "only messages that mention me" in status.args["text"]
    back = acked(slack.command(slash(fake_slack, "/briefbot", "follow-threads", channel="CQ")))
    assert "I follow it" in back.args["text"]
    slack.event(callback(mention("CQ", "1700100400.000300", "What role does China play?"), "EvQ2"))
    assert "stop_following" in shown(wait_posts(fake_slack, "CQ", 2)[1])


def test_thanks_in_a_dm_gets_no_reply_and_a_question_does(slack: SlackSender, fake_slack: FakeSlack) -> None:
    def dm(ts: str, text: str) -> dict[str, Any]:
        return {
            "type": "message",
            "channel_type": "im",
            "user": "U1",
            "channel": "DT",
            "ts": ts,
            "text": text,
        }

    slack.event(callback(dm("1700100500.000100", "thank you!! 🙏"), "EvDT0"))
    assert stays_quiet(fake_slack, "DT", 0)
    slack.event(callback(dm("1700100500.000200", "what did the US ask Pakistan to do?"), "EvDT1"))
    assert "reconsider" in wait_posts(fake_slack, "DT", 1)[0].args["text"]


# -- the assistant panel -------------------------------------------------------------------------------


def assistant_thread_started(channel: str, thread_ts: str) -> dict[str, Any]:
    return {
        "type": "assistant_thread_started",
        "event_ts": thread_ts,
        "assistant_thread": {
            "user_id": "U1",
            "channel_id": channel,
            "thread_ts": thread_ts,
            "context": {"channel_id": "C0VIEWED", "team_id": "T1"},
        },
    }


def in_assistant_thread(channel: str, thread_ts: str, ts: str, text: str) -> dict[str, Any]:
    return {
        "type": "message",
        "channel_type": "im",
        "user": "U1",
        "channel": channel,
        "ts": ts,
        "thread_ts": thread_ts,
        "text": text,
        "team": "T1",
    }


def test_assistant_thread_started_sets_suggested_prompts_from_the_topics(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    slack.event(callback(assistant_thread_started("DA0", "1700100600.000100"), "EvA0"))
    [prompts] = fake_slack.wait_for("assistant.threads.setSuggestedPrompts")
    assert prompts.reply == {"ok": True}
    assert (prompts.args["channel_id"], prompts.args["thread_ts"]) == ("DA0", "1700100600.000100")
    titles = [p["title"] for p in prompts.args["prompts"]]
    assert titles[:2] == ["Why Pakistan is getting closer to Russia", "What the US thinks of it"]
    assert len(titles) <= 4
    assert all(p["message"].endswith("?") for p in prompts.args["prompts"])
    assert "the article" in prompts.args["title"]
    time.sleep(0.3)
    assert fake_slack.calls("conversations.replies") == [] and fake_slack.calls("chat.postMessage") == []


def test_a_message_in_the_assistant_thread_sets_a_status_then_gets_its_answer_there(
    slack: SlackSender, fake_slack: FakeSlack, storage: RedisStorage
) -> None:
    thread = "1700100700.000100"
    slack.event(callback(assistant_thread_started("DA1", thread), "EvA1"))
    slack.event(
        callback(
            in_assistant_thread("DA1", thread, "1700100700.000200", "What did the US ask Pakistan?"), "EvA2"
        )
    )
    [answer] = wait_posts(fake_slack, "DA1", 1)
    [status] = fake_slack.wait_for("assistant.threads.setStatus")
    [title] = fake_slack.wait_for("assistant.threads.setTitle")
    assert status.reply == {"ok": True} and title.reply == {"ok": True}
    assert status.args["status"] == "Reading the article…" and status.args["thread_ts"] == thread
    assert status.at <= answer.at  # the status shows while it works, not after
    assert title.args["title"] == "What did the US ask Pakistan?"
    assert answer.args["thread_ts"] == thread and "reconsider" in answer.args["text"]
    assert "Thinking" not in shown(answer)
    # Slack's own feedback buttons, in a context actions block, and no classic 👍/👎.
    [feedback] = [b for b in answer.args["blocks"] if b["type"] == "context_actions"]
    element = feedback["elements"][0]
    assert element["type"] == "feedback_buttons" and "feedback_up" not in shown(answer)

    # A second question: answered in the same thread, the title kept.
    slack.event(
        callback(
            in_assistant_thread("DA1", thread, "1700100700.000300", "and how did Pakistan respond?"), "EvA3"
        )
    )
    second = wait_posts(fake_slack, "DA1", 2)[1]
    assert "politely said ‘no’" in second.args["text"]
    assert len(fake_slack.calls("assistant.threads.setTitle")) == 1

    # The native thumbs-up is stored like any vote, with the question.
    answer_id = json.loads(element["positive_button"]["value"])["id"]
    payload = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": "U1"},
        "api_app_id": "A1",
        "container": {
            "type": "message",
            "message_ts": "1700100700.000250",
            "channel_id": "DA1",
            "thread_ts": thread,
        },
        "trigger_id": "trig-native",
        "channel": {"id": "DA1"},
        "response_url": fake_slack.response_url("native"),
        "actions": [
            {
                "action_id": element["action_id"],
                "block_id": feedback["block_id"],
                "type": "feedback_buttons",
                "value": element["positive_button"]["value"],
                "action_ts": str(time.time()),
            }
        ],
    }
    slack.action(payload)
    [thanks] = fake_slack.wait_for("response_url:native")
    assert thanks.args["response_type"] == "ephemeral" and "Thanks" in thanks.args["text"]
    votes = storage.guard.client.hgetall(f"briefbot:T1:votes:{answer_id}")
    assert votes["user:U1"] == "up" and votes["question"] == "What did the US ask Pakistan?"

    # Thanks in the panel: no status, no reply.
    slack.event(
        callback(in_assistant_thread("DA1", thread, "1700100700.000400", "thanks, that's helpful"), "EvA4")
    )
    assert stays_quiet(fake_slack, "DA1", 2)
    assert len(fake_slack.calls("assistant.threads.setStatus")) == 2


def test_a_retried_assistant_message_is_answered_once(slack: SlackSender, fake_slack: FakeSlack) -> None:
    thread = "1700100800.000100"
    delivery = callback(
        in_assistant_thread("DA2", thread, "1700100800.000200", "What role does China play?"), "EvA5"
    )
    slack.event(delivery)
    slack.event(delivery, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    [answer] = wait_posts(fake_slack, "DA2", 1)
    assert "China" in answer.args["text"]
    assert stays_quiet(fake_slack, "DA2", 1)
    assert len(fake_slack.calls("assistant.threads.setStatus")) == 1
