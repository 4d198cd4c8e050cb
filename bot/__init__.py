"""briefbot's application, in layers: entry points (bot.entrypoints) wire the Slack adapter (handlers/) and
the Redis and OpenAI adapters (bot.adapters) to the core (bot.core), which answers from knowledge/."""
