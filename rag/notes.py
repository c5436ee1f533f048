"""A manual's version notes: "New in version 3.3.", "Changed in version 3.8: …"."""

from __future__ import annotations

import re

from rag.questions import content_words

# A manual's note on the entry above it: "New in version 3.3.", "Changed in version 3.8: …",
# "Deprecated since version 3.12". Its subject is that entry, never named in the note itself.
VERSION_NOTE = re.compile(
    r"^\W*(?:new|changed|added|deprecated|removed)\s+(?:in|since)\s+(?:version\s+)?\d", re.I
)
_NOTE_HEAD = re.compile(VERSION_NOTE.pattern + r"[\d.]*\s*[:.]?", re.I)


def bare_note(text: str) -> bool:
    """ "New in version 3.5." says only a version; "Changed in version 3.8: Prior to 3.8,
    "continue" was illegal…" says something of its own."""
    head = _NOTE_HEAD.match(text)
    return bool(head) and len(re.findall(r"[A-Za-z]{3,}", text[head.end() :])) < 3


# "Which release introduced coroutines?", "When was X added?": the version a thing came in.
_ASKS_ADDED = re.compile(
    r"\b(?:introduc\w*|added|first\s+(?:appeared|available)|came\s+(?:in|out))\b|"
    r"\bsince\s+(?:which|what)\s+(?:python\s+)?(?:version|release)\b|"
    r"\b(?:which|what)\s+(?:python\s+)?(?:version|release)\b.*\bnew\b",
    re.I,
)
_NEW = re.compile(r"^\W*(?:new|added)\s+in\s+(?:version\s+)?\d", re.I)
_CHANGED = re.compile(r"^\W*(?:changed|deprecated|removed)\s+(?:in|since)\s", re.I)
_ADDS = re.compile(r"\b(?:added|adds|introduc\w*|new)\b", re.I)
_RELEASE = frozenset("python version release introduc ad new first appear avail came".split())


def favour_new_notes(question: str, scored: list, bonus: float) -> list:
    """Asked when a thing came in, "New in version 3.5." under the section on it moves up by
    `bonus` (twice under its title), and "Changed in version 3.7: …" (a later change) down by
    twice `bonus` (once when the change is the addition)."""
    if not _ASKS_ADDED.search(question):
        return scored
    subject = content_words(question) - _RELEASE
    for sentence in scored:
        if _CHANGED.match(sentence.text):
            # a later change is no answer, unless the change is the addition ("Changed in
            # version 3.8: Added support for…")
            drop = bonus if _ADDS.search(sentence.text) else 2 * bonus
            sentence.score = max(0.0, sentence.score - drop)
        elif _NEW.match(sentence.text):
            # under a title naming the thing, the note is the thing's own: twice the bonus
            titled = bool(subject & content_words(getattr(sentence.passage, "section", "")))
            near = titled or bool(subject & content_words(sentence.passage.text))
            sentence.score = min(1.0, sentence.score + bonus * (titled + near))
    scored.sort(key=lambda s: -s.score)
    return scored
