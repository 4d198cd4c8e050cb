"""The LLM writer on the openai SDK, and the prompt it sends."""
