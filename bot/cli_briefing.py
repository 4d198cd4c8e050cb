"""Briefing subcommands: `briefbot clock` (the process posting scheduled briefings) and `briefbot brief`."""

from __future__ import annotations

import argparse
import datetime as dt
import json

from bot.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `clock` and `brief` to the `briefbot` parser."""
    clock = sub.add_parser("clock", help="post scheduled briefings to Slack channels (the Procfile's clock)")
    clock.add_argument("--interval", type=float, default=30.0, help="seconds between ticks (default 30)")
    clock.add_argument("--once", action="store_true", help="one tick, then exit (for cron or a check)")
    clock.set_defaults(run=run_clock)

    brief = sub.add_parser("brief", help="print the next briefing, as a channel would get it")
    brief.add_argument("--topic", help="a topic id instead of the next in the rotation")
    brief.add_argument("--channel", default="console", help="whose rotation to advance (default: console)")
    brief.add_argument("--team", default="local")
    brief.add_argument("--json", action="store_true", help="print the briefing as JSON (with Slack blocks)")
    brief.set_defaults(run=print_briefing)


def run_clock(args: argparse.Namespace, settings: Settings) -> int:
    """Run the clock until interrupted (or one tick with --once)."""
    from bot.clock import clock_from_settings
    from bot.services import build_services

    clock = clock_from_settings(settings, build_services(settings), interval=args.interval)
    if args.once:
        for sent in clock.tick():
            print(f"{sent.result.outcome}: {sent.channel} {sent.slot.isoformat()} {sent.topic}")
        return 0
    clock.run()
    return 0


def print_briefing(args: argparse.Namespace, settings: Settings) -> int:
    """Print one briefing: the next in the channel's rotation, or the one for --topic."""
    from bot.briefing import build_briefing, next_briefing
    from bot.console import render_console
    from bot.services import build_services

    services = build_services(settings)
    if args.topic:
        topic = services.kb.topic(args.topic)
        if topic is None:
            ids = ", ".join(t.id for t in services.kb.topics)
            print(f"briefbot: unknown topic {args.topic!r}; topics: {ids}")
            return 1
        briefing = build_briefing(services.kb, topic)
    else:
        today = dt.datetime.now(dt.UTC).date()
        briefing = next_briefing(services.kb, services.store, args.team, args.channel, today=today)
    if args.json:
        print(json.dumps({**briefing.model_dump(mode="json"), "blocks": briefing.blocks()}, indent=2))
    else:
        print(render_console(briefing.as_answer()))
    return 0
