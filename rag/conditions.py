"""The condition a question sets, and the sentence whose own condition is that one.

"What do you get from a bare raise when no exception is active?" is answered by "If there isn't
currently an active exception, a RuntimeError is raised", not by "If no expressions are present,
raise re-raises the exception…": both are about a bare raise, but only one under the asked
condition.
"""

from __future__ import annotations

import re
from functools import lru_cache

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


# "…with no arguments?", "pop() without an index", "if I leave out sep", "by default": the
# question asks what holds when nothing is given, which manuals tell as a default.
_ASKS_DEFAULT = re.compile(
    r"\b(?:(?:with|given)\s+no\s+(?:\w+\s+)?(?:arguments?|args?|index|value|parameters?)|"
    r"without\s+(?:an?\s+|any\s+)?(?:\w+\s+)?(?:arguments?|args?|index|value|parameters?)|"
    r"no[- ]arg(?:ument)?s?\b|by\s+default|default(?:s|ed)?\b|"
    r"(?:leave|leaving|left)\s+(?:\w+\s+){0,2}?out|"
    r"omit(?:s|ted|ting)?|(?:don['’]?t|do\s+not|never)\s+(?:pass|give|specify|provide|supply))",
    re.IGNORECASE,
)
# "*encoding* defaults to 'utf-8'", "by default the last item is removed", "If omitted…"
_GIVES_DEFAULT = re.compile(
    r"\b(?:defaults?\s+to|by\s+default|(?:the\s+)?default\s+(?:is|value|being)|"
    r"if\s+(?:\*?\w+\*?\s+is\s+)?(?:omitted|not\s+(?:given|specified|provided|supplied)))\b",
    re.IGNORECASE,
)


def gives_the_default(question: str, text: str) -> bool:
    """The question asks what holds when nothing is passed ("pop() with no index") and the
    text tells the default ("The optional argument *i* defaults to -1")."""
    return _asks_default(question) and bool(_GIVES_DEFAULT.search(text))


@lru_cache(maxsize=1024)  # asked once for each sentence the question is scored against
def _asks_default(question: str) -> bool:
    return bool(_ASKS_DEFAULT.search(question))
