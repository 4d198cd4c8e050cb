"""Running a question set (the format of shared/eval/dev.json) through the engine and scoring each case."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

from pydantic import BaseModel, Field

from bot.core.answer import Answer
from bot.core.engine import AnswerEngine
from knowledge.text import normalise

MAX_SHOWN_CHARS = 1500


class EvalTurn(BaseModel):
    question: str
    facts: list[list[str]] = Field(default_factory=list)


class EvalCase(BaseModel):
    id: str
    turns: list[EvalTurn] = Field(min_length=1)
    grounded: bool
    min_facts: int | None = None
    forbidden: list[str] = Field(default_factory=list)


class EvalSet(BaseModel):
    about: str = ""
    cases: list[EvalCase]


class CaseResult(BaseModel):
    id: str
    passed: bool
    reason: str
    answer: Answer


class EvalReport(BaseModel):
    results: list[CaseResult]

    @property
    def passed(self) -> int:
        return sum(r.passed for r in self.results)

    @property
    def rate(self) -> float:
        return self.passed / len(self.results) if self.results else 0.0

    def fallback_rate(self) -> float:
        return sum(r.answer.fallback_reason is not None for r in self.results) / max(len(self.results), 1)

    def tokens(self) -> int:
        return sum((r.answer.usage.prompt_tokens + r.answer.usage.completion_tokens) if r.answer.usage else 0
                   for r in self.results)  # fmt: skip


class QuestionSetError(Exception):
    """A question set cannot be read; the message says what is wrong in one line."""


def load_eval_set(path: Path) -> EvalSet:
    """Read a question set; QuestionSetError says plainly why a file is not one."""
    if path.is_dir():
        raise QuestionSetError(f"{path} is a directory, not a question set (a .json file)")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QuestionSetError(f"no question set at {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionSetError(f"cannot read {path}: {exc.__class__.__name__}") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise QuestionSetError(f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno})") from None
    if not isinstance(raw, dict) or "cases" not in raw:
        raise QuestionSetError(
            f'{path} is not a question set: expected {{"cases": [...]}} as in ../shared/eval'
        )
    try:
        cases = EvalSet.model_validate(raw)
    except ValueError as exc:
        first = exc.errors()[0] if hasattr(exc, "errors") else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise QuestionSetError(
            f"{path}: {where or 'a case'} {first.get('msg', 'is invalid').lower()}"
        ) from None
    if not cases.cases:
        raise QuestionSetError(f"{path} has no cases")
    return cases


def run_eval(engine: AnswerEngine, cases: EvalSet, *, team: str | None = None) -> EvalReport:
    """Each case is one fresh thread; only its last turn is scored.

    Each run has its own team namespace, so a shared Redis never serves an earlier run's cached answers
    (which would report old tokens and test an old model or prompt).
    """
    team = team or f"eval-{uuid.uuid4().hex[:8]}"
    results = []
    for case in cases.cases:
        conversation = f"eval-{case.id}-{uuid.uuid4().hex[:8]}"
        answer = None
        for turn in case.turns:
            answer = engine.answer(turn.question, team=team, conversation=conversation)
        assert answer is not None
        passed, reason = score_case(case, answer, _article_texts(engine))
        results.append(CaseResult(id=case.id, passed=passed, reason=reason, answer=answer))
    return EvalReport(results=results)


def score_case(case: EvalCase, answer: Answer, articles: list[str]) -> tuple[bool, str]:
    """Apply the question set's rules (its `about` field) to the last turn's answer."""
    shown = answer.answer + "\n" + "\n".join(c.quote for c in answer.citations)
    for pattern in case.forbidden:
        if re.search(pattern, shown, re.IGNORECASE):
            return False, f"forbidden text matched: {pattern!r}"
    if not case.grounded:
        return (
            not answer.grounded,
            "declined" if not answer.grounded else "answered, but the article does not say",
        )
    if not answer.grounded:
        return False, "declined a question the article answers"
    for citation in answer.citations:
        if not any(_loose(citation.quote) in _loose(text) for text in articles):
            return False, f"quote not verbatim in the article: {citation.quote[:60]!r}"
    if len(shown) >= MAX_SHOWN_CHARS:
        return False, f"answer plus quotes is {len(shown)} characters"
    facts = case.turns[-1].facts
    found = [any(re.search(alt, shown, re.IGNORECASE) for alt in fact) for fact in facts]
    need = len(facts) if case.min_facts is None else case.min_facts
    missing = [fact[0] for fact, ok in zip(facts, found, strict=True) if not ok]
    if sum(found) < need:
        return False, f"{sum(found)}/{len(facts)} facts, needs {need}; missing {missing}"
    return True, f"{sum(found)}/{len(facts)} facts"


def _article_texts(engine: AnswerEngine) -> list[str]:
    return [s.text for s in engine.kb.sources.values()]


def _loose(text: str) -> str:
    return " ".join(normalise(text).split())
