"""Slash-command ack latency and throughput: the Procfile's web process beside a bare Bolt app, in one run.

    .venv/bin/python bench/ack_latency.py [--requests 1600] [--clients 16] [--rounds 2] [--max-seconds 60]

Both apps run under gunicorn with the same settings (bot/entrypoints/gunicorn_conf.py, same
WEB_CONCURRENCY), each with its own fake Slack Web API (in a child process, so answers
posted to response_url do not slow the load generator) and Redis server on loopback. The bare app is one
`/ask` listener that acks.
Each client keeps one HTTP/1.1 connection and sends Slack-signed `/ask` commands back to back (signed before
the clock starts); ack latency is the time to the complete HTTP response. Rounds alternate bare/briefbot so
both see the same machine. Rate limits are raised for the run so every command takes the answering path.
Targets (issue 3): ack p99 < 100 ms and at least 80% of the bare app's requests/s.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import http.client
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[1]
SECRET = "bench-signing-secret"
QUESTIONS = [
    "why is Pakistan getting closer to Russia?",
    "what does the US want?",
    "what role does China play?",
    "what about the FATF and the IMF?",
    "what did Putin say?",
    "who wrote the article?",
]


def bare_app() -> Any:
    """The baseline (gunicorn: `ack_latency:bare_app()`): one Bolt `/ask` listener that only acks."""
    from slack_bolt import App
    from slack_bolt.adapter.wsgi import SlackRequestHandler
    from slack_sdk import WebClient

    app = App(
        client=WebClient(token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"]),
        signing_secret=os.environ["SLACK_SIGNING_SECRET"],
    )

    @app.command("/ask")
    def ask(ack: Any) -> None:
        ack()

    return SlackRequestHandler(app, path="/slack/events")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=1600, help="commands per app per round")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--max-seconds", type=float, default=60.0, help="cap on one measured run")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.servers import RedisServer

    procfile_web = _procfile_web()
    apps = {
        "bare bolt": [*procfile_web[:-1], "--pythonpath", str(ROOT / "bench"), "ack_latency:bare_app()"],
        "briefbot": procfile_web,
    }
    results: dict[str, list[Run]] = {name: [] for name in apps}
    with ExitStack() as stack:
        servers = {}
        for name, command in apps.items():
            slack = stack.enter_context(_fake_slack())
            redis_server = stack.enter_context(RedisServer())
            port = stack.enter_context(_gunicorn(command, slack.url, redis_server.url))
            servers[name] = (port, slack)
            drive(port, slack, 64, args.clients, args.max_seconds)  # warm-up: imports, first answers
        print(f"web command: {shlex.join(procfile_web)}")
        print(f"clients {args.clients}; commands per app and round {args.requests}; rounds {args.rounds}")
        for round_no in range(args.rounds):
            for name, (port, slack) in servers.items():
                run = drive(port, slack, args.requests, args.clients, args.max_seconds)
                results[name].append(run)
                print(f"round {round_no + 1} {name:9}  {run.line()}")
            ratio = results["briefbot"][-1].rate / results["bare bolt"][-1].rate
            print(f"round {round_no + 1} briefbot = {ratio:.0%} of bare Bolt")
        sent = args.rounds * args.requests + 64
        answers = servers["briefbot"][1].answers(expected=0)
        acked = sum(run.answered_in_ack for run in results["briefbot"])
        measured = args.rounds * args.requests
        # Offline answers travel in the ack body; LLM-mode answers would come through the response_url.
        print(f"briefbot answers: {acked} of {measured} measured commands in the ack body; "
              f"{answers} of {sent} posted to response_url")  # fmt: skip

    print("overall:")
    totals = {name: Run.merge(runs) for name, runs in results.items()}
    for name, total in totals.items():
        print(f"  {name:9}  {total.line()}")
    ratio = totals["briefbot"].rate / totals["bare bolt"].rate
    print(f"briefbot throughput = {ratio:.0%} of the bare Bolt app (target ≥ 80%); "
          f"briefbot ack p99 {totals['briefbot'].p(99):.1f} ms (target < 100 ms)")  # fmt: skip
    return 0


@dataclass
class Run:
    """One measured run: per-request latencies, wall time, failures."""

    latencies_ms: list[float]
    seconds: float
    failures: int
    answered_in_ack: int = 0

    @property
    def rate(self) -> float:
        return len(self.latencies_ms) / self.seconds

    def p(self, percentile: int) -> float:
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[percentile - 1]

    def line(self) -> str:
        return (f"n={len(self.latencies_ms):5}  ack p50 {self.p(50):6.2f} ms  p99 {self.p(99):6.2f} ms  "
                f"{self.rate:7.1f} req/s  failures {self.failures}")  # fmt: skip

    @staticmethod
    def merge(runs: list[Run]) -> Run:
        return Run(
            latencies_ms=[ms for r in runs for ms in r.latencies_ms],
            seconds=sum(r.seconds for r in runs),
            failures=sum(r.failures for r in runs),
            answered_in_ack=sum(r.answered_in_ack for r in runs),
        )


def drive(port: int, slack: Any, count: int, clients: int, max_seconds: float) -> Run:
    """Send `count` signed /ask commands over `clients` keep-alive connections; time each to its response."""
    requests = [_signed_command(slack, i) for i in range(count)]
    shares = [requests[i::clients] for i in range(clients)]
    latencies: list[list[float]] = [[] for _ in range(clients)]
    failures = [0] * clients
    in_ack = [0] * clients
    barrier = threading.Barrier(clients + 1)
    deadline = [0.0]

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        barrier.wait()
        for body, headers in shares[i]:
            if time.perf_counter() > deadline[0]:
                break
            started = time.perf_counter()
            try:
                conn.request("POST", "/slack/events", body=body, headers=headers)
                response = conn.getresponse()
                in_ack[i] += b'"blocks"' in response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                ok = False
            if ok:
                latencies[i].append((time.perf_counter() - started) * 1000)
            else:
                failures[i] += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    deadline[0] = time.perf_counter() + max_seconds
    started = time.perf_counter()
    barrier.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return Run([ms for per in latencies for ms in per], elapsed, sum(failures), sum(in_ack))


def _signed_command(slack: Any, i: int) -> tuple[bytes, dict[str, str]]:
    form = {
        "token": "legacy-unused",
        "team_id": "T0BENCH",
        "team_domain": "bench",
        "channel_id": f"C{i % 64:04d}",
        "channel_name": "bench",
        "user_id": f"U{i % 256:04d}",
        "user_name": "bench",
        "command": "/ask",
        "text": QUESTIONS[i % len(QUESTIONS)],
        "api_app_id": "A0BENCH",
        "response_url": slack.response_url(f"r{i}"),
        "trigger_id": f"{time.time_ns()}.{i}.bench",
    }
    body = urllib.parse.urlencode(form).encode()
    timestamp = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": f"v0={digest}",
    }
    return body, headers


@contextmanager
def _gunicorn(command: list[str], slack_url: str, redis_url: str) -> Iterator[int]:
    """Start one gunicorn app on a free port (same environment for both); yield the port once it answers."""
    from tests.servers.redis_server import free_port

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SLACK_", "REDIS_"))}
    env |= {
        "PATH": f"{ROOT / '.venv' / 'bin'}:{env.get('PATH', '')}",
        "PORT": str(port),
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack_url,
        "REDIS_URL": redis_url,
        "USER_RATE_LIMIT": "1000000",
        "CHANNEL_RATE_LIMIT": "1000000",
        "LOG_LEVEL": "WARNING",
    }
    # A file, not a pipe: nobody reads gunicorn's log while it runs.
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_listening(proc, port, log)
            yield port
        finally:
            _end(proc)


class _SlackProcess:
    """A FakeSlack in a child process: its URLs, and how many answers were posted to its response_url."""

    def __init__(self, proc: subprocess.Popen[str], origin: str) -> None:
        self.proc, self.origin = proc, origin
        self.url = f"{origin}/api/"

    def response_url(self, name: str) -> str:
        return f"{self.origin}/response/{name}"

    def answers(self, expected: int, timeout: float = 15.0) -> int:
        """Answers posted so far, waiting up to `timeout` for `expected` (answers follow their acks)."""
        assert self.proc.stdin and self.proc.stdout
        deadline = time.monotonic() + timeout
        while True:
            self.proc.stdin.write("count\n")
            self.proc.stdin.flush()
            count = int(self.proc.stdout.readline())
            if count >= expected or time.monotonic() > deadline:
                return count
            time.sleep(0.1)


_SLACK_CHILD = """
import sys
from tests.servers import FakeSlack
with FakeSlack() as slack:
    print(slack.response_url("x").rsplit("/response/", 1)[0], flush=True)
    for _ in sys.stdin:
        print(sum(c.method.startswith("response_url") for c in slack.calls()), flush=True)
"""


@contextmanager
def _fake_slack() -> Iterator[_SlackProcess]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLACK_CHILD],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout
        yield _SlackProcess(proc, proc.stdout.readline().strip())
    finally:
        assert proc.stdin
        proc.stdin.close()
        _end(proc)


def _end(proc: subprocess.Popen[Any]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _wait_listening(proc: subprocess.Popen[bytes], port: int, log: IO[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"gunicorn exited with {proc.returncode}:\n{log.read().decode()[-2000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not listen on {port} within {timeout:.0f}s")


def _procfile_web() -> list[str]:
    """The Procfile's `web` command, split as a shell would (gunicorn's own arguments)."""
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line.startswith("web:"):
            return shlex.split(line.split(":", 1)[1])
    raise RuntimeError("Procfile has no web line")


if __name__ == "__main__":
    raise SystemExit(main())
