"""Whether a sentence denies the very act a yes/no question asks: its negation governs the
question's own verb ("The presence of annotations does not change the semantics" of "Do
annotations change how a function behaves?"), not a thing the question only names ("…should
not implement __hash__()" of "does its __hash__ become None?")."""

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
