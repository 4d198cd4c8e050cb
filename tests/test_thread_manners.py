"""Thread manners in the core: what counts as a question for the bot (bot.core.addressing), and which threads
it follows, stops following, or leaves alone (Briefbot, over real Redis)."""

from __future__ import annotations

import pytest

from bot.adapters.storage import RedisStorage
from bot.core import Briefbot
from bot.core.addressing import read_address
from bot.core.settings import Settings
from bot.entrypoints.wiring import build_application
from tests.servers import RedisServer


@pytest.mark.parametrize(
    "text",
    [
        "And how did Pakistan respond to that request?",
        "Why?",
        "why",
        "how come",
        "says who",
        "and the chinese?",
        "what about China",
        "tell me more",
        "go on",
        "can you explain",
        "Quote the line about the IMF",
        "Thanks! And what did China do?",
        "ok so why did they go anyway",
        "I wonder why Russia matters to Pakistan",
        "hey bot, quick q: did the US say anything about India?",
    ],
)
def test_questions_and_requests_are_for_the_bot(text: str) -> None:
    assert read_address(text) == "question"


@pytest.mark.parametrize(
    "text",
    [
        "thanks!",
        "+1",
        "ok cool",
        "lol",
        "👍",
        ":thumbsup::skin-tone-2:",
        "thank you so much, that's really helpful",
        "got it, makes sense",
        "nice, ty",
        "haha yes",
        "really?!",
        "ok?",
        "<@UBOT> 🙏",
    ],
)
def test_thanks_emoji_and_acknowledgements_are_not_questions(text: str) -> None:
    assert read_address(text) == "acknowledgement"


@pytest.mark.parametrize(
    "text",
    ["I think the US pushed too hard.", "Pakistan went anyway", "good morning", "<@UBOT>"],
)
def test_remarks_are_neither_questions_nor_acknowledgements(text: str) -> None:
    assert read_address(text) == "remark"


def test_words_for_someone_else_are_not_for_the_bot() -> None:
    assert read_address("<@U0SAM> can you send me the deck?", mentions_others=True) == "elsewhere"
    assert read_address("can someone send me the deck?") == "elsewhere"
    assert read_address("does anyone know when the meeting is?") == "elsewhere"
    # A question for the bot after a word to the room is still for the bot.
    assert read_address("can someone pass the link? also, why did Pakistan go to Moscow?") == "question"


@pytest.fixture
def bot(storage: RedisStorage) -> Briefbot:
    return build_application(Settings(_env_file=None), storage)


def test_a_top_level_mention_starts_following_and_only_its_first_answer_says_so(bot: Briefbot) -> None:
    first = bot.hear_mention("T1", "C1:1.1", "<@UBOT> why Russia?", channel="C1", starts_thread=True)
    assert first.answer and first.first_in_thread
    again = bot.hear_mention("T1", "C1:1.1", "<@UBOT> and China?", channel="C1", starts_thread=False)
    assert again.answer and not again.first_in_thread
    assert bot.hear_in_thread("T1", "C1:1.1", "and what did India do?", channel="C1").answer


def test_in_a_followed_thread_chatter_and_words_for_others_are_left_alone(bot: Briefbot) -> None:
    bot.hear_mention("T1", "C1:2.1", "<@UBOT> why Russia?", channel="C1", starts_thread=True)
    for text, mentions_others, reason in [
        ("thanks!", False, "acknowledgement"),
        ("+1", False, "acknowledgement"),
        ("I'll read it later", False, "remark"),
        ("<@U0SAM> can you send me the deck?", True, "elsewhere"),
    ]:
        heard = bot.hear_in_thread("T1", "C1:2.1", text, channel="C1", mentions_others=mentions_others)
        assert (heard.answer, heard.reason) == (False, reason)


