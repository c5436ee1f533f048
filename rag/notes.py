"""A manual's version notes: "New in version 3.3.", "Changed in version 3.8: …"."""

from __future__ import annotations

import re

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
