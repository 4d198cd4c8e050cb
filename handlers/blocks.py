"""Block Kit for Slack, built with slack_sdk's models: answers with their quotes and buttons, notices,
briefings, subscription replies, channel settings, usage and the App Home view.

Every piece of text passes through handlers.mrkdwn, so nothing a user typed (or a model wrote) can become a
mention or a broadcast, and every message stays inside Slack's limits. Every message turns link and media
previews off (`unfurl_links`, `unfurl_media`): a quote's link should not grow a preview of the article.
"""

from __future__ import annotations

import html
import threading
from collections import OrderedDict
from typing import Any, Literal

from pydantic import BaseModel, ValidationError
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextActionsBlock,
    ContextBlock,
    DividerBlock,
    FeedbackButtonObject,
    FeedbackButtonsElement,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.core import (
    Answer,
    Briefing,
    ChannelSettings,
    Citation,
    Notice,
    SourceInfo,
    Subscription,
    SubscriptionChange,
    wording,
)
from handlers import mrkdwn
from knowledge.base import KnowledgeBase

MAX_BLOCKS = 50
MAX_HOME_BLOCKS = 100
MAX_SECTION_CHARS = 3000
MAX_HEADER_CHARS = 150
MAX_VALUE_CHARS = 2000  # a button's value
MAX_QUOTES = 3
MAX_LISTED = 30  # subscriptions listed by /brief list before "…and N more"
FEEDBACK_UP = "feedback_up"
FEEDBACK_DOWN = "feedback_down"
FEEDBACK = "answer_feedback"  # Slack's own feedback buttons (assistant threads); the value says which
SHARE = "share_answer"
STOP_FOLLOWING = "stop_following"
FOLLOWING_NOTE_BLOCK = "following-note"
NO_PREVIEWS = {"unfurl_links": False, "unfurl_media": False}

RENDERED_ENTRIES = 512  # cached answers' messages, per (answer, options)

Message = dict[str, Any]
_MARKUP = ("channel", "command", "user")  # placeholders filled with markup we made, not escaped again


_RENDERED: OrderedDict[tuple[Any, ...], tuple[Answer, Message]] = OrderedDict()
_RENDERED_LOCK = threading.Lock()


