"""Redis implementations of the core's storage ports, one module per concern, sharing one RedisGuard.

`RedisGuard` and `RedisStorage` are imported on first use (PEP 562), so that importing `embedded` alone — as
the gunicorn master does to start the embedded Valkey — does not import redis: gevent must patch each worker
before redis (and the ssl it binds) is imported there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.adapters.storage.guard import RedisGuard
    from bot.adapters.storage.store import RedisStorage

__all__ = ["RedisGuard", "RedisStorage"]


def __getattr__(name: str) -> Any:
    if name == "RedisGuard":
        from bot.adapters.storage.guard import RedisGuard

        return RedisGuard
    if name == "RedisStorage":
        from bot.adapters.storage.store import RedisStorage

        return RedisStorage
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
