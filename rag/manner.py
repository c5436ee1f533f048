"""The act a how-question asks the manner of: "How are two identifiers compared?" asks how the
comparing is done, which the sentence telling it names ("comparison of identifiers is based on
NFKC"), unlike one about the identifiers alone."""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.questions import content_words

# "How are identifiers compared?", "how is the exception chained?": the participle at its end.
_PASSIVE = re.compile(
    r"^\W*how\s+(?:is|are|was|were)\s+(?:[\w.’'\"()-]+\s+){1,8}?([a-z]{4,}(?:ed|en))\s*[?.!]*\s*$",
    re.I,
)
# "What does the interpreter print when an exception is not handled?": the act asked, before
# a condition that a sentence may meet without saying what is done.
_ACT_UNDER_CONDITION = re.compile(
    r"^\W*what\s+(?:does|do|did|will|would|should|can)\s+(?:[\w.’'\"()-]+\s+){1,6}?"
    r"([a-z]{5,})(?:\s+(?:out|up|back))?\s+(?:when|if|after|before|once|whenever|unless)\b",
    re.I,
)
# The share of the verb a word must begin with to be one of its forms ("compar": "comparison").
_SHARED = 5


def asked_act(question: str) -> str | None:
    """The stem of the act a passive how-question, or a what-question under a condition, asks
    about, or None."""
    match = _PASSIVE.match(question) or _ACT_UNDER_CONDITION.match(question)
    if match is None:
        return None
    words = content_words(match.group(1))
    return next(iter(words)) if len(words) == 1 else None


def favour_the_act(question: str, scored: list, bonus: float) -> list:
    """Sentences naming the asked act, in any of its forms, move up by `bonus`."""
    act = asked_act(question)
    if act is None or len(act) < _SHARED:
        return scored
    return lift(
        scored, lambda text: any(w.startswith(act[:_SHARED]) for w in content_words(text)), bonus
    )


# "several context managers", "more than one item", "multiple with statements": many of a thing.
_MANY = re.compile(
    r"\b(?:several|multiple|more\s+than\s+one|two\s+or\s+more|(?<!how\s)many|a\s+number\s+of|"
    r"a\s+few|each\s+of\s+the)\b",
    re.I,
)


def favour_the_many(question: str, scored: list, bonus: float) -> list:
    """Asked of several of a thing ("a with statement with several context managers"), the
    sentences on more than one ("With more than one item, …") move up by `bonus`."""
    if not _MANY.search(question):
        return scored
    return lift(scored, lambda text: bool(_MANY.search(text)), bonus)


# "Which feature is the only one that still needs…": one thing alone, as a sentence says it.
_ONLY = re.compile(r"\bthe\s+only\b|\bonly\s+one\b|\bsole(?:ly)?\b|\bexclusively\b", re.I)


def favour_the_only(question: str, scored: list, bonus: float) -> list:
    """Asked of the only one of a thing, the sentences saying what alone is so ("The only feature
    that requires…") move up by `bonus`."""
    if not _ONLY.search(question):
        return scored
    return lift(scored, lambda text: bool(_ONLY.search(text)), bonus)


# "…for an object that has no __contains__?", "…without a __hash__ method": what is lacking.
_LACKS = re.compile(
    r"\b(?:has|have|with)\s+no\s+(?:[\"“`]?)([\w.]+)|\bwithout\s+(?:an?\s+|the\s+)?[\"“`]?([\w.]+)|"
    r"\b(?:does|do|did)\s*(?:not|n['’]t)\s+(?:define|have|implement|provide|support)\s+"
    r"(?:an?\s+|the\s+)?[\"“`]?([\w.]+)|\blacks?\s+(?:an?\s+|the\s+)?[\"“`]?([\w.]+)",
    re.IGNORECASE,
)


def favour_the_same_lack(question: str, scored: list, bonus: float) -> list:
    """Asked of something lacking a thing ("an object that has no __contains__"), the sentences
    on what lacks it ("For objects that don't define __contains__(), …") move up by `bonus`."""
    lacking = {next(g for g in m.groups() if g).strip("()") for m in _LACKS.finditer(question)}
    lacking = {word for word in lacking if len(word) > 3}
    if not lacking:
        return scored
    denies = [
        re.compile(
            rf"(?:\bno|\bnot|n['’]t|\bwithout|\blacks?)\s+(?:\w+\s+){{0,2}}[\"“`]?{re.escape(w)}"
        )
        for w in lacking
    ]
    return lift(scored, lambda text: any(d.search(text) for d in denies), bonus)


def lift(scored: list, chosen: Callable[[str], bool], bonus: float) -> list:
    """The sentences whose text is `chosen` move up by `bonus`, best first again."""
    for sentence in scored:
        if chosen(sentence.text):
            sentence.score = min(1.0, sentence.score + bonus)
    scored.sort(key=lambda s: -s.score)
    return scored
