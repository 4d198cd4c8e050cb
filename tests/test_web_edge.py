"""The web process's edge (issues 11 and 9), through the Procfile's web command over real HTTP.

Nothing of a request's body is parsed before its Slack signature holds; rejections never put a body, a header
or the verification token in the log; a malformed timestamp is a 401; a slow client holds no worker; and a
slash command whose text, channel name or user name says "payload" is still answered.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator

import pytest

from bot.adapters.storage import RedisStorage
from bot.core.settings import ConfigError, Settings, load_settings
from handlers.wsgi import parse_slack_body
from tests.servers import FakeSlack, RedisServer
from tests.slack_signing import Response, SlackSender, request, signature
from tests.web_process import WebProcess, run_web, slack_env

SECRET = "e2e1c3e0d6f14a8b9c7d5e3f1a2b4c6d"
READ_TIMEOUT = 1.0
FORGED = "2099-01-01 00:00:00,000 ERROR briefbot.forged admin=yes"


@pytest.fixture(scope="module")
def web(redis_server: RedisServer, slack_server: FakeSlack) -> Iterator[WebProcess]:
    env = slack_env(
        SECRET, slack_server.url, redis_server.url, WEB_READ_TIMEOUT=str(READ_TIMEOUT), WEB_HOST="127.0.0.1"
    )
    with run_web(env) as process:
        yield process


@pytest.fixture
def slack(web: WebProcess, fake_slack: FakeSlack, storage: RedisStorage) -> SlackSender:
    return SlackSender(web.port, SECRET)


def slash(
    fake: FakeSlack, text: str, *, channel_name: str = "general", user_name: str = "ayesha"
) -> dict[str, str]:
    """The form fields Slack posts for `/ask <text>`."""
    return {
        "token": "verification-token-never-logged",
        "team_id": "T1",
        "team_domain": "acme",
        "channel_id": "C1",
        "channel_name": channel_name,
        "user_id": "U1",
        "user_name": user_name,
        "command": "/ask",
        "text": text,
        "api_app_id": "A1",
        "response_url": fake.response_url("r1"),
        "trigger_id": f"trig-{time.monotonic_ns()}",
    }


def answer_in(reply: Response) -> str:
    assert reply.status == 200, reply
    return str(reply.json()["text"])


# -- "payload" in a slash command (slack-bolt 1.30.0's parse_body) ------------------------------------------


@pytest.mark.parametrize(
    "text, channel_name, user_name",
    [
        ("what did the US ask Pakistan to do? (payload question)", "general", "ayesha"),
        ("what did the US ask Pakistan to do?", "payload-team", "ayesha"),
        ("what did the US ask Pakistan to do?", "general", "payload.admin"),
    ],
    ids=["in the text", "in the channel name", "in the user name"],
)
def test_a_command_mentioning_payload_is_answered(
    slack: SlackSender, fake_slack: FakeSlack, text: str, channel_name: str, user_name: str
) -> None:
    reply = slack.command(slash(fake_slack, text, channel_name=channel_name, user_name=user_name))

    assert "reconsider" in answer_in(reply)


def test_a_form_is_an_interaction_only_when_it_has_a_payload_field() -> None:
    command = urllib.parse.urlencode(
        {"command": "/ask", "text": "payload=1&payload", "channel_name": "payload"}
    )
    click = urllib.parse.urlencode({"payload": json.dumps({"type": "block_actions", "actions": []})})
    form = "application/x-www-form-urlencoded"

    assert parse_slack_body(command, form) == {
        "command": "/ask",
        "text": "payload=1&payload",
        "channel_name": "payload",
    }
    assert parse_slack_body(click, form) == {"type": "block_actions", "actions": []}
    assert parse_slack_body('{"type": "event_callback"}', "application/json; charset=utf-8") == {
        "type": "event_callback"
    }
    for broken in ('{"type": ', "[1, 2]"):
        with pytest.raises(ValueError):
            parse_slack_body(broken, "application/json")


# -- signature first, and 401 for a bad timestamp -----------------------------------------------------------


@pytest.mark.parametrize("timestamp", ["abc", "", "12abc", "1.7e9", " 1700000000", "-1", "9" * 40, "１２３"])
def test_a_malformed_timestamp_gets_401_without_a_traceback(
    slack: SlackSender, fake_slack: FakeSlack, web: WebProcess, timestamp: str
) -> None:
    body = urllib.parse.urlencode(slash(fake_slack, "why russia?")).encode()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature(SECRET, timestamp, body),
    }

    reply = _raw_post(web.port, body, headers)

    assert reply.startswith(b"HTTP/1.1 401"), reply[:200]
    assert "Traceback" not in web.log()


def test_a_stale_timestamp_gets_401(slack: SlackSender, fake_slack: FakeSlack) -> None:
    ten_minutes_ago = int(time.time()) - 600
    assert slack.command(slash(fake_slack, "why russia?"), timestamp=ten_minutes_ago).status == 401


def test_a_malformed_body_is_not_parsed_before_its_signature_is_checked(slack: SlackSender) -> None:
    broken = b'{"type": "event_callback", "event": {'

    unsigned = slack.post(broken, "application/json", secret="not-the-signing-secret")
    signed = slack.post(broken, "application/json")

    assert unsigned.status == 401  # refused for its signature, not for its JSON
    assert signed.status == 400


def test_unsigned_large_bodies_leave_the_log_small_and_forge_no_line(web: WebProcess) -> None:
    body = b"command=%2Fask&text=hi%0A" + f"\n{FORGED}\n".encode() + b"a" * 999_000
    before = len(web.log().encode())
    statuses: list[int] = []

    def client() -> None:
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:
            timestamp = str(int(time.time()))
            reply = request(
                web.port,
                "POST",
                "/slack/events",
                body,
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "X-Slack-Request-Timestamp": timestamp,
                    "X-Slack-Signature": "v0=" + "0" * 64,
                },
            )
            statuses.append(reply.status)

    threads = [threading.Thread(target=client) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    grown = web.log().encode()[before:]
    assert len(statuses) >= 8 and set(statuses) == {401}
    assert len(grown) < 1_000, grown[:500]  # at most one counted line per reason a minute
    assert b"forged" not in grown and b"aaaa" not in grown
    assert "verification-token-never-logged" not in web.log()


def test_a_body_over_the_limit_is_refused_before_it_is_read(web: WebProcess) -> None:
    timestamp = str(int(time.time()))
    head = (
        "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: 50000000\r\nX-Slack-Request-Timestamp: {timestamp}\r\n"
        f"X-Slack-Signature: v0={'0' * 64}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", web.port), timeout=5) as sock:
        sock.sendall(head + b"{")  # 50 MB announced, one byte sent
        assert sock.recv(4096).startswith(b"HTTP/1.1 413")


# -- slow clients -------------------------------------------------------------------------------------------


def test_slow_clients_hold_no_worker_and_are_cut_off_after_the_read_timeout(
    slack: SlackSender, fake_slack: FakeSlack, web: WebProcess
) -> None:
    slow = [_slow_client(web.port) for _ in range(40)]
    try:
        time.sleep(0.2)
        ack_seconds = []
        for _ in range(8):
            started = time.monotonic()
            answer_in(slack.command(slash(fake_slack, "what role does China play?")))
            ack_seconds.append(time.monotonic() - started)
        replies = []
        for sock in slow:
            sock.settimeout(READ_TIMEOUT + 4)
            replies.append(sock.recv(4096))
    finally:
        for sock in slow:
            sock.close()

    assert max(ack_seconds) < 1.0, ack_seconds  # Slack waits 3 s
    assert all(reply.startswith(b"HTTP/1.1 408") for reply in replies), {r[:40] for r in replies}
    assert "web.rejected reason=too_slow status=408 count=1" in web.log()  # counted, not one line each


def test_the_bind_address_comes_from_the_settings(web: WebProcess) -> None:
    assert f"Listening at: http://127.0.0.1:{web.port}" in web.log()


@pytest.mark.parametrize(
    "host, bind", [("0.0.0.0", "0.0.0.0:8000"), ("127.0.0.1", "127.0.0.1:8000"), ("::", "[::]:8000")]
)
def test_the_bind_address_defaults_to_every_interface_and_takes_ipv6(
    monkeypatch: pytest.MonkeyPatch, host: str, bind: str
) -> None:
    monkeypatch.setenv("PORT", "8000")
    monkeypatch.setenv("WEB_HOST", host)
    assert load_settings().bind == bind
    monkeypatch.delenv("WEB_HOST")
    assert Settings(_env_file=None).bind == "0.0.0.0:8000"  # what Heroku's router needs


def test_a_malformed_bind_address_stops_start_up_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEB_HOST", "0.0.0.0; rm -rf /")
    with pytest.raises(ConfigError, match=r"^WEB_HOST must be an IP address or a host name$"):
        load_settings()


def _slow_client(port: int) -> socket.socket:
    """A connection that sends a signed-looking POST's headers and 2 of its 1000 body bytes, then nothing."""
    timestamp = str(int(time.time()))
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(
        (
            "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: 1000\r\nX-Slack-Request-Timestamp: {timestamp}\r\n"
            f"X-Slack-Signature: v0={'0' * 64}\r\n\r\nte"
        ).encode()
    )
    return sock


def _raw_post(port: int, body: bytes, headers: dict[str, str]) -> bytes:
    """A POST sent byte for byte (http.client would refuse some of these header values)."""
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    data = (
        f"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(body)}\r\n{head}"
        "Connection: close\r\n\r\n"
    ).encode() + body
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    return reply
