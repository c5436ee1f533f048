"""Unwrap hard line breaks while remembering where every character came from."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line that starts a block in Markdown keeps its line break (headings, list items, quotes).
_BLOCK_START = re.compile(r"(#{1,6}\s|[-*+]\s|\d+[.)]\s|>\s|\|)")
_HEADING = re.compile(r"#{1,6}\s")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class CleanText:
    """Text with hard line breaks unwrapped, and a map back to the original characters.

    ``offsets[i]`` is the index in the original text of ``text[i]``; ``offsets[len(text)]``
    is the original length, so a clean span ``[a, b)`` maps to ``[offsets[a], offsets[b-1]+1)``.
    """

    text: str
    offsets: list[int]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


def unwrap(raw: str) -> CleanText:
    """Join lines broken inside a paragraph, keep paragraph breaks as a blank line.

    Runs of spaces and tabs collapse to one space, control characters are dropped, and a
    line break before a Markdown block start is kept so headings and lists stay apart.
    """
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(raw)
    while i < n:
        ch = raw[i]
        if ch.isspace():
            j = i
            newlines = 0
            while j < n and raw[j].isspace():
                if raw[j] == "\n":
                    newlines += 1
                j += 1
            if out and j < n:  # no leading or trailing whitespace
                if newlines >= 2:
                    sep = "\n\n"
                elif newlines == 1 and (
                    _BLOCK_START.match(raw, j) or _HEADING.match(raw, raw.rfind("\n", 0, i) + 1)
                ):
                    sep = "\n"
                else:
                    sep = " "
                for k, c in enumerate(sep):
                    out.append(c)
                    offsets.append(min(i + k, j - 1))
            i = j
            continue
        if _CONTROL.match(ch):
            i += 1
            continue
        out.append(ch)
        offsets.append(i)
        i += 1
    offsets.append(n)
    return CleanText("".join(out), offsets)
