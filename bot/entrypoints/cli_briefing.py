"""Briefing subcommands: `briefbot clock` (the process posting scheduled briefings) and `briefbot brief`."""

from __future__ import annotations

import argparse
import datetime as dt
import json

from bot.core.settings import ConfigError, Settings


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `clock` and `brief` to the `briefbot` parser."""
    clock = sub.add_parser("clock", help="post scheduled briefings to Slack channels (the Procfile's clock)")
    clock.add_argument(
        "--interval", type=float, help="seconds between ticks (default: BRIEFING_TICK_SECONDS, 30)"
    )
    clock.add_argument("--once", action="store_true", help="one tick, then exit (for cron or a check)")
    clock.set_defaults(run=run_clock)

    brief = sub.add_parser("brief", help="print the next briefing, as a channel would get it")
    brief.add_argument("--topic", help="a topic id instead of the next in the rotation")
    brief.add_argument("--channel", default="console", help="whose rotation to advance (default: console)")
    brief.add_argument("--team", default="local")
    brief.add_argument("--json", action="store_true", help="print the briefing as JSON")
    brief.set_defaults(run=print_briefing)


def run_clock(args: argparse.Namespace, settings: Settings) -> int:
    """Run the clock until interrupted (or one tick with --once)."""
    from bot.entrypoints import clock

    if settings.slack_bot_token is None:  # before any start-up work: no Valkey, no knowledge base yet
        raise ConfigError("SLACK_BOT_TOKEN is not set; the clock needs it to post briefings to Slack")
    briefing_clock = clock.clock_from_settings(
        settings, interval=args.interval or settings.briefing_tick_seconds
    )
    if args.once:
        for sent in briefing_clock.tick():
            print(f"{sent.outcome}: {sent.channel} {sent.slot.isoformat()} {sent.topic}")
        return 0
    clock.run(briefing_clock)
    return 0


def print_briefing(args: argparse.Namespace, settings: Settings) -> int:
    """Print one briefing: the next in the channel's rotation, or the one for --topic."""
    from bot.core.briefing import build_briefing, next_briefing
    from bot.entrypoints.console_render import render_console
    from bot.entrypoints.wiring import connect_storage
    from knowledge.base import load_knowledge_base

    kb = load_knowledge_base(settings.knowledge_dir)
    if args.topic:
        topic = kb.topic(args.topic)
        if topic is None:
            ids = ", ".join(t.id for t in kb.topics)
            print(f"briefbot: unknown topic {args.topic!r}; topics: {ids}")
            return 1
        briefing = build_briefing(kb, topic)
    else:
        today = dt.datetime.now(dt.UTC).date()
        briefing = next_briefing(
            kb, connect_storage(settings).subscriptions, args.team, args.channel, today=today
        )
    if args.json:
        print(json.dumps(briefing.model_dump(mode="json"), indent=2))
    else:
        print(render_console(briefing.as_answer()))
    return 0
