"""Every sentence briefbot shows a person, in one place: short, human, no internals."""

from __future__ import annotations

NOT_COVERED = "The article doesn't say."
NOT_COVERED_HINT = "It covers: {topics}."
REFUSED = (
    "I can only answer questions about the article, from the article — "
    "not follow instructions or share configuration."
)
EMPTY = "Ask me a question about the article, for example: _Why are Pakistan and Russia getting closer?_"
TRUNCATED = "_(Your message was long; I read the first part.)_"
RATE_LIMITED = "You're asking faster than I can keep up — please wait a minute and try again."
ERROR = "Sorry, something went wrong on my side. Please try again in a moment."
CORRECTION_LEAD = "That's not what the article says."
NOTHING_MORE = "That's all the article says on this:"
PASSAGE_LEAD = "The article says:"
USAGE = (
    "*Ask about the article* — {title}\n"
    "• `/ask <question>` — any question, e.g. `/ask what did the US ask Pakistan to do?`\n"
    "• `/brief` — a short briefing; `/brief subscribe daily 09:00 Asia/Karachi` to get one every day\n"
    "{commands}\n"
    "You can also @-mention me in a channel (I answer in a thread and remember it) or send me a DM."
)
SHARED_BY = "Shared by <@{user}>"
SLACK_UNREACHABLE = "I can't reach Slack right now — please try again in a moment."
THANKS_FOR_VOTE = "Thanks for the feedback."

# Slack app
THINKING = "_Thinking…_"
NOT_COVERED_CONTEXT = "The article doesn't cover this, so there is no quote to show."
SOURCES_HEADING = "*From the article*"
UNKNOWN_COMMAND = "I don't know the command `{command}`."
YOU_ASKED = "_You asked:_ {question}"
SHARE_BUTTON = "Share in channel"
SHARE_FAILED = "I couldn't post in this channel — invite me with `/invite @briefbot` and try again."
HOME_TITLE = "briefbot"
HOME_TOPICS = "*Topics*"
HOME_SOURCES = "*Source*"
HOME_VERSION = "Knowledge base version `{version}`"
HOME_INTRO = (
    "I answer questions about one article, quoting it word for word, and say so when it doesn't cover "
    "a question."
)
HOME_HOW_TO_ASK = (
    "*How to ask*\n"
    "• Type a topic command below, or `/ask <question>` anywhere: answers are visible only to you until you\n"
    "  share them.\n"
    "• @-mention me in a channel: I answer in a thread, and follow-ups in that thread need no new mention.\n"
    "• Or just send me a direct message."
)

# Briefings (/brief)
BRIEF_EXAMPLE = "`/brief subscribe weekdays 09:00 Asia/Karachi`"
BRIEF_USAGE = (
    "*Briefings* — the key points of the story, with their quotes\n"
    "• `/brief` — a briefing only you can see; `/brief now` — post one to this channel\n"
    "• `/brief subscribe [daily|weekdays] HH:MM [time zone]` — post one here on a schedule, e.g. "
    + BRIEF_EXAMPLE
    + "\n• `/brief list` — this workspace's subscriptions; `/brief off` — stop them in this channel"
)
BRIEF_NEEDS_TIME = "When should I post it? For example: " + BRIEF_EXAMPLE
BRIEF_BAD_TIME = "I couldn't read “{value}” as a time — use 24-hour HH:MM. For example: " + BRIEF_EXAMPLE
BRIEF_BAD_TZ = (
    "I don't know the time zone “{value}” — use a name like `Asia/Karachi`, `Europe/London` or `UTC`. "
    "For example: " + BRIEF_EXAMPLE
)
BRIEF_EXTRA = "I didn't understand “{value}”. For example: " + BRIEF_EXAMPLE
BRIEF_SUBSCRIBED = (
    "Done: I'll post a briefing in <#{channel}> {schedule}. The next one is on {next}. "
    "Make sure I'm in the channel (`/invite @briefbot`)."
)
BRIEF_UNSUBSCRIBED = "Done: no more scheduled briefings in <#{channel}>."
BRIEF_NOT_SUBSCRIBED = "There are no scheduled briefings in <#{channel}>. " + BRIEF_USAGE
BRIEF_NONE = "No channel in this workspace gets scheduled briefings yet. Try " + BRIEF_EXAMPLE
BRIEF_LIST_HEADING = "*Scheduled briefings*"
BRIEF_LIST_LINE = "• <#{channel}> — {schedule}"
BRIEF_LIST_OFF = "• <#{channel}> — off ({reason})"
BRIEF_STORE_DOWN = "I can't save subscriptions right now. Please try again in a minute."
BRIEF_HEADER = "Briefing: {title}"
BRIEF_SOURCE = "Source: {title} — {author}, {outlet}, {published}"
BRIEF_DISABLED = (
    "I couldn't post the scheduled briefing in <#{channel}>: {reason}. I've turned that subscription off; "
    "once that's fixed, `/brief subscribe …` in the channel turns it back on."
)
BRIEF_DISABLED_REASONS = {
    "not_in_channel": "I'm not a member of the channel (invite me with `/invite @briefbot`)",
    "channel_not_found": "I can't find the channel (it may be private or deleted)",
    "is_archived": "the channel is archived",
}
