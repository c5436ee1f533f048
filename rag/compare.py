"""What a comparison asks ("What's the difference between break and continue?", "pass vs
..."): each thing compared must be in the answer; a documentation that describes only one of
them does not say how they differ."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.questions import content_words

_THING = r"[\w.*`\"'“”()\-]+(?:\s+[\w.*`\"'“”()\-]+){0,3}?"
_COMPARISONS = (
    re.compile(
        rf"\bdifferences?\s+between\s+(?P<a>{_THING})\s+and\s+(?P<b>{_THING})\s*[?.!]*$", re.I
    ),
    re.compile(
        rf"^\W*(?P<a>{_THING})\s+(?:vs\.?|versus)\s+(?P<b>{_THING})(?=\s*(?:[?,:;(]|$))", re.I
    ),
    re.compile(
        rf"\b(?:what|how)\s+(?:does|do|is|are)\s+(?P<a>{_THING})\s+(?:do\s+)?"
        rf"(?:differently|different)\s+(?:from|than|to)\s+(?P<b>{_THING})\s*[?.!]*$",
        re.I,
    ),
)


@lru_cache(maxsize=256)
def compared(question: str) -> tuple[frozenset[str], ...]:
    """The words only each compared thing has ("async with" vs "with": {"async"} and nothing);
    () when the question compares nothing."""
    for pattern in _COMPARISONS:
        match = pattern.search(question)
        if match:
            a, b = (_words(match.group(side)) for side in ("a", "b"))
            if a != b:  # "async with" and "with", whose "with" is no content word
                return tuple(side for side in (a - b, b - a) if side)
    return ()


def _words(text: str) -> frozenset[str]:
    """A text's content words, an ellipsis ("...") among them."""
    ellipsis = {"..."} if "..." in text or "…" in text else set()
    return content_words(text) | ellipsis


def holds(side: frozenset[str], text: str) -> bool:
    """True when the text holds the compared thing's own words."""
    return side <= _words(text)
