"""The condition a question sets, and the sentence whose own condition is that one.

"What do you get from a bare raise when no exception is active?" is answered by "If there isn't
currently an active exception, a RuntimeError is raised", not by "If no expressions are present,
raise re-raises the exception…": both are about a bare raise, but only one under the asked
condition.
"""

from __future__ import annotations

import re

from rag.clauses import split_carried
from rag.questions import content_words

# The question's condition: "…when no exception is active?", "…if the list is empty?"
_ASKED_CONDITION = re.compile(
    r"\b(?:when(?:ever)?|if|in\s+case|unless)\s+(?P<condition>[^?,;]{3,}?)\s*[?.!]*\s*$", re.I
)
# A sentence's own condition: "If there isn't an active exception, …", "…, when x is empty."
_CONDITION = re.compile(
    r"(?:^|[,;:(]\s*)(?:if|when(?:ever)?|unless|in\s+case)\s+(?P<condition>[^,;:.]{3,})", re.I
)
# The words of a condition that say nothing of it by themselves.
_VAGUE = content_words("there currently now still also case")


def condition_strength(question: str, text: str) -> int:
    """1 when the text's own condition holds most of the question's condition, -1 when the
    text sets a condition holding none of it, 0 otherwise (no condition asked or set)."""
    asked = _ASKED_CONDITION.search(split_carried(question)[0])  # not the turn carried along
    if asked is None:
        return 0
    wanted = content_words(asked.group("condition")) - _VAGUE
    if len(wanted) < 2:
        return 0
    conditions = [content_words(m.group("condition")) for m in _CONDITION.finditer(text)]
    if not conditions:
        return 0
    best = max(len(wanted & held) for held in conditions)
    if 2 * best >= len(wanted):
        return 1
    return -1 if best == 0 else 0


# "What did he keep arguing?", "Does it still hold?": what went on, or holds on.
_ASKS_PERSISTING = re.compile(r"\b(?:keeps?|kept|continu(?:e|es|ed)|still)\b", re.IGNORECASE)
_PERSISTING = re.compile(
    r"\b(?:continu(?:e|es|ed|ing)|kept|keeps|still|repeatedly|persist(?:s|ed|ently)?|"
    r"again)\b",
    re.IGNORECASE,
)


def persists(question: str, text: str) -> bool:
    """The question asks what went on ("What did he keep arguing?") and the text tells it
    going on ("Mr. Qin continued to express skepticism and said…")."""
    return bool(_ASKS_PERSISTING.search(question) and _PERSISTING.search(text))
