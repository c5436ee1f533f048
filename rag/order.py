"""Whether a sentence settles the order a yes/no asks about.

"For a[i] += f(x), is f(x) evaluated before a[i] is looked up?" is settled by "…first looks up
a[i], then it evaluates f(x)": the sentence tells the other order, so the answer is No, though
it holds every word of the question.
"""

from __future__ import annotations

import re

from rag.clauses import asked_clause
from rag.questions import content_words

# "Is A … before B?", "Does A run after B?": the two things whose order is asked.
_ORDER_ASKED = re.compile(r"^(?P<a>.+?)\s+(?P<rel>before|after|prior\s+to)\s+(?P<b>.+?)\W*$", re.I)
# Words of a sequence in the sentence; "after" tells it backwards ("B runs after A").
_SEQUENCE = re.compile(r"\b(?:first|then|before|after|followed\s+by|prior\s+to)\b", re.I)
_LIGHT = content_words("get gets got happen happens run runs come comes take place done")


def misordered(question: str, text: str) -> bool | None:
    """True when the text tells the asked things in the other order, False when in the asked
    order, None when it does not tell their order (or the question asks none)."""
    asked = _ORDER_ASKED.match(asked_clause(question).strip())
    cue = _SEQUENCE.search(text)
    if asked is None or cue is None:
        return None
    first, second = _words(asked.group("a")), _words(asked.group("b"))
    first, second = first - second, second - first
    word = cue.group(0).lower()
    start = cue.start() if word == "first" else 0
    where = _positions(text[start:])
    at_first = min((where[w] for w in first if w in where), default=None)
    at_second = min((where[w] for w in second if w in where), default=None)
    if at_first is None or at_second is None:
        return None
    told_first = at_first < at_second
    # "A before B", "B after A", "After A, B" and "Before B, A" all tell A first
    leading = len(re.findall(r"[A-Za-z]+", text[start : cue.start()])) < min(at_first, at_second)
    if word == "after":
        told_first = told_first if leading else not told_first
    elif word != "first" and word != "then" and not word.startswith("followed"):
        told_first = not told_first if leading else told_first  # "Before B, A"
    asks_first = asked.group("rel").lower() != "after"
    return told_first != asks_first


def _words(text: str) -> set[str]:
    return {w for w in content_words(text) if len(w) >= 3} - _LIGHT


def _positions(text: str) -> dict[str, int]:
    """Each word's first place in the text ("looks-up" is "looks" and "up")."""
    where: dict[str, int] = {}
    for place, token in enumerate(re.findall(r"[A-Za-z]+", text)):
        for word in content_words(token):
            where.setdefault(word, place)
    return where
