"""Metamorphic check: the regression set's answerable questions, re-asked the way people type in Slack, must
get the same answer. Each single-turn grounded question is rewritten three ways — with a greeting preamble, in
lower case without punctuation, with one typo (two letters swapped) in its longest word — and each variant's
answer must rest on the same key point (the same sentence, for an answer without key points).

    .venv/bin/python bench/metamorphic.py [--show]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.adapters.storage import RedisStorage
from bot.adapters.storage.embedded import EmbeddedRedis
from bot.core.answer import Answer
from bot.core.engine import AnswerEngine
from knowledge.base import load_knowledge_base

QUESTIONS = Path(__file__).resolve().parent.parent / "tests" / "data" / "questions.json"


def greeting(question: str) -> str:
    return f"hey! quick question: {question}"


def lower_bare(question: str) -> str:
    return " ".join(re.sub(r"[^\w\s'’-]", " ", question.lower()).split())


def typo(question: str) -> str:
    """Two neighbouring letters swapped in the question's longest word (ties: the first)."""
    words = re.findall(r"[A-Za-z]{5,}", question)
    if not words:
        return question
    word = max(words, key=len)
    middle = len(word) // 2
    swapped = word[: middle - 1] + word[middle] + word[middle - 1] + word[middle + 1 :]
    return question.replace(word, swapped, 1)


VARIANTS: dict[str, Callable[[str], str]] = {"greeting": greeting, "lower_bare": lower_bare, "typo": typo}


def anchor(answer: Answer) -> str | None:
    """What an answer rests on: its first key point, or its first sentence."""
    if not answer.grounded:
        return None
    return answer.key_points[0] if answer.key_points else (answer.passages or [None])[0]


def questions(path: Path = QUESTIONS) -> list[str]:
    cases = json.loads(path.read_text(encoding="utf-8"))["cases"]
    return [c["turns"][0]["question"] for c in cases if c["grounded"] and len(c["turns"]) == 1]


def run(engine: AnswerEngine) -> dict[str, list[tuple[str, str, str | None, str | None]]]:
    """For each variant: (original, variant, original's anchor, variant's anchor) of every comparable case."""
    results: dict[str, list[tuple[str, str, str | None, str | None]]] = {name: [] for name in VARIANTS}
    for question in questions():
        original = anchor(engine.answer(question, team="metamorphic"))
        if original is None:
            continue
        for name, rewrite in VARIANTS.items():
            variant = rewrite(question)
            results[name].append(
                (question, variant, original, anchor(engine.answer(variant, team="metamorphic")))
            )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list every variant that changed its answer")
    args = parser.parse_args()
    server = EmbeddedRedis()
    storage = RedisStorage.from_url(server.start())
    try:
        engine = AnswerEngine(
            load_knowledge_base(), cache=storage.answers, threads=storage.threads, counters=storage.counters
        )
        results = run(engine)
    finally:
        server.stop()
    total = same = 0
    for name, rows in results.items():
        kept = sum(a == b for _, _, a, b in rows)
        total, same = total + len(rows), same + kept
        print(f"{name:11s} {kept}/{len(rows)} same key point ({kept / len(rows):.1%})")
        if args.show:
            for _, variant, a, b in rows:
                if a != b:
                    print(f"    {variant!r}: {a} -> {b}")
    print(f"overall     {same}/{total} ({same / total:.1%}); target ≥ 98%")


if __name__ == "__main__":
    main()
