"""Scheduled briefings: subscriptions, DST-correct slots, exactly-once posting from the clock, Slack errors.

Everything runs against a real Redis-compatible server and the fake Slack Web API; the clock's `now` is set
by each test, so slots are exact instants rather than sleeps.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from slack_sdk import WebClient

from bot.adapters.storage import RedisStorage
from bot.adapters.storage.subscriptions import RedisSubscriptions
from bot.core import Asker, wording
from bot.core.briefing import briefing_topics, build_briefing, next_briefing
from bot.core.briefing_clock import BriefingClock, default_subscriptions
from bot.core.schedule import ScheduleError, Subscription, parse_subscribe
from bot.core.settings import ConfigError, Settings
from bot.entrypoints.clock import start as start_clock
from bot.entrypoints.console import reply
from bot.entrypoints.wiring import build_application
from handlers.blocks import render_briefing, render_subscription_change
from handlers.posting import SlackPublisher
from handlers.web_api import with_rate_limit_retries
from knowledge.base import KnowledgeBase
from tests.servers import FakeSlack, RedisServer, Reply
from tests.slack_signing import SlackSender
from tests.web_process import WebProcess, run_web

TEAM = "T1"
EARLIER = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
EXAMPLE = "/brief subscribe weekdays 09:00 Asia/Karachi"


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


class SetTime:
    """A controllable `now()` for the clock."""

    def __init__(self, at: str) -> None:
        self.at = utc(at)

    def __call__(self) -> dt.datetime:
        return self.at

    def set(self, at: str) -> None:
        self.at = utc(at)


@pytest.fixture
def subscriptions(storage: RedisStorage) -> RedisSubscriptions:
    return storage.subscriptions


@pytest.fixture
def slack_client(fake_slack: FakeSlack) -> WebClient:
    return with_rate_limit_retries(WebClient(token="xoxb-test", base_url=fake_slack.url))


def make_clock(
    kb: KnowledgeBase, storage: RedisStorage, client: WebClient, now: SetTime, **kwargs: Any
) -> BriefingClock:
    return BriefingClock(
        kb,
        storage.subscriptions,
        storage.slots,
        storage.counters,
        SlackPublisher(client),
        now=now,
        **kwargs,
    )


def subscribe(subscriptions: RedisSubscriptions, **fields: Any) -> Subscription:
    subscription = Subscription(**{"team": TEAM, "created_by": "U_OWNER", "created_at": EARLIER, **fields})
    assert subscriptions.save(subscription)
    return subscription


def posts(fake_slack: FakeSlack, channel: str | None = None) -> list[Any]:
    calls = fake_slack.calls("chat.postMessage")
    return [c for c in calls if channel is None or c.args["channel"] == channel]


def header_of(call: Any) -> str:
    return str(call.args["blocks"][0]["text"]["text"])


# -- subscribing ------------------------------------------------------------------------------------------


def test_subscribe_reads_cadence_time_and_zone() -> None:
    sub = parse_subscribe("weekdays 9:00 asia/karachi", team=TEAM, channel="C1", user="U1", default_tz="UTC")
    assert (sub.cadence, sub.time, sub.tz, sub.created_by) == ("weekdays", "09:00", "Asia/Karachi", "U1")
    assert sub.describe() == "every weekday at 09:00 (Asia/Karachi)"


def test_subscribe_defaults_to_daily_in_the_configured_zone() -> None:
    sub = parse_subscribe("07:30", team=TEAM, channel="C1", user="U1", default_tz="Europe/London")
    assert (sub.cadence, sub.time, sub.tz) == ("daily", "07:30", "Europe/London")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("daily 25:00", "“25:00”"),
        ("daily 9am", "“9am”"),
        ("daily 09:00 Mars/Olympus", "“Mars/Olympus”"),
        ("daily 09:00 UTC please", "“please”"),
        ("weekdays", "When should I post it?"),
    ],
)
def test_a_bad_time_or_zone_is_explained_with_an_example(text: str, shown: str) -> None:
    with pytest.raises(ScheduleError) as error:
        parse_subscribe(text, team=TEAM, channel="C1", user="U1", default_tz="UTC")
    assert shown in str(error.value)
    assert EXAMPLE in str(error.value)


def test_input_echoed_in_an_error_cannot_mention_anyone(storage: RedisStorage) -> None:
    application = build_application(Settings(_env_file=None), storage)
    change = application.subscribe("daily 09:00 <!channel>", Asker(team=TEAM, user="U1", channel="C1"))
    shown = render_subscription_change(change)
    for text in (shown["text"], *(b["text"]["text"] for b in shown["blocks"])):
        assert "<!channel>" not in text
        assert "&lt;!channel&gt;" in text


def test_subscriptions_of_every_team_are_found(subscriptions: RedisSubscriptions) -> None:
    subscribe(subscriptions, team="T1", channel="C1")
    subscribe(subscriptions, team="T2", channel="C9", cadence="weekdays", time="07:00", tz="Europe/Paris")
    found = {(s.team, s.channel, s.time) for s in subscriptions.everywhere()}
    assert found == {("T1", "C1", "09:00"), ("T2", "C9", "07:00")}


# -- when briefings fire ----------------------------------------------------------------------------------


def test_daily_0900_karachi_fires_once_at_0400_utc(
    kb: KnowledgeBase,
    storage: RedisStorage,
    subscriptions: RedisSubscriptions,
    slack_client: WebClient,
    fake_slack: FakeSlack,
) -> None:
    subscribe(subscriptions, channel="C_KHI", cadence="daily", time="09:00", tz="Asia/Karachi")
    now = SetTime("2025-03-03 03:59:30")
    clock = make_clock(kb, storage, slack_client, now)

    assert clock.tick() == []
    for at in ("2025-03-03 04:00:00", "2025-03-03 04:00:30", "2025-03-03 04:01:00", "2025-03-03 04:30:00"):
        now.set(at)
        clock.tick()

    [post] = posts(fake_slack)
    assert post.args["channel"] == "C_KHI"
    assert header_of(post).startswith("Briefing: ")
    now.set("2025-03-04 04:00:00")
    clock.tick()
    assert len(posts(fake_slack)) == 2


def test_new_york_0900_fires_at_1400_utc_before_and_1300_utc_after_the_march_dst_change(
    kb: KnowledgeBase,
    storage: RedisStorage,
    subscriptions: RedisSubscriptions,
    slack_client: WebClient,
    fake_slack: FakeSlack,
) -> None:
    subscribe(subscriptions, channel="C_NYC", cadence="daily", time="09:00", tz="America/New_York")
    now = SetTime("2025-03-07 13:00:00")  # Friday, EST (UTC-5)
    clock = make_clock(kb, storage, slack_client, now, grace_seconds=600)

    assert clock.tick() == []
    now.set("2025-03-07 14:00:00")
    [sent] = clock.tick()
    assert sent.slot == utc("2025-03-07 14:00:00")

    now.set("2025-03-10 13:00:00")  # Monday, EDT (UTC-4) since Sunday 9 March
    [sent] = clock.tick()
    assert sent.slot == utc("2025-03-10 13:00:00")
    now.set("2025-03-10 14:00:00")
    assert clock.tick() == []
    assert len(posts(fake_slack, "C_NYC")) == 2


def test_weekday_subscription_skips_the_weekend(
    kb: KnowledgeBase,
    storage: RedisStorage,
    subscriptions: RedisSubscriptions,
    slack_client: WebClient,
    fake_slack: FakeSlack,
) -> None:
    subscribe(subscriptions, channel="C_WK", cadence="weekdays", time="09:00", tz="Asia/Karachi")
    now = SetTime("2025-03-08 04:00:00")  # Saturday
    clock = make_clock(kb, storage, slack_client, now)
    assert clock.tick() == []
    now.set("2025-03-10 04:00:00")  # Monday
    assert len(clock.tick()) == 1


def test_a_new_subscription_does_not_post_the_slot_that_already_passed(
    kb: KnowledgeBase,
    storage: RedisStorage,
    subscriptions: RedisSubscriptions,
    slack_client: WebClient,
    fake_slack: FakeSlack,
) -> None:
    subscribe(subscriptions, channel="C_NEW", time="09:00", tz="UTC", created_at=utc("2025-03-03 09:10:00"))
    clock = make_clock(kb, storage, slack_client, SetTime("2025-03-03 09:11:00"))
    assert clock.tick() == []


# -- exactly once -----------------------------------------------------------------------------------------


def test_two_clocks_running_together_post_once_per_slot(
    kb: KnowledgeBase,
    storage: RedisStorage,
    redis_server: RedisServer,
    subscriptions: RedisSubscriptions,
    slack_client: WebClient,
    fake_slack: FakeSlack,
) -> None:
    for channel in ("C_A", "C_B", "C_C"):
        subscribe(subscriptions, channel=channel, time="09:00", tz="Asia/Karachi")
    now = SetTime("2025-03-03 04:00:05")
    # Two clock processes: each its own Redis connection and Slack client, ticking on its own scheduler.
    clocks = [
        make_clock(kb, RedisStorage.from_url(redis_server.url), with_rate_limit_retries(
            WebClient(token="xoxb-test", base_url=fake_slack.url)), now, interval=0.05)
        for _ in range(2)
    ]  # fmt: skip
    schedulers = [start_clock(clock) for clock in clocks]
    try:
        time.sleep(1.0)
    finally:
        for scheduler in schedulers:
            scheduler.shutdown(wait=True)

    assert sorted(c.args["channel"] for c in posts(fake_slack)) == ["C_A", "C_B", "C_C"]


def test_clocks_racing_on_the_same_instant_post_once(
    kb: KnowledgeBase,
    storage: RedisStorage,
    redis_server: RedisServer,
    subscriptions: RedisSubscriptions,
    slack_client: WebClient,
    fake_slack: FakeSlack,
) -> None:
    subscribe(subscriptions, channel="C_RACE", time="09:00", tz="Asia/Karachi")
    now = SetTime("2025-03-03 04:00:00")
    clocks = [make_clock(kb, RedisStorage.from_url(redis_server.url), slack_client, now) for _ in range(8)]
    start = threading.Barrier(len(clocks))
    results: list[int] = []

    def run(clock: BriefingClock) -> None:
        start.wait()
        results.append(len(clock.tick()))

    threads = [threading.Thread(target=run, args=(clock,)) for clock in clocks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [0] * 7 + [1]
    assert len(posts(fake_slack, "C_RACE")) == 1


def test_clock_restarted_within_grace_posts_the_missed_slot_once(
    kb: KnowledgeBase,
    storage: RedisStorage,
    subscriptions: RedisSubscriptions,
    slack_client: WebClient,
    fake_slack: FakeSlack,
) -> None:
    subscribe(subscriptions, channel="C_MISSED", time="09:00", tz="Asia/Karachi")
    # The clock was down at 04:00 UTC and comes back 40 minutes later (grace: one hour).
    back = make_clock(kb, storage, slack_client, SetTime("2025-03-03 04:40:00"), grace_seconds=3600)
    [sent] = back.tick()
    assert sent.slot == utc("2025-03-03 04:00:00")
    # It crashes and restarts again, still within the grace period: nothing more.
    again = make_clock(kb, storage, slack_client, SetTime("2025-03-03 04:41:00"), grace_seconds=3600)
    assert again.tick() == []
    assert len(posts(fake_slack, "C_MISSED")) == 1


def test_a_slot_missed_beyond_grace_is_not_posted(
    kb: KnowledgeBase,
    storage: RedisStorage,
    subscriptions: RedisSubscriptions,
    slack_client: WebClient,
    fake_slack: FakeSlack,
) -> None:
    subscribe(subscriptions, channel="C_LATE", time="09:00", tz="Asia/Karachi")
    now = SetTime("2025-03-03 05:00:01")
    clock = make_clock(kb, storage, slack_client, now, grace_seconds=3600)
    assert clock.tick() == []
    now.set("2025-03-04 04:00:00")
    assert len(clock.tick()) == 1


def test_with_redis_down_nothing_is_posted_until_it_returns_within_grace(
    kb: KnowledgeBase, slack_client: WebClient, fake_slack: FakeSlack
) -> None:
    with RedisServer() as server:
        storage = RedisStorage.from_url(server.url, retry_after=0.1)
        subscribe(storage.subscriptions, channel="C_DOWN", time="09:00", tz="Asia/Karachi")
        server.stop()
        now = SetTime("2025-03-03 04:00:00")
        # The clock cannot see subscriptions or claim a slot: posting blind could post twice.
        defaults = [
            Subscription(team=TEAM, channel="C_DOWN", time="09:00", tz="Asia/Karachi", created_at=EARLIER)
        ]
        clock = make_clock(kb, storage, slack_client, now, defaults=defaults)
        assert clock.tick() == []
        server.start()  # a fresh, empty server: the default subscription still applies
        time.sleep(0.15)
        now.set("2025-03-03 04:20:00")
        assert len(clock.tick()) == 1
        assert clock.tick() == []
    assert len(posts(fake_slack, "C_DOWN")) == 1


# -- content and rotation ---------------------------------------------------------------------------------


def test_a_briefing_has_a_headline_key_points_with_verbatim_quotes_and_the_source(kb: KnowledgeBase) -> None:
    for topic in briefing_topics(kb):
        briefing = build_briefing(kb, topic)
        assert 3 <= len(briefing.points) <= 5
        for point in briefing.points:
            assert point.quotes
            for quote in point.quotes:
                assert kb.sources[quote.source_id].text[quote.start : quote.end] == quote.quote
        message = render_briefing(briefing)
        blocks = message["blocks"]
        assert blocks[0]["type"] == "header" and len(blocks[0]["text"]["text"]) <= 150
        assert topic.title in blocks[0]["text"]["text"]
        assert len(blocks) <= 50
        assert all(len(b["text"]["text"]) <= 3000 for b in blocks if b["type"] == "section")
        assert blocks[-1]["elements"][0]["text"].startswith(
            "Source: _Why Pakistan and Russia are getting closer?_"
        )
        assert "The Express Tribune, 28 Feb 2022" in blocks[-1]["elements"][0]["text"]
        assert len(message["text"]) <= 3900


def test_rotation_changes_the_topic_between_successive_briefings(
    kb: KnowledgeBase,
    storage: RedisStorage,
    subscriptions: RedisSubscriptions,
    slack_client: WebClient,
    fake_slack: FakeSlack,
) -> None:
    subscribe(subscriptions, channel="C_ROT", time="09:00", tz="Asia/Karachi")
    subscribe(subscriptions, channel="C_OTHER", time="09:00", tz="Asia/Karachi")
    now = SetTime("2025-03-03 04:00:00")
    clock = make_clock(kb, storage, slack_client, now)
    topics = []
    for day in ("03", "04", "05"):
        now.set(f"2025-03-{day} 04:00:00")
        topics.append(next(s.topic for s in clock.tick() if s.channel == "C_ROT"))

    assert len(set(topics)) == 3
    headers = [header_of(c) for c in posts(fake_slack, "C_ROT")]
    assert len(set(headers)) == 3
    # Rotation is per channel: another channel starts from the beginning of its own.
    assert header_of(posts(fake_slack, "C_OTHER")[0]) == headers[0]


def test_rotation_cycles_through_every_briefing_topic(kb: KnowledgeBase, storage: RedisStorage) -> None:
    topics = briefing_topics(kb)
    seen = [
        next_briefing(kb, storage.subscriptions, TEAM, "C_CYCLE", today=dt.date(2025, 3, 3)).topic
        for _ in range(len(topics) + 1)
    ]
    assert seen[: len(topics)] == [t.id for t in topics]
    assert seen[-1] == seen[0]


def test_brief_in_the_console_prints_the_next_briefing(kb: KnowledgeBase, storage: RedisStorage) -> None:
    application = build_application(Settings(_env_file=None), storage)
    first = reply(application, "/brief", conversation="c1")
    second = reply(application, "/brief", conversation="c1")
    assert first.splitlines()[0] != second.splitlines()[0]
    assert "— Why Pakistan and Russia are getting closer?, Kamran Yousaf, The Express Tribune" in first


# -- Slack errors -----------------------------------------------------------------------------------------


def test_a_429_is_retried_after_retry_after(
    kb: KnowledgeBase,
    storage: RedisStorage,
    subscriptions: RedisSubscriptions,
    slack_client: WebClient,
    fake_slack: FakeSlack,
) -> None:
    subscribe(subscriptions, channel="C_BUSY", time="09:00", tz="Asia/Karachi")
    fake_slack.script(
        "chat.postMessage", Reply(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"})
    )
    clock = make_clock(kb, storage, slack_client, SetTime("2025-03-03 04:00:00"))

    [sent] = clock.tick()

    assert sent.outcome == "posted"
    first, second = posts(fake_slack, "C_BUSY")
    assert second.at - first.at >= 1.0
    assert first.args["blocks"] == second.args["blocks"]


def test_channel_not_found_disables_the_subscription_and_tells_the_subscriber(
    kb: KnowledgeBase,
    storage: RedisStorage,
    subscriptions: RedisSubscriptions,
    slack_client: WebClient,
    fake_slack: FakeSlack,
) -> None:
    subscribe(subscriptions, channel="C_GONE", time="09:00", tz="Asia/Karachi", created_by="U_OWNER")
    fake_slack.script("chat.postMessage", {"ok": False, "error": "channel_not_found"})
    now = SetTime("2025-03-03 04:00:00")
    clock = make_clock(kb, storage, slack_client, now)

    [sent] = clock.tick()

    assert (sent.outcome, sent.error) == ("disabled", "channel_not_found")
    [stored] = subscriptions.of_team(TEAM)
    assert (stored.enabled, stored.disabled_reason) == (False, "channel_not_found")
    [told] = posts(fake_slack, "U_OWNER")
    assert "<#C_GONE>" in told.args["text"] and "turned that subscription off" in told.args["text"]
    now.set("2025-03-04 04:00:00")
    assert clock.tick() == []
    assert len(posts(fake_slack, "C_GONE")) == 1


@pytest.mark.parametrize("error", ["not_in_channel", "is_archived"])
def test_a_channel_the_bot_cannot_post_in_disables_the_subscription(
    error: str,
    kb: KnowledgeBase,
    storage: RedisStorage,
    subscriptions: RedisSubscriptions,
    slack_client: WebClient,
    fake_slack: FakeSlack,
) -> None:
    subscribe(subscriptions, channel="C_X", time="09:00", tz="UTC")
    fake_slack.script("chat.postMessage", {"ok": False, "error": error})
    [sent] = make_clock(kb, storage, slack_client, SetTime("2025-03-03 09:00:00")).tick()
    assert sent.outcome == "disabled"
    [stored] = [s for s in subscriptions.of_team(TEAM) if s.channel == "C_X"]
    assert not stored.enabled


def test_a_post_slack_refused_is_tried_again_on_the_next_tick(
    kb: KnowledgeBase,
    storage: RedisStorage,
    subscriptions: RedisSubscriptions,
    slack_client: WebClient,
    fake_slack: FakeSlack,
) -> None:
    subscribe(subscriptions, channel="C_FLAKY", time="09:00", tz="UTC")
    fake_slack.script("chat.postMessage", {"ok": False, "error": "fatal_error"})
    now = SetTime("2025-03-03 09:00:00")
    clock = make_clock(kb, storage, slack_client, now)
    [refused] = clock.tick()
    assert refused.outcome == "refused"
    now.set("2025-03-03 09:00:30")
    [posted] = clock.tick()
    assert posted.outcome == "posted"
    assert clock.tick() == []


# -- defaults from settings -------------------------------------------------------------------------------


def test_briefing_settings_make_a_default_subscription(
    kb: KnowledgeBase, storage: RedisStorage, slack_client: WebClient, fake_slack: FakeSlack
) -> None:
    settings = Settings(
        briefing_channel="C_DESK", briefing_cron="0 9 * * mon-fri", briefing_tz="Asia/Karachi", _env_file=None
    )
    now = SetTime("2025-03-08 04:00:00")  # Saturday
    clock = make_clock(kb, storage, slack_client, now, defaults=default_subscriptions(settings, team=TEAM))
    assert clock.tick() == []
    now.set("2025-03-10 04:00:00")  # Monday 09:00 in Karachi
    assert [s.channel for s in clock.tick()] == ["C_DESK"]


def test_a_bad_briefing_zone_in_settings_names_the_variable() -> None:
    settings = Settings(briefing_channel="C_DESK", briefing_tz="Mars/Olympus", _env_file=None)
    with pytest.raises(ConfigError, match=r"^BRIEFING_TZ is invalid"):
        default_subscriptions(settings, team=TEAM)


# -- /brief over HTTP -------------------------------------------------------------------------------------

SIGNING_SECRET = "briefing-test-secret"


@pytest.fixture(scope="module")
def web(redis_server: RedisServer, slack_server: FakeSlack) -> Iterator[WebProcess]:
    """The Procfile's web process, pointed at the fake Slack and the test Redis."""
    env = {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack_server.url,
        "REDIS_URL": redis_server.url,
        "BRIEFING_TZ": "Asia/Karachi",
    }
    with run_web(env) as process:
        yield process


