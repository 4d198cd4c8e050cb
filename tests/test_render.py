"""Block Kit rendering: escaping, Slack's limits, and what the buttons carry."""

from __future__ import annotations

import datetime as dt
import json

from bot.core import Answer, Citation, SourceInfo
from handlers.blocks import ActionValue, render_answer, render_home, render_usage
from handlers.mrkdwn import escape, fallback
from knowledge.base import KnowledgeBase

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
