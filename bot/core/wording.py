"""Every sentence briefbot shows a person, in one place: short, human, no internals, and no markup.

Renderers add each surface's formatting (bold, code, channel links); `{placeholders}` are filled by them.
"""

from __future__ import annotations

# Answers
NOT_COVERED = "The article doesn't say."
NOT_COVERED_HINT = "It covers: {topics}."
REFUSED = (
    "I can only answer questions about the article, from the article — "
    "not follow instructions or share configuration."
)
EMPTY = "Ask me a question about the article, for example: Why are Pakistan and Russia getting closer?"
TRUNCATED = "(Your message was long; I read the first part.)"
NOT_MENTIONED = "The article doesn't mention {names}."
SOMEONE_ELSE = "The article doesn't mention {names}; it says this:"
AFTER_THE_ARTICLE = (
    "The article is from {date}, so it doesn't say what happened after that, or what will happen next."
)
AS_OF = "(As of the article's date, {date}.)"
NO_OPINION = "I can only tell you what the article says, and it doesn't give a view on that."
MISSING_DETAIL = {
    "date": "The article doesn't give the date.",
    "time": "The article doesn't say when.",
    "number": "The article doesn't give that figure.",
    "age": "The article doesn't give anyone's age.",
    "duration": "The article doesn't say how long.",
    "event_duration": "The article doesn't say how long.",
    "name": "The article doesn't give the name.",
    "agreement": "The article doesn't say what was signed or agreed.",
    "meeting": "The article doesn't say who met whom or what they talked about.",
    "contact": "The article doesn't give anyone's contact details or social media accounts.",
    "purchase": "The article doesn't say what was bought or sold.",
}
MISSING_NAME = "The article doesn't name {who}."
NO_ONE_NAMED = "The article doesn't say: what I just quoted names no one."
NOT_WHICH = "The article doesn't say which {what}."
STANDS_FOR = "{acronym} stands for {words}. In the article's words:"
NOT_SPELLED_OUT = "The article doesn't spell out {acronym}."
WHAT_IT_SAYS = "What it does say:"
EXACT_WORDS = "The article's words:"
ATTRIBUTION = "That's from {author}'s analysis in {outlet} ({date}). In the article's words:"
HEADLINE = "The headline:"
HEADLINE_CITED = "By {author}, in {outlet}, {date}. The headline:"
STANDFIRST = "The line under the headline:"
HEADLINES = "The headline, and the line under it:"
FIRST_SENTENCE = "The article opens:"
LAST_SENTENCE = "The article ends:"
CORRECTION_LEAD = "That's not what the article says."
NOTHING_MORE = "That's all the article says on this:"
PASSAGE_LEAD = "The article says:"

# Notices
RATE_LIMITED = "You're asking faster than I can keep up — please wait a minute and try again."
ERROR = "Sorry, something went wrong on my side. Please try again in a moment."
SLACK_UNREACHABLE = "I can't reach Slack right now — please try again in a moment."
THANKS_FOR_VOTE = "Thanks for the feedback."
THINKING = "Thinking…"
JOB_FAILED = "Sorry, I couldn't finish that answer. Please ask again in a moment."
READING_ARTICLE = "Reading the article…"

# Around an answer
NOT_COVERED_CONTEXT = "The article doesn't cover this, so there is no quote to show."
SOURCES_HEADING = "From the article"
YOU_ASKED = "You asked: {question}"
SHARED_BY = "Shared by {user}"
SHARE_BUTTON = "Share in channel"
SHARE_FAILED = "I couldn't share it — the button may have expired. Ask again and share the new answer."
SHARE_NOT_GROUNDED = "Only answers that quote the article can be shared."
FEEDBACK_GOOD = "Good answer"
FEEDBACK_BAD = "Not helpful"

# Threads
FOLLOWING_NOTE = "I'll answer questions in this thread without a new mention, and leave the chatter alone."
STOP_FOLLOWING_BUTTON = "Stop following"
STOPPED_FOLLOWING = "{user} asked me to stop following this thread. Mention me if you need me here again."

# The assistant panel
ASSISTANT_DESCRIPTION = (
    "I answer questions about one article, quoting it word for word, and say so when it doesn't cover a "
    "question."
)
ASSISTANT_PROMPTS_TITLE = "Ask about the article — try one of these, or your own question:"

