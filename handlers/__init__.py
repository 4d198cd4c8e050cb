"""The Slack adapter: everything that speaks Slack — the Bolt app, its listeners (listeners/), Block Kit
rendering (blocks, mrkdwn), posting, the Web API client, the WSGI app and the app manifest.

It calls the core only through its public API (bot.core) and never touches storage or the LLM directly.
"""
