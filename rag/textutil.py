"""Small text helpers shared by retrieval, synthesis and citation checks."""

from __future__ import annotations

import re
from functools import lru_cache

_SPACE = re.compile(r"\s+")


def collapse(text: str) -> str:
    """The text with every run of whitespace as one space, trimmed."""
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)
