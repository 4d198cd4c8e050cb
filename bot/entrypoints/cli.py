"""The `briefbot` command line: ask, chat, kb check/show, eval, stats, and the process entry points."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from bot.core.settings import ConfigError, Settings, load_settings
from bot.entrypoints.console_render import render_console
from knowledge.errors import KnowledgeError

if TYPE_CHECKING:  # building the application loads the knowledge base: only commands that need it import it
    from bot.core import Briefbot

log = logging.getLogger("briefbot")
Command = Callable[[argparse.Namespace, Settings], int]


class CliError(Exception):
    """A command cannot do what was asked; its message is the one line shown, `code` the exit status."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, load settings, run one command; exit codes: 0 ok, 1 failed check, 2 bad config."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        # Long-running processes log at LOG_LEVEL (their start-up lines say which store and mode they use);
        # one-shot commands and the console stay quiet unless asked (-v): their errors are one line each.
        serving = args.command in ("serve", "clock", "worker") or (
            args.command == "start" and settings.slack_enabled
        )
        _configure_logging(settings.log_level if serving or args.verbose else "ERROR")
        command: Command = args.run
        return command(args, settings)
    except ConfigError as exc:
        print(f"briefbot: {exc}", file=sys.stderr)  # settings failed before logging was set up
        return 2
    except CliError as exc:
        print(f"briefbot: {exc}", file=sys.stderr)
        return exc.code
    except OSError as exc:  # e.g. the embedded Valkey could not start
        print(f"briefbot: {exc}", file=sys.stderr)
        return 1
    except KnowledgeError as exc:
        print(f"briefbot: knowledge base is invalid: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage mistake said in one line (and `briefbot … --help` for the rest)."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: {message} (see {self.prog} --help)", file=sys.stderr)
        sys.exit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="briefbot", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log at INFO to stderr")
    parser.set_defaults(run=_start, command="start")
    sub = parser.add_subparsers(dest="command")

    ask = sub.add_parser("ask", help="answer one question")
    ask.add_argument("--json", action="store_true", help="print the Answer as one JSON object")
    ask.add_argument("--thread", help="conversation id: turns with the same id share context")
    ask.add_argument("--team", default="local")
    ask.add_argument("question", nargs="+")
    ask.set_defaults(run=_ask)

    chat = sub.add_parser("chat", help="interactive console: questions and slash commands, rendered")
    chat.set_defaults(run=_chat)

    kb = sub.add_parser("kb", help="knowledge base: check or show")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    kb_sub.add_parser("check", help="validate every source and quote").set_defaults(run=_kb_check)
    kb_sub.add_parser("show", help="summarise topics, key points, sources, version").set_defaults(
        run=_kb_show
    )

    ev = sub.add_parser("eval", help="run a question set and score it")
    ev.add_argument("file", type=Path)
    ev.add_argument("--mode", choices=["offline", "llm"], default="offline")
    ev.add_argument("--json", action="store_true")
    ev.set_defaults(run=_eval)

    stats = sub.add_parser("stats", help="usage, cache hit rate, feedback, tokens")
    stats.add_argument("--team", default=None)
    stats.set_defaults(run=_stats)

    redis_cmd = sub.add_parser(
        "redis", help="the embedded Valkey used when REDIS_URL is unset: status or stop"
    )
    redis_sub = redis_cmd.add_subparsers(dest="redis_command", required=True)
    redis_sub.add_parser("status", help="where it runs and where it keeps its data").set_defaults(
        run=_redis_status
    )
    redis_sub.add_parser("stop", help="stop it (its data is kept)").set_defaults(run=_redis_stop)
    for register in _extensions():
        register(sub)
    return parser


def _extensions() -> list[Callable[[argparse._SubParsersAction], None]]:  # type: ignore[type-arg]
    """Subcommands that live beside the modules they start (serve, web, manifest, clock)."""
    from bot.entrypoints import cli_briefing, cli_slack

    return [cli_slack.register, cli_briefing.register]


def _start(args: argparse.Namespace, settings: Settings) -> int:
    """No subcommand: serve Slack when tokens are set, else open the local console."""
    if settings.slack_enabled:
        from bot.entrypoints import cli_slack

        return cli_slack.serve(args, settings)
    print("No SLACK_BOT_TOKEN set: starting the local console. (Set Slack tokens to serve Slack.)")
    return _chat(args, settings)


def _ask(args: argparse.Namespace, settings: Settings) -> int:
    application = _application(settings)
    answer = application.engine.answer(" ".join(args.question), team=args.team, conversation=args.thread)
    print(answer.model_dump_json() if args.json else render_console(answer))
    return 0


def _chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.entrypoints.console import run_console

    return run_console(_application(settings), settings, conversation=f"console-{uuid.uuid4().hex[:8]}")


def _kb_check(args: argparse.Namespace, settings: Settings) -> int:
    from knowledge.base import load_knowledge_base

    kb = load_knowledge_base(settings.knowledge_dir)
    quotes = sum(len(p.quotes) for p in kb.points)
    print(f"ok: {len(kb.sources)} source(s), {len(kb.topics)} topics, {len(kb.points)} key points, "
          f"{quotes} quotes verified verbatim; version {kb.version}")  # fmt: skip
    return 0


def _kb_show(args: argparse.Namespace, settings: Settings) -> int:
    from knowledge.base import load_knowledge_base

    kb = load_knowledge_base(settings.knowledge_dir)
    print(f"knowledge base version {kb.version}")
    for source in kb.sources.values():
        print(
            f"source {source.id}: {source.meta.label()} — {len(source.passages)} passages, "
            f"{len(source.text)} chars"
        )
    for topic in kb.topics:
        print(f"\n{topic.id}  {topic.command or '(no command)'}  — {topic.title}")
        for ref in kb.points_of(topic.id):
            print(f"  • {ref.point.id}: {ref.point.text}  [{len(ref.quotes)} quote(s)]")
    return 0


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    from bot.core.evaluation import QuestionSetError, load_eval_set, run_eval

    if args.mode == "llm" and not settings.llm_enabled:
        raise CliError("--mode llm needs OPENAI_API_KEY or OPENAI_BASE_URL")
    try:
        cases = load_eval_set(args.file)  # before any start-up work: a wrong path fails at once
    except QuestionSetError as exc:
        raise CliError(str(exc)) from None
    if args.mode == "offline":
        settings = settings.model_copy(update={"openai_api_key": None, "openai_base_url": None})
    engine = _application(settings).engine
    started = time.monotonic()
    report = run_eval(engine, cases)
    per_case = (time.monotonic() - started) / max(len(report.results), 1)
    for result in report.results:
        mark = "PASS" if result.passed else "FAIL"
        extra = f" (fallback: {result.answer.fallback_reason})" if result.answer.fallback_reason else ""
        print(f"{mark} {result.id}: {result.reason}{extra}")
    reasons = Counter(r.answer.fallback_reason for r in report.results if r.answer.fallback_reason)
    cost = sum(r.answer.usage.cost_usd for r in report.results if r.answer.usage)
    print(
        f"mode {engine.mode}; fallback rate {report.fallback_rate():.0%}; tokens {report.tokens()}; "
        f"cost ${cost:.4f}; {per_case:.2f} s per case"
        + (f"; fallbacks {dict(reasons.most_common())}" if reasons else "")
    )
    print(f"{report.passed}/{len(report.results)} passed ({report.rate:.0%})")
    return 0 if report.passed == len(report.results) else 1


def _stats(args: argparse.Namespace, settings: Settings) -> int:
    application = _application(settings)
    if application.health()["redis"] != "ok":
        raise CliError(f"can't reach Redis at {application.store_description}; no stats to show", code=1)
    for team, stats in application.stats(args.team).items():
        hits, misses = stats.get("cache:hit", 0), stats.get("cache:miss", 0)
        rate = hits / (hits + misses) if hits + misses else 0.0
        counters = {k: int(v) if float(v).is_integer() else round(v, 6) for k, v in stats.items()}
        print(json.dumps({"team": team, "cache_hit_rate": round(rate, 3), **counters}, indent=2))
    return 0


def _redis_status(args: argparse.Namespace, settings: Settings) -> int:
    from bot.adapters.storage.embedded import SharedValkey
    from bot.entrypoints.wiring import embedded_data_dir

    if settings.redis_url:
        print("REDIS_URL is set: briefbot uses that server, not the embedded one.")
    data_dir = embedded_data_dir(settings)
    running = SharedValkey(data_dir).status()
    if running is None:
        print(f"embedded Valkey: not running (data in {data_dir}; the next command that needs it starts it)")
    else:
        print(f"embedded Valkey: running at {running.url} (pid {running.pid}); data in {running.data_dir}")
    return 0


def _redis_stop(args: argparse.Namespace, settings: Settings) -> int:
    from bot.adapters.storage.embedded import SharedValkey
    from bot.entrypoints.wiring import embedded_data_dir

    data_dir = embedded_data_dir(settings)
    stopped = SharedValkey(data_dir).stop()
    print(f"embedded Valkey: {'stopped' if stopped else 'was not running'} (data kept in {data_dir})")
    return 0


def _application(settings: Settings) -> Briefbot:
    from bot.entrypoints.wiring import build_application

    return build_application(settings)


def _configure_logging(level: str) -> None:
    logging.basicConfig(
        level=getattr(logging, level.upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
        stream=sys.stderr,
    )
