"""The core: reading questions, the answer engine, composing, answers, briefings and schedules as structured
values (never markup), and the ports it needs (storage, the LLM writer, the job queue).

It imports nothing of Slack, Redis or OpenAI; adapters implement its ports and surfaces render its values.
What surfaces use is exported here; everything else is internal to the core.
"""

from bot.core import wording
from bot.core.answer import Answer, Citation, Notice, SourceInfo
from bot.core.application import (
    Asker,
    Briefbot,
    ChannelSettings,
    Heard,
    Limits,
    Prompt,
    SubscriptionChange,
    conversation_id,
    suggested_prompts,
)
from bot.core.briefing import Briefing
from bot.core.briefing_clock import BriefingPublisher, PostResult, Seen
from bot.core.jobs import Job, JobFailed, JobProgress, JobQueue, JobRunner, JobValue
from bot.core.schedule import Subscription
from bot.core.settings import ConfigError, Settings

__all__ = [
    "Answer",
    "Asker",
    "Briefbot",
    "Briefing",
    "BriefingPublisher",
    "ChannelSettings",
    "Citation",
    "ConfigError",
    "Heard",
    "Job",
    "JobFailed",
    "JobProgress",
    "JobQueue",
    "JobRunner",
    "JobValue",
    "Limits",
    "Notice",
    "PostResult",
    "Prompt",
    "Seen",
    "Settings",
    "SourceInfo",
    "Subscription",
    "SubscriptionChange",
    "conversation_id",
    "suggested_prompts",
    "wording",
]
