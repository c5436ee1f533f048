"""A question dated by another event: "On the same day US officials last met Qin, what did the
spokeswoman call the United States?"

The date is the first hop: the sentence telling the event gives it ("…met with Mr. Qin in
Washington again on Wednesday…"). The question is then asked with that date in place of the
event ("What did the spokeswoman call the United States on Wednesday?"), so the answer must
be dated so, and the rewritten question is shown as the one answered.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.afterwards import telling
from rag.overview import Document

_SAME = (
    r"(?:on|in|during|at)\s+the\s+(?:very\s+same|same|very)\s+"
    r"(?:day|date|week|month|morning|night|evening)"
)
# "On the same day (that/as) <event>, <question>?", "<question> on the same day as <event>?"
_FRONTED = re.compile(
    rf"^\W*{_SAME}\s+(?:that\s+|as\s+|when\s+)?(?P<event>[^,]{{8,}}),\s*(?P<main>.+?)\s*$",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    rf"^\W*(?P<main>.+?)\s+{_SAME}\s+(?:that|as|when)\s+(?P<event>.{{8,}}?)\s*[?.!]*$",
    re.IGNORECASE,
)
# A date a sentence gives: "on Wednesday", "on Nov. 15", "Feb. 4".
_DATE = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})\b"
)


def asks_same_time(question: str) -> bool:
    """ "On the same (the very) day <event>, …?": a question dated by another event."""
    return bool(_FRONTED.match(question) or _TRAILING.match(question))


def dated_by_event(question: str, docs: Sequence[Document]) -> str:
    """The question with "on the same day as <event>" put as the date the documents give that
    event; unchanged when it sets no such event or no sentence dates it."""
    match = _FRONTED.match(question) or _TRAILING.match(question)
    if match is None:
        return question
    told = telling(match.group("event"), docs)
    if told is None:
        return question
    _, sentences, index = told
    date = _DATE.search(sentences[index][2])
    if date is None:
        return question
    main = match.group("main").rstrip(" ?.!")
    return f"{main[:1].upper()}{main[1:]} on {date.group(0)}?"