def test_a_mention_inside_someone_elses_thread_is_answered_but_the_thread_not_followed(bot: Briefbot) -> None:
    heard = bot.hear_mention("T1", "C1:3.1", "<@UBOT> why Russia?", channel="C1", starts_thread=False)
    assert heard.answer and not heard.first_in_thread
    assert bot.hear_in_thread("T1", "C1:3.1", "and China?", channel="C1").reason == "not_followed"


def test_a_thread_under_the_bots_message_is_followed_from_its_first_question(bot: Briefbot) -> None:
    assert not bot.hear_in_thread("T1", "C1:4.1", "nice", channel="C1", replies_to_bot=True).answer
    first = bot.hear_in_thread(
        "T1", "C1:4.1", "why did the US tilt to India?", channel="C1", replies_to_bot=True
    )
    assert first.answer and first.first_in_thread
    later = bot.hear_in_thread("T1", "C1:4.1", "and then what?", channel="C1", replies_to_bot=True)
    assert later.answer and not later.first_in_thread


def test_a_stopped_thread_is_never_followed_again(bot: Briefbot) -> None:
    bot.hear_mention("T1", "C1:5.1", "<@UBOT> why Russia?", channel="C1", starts_thread=True)
    bot.unfollow("T1", "C1:5.1")
    assert bot.hear_in_thread("T1", "C1:5.1", "and China?", channel="C1").reason == "stopped"
    assert (
        bot.hear_in_thread("T1", "C1:5.1", "and China?", channel="C1", replies_to_bot=True).reason
        == "stopped"
    )
    assert not bot.follow("T1", "C1:5.1")
    assert bot.hear_mention("T1", "C1:5.1", "<@UBOT> and India?", channel="C1", starts_thread=False).answer


def test_a_mention_only_channel_follows_no_thread_until_switched_back(bot: Briefbot) -> None:
    assert bot.set_mention_only("T1", "CQ", True).saved
    assert bot.channel_settings("T1", "CQ").mention_only
    heard = bot.hear_mention("T1", "CQ:6.1", "<@UBOT> why Russia?", channel="CQ", starts_thread=True)
    assert heard.answer and not heard.first_in_thread
    assert bot.hear_in_thread("T1", "CQ:6.1", "and China?", channel="CQ").reason == "mention_only"
    assert not bot.channel_settings("T1", "C1").mention_only  # other channels keep the default
    bot.set_mention_only("T1", "CQ", False)
    assert bot.hear_mention("T1", "CQ:6.2", "<@UBOT> why?", channel="CQ", starts_thread=True).first_in_thread


def test_direct_messages_are_answered_unless_they_only_thank(bot: Briefbot) -> None:
    assert bot.hear_direct("T1", "hi").answer  # gets usage
    assert not bot.hear_direct("T1", "thank you!").answer
    first = bot.hear_direct("T1", "why Russia?", conversation="D1:7.1")
    assert first.first_in_thread
    assert not bot.hear_direct("T1", "and China?", conversation="D1:7.1").first_in_thread


def test_suggested_prompts_come_from_the_topics(bot: Briefbot) -> None:
    prompts = bot.suggested_prompts()
    assert 1 <= len(prompts) <= 4
    assert [p.title for p in prompts] == [t.title for t in bot.kb.topics][: len(prompts)]
    assert all(p.message.endswith("?") for p in prompts)
    assert bot.thread_title("<@UBOT> what did the US ask " + "very " * 30 + "much?").endswith("…")
    assert len(bot.thread_title("x" * 500)) == 60


def test_with_redis_down_threads_are_left_alone_and_nothing_fails(redis_server: RedisServer) -> None:
    closed = RedisServer()
    closed.start()
    url = closed.url
    closed.stop()
    bot = build_application(Settings(_env_file=None), RedisStorage.from_url(url, retry_after=0.2))
    assert bot.hear_mention("T1", "C1:8.1", "<@UBOT> why?", channel="C1", starts_thread=True).answer
    assert bot.hear_in_thread("T1", "C1:8.1", "and China?", channel="C1").reason == "not_followed"
    assert not bot.set_mention_only("T1", "C1", True).saved
