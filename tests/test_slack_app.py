"""The Slack app's start-up and packaging: manifest, configuration errors, embedded Redis under gunicorn."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from bot.core import wording
from bot.core.settings import Settings
from handlers.manifest import MANIFEST_PATH, manifest_yaml
from handlers.web_api import web_client
from knowledge.base import KnowledgeBase
from tests.servers import FakeSlack, RedisServer, Reply
from tests.slack_signing import SlackSender, request
from tests.web_process import REPO, procfile_command, run_web


def test_committed_manifest_is_current(kb: KnowledgeBase) -> None:
    assert MANIFEST_PATH.read_text(encoding="utf-8") == manifest_yaml(kb), (
        "manifest.yml is out of date: run `briefbot manifest -o manifest.yml`"
    )


SCHEMA_DIR = Path(__file__).parent / "data" / "manifest-schema"
SCHEMA_RELEASE = "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/"


def manifest_validator() -> Draft7Validator:
    """Slack's published manifest schema (tests/data/manifest-schema), references resolved to the copies."""
    versions = {
        SCHEMA_RELEASE + path.name: Resource.from_contents(json.loads(path.read_text()), DRAFT7)
        for path in (SCHEMA_DIR / "schemas").glob("*.json")
    }
    main = json.loads((SCHEMA_DIR / "manifest.schema.json").read_text())
    return Draft7Validator(main, registry=Registry().with_resources(versions.items()))


@pytest.mark.parametrize("socket_mode", [False, True])
def test_generated_manifest_validates_against_slacks_published_schema(
    kb: KnowledgeBase, socket_mode: bool
) -> None:
    manifest = yaml.safe_load(manifest_yaml(kb, socket_mode=socket_mode))
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in manifest_validator().iter_errors(manifest)
    ]
    assert errors == []


def test_the_schema_check_catches_a_broken_manifest(kb: KnowledgeBase) -> None:
    manifest: dict[str, Any] = yaml.safe_load(manifest_yaml(kb))
    manifest["features"]["assistant_view"].pop("assistant_description")
    manifest["settings"]["event_subscriptions"]["request_url"] = "ftp://nope"
    assert not manifest_validator().is_valid(manifest)


def test_manifest_asks_for_the_fewest_scopes_and_the_assistant_panel(kb: KnowledgeBase) -> None:
    manifest = yaml.safe_load(manifest_yaml(kb))
    assert manifest["oauth_config"]["scopes"]["bot"] == [
        "app_mentions:read",
        "assistant:write",
        "channels:history",
        "groups:history",
        "chat:write",
        "commands",
        "im:history",
    ]  # no im:read or im:write: no call opens or lists DMs
    assert "assistant_thread_started" in manifest["settings"]["event_subscriptions"]["bot_events"]
    view = manifest["features"]["assistant_view"]
    assert [p["title"] for p in view["suggested_prompts"]] == [t.title for t in kb.topics][:4]
    assert "/briefbot" in {c["command"] for c in manifest["features"]["slash_commands"]}


def test_manifest_has_every_command_event_and_interactivity(kb: KnowledgeBase) -> None:
    manifest = yaml.safe_load(manifest_yaml(kb))
    commands = {c["command"] for c in manifest["features"]["slash_commands"]}
    assert {"/ask", "/brief"} <= commands
    assert {t.command for t in kb.topics if t.command} <= commands
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    assert {"app_mention", "message.im", "app_home_opened"} <= set(events)
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert {"commands", "chat:write", "app_mentions:read", "im:history"} <= set(
        manifest["oauth_config"]["scopes"]["bot"]
    )
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True


def test_socket_mode_manifest_has_no_request_urls(kb: KnowledgeBase) -> None:
    manifest = yaml.safe_load(manifest_yaml(kb, socket_mode=True))
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert "request_url" not in manifest["settings"]["event_subscriptions"]
    assert all("url" not in c for c in manifest["features"]["slash_commands"])


def test_procfile_web_line_is_gunicorn_with_our_config() -> None:
    assert procfile_command() == [
        "gunicorn",
        "--config",
        "bot/entrypoints/gunicorn_conf.py",
        "bot.entrypoints.web:create_app()",
    ]


def test_missing_signing_secret_fails_at_start_with_one_line_naming_it() -> None:
    with run_web({"SLACK_BOT_TOKEN": "xoxb-test"}, wait=False) as web:
        assert web.proc.wait(timeout=20) == 2
        output = web.log().strip()
    assert output == "briefbot: SLACK_SIGNING_SECRET is not set; it is required to serve Slack over HTTP"


def test_malformed_token_fails_at_start_without_printing_it() -> None:
    with run_web({"SLACK_BOT_TOKEN": "xoxp-user-token-123", "SLACK_SIGNING_SECRET": "s"}, wait=False) as web:
        assert web.proc.wait(timeout=20) == 2
        output = web.log().strip()
    assert output.startswith("briefbot: SLACK_BOT_TOKEN must start with xoxb-")
    assert "xoxp-user-token-123" not in output


def test_without_redis_url_the_workers_share_one_embedded_valkey(slack_server: FakeSlack) -> None:
    env = {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": slack_server.url}
    with run_web(env) as web:
        assert request(web.port, "GET", "/healthz").json()["redis"] == "ok"
        log = web.log()
    assert log.count("redis.embedded url=") == 1  # started once, by the master


def test_serve_without_app_token_explains_http_mode_and_exits_2() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "serve"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "SLACK_BOT_TOKEN": "xoxb-test"},
    )
    assert result.returncode == 2
    assert "SLACK_APP_TOKEN" in result.stderr and "gunicorn" in result.stderr


def test_slack_api_url_without_a_trailing_slash_still_reaches_the_api_path() -> None:
    with FakeSlack() as fake:
        settings = Settings(_env_file=None, slack_bot_token="xoxb-test", slack_api_url=fake.url.rstrip("/"))
        web_client(settings).chat_postMessage(channel="C1", text="hello")
        assert [c.args["channel"] for c in fake.calls("chat.postMessage")] == ["C1"]


def test_web_process_starts_while_slack_is_unreachable_and_answers_once_it_is_back(
    redis_server: RedisServer,
) -> None:
    with FakeSlack() as fake:
        fake.script("auth.test", Reply(503, {"ok": False, "error": "service_unavailable"}))
        env = {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": fake.url,
               "REDIS_URL": redis_server.url, "WEB_CONCURRENCY": "1"}  # fmt: skip
        with run_web(env) as web:  # booting does not need Slack
            sender = SlackSender(web.port, "s")
            replies = []
            for attempt in range(2):  # the first request finds auth.test failing; the next one succeeds
                fields = {"command": "/ask", "text": "Who wrote this?", "team_id": "T1", "user_id": "U1",
                          "channel_id": "C1", "trigger_id": f"boot-{attempt}"}  # fmt: skip
                replies.append(sender.command(fields))
        assert all(r.status == 200 for r in replies)
        assert wording.SLACK_UNREACHABLE in replies[0].body.decode()  # short and human, not Bolt's default
        assert "Kamran Yousaf" in replies[-1].json()["text"]
