"""Every environment variable briefbot reads, typed and validated once (pydantic-settings)."""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOSTNAME = re.compile(rf"(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*")


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one line naming the variable."""


class Settings(BaseSettings):
    """briefbot's configuration; secrets are SecretStr so they never print."""

    # An empty variable ("SLACK_BOT_TOKEN=" in a .env template) is one not set.
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True
    )

    # Slack
    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str | None = Field(default=None, description="Web API base URL, e.g. a local fake Slack")
    port: int = Field(default=3000, ge=1, le=65535)
    web_host: str = Field(
        default="0.0.0.0", description="the web process's bind address; Heroku's router needs every interface"
    )
    web_read_timeout: float = Field(
        default=5.0, gt=0, le=60, description="seconds a client has to send a request's body"
    )
    web_concurrency: int = Field(default=2, ge=1, le=64)
    listener_threads: int = Field(default=16, ge=1, le=256)

    # Redis
    redis_url: str | None = None
    redis_data_dir: Path | None = Field(
        default=None, description="the embedded server's data directory (default: the user's data directory)"
    )
    redis_socket_timeout: float = Field(default=0.25, gt=0, le=10)
    redis_connect_timeout: float = Field(default=0.25, gt=0, le=10)
    redis_retry_after: float = Field(
        default=2.0, ge=0, le=60, description="seconds to skip Redis after it fails"
    )

    # Answers
    knowledge_dir: Path | None = None
    vector_cache_dir: Path | None = Field(
        default=None,
        description="where the knowledge base's embeddings are kept between runs (default: the user's cache "
        "directory)",
    )
    cache_ttl_seconds: int = Field(default=7 * 24 * 3600, ge=0)
    thread_turns: int = Field(default=10, ge=1, le=100)
    thread_ttl_seconds: int = Field(default=24 * 3600, ge=60)
    user_rate_limit: int = Field(default=20, ge=1, description="questions a user may ask per minute")
    channel_rate_limit: int = Field(default=60, ge=1, description="questions a channel may ask per minute")

    # LLM (optional)
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    openai_model: str = "gpt-4o-mini"
    openai_timeout: float = Field(
        default=6.0, gt=0, le=60, description="whole LLM budget per answer, seconds"
    )
    openai_max_retries: int = Field(default=1, ge=0, le=5)
    openai_max_context_tokens: int = Field(default=1200, ge=0)
    openai_max_passage_tokens: int = Field(
        default=2000, ge=0, description="send every passage of the base when they fit in this many tokens"
    )
    openai_price_in_per_mtok: float = Field(default=0.15, ge=0, description="USD per million prompt tokens")
    openai_price_out_per_mtok: float = Field(default=0.60, ge=0, description="USD per million output tokens")

    # Slow work (answers that may wait for the LLM, shares, posts that wait out a 429): see bot/core/jobs.py
    jobs: Literal["auto", "rq", "inline"] = Field(
        default="auto",
        description="rq: a durable queue on Redis (the web process's default); inline: in this process "
        "(Socket Mode's default); auto: each process its default",
    )
    job_queue: str = Field(default="briefbot", pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    job_threads: int = Field(default=8, ge=1, le=64, description="jobs one process runs at once")
    job_attempts: int = Field(default=3, ge=1, le=10, description="tries before a job ends in an apology")
    job_heartbeat_seconds: int = Field(
        default=5, ge=1, le=60, description="a running job's heartbeat; three missed ones and it is retried"
    )
    job_timeout_seconds: int = Field(
        default=120, ge=10, le=3600, description="a job still running after this long is retried elsewhere"
    )

    # Briefings
    briefing_channel: str | None = None
    briefing_cron: str | None = Field(default=None, description="e.g. '0 9 * * mon-fri'")
    briefing_tz: str = "UTC"
    briefing_grace_seconds: int = Field(default=3600, ge=0)
    briefing_tick_seconds: float = Field(
        default=30.0, gt=0, le=3600, description="how often the clock looks for due briefings"
    )

    log_level: str = "INFO"

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith("xoxb-"):
            raise ValueError("must start with xoxb-")
        return value

    @field_validator("slack_app_token")
    @classmethod
    def _app_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith("xapp-"):
            raise ValueError("must start with xapp-")
        return value

    @field_validator("slack_api_url")
    @classmethod
    def _api_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        # slack_sdk joins base URL and method with urljoin: without the slash, ".../api" + "chat.postMessage"
        # would become ".../chat.postMessage".
        return value if value.endswith("/") else value + "/"

    @field_validator("web_host")
    @classmethod
    def _web_host(cls, value: str) -> str:
        host = value.strip().removeprefix("[").removesuffix("]")
        try:
            ipaddress.ip_address(host)
        except ValueError:
            if not _HOSTNAME.fullmatch(host):
                raise ValueError("must be an IP address or a host name") from None
        return host

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, value: str | None) -> str | None:
        if value and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must be a redis://, rediss:// or unix:// URL")
        return value or None

    @property
    def bind(self) -> str:
        """gunicorn's bind: host:port, with an IPv6 address in brackets."""
        host = f"[{self.web_host}]" if ":" in self.web_host else self.web_host
        return f"{host}:{self.port}"

    @property
    def llm_enabled(self) -> bool:
        return self.openai_api_key is not None or self.openai_base_url is not None

    @property
    def job_budget(self) -> float:
        """Seconds one job may take when all goes well: the whole LLM budget, then posting (Slack's client
        waits 10 s), with a margin; a graceful shutdown waits this long for running jobs."""
        return self.openai_timeout + 15

    @property
    def slack_enabled(self) -> bool:
        return self.slack_bot_token is not None

    def require_slack_http(self) -> None:
        """Fail unless the variables HTTP mode needs are set."""
        for name in ("slack_bot_token", "slack_signing_secret"):
            if getattr(self, name) is None:
                raise ConfigError(f"{name.upper()} is not set; it is required to serve Slack over HTTP")


def load_settings() -> Settings:
    """Read settings from the environment (and .env); raise ConfigError naming the first bad variable."""
    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "a setting"
        raise ConfigError(f"{name} {_plainly(first)}") from None


def _plainly(error: Any) -> str:
    """What pydantic found wrong, said plainly: "must be a whole number" rather than "Input should be…"."""
    message = str(error.get("msg", "is invalid")).removeprefix("Value error, ")
    kind = str(error.get("type", ""))
    limit = (error.get("ctx") or {}).get("ge", (error.get("ctx") or {}).get("gt"))
    plain = {
        "int_parsing": "must be a whole number",
        "float_parsing": "must be a number",
        "bool_parsing": "must be true or false",
        "greater_than_equal": f"must be at least {limit}",
        "greater_than": f"must be more than {limit}",
        "less_than_equal": f"must be at most {(error.get('ctx') or {}).get('le')}",
    }.get(kind)
    return plain or (message[:1].lower() + message[1:] if message else "is invalid")
