"""Block Kit rendering: escaping, Slack's limits, and what the buttons carry."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import urllib.parse
from pathlib import Path

import pytest

from bot.adapters.storage import RedisStorage
from bot.core import Answer, Citation, SourceInfo
from handlers.blocks import ActionValue, render_answer, render_home, render_usage
from handlers.mrkdwn import escape, fallback, link, quoted
from knowledge.base import DEFAULT_DATA_DIR, KnowledgeBase, load_knowledge_base
from tests.conftest import engine_on

SOURCE = SourceInfo(
    id="s",
    title="Why Pakistan and Russia are getting closer?",
    author="Kamran Yousaf",
    outlet="The Express Tribune",
    published=dt.date(2022, 2, 28),
)


def answer(text: str, *, question: str = "why?", citations: int = 1, kind: str = "answer") -> Answer:
    quotes = [
        Citation(source_id="s", quote=f"quote {i} <b> & co", start=0, end=1, passage_id="s:1")
        for i in range(citations)
    ]
    return Answer(
        id="a1",
        question=question,
        lead=text,
        grounded=kind == "answer",
        kind=kind,  # type: ignore[arg-type]
        citations=quotes,
        sources=[SOURCE] if quotes else [],
        kb_version="v1",
    )


def sections(rendered: dict) -> list[str]:
    return [b["text"]["text"] for b in rendered["blocks"] if b["type"] == "section"]


def test_user_text_is_escaped_so_it_cannot_mention_or_broadcast() -> None:
    assert escape("<!channel> <@U123> a & b") == "&lt;!channel&gt; &lt;@U123&gt; a &amp; b"
    rendered = render_answer(answer("*Bold* <!here> <@U123>", question="<!everyone> hi"), show_question=True)
    output = json.dumps(rendered)
    for raw in ("<!channel>", "<!here>", "<!everyone>", "<@U123>"):
        assert raw not in output
    assert "&lt;b&gt; &amp; co" in output  # quotes are escaped too


def test_long_answers_respect_section_block_and_text_limits() -> None:
    long_text = "\n".join(f"• point {i} " + "word " * 120 for i in range(100))  # ~60 kB
    rendered = render_answer(answer(long_text, citations=3), ephemeral=True)
    assert len(rendered["blocks"]) <= 50
    assert all(len(text) <= 3000 for text in sections(rendered))
    assert len(rendered["text"]) < 4000
    assert rendered["blocks"][-1]["type"] == "actions"  # the buttons survive trimming


def test_one_unbroken_line_is_split_into_sections() -> None:
    rendered = render_answer(answer("x" * 7000))
    assert [len(t) for t in sections(rendered)][:3] == [3000, 3000, 1000]


def test_ephemeral_grounded_answers_offer_share_and_others_do_not() -> None:
    def action_ids(rendered: dict) -> list[str]:
        return [e["action_id"] for b in rendered["blocks"] if b["type"] == "actions" for e in b["elements"]]

    assert action_ids(render_answer(answer("ok"), ephemeral=True)) == [
        "feedback_up",
        "feedback_down",
        "share_answer",
    ]
    assert action_ids(render_answer(answer("ok"))) == ["feedback_up", "feedback_down"]
    declined = render_answer(answer("The article doesn't say.", citations=0, kind="declined"), ephemeral=True)
    assert action_ids(declined) == ["feedback_up", "feedback_down"]
    assert "doesn't cover this" in json.dumps(declined)


def test_sources_show_title_outlet_and_date() -> None:
    rendered = json.dumps(render_answer(answer("ok")), ensure_ascii=False)
    assert (
        "_Why Pakistan and Russia are getting closer?_ — Kamran Yousaf, The Express Tribune, 28 Feb 2022"
        in rendered
    )


def test_button_value_stays_under_slacks_2000_characters() -> None:
    value = ActionValue(id="a1", q='"quoted\\" ' * 900, t=None).encode()
    assert len(value) <= 2000
    decoded = ActionValue.decode(value)
    assert decoded is not None and decoded.id == "a1" and decoded.q.startswith('"quoted')
    assert ActionValue.decode("not json") is None


def test_plain_text_fallback_is_escaped_and_capped() -> None:
    assert fallback("Title <!here>\nbody") == "Title &lt;!here&gt;\nbody"
    assert len(fallback("y" * 10_000)) < 4000


def test_usage_and_home_list_every_topic_command(kb: KnowledgeBase) -> None:
    usage = render_usage(kb)["text"]
    home = json.dumps(render_home(kb), ensure_ascii=False)
    for topic in kb.topics:
        if topic.command:
            assert topic.command in usage
            assert topic.command in home
    assert render_home(kb)["type"] == "home"


def test_button_value_round_trips_a_question_with_markup() -> None:
    value = ActionValue(id="a1", q="US & <India>?").encode()
    assert "<" not in value
    decoded = ActionValue.decode(value)
    assert decoded is not None and decoded.q == "US & <India>?"


# -- cached answers are rendered once (issue 11) ----------------------------------------------------------


def test_a_cache_entry_is_one_answer_rendered_once_per_set_of_options(
    kb: KnowledgeBase, storage: RedisStorage
) -> None:
    engine = engine_on(kb, storage)
    engine.answer("why is Pakistan getting closer to Russia?")
    key = next(iter(storage.guard.client.keys("briefbot:local:answer:*"))).rsplit(":", 1)[1]
    first, again = storage.answers.get("local", key), storage.answers.get("local", key)
    assert first is not None and first is again  # parsed once

    shown = render_answer(first, ephemeral=True, show_question=True)
    shown_again = render_answer(again, show_question=True, ephemeral=True)
    shared = render_answer(first, shared_by="U1")

    assert shown_again["blocks"] is shown["blocks"]  # nothing recomputed
    assert shown_again == shown and shared != shown
    assert "Shared by" in json.dumps(shared["blocks"]) and "Shared by" not in json.dumps(shown["blocks"])


def test_a_fresh_answer_is_rendered_each_time_and_a_changed_copy_is_not_served_the_old_blocks() -> None:
    fresh = answer("first")
    assert render_answer(fresh)["blocks"] is not render_answer(fresh)["blocks"]
    cached = fresh.model_copy(update={"cached": True})
    changed = cached.model_copy(update={"lead": "second"})

    assert "first" in json.dumps(render_answer(cached)["blocks"])
    assert "second" in json.dumps(render_answer(changed)["blocks"])


# -- sources people can open -----------------------------------------------------------------------------

EXAMPLE_URL = "https://news.example.com/2022/02/28/why-pakistan-and-russia-are-getting-closer"


@pytest.fixture
def kb_with_url(tmp_path: Path) -> KnowledgeBase:
    """A copy of the knowledge base whose source carries a `url` in its front matter (ours has none)."""
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    [source] = (data / "sources").glob("*.txt")
    text = source.read_text(encoding="utf-8")
    source.write_text(
        text.replace("published: 2022-02-28\n", f"published: 2022-02-28\nurl: {EXAMPLE_URL}\n", 1)
    )
    return load_knowledge_base(data)


def test_a_source_with_a_url_links_its_line_and_each_quote_to_its_exact_place(
    kb_with_url: KnowledgeBase, storage: RedisStorage
) -> None:
    answer = engine_on(kb_with_url, storage).answer("How did Pakistan respond to the US request?")
    assert answer.sources[0].url == EXAMPLE_URL
    rendered = render_answer(answer)
    blocks = json.dumps(rendered["blocks"], ensure_ascii=False)
    assert f"<{EXAMPLE_URL}|Why Pakistan and Russia are getting closer?>" in blocks
    quote = next(c.quote for c in answer.citations if c.quote.startswith("Pakistan politely said"))
    fragment = quote_fragment(quote)
    assert f"> <{EXAMPLE_URL}#:~:text={fragment}|“{quote}”>" in blocks
    assert rendered["unfurl_links"] is False and rendered["unfurl_media"] is False  # no preview of the page


def test_a_text_fragment_is_percent_encoded_as_the_spec_requires() -> None:
    source = SOURCE.model_copy(update={"url": "https://news.example.com/story#comments"})
    assert source.link_to("Pakistan politely said ‘no’ - twice, & firmly") == (
        "https://news.example.com/story#:~:text="
        "Pakistan%20politely%20said%20%E2%80%98no%E2%80%99%20%2D%20twice%2C%20%26%20firmly"
    )
    long = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    assert source.link_to(long) == (
        "https://news.example.com/story#:~:text=one%20two%20three%20four%20five,"
        "ten%20eleven%20twelve%20thirteen%20fourteen"
    )
    assert SOURCE.link_to("anything") is None  # no address: no link
    assert SOURCE.model_copy(update={"url": "javascript:alert(1)"}).link_to("x") is None


def test_a_link_that_could_break_slack_markup_is_not_made() -> None:
    assert link("https://example.com/a|b>c", "Title") == "_Title_"
    assert quoted("a | b", "https://example.com/x") == "> “a | b”"
    assert link("https://example.com/ok", "A <b>") == "<https://example.com/ok|A &lt;b&gt;>"


def quote_fragment(quote: str) -> str:
    """The fragment the renderer should make for a quote: its words, or its first and last five."""
    words = quote.split()
    encode = lambda ws: urllib.parse.quote(" ".join(ws), safe="").replace("-", "%2D")  # noqa: E731
    return encode(words) if len(words) <= 12 else f"{encode(words[:5])},{encode(words[-5:])}"
