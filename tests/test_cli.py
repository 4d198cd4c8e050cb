"""The command line as a newcomer meets it (issue 13): one plain line on stderr for every mistake, no start-up
work before a missing token is noticed, and a console that shows answers without markup."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.servers.redis_server import free_port

ROOT = Path(__file__).resolve().parent.parent


def briefbot(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_", "OPENAI_", "SLACK_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], capture_output=True, text=True, cwd=ROOT, timeout=60,
        env={**clean, **(env or {})}, input=stdin,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "no question set at"),
        ("{not json", "is not valid JSON"),
        ("[]", "is not a question set"),
        ('{"foo": 1}', "is not a question set"),
        ('{"cases": []}', "has no cases"),
        ('{"cases": [{"id": "a"}]}', "cases.0.turns field required"),
    ],
)
def test_eval_of_something_that_is_not_a_question_set_is_one_line_and_exit_2(
    tmp_path: Path, content: str | None, says: str
) -> None:
    path = tmp_path / "set.json"
    if content is not None:
        path.write_text(content)

    done = briefbot("eval", str(path))

    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and says in done.stderr and "Traceback" not in done.stderr


def test_eval_of_a_directory_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = briefbot("eval", str(tmp_path))
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "is a directory" in done.stderr


@pytest.mark.parametrize("command", [["clock"], ["serve"]])
def test_a_missing_token_is_said_before_any_start_up_work(command: list[str], tmp_path: Path) -> None:
    started = time.monotonic()
    done = briefbot(*command, env={"SLACK_APP_TOKEN": "xapp-1", "REDIS_DATA_DIR": str(tmp_path)})

    assert done.returncode == 2
    assert done.stderr.startswith("briefbot: SLACK_BOT_TOKEN is not set")
    assert done.stderr.count("\n") == 1
    assert not (tmp_path / "server.json").exists()  # no Valkey was started for nothing
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("PORT", "abc", "PORT must be a whole number"),
        ("USER_RATE_LIMIT", "0", "USER_RATE_LIMIT must be at least 1"),
    ],
)
def test_a_bad_setting_is_named_in_plain_words(variable: str, value: str, says: str) -> None:
    done = briefbot("ask", "hi", env={variable: value})
    assert done.returncode == 2 and done.stderr == f"briefbot: {says}\n"


def test_a_manifest_url_that_is_not_a_url_is_refused() -> None:
    done = briefbot("manifest", "--url", "notaurl")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "is not a URL" in done.stderr


def test_stats_without_redis_say_so_and_fail() -> None:
    done = briefbot("stats", env={"REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"})
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "can't reach Redis" in done.stderr


def test_the_console_lists_what_can_be_typed_and_shows_answers_without_markup(tmp_path: Path) -> None:
    try:
        done = briefbot(
            "chat",
            env={"REDIS_DATA_DIR": str(tmp_path)},
            stdin="help\nWhy are Pakistan and Russia getting closer?\n",
        )
    finally:
        briefbot("redis", "stop", env={"REDIS_DATA_DIR": str(tmp_path)})

    assert done.returncode == 0, done.stderr
    assert "/why-russia" in done.stdout and "/ask <question>" in done.stdout and "quit" in done.stdout
    assert "Why Pakistan is getting closer to Russia" in done.stdout
    for markup in ("*Why", "_(", "&lt;", "&gt;"):
        assert markup not in done.stdout


def test_an_empty_token_is_one_not_set_and_opens_the_console(tmp_path: Path) -> None:
    """ "SLACK_BOT_TOKEN=" left blank in a .env template is no token: the console, not a refusal."""
    try:
        done = briefbot(env={"SLACK_BOT_TOKEN": "", "REDIS_DATA_DIR": str(tmp_path)}, stdin="quit\n")
    finally:
        briefbot("redis", "stop", env={"REDIS_DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert "starting the local console" in done.stdout
