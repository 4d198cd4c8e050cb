"""Thread memory in Redis: each conversation's last turns (`…:thread:<id>`, a list) and the threads the bot
follows (`…:joined:<id>`), both expiring."""

from __future__ import annotations

from bot.adapters.storage.guard import RedisGuard, key
from bot.core.answer import Turn


class RedisThreadMemory:
    """Implements the core's ThreadMemory."""

    def __init__(self, guard: RedisGuard) -> None:
        self._guard = guard

    def turns(self, team: str, conversation: str) -> list[Turn]:
        """Earlier turns of a conversation (oldest first); empty when unknown or Redis is down."""
        client = self._guard.client
        raw: list[str] = self._guard.run(
            "thread.get", lambda: client.lrange(key(team, "thread", conversation), 0, -1), []
        )
        turns = []
        for item in raw or []:
            try:
                turns.append(Turn.model_validate_json(item))
            except ValueError:
                continue
        return turns

    def add(self, team: str, conversation: str, turn: Turn, *, max_turns: int, ttl: int) -> None:
        """Append a turn, keep the last max_turns, refresh expiry — atomically (MULTI/EXEC)."""
        thread = key(team, "thread", conversation)

        def write() -> None:
            pipe = self._guard.client.pipeline(transaction=True)
            pipe.rpush(thread, turn.model_dump_json())
            pipe.ltrim(thread, -max_turns, -1)
            pipe.expire(thread, ttl)
            pipe.execute()

        self._guard.run("thread.add", write, None)

    def follow(self, team: str, conversation: str, ttl: int) -> None:
        """Remember the bot is part of a thread, so follow-ups there need no new mention."""
        joined = key(team, "joined", conversation)
        self._guard.run("thread.follow", lambda: self._guard.client.set(joined, 1, ex=ttl), None)

    def unfollow(self, team: str, conversation: str) -> None:
        joined = key(team, "joined", conversation)
        self._guard.run("thread.unfollow", lambda: self._guard.client.delete(joined), None)

    def following(self, team: str, conversation: str) -> bool:
        joined = key(team, "joined", conversation)
        return bool(self._guard.run("thread.following", lambda: self._guard.client.exists(joined), 0))
