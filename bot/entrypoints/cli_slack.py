"""Slack-facing subcommands: `serve` (Socket Mode), `worker` (the job worker) and `manifest`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

from bot.core.settings import ConfigError, Settings

HTTP_MODE_HINT = (
    "SLACK_APP_TOKEN is not set, so Socket Mode can't start.\n"
    "  Socket Mode (development): set SLACK_APP_TOKEN=xapp-… (an app-level token with connections:write).\n"
    "  HTTP mode (production):    the Procfile's web process (gunicorn, bot.entrypoints.web:create_app())\n"
    "                             with SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and PORT set (see Procfile)."
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the Slack subcommands to the `briefbot` parser."""
    serve_cmd = sub.add_parser("serve", help="serve Slack over Socket Mode (needs SLACK_APP_TOKEN)")
    serve_cmd.set_defaults(run=serve)

    worker = sub.add_parser(
        "worker", help="take jobs off the queue: LLM answers, shares, posts (needs SLACK_BOT_TOKEN)"
    )
    worker.set_defaults(run=_worker)

    manifest = sub.add_parser(
        "manifest", help="print or write the Slack app manifest for this knowledge base"
    )
    manifest.add_argument("--url", type=_public_url, help="public URL of POST /slack/events (HTTP mode)")
    manifest.add_argument("--socket-mode", action="store_true", help="a Socket Mode app: no request URLs")
    manifest.add_argument("-o", "--output", type=Path, help="write to this file instead of printing")
    manifest.add_argument(
        "--check", action="store_true", help="exit 1 unless --output (or manifest.yml) is current"
    )
    manifest.set_defaults(run=_manifest)


def _public_url(value: str) -> str:
    """An https:// (or http://) URL with a host, for the manifest's request URLs."""
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a URL like https://briefbot.example.com/slack/events"
        )
    return value


def serve(args: argparse.Namespace, settings: Settings) -> int:
    """Run the Slack app over Socket Mode with the same handlers as HTTP mode; blocks until interrupted."""
    if settings.slack_app_token is None:
        print(HTTP_MODE_HINT, file=sys.stderr)
        return 2
    if settings.slack_bot_token is None:  # before any start-up work: no Valkey, no knowledge base yet
        raise ConfigError("SLACK_BOT_TOKEN is not set; Socket Mode needs it as well as SLACK_APP_TOKEN")
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.entrypoints.job_queue import process_jobs
    from bot.entrypoints.wiring import build_application, connect_storage
    from handlers.bolt_app import build_app

    storage = connect_storage(settings)
    application = build_application(settings, storage)
    jobs = process_jobs(settings, application, storage, process="socket")
    app = build_app(application, settings, jobs.queue, socket_mode=True)
    SocketModeHandler(app, settings.slack_app_token.get_secret_value()).start()
    return 0


def _worker(args: argparse.Namespace, settings: Settings) -> int:
    from bot.entrypoints.worker import run_worker

    return run_worker(settings)


def _manifest(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.manifest import DEFAULT_URL, MANIFEST_PATH, manifest_yaml
    from knowledge.base import load_knowledge_base

    text = manifest_yaml(
        load_knowledge_base(settings.knowledge_dir), url=args.url or DEFAULT_URL, socket_mode=args.socket_mode
    )
    if args.check:
        path = args.output or MANIFEST_PATH
        current = path.exists() and path.read_text(encoding="utf-8") == text
        print(
            f"{path}: {'current' if current else 'out of date; run `briefbot manifest -o ' + str(path) + '`'}"
        )
        return 0 if current else 1
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    else:
        print(text, end="")
    return 0