def slash(web: WebProcess, fake_slack: FakeSlack, text: str, *, channel: str = "C_WEB") -> dict[str, Any]:
    """POST a Slack-signed /brief command and return the JSON body of the ack."""
    form = {
        "token": "legacy",
        "team_id": TEAM,
        "channel_id": channel,
        "user_id": "U_ASKER",
        "command": "/brief",
        "text": text,
        "response_url": fake_slack.response_url("brief"),
        "trigger_id": uuid.uuid4().hex,
    }
    response = SlackSender(web.port, SIGNING_SECRET).command(form)
    assert response.status == 200, response
    return response.json() if response.body else {}


def plain(text: str) -> str:
    """Slack text without the code marks around slash commands."""
    return text.replace("`", "")


def test_brief_subscribe_in_a_channel_saves_it_and_confirms(
    web: WebProcess, storage: RedisStorage, subscriptions: RedisSubscriptions, fake_slack: FakeSlack
) -> None:
    reply = slash(web, fake_slack, "subscribe weekdays 09:00 Asia/Karachi")
    assert "every weekday at 09:00 (Asia/Karachi)" in reply["text"]
    assert "<#C_WEB>" in reply["text"]
    [saved] = subscriptions.of_team(TEAM)
    assert (saved.channel, saved.cadence, saved.tz, saved.created_by) == (
        "C_WEB",
        "weekdays",
        "Asia/Karachi",
        "U_ASKER",
    )

    assert "<#C_WEB> — every weekday at 09:00 (Asia/Karachi)" in slash(web, fake_slack, "list")["text"]
    assert slash(web, fake_slack, "off")["text"] == wording.BRIEF_UNSUBSCRIBED.format(channel="<#C_WEB>")
    assert subscriptions.of_team(TEAM) == []


