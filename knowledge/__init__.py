"""Knowledge: sources, curated topics, their models and validation, and retrieval. Pure knowledge logic: it
knows nothing of Slack, Redis, OpenAI or the rest of briefbot."""
