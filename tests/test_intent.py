"""Reading what a question asks for from its wording alone."""

from __future__ import annotations

import pytest

from bot.core.intent import Intent, read_intent


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Why did the US tilt towards India?", Intent(follow_up=True, why=True)),
        ("And how did that affect Pakistan?", Intent(follow_up=True)),
        ("What else did they demand?", Intent(follow_up=True, more=True)),
        ("How many years since the last visit?", Intent(quantity=True, detail="number")),
        ("Summarise the article for me please", Intent(summary=True)),
        ("What did the Russian foreign minister say?", Intent(speaker="the Russian foreign minister")),
        ("Which foreign minister defended the visit to Moscow?", Intent()),
    ],
)
def test_the_wording_of_a_question_gives_its_intent(question: str, expected: Intent) -> None:
    assert read_intent(question) == expected


def test_a_passive_question_names_no_speaker() -> None:
    assert read_intent("What was Pakistan told to do about the Ukraine conflict?").speaker is None


@pytest.mark.parametrize(
    ("question", "headline"),
    [
        ("what's the headline?", True),
        ("title of the piece?", True),
        ("what's the headline on this one?", True),
        ("headline?", True),
        ("headline on what the us gave india?", False),  # the gist, in newsroom and trading-desk talk
        ("who defended the trip? name and title?", False),  # a person's title
        ("give me the headline on the china angle", False),
    ],
)
def test_a_headline_is_the_articles_only_when_the_article_is_meant(question: str, headline: bool) -> None:
    assert (read_intent(question).source == "headline") is headline


def test_linking_something_to_the_piece_is_not_asking_for_its_link() -> None:
    assert read_intent("can you send the link to the tribune story?").source == "outlet"
    assert read_intent("did pakistan vote at the un? want to link it to this piece").source is None
