"""Exactly-once briefings when Slack's reply is lost (issue 11, item 2): slot leases, message metadata naming
the slot, and a look at the channel's history before posting again.

The first tests run the Procfile's `clock` process against a real Redis-compatible server and a fake Slack
that can refuse connections (down, then up) or take a post and drop the connection before replying; its
slots are real instants (the last minute), ticking every few tenths of a second. The last ones drive the
clock in-process with a set `now`, for leases that end (a clock killed holding one) and history read limits.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from slack_sdk import WebClient

from bot.adapters.storage import RedisStorage
from bot.core.briefing import briefing_topics, build_briefing
from bot.core.briefing_clock import BriefingClock
from bot.core.schedule import Subscription
from handlers.blocks import render_briefing
from handlers.posting import SlackPublisher, slot_metadata
from knowledge.base import KnowledgeBase
from tests.clock_process import ClockProcess, run_clock
from tests.servers import DROPPED, FakeSlack, RedisServer, Reply
from tests.slack_signing import SlackSender
from tests.web_process import run_web

TEAM = "T1"  # the fake Slack's auth.test team
EARLIER = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
TICK = 0.3
SIGNING_SECRET = "delivery-test-secret"


def last_minute() -> dt.datetime:
    """A slot that is due now and stays the only one in the grace period while a test runs."""
    return dt.datetime.now(dt.UTC).replace(second=0, microsecond=0) - dt.timedelta(minutes=1)


def subscribe(storage: RedisStorage, channel: str, slot: dt.datetime) -> None:
    subscription = Subscription(
        team=TEAM, channel=channel, time=f"{slot:%H:%M}", tz="UTC", created_at=EARLIER
    )
    assert storage.subscriptions.save(subscription)


def clock_env(slack: FakeSlack, redis_server: RedisServer, **extra: str) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_URL": slack.url,
        "REDIS_URL": redis_server.url,
        "BRIEFING_TICK_SECONDS": str(TICK),
        "BRIEFING_GRACE_SECONDS": "300",
        "LOG_LEVEL": "INFO",
        **extra,
    }


def posts(slack: FakeSlack, channel: str) -> list[Any]:
    return [c for c in slack.calls("chat.postMessage") if c.args["channel"] == channel]


def header(message: dict[str, Any]) -> str:
    return str(message["blocks"][0]["text"]["text"])


def a_few_more_ticks(clock: ClockProcess) -> None:
    """Let the clock tick a few more times (it must stay up meanwhile)."""
    time.sleep(5 * TICK)
    assert clock.proc.poll() is None, clock.log()[-3000:]


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    """A fake Slack of this test's own, which it may take down and bring back."""
    with FakeSlack() as server:
        yield server


# -- the clock process ------------------------------------------------------------------------------------


def test_slack_unreachable_at_the_slot_gets_the_briefing_once_when_it_is_back(
    storage: RedisStorage, redis_server: RedisServer, slack: FakeSlack, kb: KnowledgeBase
) -> None:
    slot = last_minute()
    subscribe(storage, "C_OUTAGE", slot)
    slack.down()  # connections refused, from before the clock starts
    with run_clock(clock_env(slack, redis_server)) as clock:
        clock.wait_log("briefing.unreachable", count=2)  # the clock is up and keeps trying
        slack.up()
        slack.wait_for("chat.postMessage", timeout=10)
        a_few_more_ticks(clock)

    [post] = posts(slack, "C_OUTAGE")
    # The attempts that never reached Slack took no step in the channel's rotation: this is its first topic.
    assert header(post.args) == header(render_briefing(build_briefing(kb, briefing_topics(kb)[0])))
    assert post.args["metadata"] == {
        "event_type": "briefbot_briefing",
        "event_payload": {"slot": slot.isoformat()},
    }
    assert "briefing.posted" in clock.log()
    # A refused connection never reached Slack: posting again needs no look at the channel's history.
    assert slack.calls("conversations.history") == []


def test_a_post_slack_took_without_replying_is_not_posted_again(
    storage: RedisStorage, redis_server: RedisServer, slack: FakeSlack
) -> None:
    slot = last_minute()
    subscribe(storage, "C_LOST", slot)
    slack.script("chat.postMessage", DROPPED)  # posted, then the connection drops before the reply
    with run_clock(clock_env(slack, redis_server)) as clock:
        clock.wait_log("briefing.found")
        a_few_more_ticks(clock)

    assert len(posts(slack, "C_LOST")) == 1  # not re-sent by the client, nor by the next tick
    [looked] = slack.calls("conversations.history")  # once, and only because the outcome was unknown
    assert looked.args["channel"] == "C_LOST"
    assert looked.args["include_all_metadata"] in ("1", "true")
    assert float(looked.args["oldest"]) <= slot.timestamp()
    log = clock.log()
    assert log.index("briefing.unknown") < log.index("briefing.found")


def test_a_post_lost_before_slack_took_it_is_posted_after_looking(
    storage: RedisStorage, redis_server: RedisServer, slack: FakeSlack
) -> None:
    subscribe(storage, "C_RESET", last_minute())
    slack.script(
        "chat.postMessage", Reply(body={"ok": False}, drop=True)
    )  # the connection drops, nothing posted
    with run_clock(clock_env(slack, redis_server)) as clock:
        clock.wait_log("briefing.posted")
        a_few_more_ticks(clock)

    assert len(slack.calls("conversations.history")) == 1
    assert len(posts(slack, "C_RESET")) == 2  # the lost attempt (never posted), then the briefing
    assert sum(1 for c in posts(slack, "C_RESET") if c.reply and c.reply["ok"]) == 1