class ActionValue(BaseModel):
    """What a button carries back: the answer id, the question, for topic commands the topic, and for Slack's
    feedback buttons (one value per button) the vote."""

    id: str
    q: str = ""
    t: str | None = None
    v: Literal["up", "down"] | None = None

    def encode(self) -> str:
        """Compact JSON within Slack's 2,000-character value limit (question escaped and, if needed, cut)."""
        value = self.model_copy(update={"q": mrkdwn.escape(self.q)})
        while True:
            raw = value.model_dump_json(exclude_none=True)
            if len(raw) <= MAX_VALUE_CHARS:
                return raw
            value = value.model_copy(update={"q": value.q[: len(value.q) * 3 // 4]})

    @classmethod
    def decode(cls, raw: str) -> ActionValue | None:
        try:
            value = cls.model_validate_json(raw)
        except (ValidationError, ValueError):
            return None
        return value.model_copy(update={"q": html.unescape(value.q)})


def render_answer(answer: Answer, **options: Any) -> Message:
    """`text` and `blocks` for chat.postMessage / respond: answer, quotes, sources, feedback (and share).

    Options: `ephemeral`, `show_question`, `shared_by`; `topic` marks a topic command's overview, so sharing
    re-makes it from the topic rather than a question; `stop_following` (the thread's ts) adds a "Stop
    following" button, for the first reply in a followed thread; `native_feedback` uses Slack's own feedback
    buttons (the assistant panel) instead of 👍/👎.

    A cached answer is one shared, frozen object per cache entry (see the storage adapter), so what was
    rendered of it is kept: the ack of a cached command recomputes nothing.
    """
    if not answer.cached:
        return _render_answer(answer, **options)
    memo_key = (id(answer), *sorted(options.items()))
    with _RENDERED_LOCK:
        hit = _RENDERED.get(memo_key)
        if hit is not None and hit[0] is answer:
            _RENDERED.move_to_end(memo_key)
            return dict(hit[1])
    message = _render_answer(answer, **options)
    with _RENDERED_LOCK:
        _RENDERED[memo_key] = (answer, message)  # holding the answer keeps its id from being reused
        while len(_RENDERED) > RENDERED_ENTRIES:
            _RENDERED.popitem(last=False)
    return dict(message)


def _render_answer(
    answer: Answer,
    *,
    ephemeral: bool = False,
    show_question: bool = False,
    shared_by: str | None = None,
    topic: str | None = None,
    stop_following: str | None = None,
    native_feedback: bool = False,
) -> Message:
    blocks: list[Block] = []
    if shared_by:
        blocks.append(_context(wording.SHARED_BY.format(user=mrkdwn.user(shared_by))))
    if show_question and answer.question:
        blocks.append(_context(mrkdwn.escape(wording.YOU_ASKED.format(question=answer.question))))
    blocks.extend(_sections(_answer_body(answer)))
    if answer.citations:
        sources = {s.id: s for s in answer.sources}
        quotes = "\n".join(_quote(c, sources.get(c.source_id)) for c in answer.citations[:MAX_QUOTES])
        blocks.extend(_sections(f"{mrkdwn.bold(wording.SOURCES_HEADING)}\n{quotes}"))
        blocks.extend(_context(source_line(s)) for s in answer.sources)
    elif answer.kind == "declined":
        blocks.append(_context(mrkdwn.escape(wording.NOT_COVERED_CONTEXT)))
    if stop_following:
        blocks.append(_context(mrkdwn.escape(wording.FOLLOWING_NOTE), block_id=FOLLOWING_NOTE_BLOCK))
    votes = answer.kind != "help"
    if votes and native_feedback:
        blocks.append(_feedback(answer))
    classic_votes = votes and not native_feedback
    if classic_votes or stop_following:
        blocks.append(_buttons(answer, share=ephemeral and answer.grounded, topic=topic, votes=classic_votes,
                               stop_following=stop_following))  # fmt: skip
    return _message(answer.answer, blocks)


def render_notice(notice: Notice) -> Message:
    return render_text(notice.text)


def render_reply(reply: Answer | Notice, **options: Any) -> Message:
    """An answer, or the notice the application gave instead."""
    return render_answer(reply, **options) if isinstance(reply, Answer) else render_notice(reply)


def render_text(text: str) -> Message:
    """A short message of our own (errors, thanks, rate limits) as `text` plus one section."""
    return _message(text, _sections(mrkdwn.commands_in(text)))


def render_stopped_following(blocks: list[dict[str, Any]], user: str) -> list[dict[str, Any]]:
    """An answer's blocks (as Slack sent them back) once someone clicked "Stop following": the button and the
    note about following gone, a line saying who stopped it in their place."""
    kept: list[dict[str, Any]] = []
    for block in blocks:
        if block.get("block_id") == FOLLOWING_NOTE_BLOCK:
            continue
        if block.get("type") == "actions":
            elements = [e for e in block.get("elements", []) if e.get("action_id") != STOP_FOLLOWING]
            if not elements:
                continue
            block = {**block, "elements": elements}
        kept.append(block)
    note = _filled(wording.STOPPED_FOLLOWING, user=mrkdwn.user(user))
    return [*kept[: MAX_BLOCKS - 1], _context(note).to_dict()]


def render_channel_settings(settings: ChannelSettings, *, changed: bool) -> Message:
    """The reply to `/briefbot …`: what the bot does in this channel (and that a change was saved), or that it
    could not be saved."""
    if not settings.saved:
        return render_text(wording.SETTINGS_STORE_DOWN)
    where = mrkdwn.channel(settings.channel)
    lines = [f"*{_filled(wording.SETTINGS_TITLE, channel=where)}*"]
    behaviour = wording.SETTINGS_MENTION_ONLY if settings.mention_only else wording.SETTINGS_FOLLOWING
    lines.append(mrkdwn.escape(f"{wording.SETTINGS_SAVED} {behaviour}" if changed else behaviour))
    lines += [_usage_line(command, what) for command, what in wording.SETTINGS_USAGE]
    return _reply("\n".join(lines))


def render_usage(kb: KnowledgeBase, *, unknown_command: str | None = None) -> Message:
    """Usage and the list of topic commands, for empty `/ask`, `help`, and unknown commands."""
    lines = []
    if unknown_command:
        lines.append(_filled(wording.UNKNOWN_COMMAND, command=mrkdwn.code(unknown_command)))
    lines.append(mrkdwn.bold(wording.USAGE_TITLE.format(title=kb_title(kb))))
    lines += [_usage_line(*wording.USAGE_ASK), _usage_line(*wording.USAGE_BRIEF)]
    lines += [_usage_line(t.command, t.title) for t in kb.topics if t.command]
    lines.append(_usage_line(*wording.USAGE_SETTINGS))
    lines.append(mrkdwn.escape(wording.USAGE_MENTION))
    return _reply("\n".join(lines))


def render_home(kb: KnowledgeBase) -> dict[str, Any]:
    """The App Home tab: what the bot knows, the source article, how to ask."""
    topics = [
        f"{_usage_line(t.command, t.title)}\n     {mrkdwn.escape(t.summary)}" for t in kb.topics if t.command
    ]
    sources = [
        f"{mrkdwn.link(s.meta.url, s.meta.title)} — {mrkdwn.escape(s.meta.author)}, "
        f"{mrkdwn.escape(s.meta.outlet)}, {s.meta.published:%d %b %Y}"
        for s in kb.sources.values()
    ]
    ways = "\n".join(f"• {mrkdwn.commands_in(way)}" for way in wording.HOME_WAYS)
    blocks: list[Block] = [
        HeaderBlock(text=wording.HOME_TITLE),
        SectionBlock(text=MarkdownTextObject(text=mrkdwn.escape(wording.HOME_INTRO))),
        DividerBlock(),
        *_sections(mrkdwn.bold(wording.HOME_TOPICS) + "\n" + "\n".join(topics)),
        DividerBlock(),
        *_sections(mrkdwn.bold(wording.HOME_SOURCES) + "\n" + "\n".join(sources)),
        DividerBlock(),
        *_sections(mrkdwn.bold(wording.HOME_HOW_TO_ASK) + "\n" + ways),
        _context(mrkdwn.escape(wording.HOME_VERSION.format(version=kb.version))),
    ]
    return View(type="home", blocks=_fit(blocks, MAX_HOME_BLOCKS)).to_dict()


def render_briefing(briefing: Briefing) -> Message:
    """Header, summary, one section per key point with its quotes, and the source line."""
    header = wording.BRIEF_HEADER.format(title=briefing.headline)
    blocks: list[Block] = [
        HeaderBlock(text=mrkdwn.clip(header, MAX_HEADER_CHARS)),
        *_sections(mrkdwn.escape(briefing.summary)),
    ]
    for point in briefing.points:
        quotes = "\n".join(_quote(q, briefing.source) for q in point.quotes)
        blocks.extend(_sections(f"• {mrkdwn.bold(point.text)}\n{quotes}"))
    blocks.append(_context(_briefing_source(briefing.source)))
    text = "\n".join([header, briefing.summary, *(f"• {p.text}" for p in briefing.points)])
    return _message(text, blocks)


def render_subscription_change(change: SubscriptionChange) -> Message:
    """The reply to `/brief subscribe …` and `/brief off`."""
    where = mrkdwn.channel(change.channel)
    if change.outcome == "subscribed" and change.subscription is not None:
        s = change.subscription
        upcoming = (
            f"{change.next_slot.astimezone(s.zone):%a %d %b at %H:%M} ({s.tz})" if change.next_slot else "—"
        )
        text = _filled(wording.BRIEF_SUBSCRIBED, channel=where, schedule=s.describe(), next=upcoming)
    elif change.outcome == "unsubscribed":
        text = _filled(wording.BRIEF_UNSUBSCRIBED, channel=where)
    elif change.outcome == "not_subscribed":
        text = _filled(wording.BRIEF_NOT_SUBSCRIBED, channel=where) + "\n" + _brief_usage()
    elif change.outcome == "invalid":
        text = mrkdwn.commands_in(change.problem or "")
    else:
        text = mrkdwn.escape(wording.BRIEF_STORE_DOWN)
    return _reply(text)


def render_subscriptions(subscriptions: list[Subscription]) -> Message:
    """The reply to `/brief list`: each channel's schedule or why it is off; a long list ends with a count."""
    if not subscriptions:
        return render_text(wording.BRIEF_NONE)
    lines = [mrkdwn.bold(wording.BRIEF_LIST_HEADING)]
    for s in subscriptions[:MAX_LISTED]:
        where = mrkdwn.channel(s.channel)
        if s.enabled:
            lines.append("• " + _filled(wording.BRIEF_LIST_LINE, channel=where, schedule=s.describe()))
        else:
            reason = wording.BRIEF_DISABLED_REASONS.get(s.disabled_reason or "", s.disabled_reason or "")
            lines.append("• " + _filled(wording.BRIEF_LIST_OFF, channel=where, reason=reason))
    if len(subscriptions) > MAX_LISTED:
        lines.append(mrkdwn.escape(wording.BRIEF_LIST_MORE.format(count=len(subscriptions) - MAX_LISTED)))
    return _reply("\n".join(lines))


def render_brief_usage() -> Message:
    return _reply(_brief_usage())


def render_disabled_notice(channel: str, reason: str) -> Message:
    """The direct message telling a subscriber their channel's briefings were turned off."""
    why = wording.BRIEF_DISABLED_REASONS.get(reason, reason)
    return _reply(_filled(wording.BRIEF_DISABLED, channel=mrkdwn.channel(channel), reason=why))


def source_line(source: SourceInfo) -> str:
    """A source as one line: its title (linked when it has an address), author, outlet and date."""
    return (
        f"{mrkdwn.link(source.url, source.title)} — {mrkdwn.escape(source.author)}, "
        f"{mrkdwn.escape(source.outlet)}, {source.published:%d %b %Y}"
    )


def kb_title(kb: KnowledgeBase) -> str:
    source = next(iter(kb.sources.values()))
    return f"“{source.meta.title}”, {source.meta.outlet}, {source.meta.published:%d %b %Y}"


def _answer_body(answer: Answer) -> str:
    lines = [mrkdwn.bold(answer.heading)] if answer.heading else []
    if answer.lead:
        lines.append(mrkdwn.escape(answer.lead))
    bullet = len(answer.points) > 1 or bool(answer.lead)
    lines += [f"• {mrkdwn.escape(p)}" if bullet else mrkdwn.escape(p) for p in answer.points]
    lines += [f"_{mrkdwn.escape(note)}_" for note in answer.notes]
    return "\n".join(lines)


def _briefing_source(source: SourceInfo) -> str:
    return wording.BRIEF_SOURCE.format(
        title=mrkdwn.link(source.url, source.title),
        author=mrkdwn.escape(source.author),
        outlet=mrkdwn.escape(source.outlet),
        published=f"{source.published:%d %b %Y}",
    )


def _brief_usage() -> str:
    lines = [mrkdwn.bold(wording.BRIEF_USAGE_TITLE)]
    lines += [_usage_line(command, what) for command, what in wording.BRIEF_USAGE]
    return "\n".join(lines)


def _usage_line(command: str, what: str) -> str:
    return f"• {mrkdwn.code(command)} — {mrkdwn.commands_in(what)}"


def _quote(citation: Citation, source: SourceInfo | None) -> str:
    """A quote, linked to its exact place in the article (a text fragment) when the source has an address."""
    return mrkdwn.quoted(citation.quote, source.link_to(citation.quote) if source else None)


def _filled(template: str, **markup: str) -> str:
    """A wording template escaped, then filled with markup we made ourselves (links, schedules)."""
    escaped = mrkdwn.escape(template)
    return escaped.format(**{k: v if k in _MARKUP else mrkdwn.escape(v) for k, v in markup.items()})


def _message(text: str, blocks: list[Block]) -> Message:
    """A message from plain `text` (escaped for the notification) and its blocks, without link previews."""
    return {"text": mrkdwn.fallback(text), "blocks": _dicts(_fit(blocks, MAX_BLOCKS)), **NO_PREVIEWS}


def _reply(text: str) -> Message:
    """A message whose text is already mrkdwn we made: the same text in sections, without link previews."""
    clipped = mrkdwn.clip(text, mrkdwn.MAX_TEXT_CHARS)
    return {"text": clipped, "blocks": _dicts(_fit(_sections(text), MAX_BLOCKS)), **NO_PREVIEWS}


def _sections(text: str) -> list[Block]:
    """One or more sections, split on line breaks so each stays under Slack's 3,000 characters."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > MAX_SECTION_CHARS:
            head, line = line[:MAX_SECTION_CHARS], line[MAX_SECTION_CHARS:]
            if current:
                chunks.append(current)
            chunks.append(head)
            current = ""
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > MAX_SECTION_CHARS:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        chunks.append(current)
    return [SectionBlock(text=MarkdownTextObject(text=chunk)) for chunk in chunks if chunk.strip()]


def _context(text: str, *, block_id: str | None = None) -> Block:
    return ContextBlock(
        elements=[MarkdownTextObject(text=mrkdwn.clip(text, MAX_SECTION_CHARS))], block_id=block_id
    )


def _buttons(
    answer: Answer, *, share: bool, topic: str | None, votes: bool = True, stop_following: str | None = None
) -> Block:
    value = ActionValue(id=answer.id, q=answer.question, t=topic).encode()
    elements = []
    if votes:
        elements += [
            ButtonElement(text="👍", action_id=FEEDBACK_UP, value=value),
            ButtonElement(text="👎", action_id=FEEDBACK_DOWN, value=value),
        ]
    if share:
        elements.append(
            ButtonElement(text=wording.SHARE_BUTTON, action_id=SHARE, value=value, style="primary")
        )
    if stop_following:
        elements.append(
            ButtonElement(text=wording.STOP_FOLLOWING_BUTTON, action_id=STOP_FOLLOWING, value=stop_following)
        )
    return ActionsBlock(block_id=f"answer:{answer.id}", elements=elements)


def _feedback(answer: Answer) -> Block:
    """Slack's own 👍/👎 (a context actions block): each button's value carries the answer and the vote."""

    def button(vote: Literal["up", "down"], text: str, label: str) -> FeedbackButtonObject:
        value = ActionValue(id=answer.id, q=answer.question, v=vote).encode()
        return FeedbackButtonObject(text=text, accessibility_label=label, value=value)

    return ContextActionsBlock(
        block_id=f"feedback:{answer.id}",
        elements=[
            FeedbackButtonsElement(
                action_id=FEEDBACK,
                positive_button=button("up", "👍", wording.FEEDBACK_GOOD),
                negative_button=button("down", "👎", wording.FEEDBACK_BAD),
            )
        ],
    )


def _fit(blocks: list[Block], limit: int) -> list[Block]:
    """Keep within Slack's block limit, always keeping the last block (the buttons)."""
    return blocks if len(blocks) <= limit else [*blocks[: limit - 1], blocks[-1]]


def _dicts(blocks: list[Block]) -> list[dict[str, Any]]:
    return [block.to_dict() for block in blocks]
