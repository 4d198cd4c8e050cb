"""Hostile clients against the Procfile's web process: slow connections, and floods of large unsigned bodies.

    .venv/bin/python bench/hostile_clients.py [--slow 40] [--slow-seconds 64] [--probes 32] [--trickle 0]
                                              [--flood-clients 8] [--flood-seconds 10] [--body-kb 999]

Starts the `Procfile`'s `web` command (LOG_LEVEL=INFO, as in production) with a fake Slack Web API and a Redis
server on loopback, then runs two phases:

1. **Slow clients.** `--slow` connections each send a POST's headers (Content-Length 1000) and 2 body bytes,
   then nothing more (or one more byte every `--trickle` seconds); a connection the server closes is opened
   again at once, so the pressure never lets up. Meanwhile `--probes` Slack-signed `/ask` commands, spread
   evenly over `--slow-seconds`, each on a new connection: how many were acked within Slack's 3 s.
2. **Large unsigned bodies.** `--flood-clients` clients send `--body-kb` kB bodies with a wrong signature back
   to back for `--flood-seconds` (each body has a newline followed by a fake log line in it). Prints the
   requests sent, their statuses, how much the web process's log grew, and whether the fake line reached it.

Loopback only; every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import ack_latency  # the same bench folder: fake Slack child process, signed commands, Procfile parsing

ROOT = Path(__file__).resolve().parents[1]
FORGED = "2099-01-01 00:00:00,000 ERROR briefbot.forged admin_password=hunter2"
SLACK_DEADLINE = 3.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--slow", type=int, default=40, help="slow connections held open")
    parser.add_argument("--slow-seconds", type=float, default=64.0)
    parser.add_argument("--probes", type=int, default=32, help="signed commands sent during the slow phase")
    parser.add_argument(
        "--trickle", type=float, default=0.0, help="a slow client sends a byte this often (s)"
    )
    parser.add_argument("--flood-clients", type=int, default=8)
    parser.add_argument("--flood-seconds", type=float, default=10.0)
    parser.add_argument("--body-kb", type=int, default=999)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.servers import RedisServer

    with ExitStack() as stack:
        slack = stack.enter_context(ack_latency._fake_slack())
        redis_server = stack.enter_context(RedisServer())
        port, log_path = stack.enter_context(_web(slack.url, redis_server.url))
        ack_latency.drive(port, slack, 16, 4, 30)  # warm-up: imports, first answers
        print(f"web command: {' '.join(ack_latency._procfile_web())}")

        acked, latencies, reconnects = slow_phase(port, slack, args)
        worst = max(latencies) if latencies else float("nan")
        trickle = f"a byte every {args.trickle:g} s" if args.trickle else "then nothing"
        print(f"slow clients: {args.slow} connections (headers + 2 body bytes, {trickle}) "
              f"for {args.slow_seconds:.0f} s; the server closed them {reconnects} times")  # fmt: skip
        print(f"  signed commands acked within {SLACK_DEADLINE:.0f} s: {acked} of {args.probes} "
              f"(slowest {worst:.2f} s)")  # fmt: skip

        before = log_path.stat().st_size
        sent, statuses = flood_phase(port, args)
        grown = log_path.stat().st_size - before
        log = log_path.read_text(errors="replace")
        forged = sum(1 for line in log.splitlines() if line.startswith(FORGED[:30]))
        print(f"unsigned flood: {args.flood_clients} clients × {args.body_kb} kB bodies for "
              f"{args.flood_seconds:.0f} s: {sent} requests, {sent * args.body_kb / 1000:.0f} MB sent, "
              f"statuses {dict(sorted(statuses.items()))}")  # fmt: skip
        print(f"  log grew by {grown:,} bytes; forged log lines: {forged}")
        print(
            "  what it logged meanwhile:", log.encode()[before:][:600].decode(errors="replace") or "nothing"
        )
    return 0


def slow_phase(
    port: int, slack: ack_latency._SlackProcess, args: argparse.Namespace
) -> tuple[int, list[float], int]:
    """Hold `args.slow` slow connections open while probing with signed commands; (acked in 3 s, latencies,
    server-side closes)."""
    stop = threading.Event()
    closes = [0] * args.slow
    holders = [threading.Thread(target=_hold_slow, args=(port, stop, closes, i, args.trickle)) for i in
               range(args.slow)]  # fmt: skip
    for thread in holders:
        thread.start()
    time.sleep(1.0)  # every slow connection is in before the first probe
    latencies: list[float] = []
    interval = args.slow_seconds / args.probes
    started = time.monotonic()
    for i in range(args.probes):
        wait = started + i * interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        latencies.append(_probe(port, slack, i))
    stop.set()
    for thread in holders:
        thread.join()
    return sum(1 for s in latencies if s <= SLACK_DEADLINE), latencies, sum(closes)


def _hold_slow(port: int, stop: threading.Event, closes: list[int], i: int, trickle: float) -> None:
    """One slow client: headers and 2 body bytes, then silence (or a byte every `trickle` s); reconnect when
    the server hangs up."""
    head = (
        "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n"
        f"X-Slack-Request-Timestamp: {int(time.time())}\r\nX-Slack-Signature: v0={'0' * 64}\r\n\r\nte"
    ).encode()
    while not stop.is_set():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
                sock.sendall(head)
                sock.settimeout(trickle or 0.5)
                while not stop.is_set():
                    try:
                        if sock.recv(4096) == b"":
                            break  # the server closed it
                        break  # it answered (a 4xx) and will close it
                    except TimeoutError:
                        if trickle:
                            sock.sendall(b"x")
            if not stop.is_set():
                closes[i] += 1
        except OSError:
            time.sleep(0.05)


def _probe(port: int, slack: ack_latency._SlackProcess, i: int) -> float:
    """Seconds until a signed /ask is acked on a new connection (Slack gives up after 3; we wait 10)."""
    body, headers = ack_latency._signed_command(slack, 10_000 + i)
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("POST", "/slack/events", body=body, headers=headers)
        reply = conn.getresponse()
        reply.read()
        return time.monotonic() - started if reply.status == 200 else float("inf")
    except OSError:
        return float("inf")
    finally:
        conn.close()


def flood_phase(port: int, args: argparse.Namespace) -> tuple[int, Counter[int | str]]:
    """`args.flood_clients` clients post large, wrongly signed bodies back to back; (requests, statuses)."""
    filler = b"a" * (args.body_kb * 1000)
    body = b"command=%2Fask&text=" + f"hi\n{FORGED}\n".encode() + filler[: args.body_kb * 1000 - 120]
    deadline = time.monotonic() + args.flood_seconds
    statuses: Counter[int | str] = Counter()
    lock = threading.Lock()

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < deadline:
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp": str(int(time.time())),
                "X-Slack-Signature": "v0=" + "0" * 64,
            }
            try:
                conn.request("POST", "/slack/events", body=body, headers=headers)
                reply = conn.getresponse()
                reply.read()
                status: int | str = reply.status
                if reply.will_close:
                    conn.close()
            except (OSError, http.client.HTTPException) as exc:
                status = type(exc).__name__
                conn.close()
            with lock:
                statuses[status] += 1
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(args.flood_clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(statuses.values()), statuses


@contextmanager
def _web(slack_url: str, redis_url: str) -> Iterator[tuple[int, Path]]:
    """The Procfile's web command on a free port, logging at INFO to a file; (port, log path)."""
    from tests.servers.redis_server import free_port

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SLACK_", "REDIS_", "LOG_"))}
    env |= {
        "PATH": f"{ROOT / '.venv' / 'bin'}:{env.get('PATH', '')}",
        "PORT": str(port),
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": ack_latency.SECRET,
        "SLACK_API_URL": slack_url,
        "REDIS_URL": redis_url,
    }
    with tempfile.TemporaryDirectory(prefix="briefbot-hostile-") as tmp:
        log_path = Path(tmp) / "web.log"
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                ack_latency._procfile_web(), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
            try:
                with log_path.open("rb") as reader:
                    ack_latency._wait_listening(proc, port, reader)
                yield port, log_path
            finally:
                with contextlib.suppress(Exception):
                    ack_latency._end(proc)


if __name__ == "__main__":
    raise SystemExit(main())
