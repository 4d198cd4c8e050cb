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
USAGE = (
    "*Ask about the article* — {title}\n"
    "• `/ask <question>` — any question, e.g. `/ask what did the US ask Pakistan to do?`\n"
    "• `/brief` — a short briefing; `/brief subscribe daily 09:00 Asia/Karachi` to get one every day\n"
    "{commands}\n"
    "You can also @-mention me in a channel (I answer in a thread and remember it) or send me a DM."
)
SHARED_BY = "Shared by <@{user}>"
THANKS_FOR_VOTE = "Thanks for the feedback."
