"""Web worker memory and model load time: the Procfile's web process, measured after it has answered.

Starts the `web` command of the Procfile (gunicorn, WEB_CONCURRENCY workers) against a Redis-compatible server
and a fake Slack, sends one Slack-signed /ask to each worker's share, then reads each worker's resident set
(VmRSS) and proportional set (Pss, which splits pages shared between processes) from /proc. Also times loading
the embedding model (sha256 checks, tokenizer, onnxruntime session) in a fresh interpreter.

    .venv/bin/python bench/memory.py
Targets (issue 12): web worker RSS < 250 MB; model load < 1 s.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import FakeSlack, RedisServer  # noqa: E402
from tests.slack_signing import SlackSender  # noqa: E402
from tests.web_process import run_web  # noqa: E402

SECRET = "bench-secret"


def main() -> None:
    load = [_model_load_seconds() for _ in range(3)]
    print(f"model load (fresh interpreter, sha256 checks included): {', '.join(f'{s:.2f} s' for s in load)}")
    with RedisServer() as redis_server, FakeSlack() as slack:
        env = {
            "SLACK_BOT_TOKEN": "xoxb-bench",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": slack.url,
            "REDIS_URL": redis_server.url,
        }
        with run_web(env) as web:
            sender = SlackSender(web.port, SECRET)
            for i in range(8):
                sender.command(_ask(i))
            time.sleep(0.5)
            workers = _children(web.proc.pid)
            for pid in workers:
                rss, pss = _memory(pid)
                print(f"worker {pid}: RSS {rss / 1024:.0f} MB, PSS {pss / 1024:.0f} MB")
            rss, pss = _memory(web.proc.pid)
            print(f"gunicorn master {web.proc.pid}: RSS {rss / 1024:.0f} MB, PSS {pss / 1024:.0f} MB")
            total = sum(_memory(pid)[1] for pid in [web.proc.pid, *workers])
            print(f"{len(workers)} workers; whole web process (PSS, master + workers): {total / 1024:.0f} MB")
    print("target: web worker RSS < 250 MB; model load < 1 s")


def _ask(i: int) -> dict[str, str]:
    return {
        "command": "/ask",
        "text": f"why are pakistan and russia getting closer? ({i})",
        "team_id": "T1",
        "channel_id": "C1",
        "user_id": f"U{i}",
        "trigger_id": f"t{i}.{time.time()}",
        "response_url": "http://127.0.0.1:1/unused",
    }


def _model_load_seconds() -> float:
    code = (
        "import time; t=time.monotonic(); from knowledge.embedding import default_embedder; "
        "default_embedder().embed_one('warm'); print(time.monotonic()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def _children(pid: int) -> list[int]:
    out = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True, check=False
    )
    return [int(p) for p in out.stdout.split()]


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in kB."""
    status = Path(f"/proc/{pid}/status").read_text()
    rss = int(status.split("VmRSS:")[1].split()[0])
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    pss = int(rollup.split("\nPss:")[1].split()[0])
    return rss, pss


if __name__ == "__main__":
    main()