def test_brief_subscribe_without_a_zone_uses_briefing_tz(
    web: WebProcess, storage: RedisStorage, subscriptions: RedisSubscriptions, fake_slack: FakeSlack
) -> None:
    slash(web, fake_slack, "subscribe 08:15")
    [saved] = subscriptions.of_team(TEAM)
    assert (saved.cadence, saved.time, saved.tz) == ("daily", "08:15", "Asia/Karachi")


def test_brief_subscribe_with_a_bad_time_answers_with_an_example(
    web: WebProcess, storage: RedisStorage, subscriptions: RedisSubscriptions, fake_slack: FakeSlack
) -> None:
    reply = slash(web, fake_slack, "subscribe daily 9 o'clock")
    assert "“9”" in reply["text"] and EXAMPLE in plain(reply["text"])
    assert subscriptions.of_team(TEAM) == []


def test_brief_now_posts_a_briefing_in_the_channel(
    web: WebProcess, storage: RedisStorage, fake_slack: FakeSlack
) -> None:
    reply = slash(web, fake_slack, "now")
    assert reply["response_type"] == "in_channel"
    assert reply["blocks"][0]["text"]["text"].startswith("Briefing: ")


def test_brief_alone_shows_a_briefing_only_to_the_asker(
    web: WebProcess, storage: RedisStorage, fake_slack: FakeSlack
) -> None:
    reply = slash(web, fake_slack, "")
    assert reply["response_type"] == "ephemeral"
    assert reply["blocks"][-1]["type"] == "context"


def test_brief_help_lists_the_subcommands(
    web: WebProcess, storage: RedisStorage, fake_slack: FakeSlack
) -> None:
    reply = slash(web, fake_slack, "help")
    assert "/brief subscribe" in plain(reply["text"]) and "/brief off" in plain(reply["text"])
