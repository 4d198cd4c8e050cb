"""Thread memory in Redis: each conversation's last turns (`…:thread:<id>`, a list), the threads the bot
follows (`…:joined:<id>`) or was told to stop following (`…:stopped:<id>`), all expiring; and the channels
where it answers only mentions (`…:mention-only:<channel>`, kept until changed)."""

from __future__ import annotations

from bot.adapters.storage.guard import RedisGuard, key
from bot.core.answer import Turn
from bot.core.ports import ThreadState


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

    def follow(self, team: str, conversation: str, ttl: int) -> bool:
        """Remember the bot is part of a thread, so questions there need no new mention; True only when this
        call started following it (never after it was told to stop)."""
        joined = key(team, "joined", conversation)
        stopped = key(team, "stopped", conversation)
        client = self._guard.client

        def start() -> bool:
            if client.exists(stopped):
                return False
            return bool(client.set(joined, 1, ex=ttl, nx=True))

        return bool(self._guard.run("thread.follow", start, False))

    def unfollow(self, team: str, conversation: str, ttl: int) -> None:
        """Stop following a thread and remember that for `ttl` seconds (one transaction)."""
        joined = key(team, "joined", conversation)
        stopped = key(team, "stopped", conversation)

        def stop() -> None:
            pipe = self._guard.client.pipeline(transaction=True)
            pipe.delete(joined)
            pipe.set(stopped, 1, ex=ttl)
            pipe.execute()

        self._guard.run("thread.unfollow", stop, None)

    def following(self, team: str, conversation: str) -> bool:
        joined = key(team, "joined", conversation)
        return bool(self._guard.run("thread.following", lambda: self._guard.client.exists(joined), 0))

    def state(self, team: str, channel: str, conversation: str) -> ThreadState:
        """Following, stopped and the channel's mention-only setting, in one round trip."""

        def read() -> ThreadState:
            pipe = self._guard.client.pipeline(transaction=False)
            pipe.exists(key(team, "joined", conversation))
            pipe.exists(key(team, "stopped", conversation))
            pipe.exists(key(team, "mention-only", channel))
            following, stopped, mention_only = pipe.execute()
            return ThreadState(
                following=bool(following), stopped=bool(stopped), mention_only=bool(mention_only)
            )

        return self._guard.run("thread.state", read, ThreadState())

    def mention_only(self, team: str, channel: str) -> bool:
        setting = key(team, "mention-only", channel)
        return bool(self._guard.run("channel.mention_only", lambda: self._guard.client.exists(setting), 0))

    def set_mention_only(self, team: str, channel: str, on: bool) -> bool:
        """A channel setting, kept until changed (no expiry)."""
        setting = key(team, "mention-only", channel)
        client = self._guard.client

        def save() -> bool:
            if on:
                client.set(setting, 1)
            else:
                client.delete(setting)
            return True

        return bool(self._guard.run("channel.mention_only", save, False))