def test_a_clock_started_while_slack_is_unreachable_learns_its_team_later_and_shares_the_web_process_keys(
    storage: RedisStorage,
    redis_server: RedisServer,
    slack_server: FakeSlack,
    slack: FakeSlack,
    kb: KnowledgeBase,
) -> None:
    slot = last_minute()
    desk = {
        "BRIEFING_CHANNEL": "C_DESK",
        "BRIEFING_CRON": f"{slot.minute} {slot.hour} * * *",
        "BRIEFING_TZ": "UTC",
    }
    web_env = {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack_server.url,
        "REDIS_URL": redis_server.url,
    }
    slack.down()
    with run_web(web_env) as web, run_clock(clock_env(slack, redis_server, **desk)) as clock:
        clock.wait_log("clock.team_unknown")
        # Meanwhile someone in C_DESK asks for a briefing now: the web process advances T1's rotation there.
        form = {
            "team_id": TEAM,
            "channel_id": "C_DESK",
            "user_id": "U_ASKER",
            "command": "/brief",
            "text": "now",
            "response_url": slack_server.response_url("desk"),
            "trigger_id": uuid.uuid4().hex,
        }
        shown_now = SlackSender(web.port, SIGNING_SECRET).command(form).json()
        slack.up()
        slack.wait_for("chat.postMessage", timeout=10)
        a_few_more_ticks(clock)

    assert clock.log().count("clock.team_unknown") == 1
    assert f"clock.team team={TEAM}" in clock.log()
    assert slack.calls("auth.test")
    [post] = posts(slack, "C_DESK")
    # The clock's default briefing is the next in T1's C_DESK rotation, after the one /brief now showed.
    first, second = (render_briefing(build_briefing(kb, topic)) for topic in briefing_topics(kb)[:2])
    assert header(shown_now) == header(first)
    assert header(post.args) == header(second)


# -- leases and history, in-process -----------------------------------------------------------------------


class SetTime:
    def __init__(self, at: dt.datetime) -> None:
        self.at = at

    def __call__(self) -> dt.datetime:
        return self.at


SLOT = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC)


def in_process_clock(
    kb: KnowledgeBase, storage: RedisStorage, slack: FakeSlack, now: SetTime
) -> BriefingClock:
    publisher = SlackPublisher(WebClient(token="xoxb-test", base_url=slack.url))
    return BriefingClock(
        kb, storage.subscriptions, storage.slots, storage.counters, publisher, lease_seconds=120, now=now
    )


@pytest.fixture
def killed(storage: RedisStorage) -> str:
    """A slot whose clock was killed holding its lease (taken at the slot, for 120 s)."""
    subscribe(storage, "C_KILLED", SLOT)
    ident = f"C_KILLED:{SLOT.isoformat()}"
    assert storage.slots.take(TEAM, ident, now=SLOT, lease=120, ttl=3600) is not None
    return ident


def test_a_slot_whose_clock_died_before_posting_is_posted_once_its_lease_ends(
    kb: KnowledgeBase, storage: RedisStorage, slack: FakeSlack, killed: str
) -> None:
    now = SetTime(SLOT + dt.timedelta(seconds=60))
    clock = in_process_clock(kb, storage, slack, now)
    assert clock.tick() == []  # the lease still holds: the dead clock might yet be posting
    now.at = SLOT + dt.timedelta(seconds=121)
    [sent] = clock.tick()
    assert sent.outcome == "posted"
    assert clock.tick() == []
    assert len(posts(slack, "C_KILLED")) == 1
    assert len(slack.calls("conversations.history")) == 1


def test_a_slot_whose_clock_died_after_posting_is_not_posted_again(
    kb: KnowledgeBase, storage: RedisStorage, slack: FakeSlack, killed: str
) -> None:
    # The killed clock's post reached Slack; its reply (and the clock) did not survive.
    SlackPublisher(WebClient(token="xoxb-test", base_url=slack.url)).publish(
        "C_KILLED", build_briefing(kb, briefing_topics(kb)[0]), SLOT
    )
    clock = in_process_clock(kb, storage, slack, SetTime(SLOT + dt.timedelta(seconds=121)))
    [sent] = clock.tick()
    assert sent.outcome == "found"
    assert clock.tick() == []
    assert len(posts(slack, "C_KILLED")) == 1


def test_a_rate_limited_history_read_is_tried_at_a_later_tick_never_by_posting_blind(
    kb: KnowledgeBase, storage: RedisStorage, slack: FakeSlack
) -> None:
    subscribe(storage, "C_BUSY", SLOT)
    slack.script(
        "chat.postMessage", Reply(502, "Bad Gateway")
    )  # Slack failed somewhere: perhaps after posting
    slack.script(
        "conversations.history", Reply(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "60"})
    )
    now = SetTime(SLOT)
    clock = in_process_clock(kb, storage, slack, now)
    assert [s.outcome for s in clock.tick()] == ["unknown"]
    now.at = SLOT + dt.timedelta(seconds=30)
    started = time.monotonic()
    assert [s.outcome for s in clock.tick()] == ["unchecked"]
    assert time.monotonic() - started < 5  # the 429's minute is not waited out inside a tick
    now.at = SLOT + dt.timedelta(seconds=90)
    assert [s.outcome for s in clock.tick()] == ["posted"]
    assert clock.tick() == []
    assert len(slack.calls("conversations.history")) == 2
    assert [c.reply["ok"] if c.reply else None for c in posts(slack, "C_BUSY")] == [None, True]


def test_the_briefing_metadata_names_its_slot_in_utc() -> None:
    karachi = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    assert slot_metadata(karachi)["event_payload"] == {"slot": "2025-03-03T04:00:00+00:00"}
