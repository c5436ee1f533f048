"""The clause of a question that asks, apart from the context a user puts before it.

People set the scene before they ask: "I'm writing a numeric class — how do I make pow() work?",
"When Python turns a[1:2] into a slice, what is used for the step?", "My subclass defines
__radd__. Why does it run first?". The question's form (why, how, yes/no) and the kind of answer
it wants (a date for "when…?", a person for "who…?") belong to the asking clause alone: the
leading "When Python turns…" sets a condition and asks for no date. Retrieval still reads the
whole question, since the scene holds the words that find the passage.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

_ASKING = (
    r"(?:(?:and|so|but|then)\s+)?(?:who|whom|whose|what|when|where|which|why|how|"
    r"is|are|was|were|do|does|did|can|could|will|would|should|may|might|must|has|have|had)\b"
)
# A sentence, a dash or a colon before the asking clause: "I'm writing a class — how do I…".
# "U.S. officials" is no sentence end: the letter before a full stop must not be a capital.
# A comma then "so/but/then" and a question word ends a scene too: "They doubted it would work,
# so why did they back it?" ("…, and who met her?" adds a second question to the first).
_SCENE = re.compile(
    rf"(?:[.!?;:](?<![A-Z]\.)|\s[—–-])\s+(?=(?i:{_ASKING}))|"
    r",\s+(?=(?i:(?:so|but|then)\s+(?:who|whom|whose|what|when|where|which|why|how)\b))"
)
# A leading condition or setting, closed by a comma: "When I slice a list, what…", "If a class
# is named only with underscores, what…", "In a match statement, which…". "When did…" and
# "When is…" ask themselves, so a "when" followed by a verb is not a condition.
_CONDITION = re.compile(
    r"^\W*(?:(?:when|whenever|if|once|after|before|since|while|unless|although|though|given|"
    r"suppose|assuming)\b(?!\s+(?:is|are|was|were|do|does|did|can|will|should|must|has|have|had)\b)"
    r"|(?:in|for|on|with|inside|within|during)\b)"
    rf"[^?]{{3,}}?,\s*(?={_ASKING})",
    re.IGNORECASE,
)


# A statement put as a question by a tag: "…moves the key to the end, doesn't it?", "…is
# reliable, right?", "…right away, correct?". The statement is what is asked.
_TAG = re.compile(
    r"(?:,\s*(?:(?:is\s+that|am\s+i)\s+)?|\s+(?:is\s+that|am\s+i)\s+)"
    r"(?:right|correct|true|yes|no|yeah|ok(?:ay)?)\s*\?+\s*$|,\s*(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|"
    r"must)(?:n['’]t)?\s+(?:it|they|he|she|there|you|we|i|that|this)\s*\?+\s*$",
    re.IGNORECASE,
)


def tagged_statement(question: str) -> str:
    """The statement a tag question asks about, or "" when `question` has no tag."""
    text = " ".join(split_carried(question)[0].split())
    match = _TAG.search(text)
    if not match or not re.search(r"\w", text[: match.start()]):
        return ""
    statement = text[: match.start()]
    return (
        ""
        if re.match(r"^\W*(?:who|whom|whose|what|when|where|which|why|how)\b", statement, re.I)
        else statement
    )


@lru_cache(maxsize=4096)
def asked_clause(question: str) -> str:
    """The part of `question` that asks: the last asking sentence, without a leading condition
    (and without the earlier question a follow-up carries in brackets)."""
    text = tagged_statement(question) or " ".join(split_carried(question)[0].split())
    parts = _SCENE.split(text)
    clause = parts[-1] if len(parts) > 1 and parts[-1].strip() else text
    rest = _CONDITION.sub("", clause, count=1)
    return rest if rest.strip() else clause


# A follow-up rewritten offline carries the question before it in brackets, for retrieval:
# "And how did the Europeans respond? (What did Wang Yi do at the conference)".
_CARRIED = re.compile(r"\s*\(([^()]*)\)\s*\??\s*$")


def split_carried(question: str) -> tuple[str, str]:
    """The question the user asks now, and the earlier one it carries ("" when none)."""
    match = _CARRIED.search(question)
    if not match:
        return question, ""
    return question[: match.start()], match.group(1)


# "What are methods in Python?": a setting named at the end of a question.
_SETTING = re.compile(r",?\s+in\s+(?P<name>[A-Z][\w.+#-]*(?:\s+\d[\d.]*)?)\s*[?.!]*\s*$")
_DEFINES = re.compile(r"^\W*what\s+(?:is|are|was|were|does|do)\b", re.IGNORECASE)


def without_setting(question: str, known: Callable[[str], bool]) -> str:
    """The question to search with: "What are methods in Python?" over documents on Python asks
    what methods are, and "in Python" would only pull sentences about Python in general ahead of
    the one defining methods. Only a "what is/does" question loses its setting, and only when
    `known` says the documents use every word of it (a setting they never name stays, so that
    the question still reads as off their topic)."""
    match = _SETTING.search(question)
    if not match or not _DEFINES.match(question):
        return question
    words = re.findall(r"[A-Za-z]+", match.group("name"))
    if not words or not all(known(word.lower()) for word in words):
        return question
    return question[: match.start()].rstrip() + "?"
