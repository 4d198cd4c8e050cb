"""The one exception the knowledge package raises: the base on disk is not valid."""


class KnowledgeError(Exception):
    """The knowledge base failed to load or validate; the message names the file, topic and quote."""
