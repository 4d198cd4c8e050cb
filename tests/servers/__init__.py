"""Real test servers: a Redis-compatible server process, a fake Slack Web API and a fake OpenAI API.

All of them listen on 127.0.0.1 on a free port and are used as context managers::

    with RedisServer() as redis_server, FakeSlack() as slack, FakeOpenAI() as llm:
        ...
"""

from tests.servers.fake_openai import Completion, FakeOpenAI
from tests.servers.fake_slack import DROPPED, Call, FakeSlack, Reply
from tests.servers.redis_server import RedisServer

__all__ = ["DROPPED", "Call", "Completion", "FakeOpenAI", "FakeSlack", "RedisServer", "Reply"]
