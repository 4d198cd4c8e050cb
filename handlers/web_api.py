"""The Slack Web API client every process uses: SLACK_API_URL (or slack.com), waiting out 429s."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler
from slack_sdk.http_retry.handler import RetryHandler

from bot.core import ConfigError, Settings

RATE_LIMIT_RETRIES = 3


def web_client(settings: Settings) -> WebClient:
    """A client for the bot token; a 429 is retried after its Retry-After, a lost connection once."""
    if settings.slack_bot_token is None:
        raise ConfigError("SLACK_BOT_TOKEN is not set; it is required to talk to Slack")
    client = WebClient(
        token=settings.slack_bot_token.get_secret_value(),
        base_url=settings.slack_api_url or WebClient.BASE_URL,
        timeout=10,
    )
    return with_rate_limit_retries(client)


def with_rate_limit_retries(client: WebClient) -> WebClient:
    """Add slack_sdk's Retry-After and connection retry handlers to a client (once each)."""
    if not any(isinstance(h, RateLimitErrorRetryHandler) for h in client.retry_handlers):
        client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES))
    if not any(isinstance(h, ConnectionErrorRetryHandler) for h in client.retry_handlers):
        client.retry_handlers.append(ConnectionErrorRetryHandler(max_retry_count=1))
    return client


def never_resending(client: WebClient, *, rate_limit_retries: int = RATE_LIMIT_RETRIES) -> WebClient:
    """A copy of `client` that never sends a request again after a lost connection (the first may have been
    done: a post would go out twice), only after a 429 (Slack did nothing) when `rate_limit_retries` > 0."""
    handlers: list[RetryHandler] = (
        [RateLimitErrorRetryHandler(max_retry_count=rate_limit_retries)] if rate_limit_retries else []
    )
    return WebClient(
        token=client.token,
        base_url=client.base_url,
        timeout=client.timeout,
        ssl=client.ssl,
        proxy=client.proxy,
        headers=dict(client.headers),
        retry_handlers=handlers,
    )
