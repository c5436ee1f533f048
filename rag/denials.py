"""Whether a sentence denies the very act a yes/no question asks: its negation governs the
question's own verb ("The presence of annotations does not change the semantics" of "Do
annotations change how a function behaves?"), not a thing the question only names ("…should
not implement __hash__()" of "does its __hash__ become None?"); or the very thing whose being
it asks ("There are no special operations on types")."""

from __future__ import annotations

import re

from rag.negation import TOKEN, directed
from rag.questions import content_words

# Words between a negation and the verb it governs: "is not actually changed".
_BETWEEN = frozenset(
    "be been being is are was were actually always ever also yet even really necessarily "
    "directly usually".split()
)
# A verb's negation (not "no guest", "without a fee": those deny a thing).
_NOT = re.compile(r"\b(?:not|never|cannot|\w+n['’]t)\b", re.IGNORECASE)


def denies_the_asked_act(text: str, clause: str) -> bool:
    """True when a negation in the text is followed at once (past "be" and adverbs) by a word
    of the asked clause."""
    asked = content_words(clause)
    for match in _NOT.finditer(text):
        if directed(text, match):
            continue
        rest = text[match.end() :]
        if rest.lstrip()[:1] in {'"', "“", "`", "_"}:
            continue  # "…but not "__hash__()"": a name in code is a thing, not an act
        tokens = TOKEN.findall(rest)[:10]
        while tokens and tokens[0].lower() in _BETWEEN:
            tokens = tokens[1:]
        if not tokens or not content_words(tokens[0]) & asked:
            continue
        # and of what the question asks it of: "instances cannot override the behavior of a
        # property" does not deny that an instance can override a method
        objects = [content_words(w) for w in tokens[1:6] if content_words(w)]
        if not objects or any(words & asked for words in objects):
            return True
    return False


# "Are there special operations on type objects?" — "There are no special operations on types."
_ASKS_EXISTS = re.compile(r"^\W*(?:(?:so|and|but)\s+)?(?:is|are|was|were)\s+there\b", re.I)
_NONE_EXISTS = re.compile(
    r"\bthere\s+(?:is|are|was|were)\s+(?:no|not\s+any)\s+((?:[\w-]+\s+){0,2}[\w-]+)", re.I
)


def denies_existence(question: str, text: str) -> bool:
    """True when the question asks whether some thing exists and the text says there is none of
    it, in the question's own words: that settles No, whatever else the question adds."""
    if not _ASKS_EXISTS.match(question):
        return False
    asked = content_words(question)
    return any(
        (words := content_words(match.group(1))) and words <= asked
        for match in _NONE_EXISTS.finditer(text)
    )
