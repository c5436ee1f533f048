"""Errors a user can act on: their message is shown as one line, without a traceback."""


class RagError(Exception):
    """A problem the user can fix; the message says what happened and what to do."""


class IndexUnavailable(RagError):
    """The index is missing, corrupted or built with other settings."""


class StoreUnavailable(RagError):
    """The Chroma server cannot be reached."""


class BadQuestion(RagError):
    """The question is empty, too long or otherwise unusable."""
