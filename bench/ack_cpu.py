"""CPU per slash-command ack, in one process: the web process's WSGI app beside the bare Bolt app.

    .venv/bin/python bench/ack_cpu.py [--requests 3000] [--rounds 2]

`bench/ack_latency.py` measures throughput through gunicorn, where both apps spend most of an ack in Bolt's
10 ms poll for `ack()`; this one takes the poll and the network away to show what each ack costs the CPU.
Both apps are called directly with Slack-signed `/ask` bodies (cached answers, rate limits raised), their
listeners run inline (an executor that runs each job at once), against a Redis server and a fake Slack on
loopback. Prints CPU and wall time per request for each app and each round, then the ratio of CPU.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import hmac
import io
import os
import sys
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SECRET = "bench-signing-secret"
QUESTIONS = [
    "why is Pakistan getting closer to Russia?",
    "what does the US want?",
    "what role does China play?",
]


class Inline(concurrent.futures.Executor):
    """Runs each submitted job at once, so an ack is ready when Bolt first looks."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> concurrent.futures.Future[Any]:
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        future.set_result(fn(*args, **kwargs))
        return future


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=3000, help="commands per app per round")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from tests.servers import RedisServer
    from tests.servers.fake_slack import FakeSlack

    with RedisServer() as redis_server, FakeSlack() as slack:
        os.environ.update(
            SLACK_BOT_TOKEN="xoxb-bench",
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=f"{slack.url}/api/",
            REDIS_URL=redis_server.url,
            USER_RATE_LIMIT="1000000",
            CHANNEL_RATE_LIMIT="1000000",
        )
        import ack_latency

        from bot.entrypoints.web import create_app

        briefbot = create_app()
        briefbot.app.bolt.listener_runner.listener_executor = Inline()
        bare = ack_latency.bare_app()
        bare.app.listener_runner.listener_executor = Inline()
        apps = {"bare bolt": bare, "briefbot": briefbot}
        for app in apps.values():  # warm-up: imports, first answers (then cached)
            for i in range(60):
                _call(app, i, slack.url)
        cpu: dict[str, list[float]] = {name: [] for name in apps}
        for round_no in range(args.rounds):
            for name, app in apps.items():
                started_cpu, started = time.process_time(), time.perf_counter()
                for i in range(args.requests):
                    _call(app, i, slack.url)
                per_cpu = (time.process_time() - started_cpu) / args.requests * 1000
                per_wall = (time.perf_counter() - started) / args.requests * 1000
                cpu[name].append(per_cpu)
                print(f"round {round_no + 1} {name:9}  {per_cpu:.3f} ms CPU per ack  {per_wall:.3f} ms wall")
    ours, theirs = sum(cpu["briefbot"]), sum(cpu["bare bolt"])
    print(f"briefbot costs {ours / theirs:.1f}× the bare Bolt app's CPU per ack")
    return 0


def _call(app: Any, i: int, slack_url: str) -> None:
    fields = {
        "command": "/ask",
        "text": QUESTIONS[i % len(QUESTIONS)],
        "team_id": "T1",
        "user_id": "U1",
        "channel_id": "C1",
        "trigger_id": f"{i}.{time.time_ns()}",
        "response_url": f"{slack_url}/response",
        "api_app_id": "A1",
    }
    body = urllib.parse.urlencode(fields).encode()
    timestamp = str(int(time.time()))
    signature = hmac.new(SECRET.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256)
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/slack/events",
        "QUERY_STRING": "",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "HTTP_X_SLACK_REQUEST_TIMESTAMP": timestamp,
        "HTTP_X_SLACK_SIGNATURE": "v0=" + signature.hexdigest(),
        "SERVER_NAME": "bench",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
    }
    statuses: list[str] = []
    b"".join(app(environ, lambda status, headers, exc_info=None: statuses.append(status)))
    if not statuses[0].startswith("200"):
        raise SystemExit(f"request {i} failed: {statuses[0]}")


if __name__ == "__main__":
    raise SystemExit(main())
