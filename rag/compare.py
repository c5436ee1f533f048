"""What a comparison asks ("What's the difference between break and continue?", "pass vs
..."): each thing compared must be in the answer; a documentation that describes only one of
them does not say how they differ."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.questions import content_words, names

# The comparison a yes/no asks about: "faster than", "more readable than".
COMPARED = re.compile(r"\b(\w+er|(?:more|less)\s+\w+)\s+than\b", re.IGNORECASE)
# A sentence saying one thing exceeds the other, and the comparisons that ask the other way.
EXCEEDS = re.compile(
    r"\b(?:(?:far|well|much)\s+)?beyond\s+(?:those|that|the\s+ones?)\b|"
    r"\b(?:exceed|surpass|outstrip)\w*",
    re.IGNORECASE,
)
LESSER = re.compile(
    r"(?:less|fewer|lesser|milder|weaker|smaller|softer|lighter|lower|shorter|cheaper|"
    r"narrower|slower|gentler)\b",
    re.IGNORECASE,
)

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


# What a sentence names only as the standard it measures something else against: "…sanctions…
# going far beyond those announced by the Obama administration after Russia seized Crimea" tells
# of the new sanctions; the Obama administration's are only the yardstick, and the sentence never
# says what they were. It does not answer "What sanctions did the Obama administration impose
# after Crimea?", though it holds every word of it; it does answer a question that itself
# compares ("…milder than the ones after Crimea?").
#
# The standard of a comparison, up to the end of its clause: "beyond those announced by…",
# "than the ones…", "unlike that of…".
_STANDARD = re.compile(
    r"\b(?:beyond|than|unlike|compared\s+(?:with|to)|similar\s+to)\s+"
    r"(?:those|that|the\s+ones?|what)\b[^,;:.!?—–()]*",
    re.IGNORECASE,
)
# The thing a "what/which X" question asks for: "What specific sanctions…", "What exactly were
# the sanctions…".
_ASKED_THING = re.compile(
    r"^\W*(?:what|which)\s+(?:exactly\s+)?(?:(?:is|are|was|were)\s+the\s+)?"
    r"(?:(?:specific|exact|particular|kinds?\s+of|sorts?\s+of)\s+)?([a-z][\w-]*)",
    re.IGNORECASE,
)
# A question that asks for a comparison itself.
_COMPARES = re.compile(
    r"\b(?:beyond|than|unlike|like|compar\w*|differ\w*|similar\w*|versus|vs)\b|\w+er\s+than\b",
    re.IGNORECASE,
)


def names_only_as_standard(question: str, sentence: str) -> set[str]:
    """The words of what the question names (capitalised names) that the sentence holds only
    inside the standard of a comparison, when the question asks what something was ("what
    sanctions…"); empty when the question asks for a comparison, or for something the standard
    itself names ("Which administration announced sanctions after Crimea?")."""
    asked = _ASKED_THING.match(question)
    if asked is None or _COMPARES.search(question):
        return set()
    spans = [m.span() for m in _STANDARD.finditer(sentence)]
    if not spans:
        return set()
    inside = " ".join(sentence[start:end] for start, end in spans)
    outside = sentence
    for start, end in reversed(spans):
        outside = outside[:start] + " " + outside[end:]
    thing = content_words(asked.group(1))
    if not thing or thing & content_words(inside):
        return set()
    named = content_words(" ".join(names(question)))
    return set(named & content_words(inside)) - content_words(outside)
