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
