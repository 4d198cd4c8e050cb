"""Adapters implementing the core's ports: Redis storage (storage/) and the OpenAI-compatible LLM writer
(llm/)."""
