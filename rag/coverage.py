"""How much of a question a sentence holds: the share of its words, weighed by rarity, with a
person's whole name held where the sentence names them by part of it ("Mr. Wang")."""

from __future__ import annotations

from collections.abc import Callable

from rag.lists import people_named
from rag.opposites import same_acts
from rag.questions import content_words
from rag.topic import AUXILIARY

# Words that only frame a yes/no ("Is it OK to … inside a function?"): a rule allowing the thing
# elsewhere settles it without them.
_FRAME = content_words("ok okay fine inside within")


def coverage(
    question: str,
    text: str,
    idf: Callable[[str], float] | None,
    seen: Callable[[str], bool] | None = None,
) -> float:
    """IDF-weighted share of the question's words (those the corpus has) that the text holds;
    the words of a person's name count as held when the text names that person."""
    words = [
        w
        for w in content_words(question)
        if w not in AUXILIARY and w not in _FRAME and (seen is None or seen(w))
    ]
    if not words:
        return 1.0
    weigh = idf or (lambda word: 1.0)
    have = same_acts(content_words(text))  # "Does the finally clause still run?": "…executed"
    # a person the text names as "Mr. Wang" is the question's "Wang Yi", whole
    for name in people_named(question):
        if name & have:
            have |= content_words(" ".join(name))
    return sum(weigh(w) for w in words if w in have) / (sum(weigh(w) for w in words) or 1.0)


def asks_only_unseen(question: str, seen: Callable[[str], bool] | None) -> bool:
    """Beyond the people it names, the question's words are ones the documents never use
    ("Did Qin Gang buy it?"): no sentence can settle it with a plain Yes."""
    named = set().union(*people_named(question)) if people_named(question) else set()
    words = {w for w in content_words(question) - named if w not in AUXILIARY | _FRAME}
    return seen is not None and bool(words) and not any(seen(w) for w in words)