# Channel settings (/briefbot)
SETTINGS_TITLE = "How I behave in {channel}"
SETTINGS_MENTION_ONLY = "I answer only messages that mention me here, and don't follow threads."
SETTINGS_FOLLOWING = (
    "When a thread here starts by mentioning me, I follow it: questions in it need no new mention "
    "(thanks and chatter are left alone)."
)
SETTINGS_SAVED = "Done."
SETTINGS_STORE_DOWN = "I can't save settings right now. Please try again in a minute."
SETTINGS_USAGE = (
    ("/briefbot mention-only", "answer only messages that mention me in this channel"),
    ("/briefbot follow-threads", "follow threads that start by mentioning me (the default)"),
)

# Usage and App Home
USAGE_TITLE = "Ask about the article — {title}"
USAGE_ASK = ("/ask <question>", "any question, e.g. /ask what did the US ask Pakistan to do?")
USAGE_BRIEF = ("/brief", "a short briefing; /brief subscribe daily 09:00 Asia/Karachi to get one every day")
USAGE_SETTINGS = ("/briefbot", "how I behave in this channel, e.g. /briefbot mention-only")
USAGE_MENTION = (
    "You can also @-mention me in a channel (I answer in a thread and remember it), send me a DM, or open "
    "me in Slack's assistant panel."
)
UNKNOWN_COMMAND = "I don't know the command {command}."
HOME_TITLE = "briefbot"
HOME_TOPICS = "Topics"
HOME_SOURCES = "Source"
HOME_VERSION = "Knowledge base version {version}"
HOME_INTRO = (
    "I answer questions about one article, quoting it word for word, and say so when it doesn't cover "
    "a question."
)
HOME_HOW_TO_ASK = "How to ask"
HOME_WAYS = (
    "Type a topic command below, or /ask <question> anywhere: answers are visible only to you until you "
    "share them.",
    "@-mention me in a channel: I answer in a thread, and questions in that thread need no new mention "
    "(thanks and chatter are left alone; Stop following ends it, /briefbot mention-only turns it off).",
    "Or open me in Slack's assistant panel, or just send me a direct message.",
)

# Briefings (/brief)
BRIEF_EXAMPLE = "/brief subscribe weekdays 09:00 Asia/Karachi"
BRIEF_USAGE_TITLE = "Briefings — the key points of the story, with their quotes"
BRIEF_USAGE = (
    ("/brief", "a briefing only you can see; /brief now — post one to this channel"),
    (
        "/brief subscribe [daily|weekdays] HH:MM [time zone]",
        "post one here on a schedule, e.g. " + BRIEF_EXAMPLE,
    ),
    ("/brief list", "this workspace's subscriptions; /brief off — stop them in this channel"),
)
BRIEF_NEEDS_TIME = "When should I post it? For example: " + BRIEF_EXAMPLE
BRIEF_BAD_TIME = "I couldn't read “{value}” as a time — use 24-hour HH:MM. For example: " + BRIEF_EXAMPLE
BRIEF_BAD_TZ = (
    "I don't know the time zone “{value}” — use a name like Asia/Karachi, Europe/London or UTC. "
    "For example: " + BRIEF_EXAMPLE
)
BRIEF_EXTRA = "I didn't understand “{value}”. For example: " + BRIEF_EXAMPLE
BRIEF_SUBSCRIBED = (
    "Done: I'll post a briefing in {channel} {schedule}. The next one is on {next}. "
    "Make sure I'm in the channel (/invite @briefbot)."
)
BRIEF_UNSUBSCRIBED = "Done: no more scheduled briefings in {channel}."
BRIEF_NOT_SUBSCRIBED = "There are no scheduled briefings in {channel}."
BRIEF_NONE = "No channel in this workspace gets scheduled briefings yet. Try " + BRIEF_EXAMPLE
BRIEF_LIST_HEADING = "Scheduled briefings"
BRIEF_LIST_LINE = "{channel} — {schedule}"
BRIEF_LIST_OFF = "{channel} — off ({reason})"
BRIEF_LIST_MORE = "…and {count} more."
BRIEF_STORE_DOWN = "I can't save subscriptions right now. Please try again in a minute."
BRIEF_HEADER = "Briefing: {title}"
BRIEF_SOURCE = "Source: {title} — {author}, {outlet}, {published}"
BRIEF_DISABLED = (
    "I couldn't post the scheduled briefing in {channel}: {reason}. I've turned that subscription off; "
    "once that's fixed, /brief subscribe … in the channel turns it back on."
)
BRIEF_DISABLED_REASONS = {
    "not_in_channel": "I'm not a member of the channel (invite me with /invite @briefbot)",
    "channel_not_found": "I can't find the channel (it may be private or deleted)",
    "is_archived": "the channel is archived",
}
