"""The header of a news story: headline, deck, then date, byline and dateline lines, and a
dateline that opens the first paragraph ("LONDON (Reuters) - ..."). A field is recorded only
when its line has the expected shape; nothing is guessed.
"""

from __future__ import annotations

import re
from typing import Any

from index.dates import match_date_line
from index.lines import (
    BULLET_MARK,
    BYLINE,
    DATE,
    DATELINE,
    DECK,
    HEADING,
    MD_HEADING,
    UNDERLINE,
    Line,
    starts_upper,
    title_like,
    trimmed,
)

# The parser (index.shapes.BlockParser) passes itself in; named loosely to keep the import
# graph one-way (shapes imports this module).
BlockParser = Any

_BYLINE = re.compile(
    r"[*_]*(By|BY)[ \t]+[A-Z][\w.'’\-]*(?:,?[ \t]+(?:and[ \t]+)?[A-Z][\w.'’\-]*){0,8}[*_]*[ \t]*$"
)
_PLACE = (
    r"[A-Z][A-Z.'’\- ]{2,40}(?:,[ \t]+[A-Z][A-Za-z.\- ]{1,30})?(?:[ \t]+\([A-Za-z .&]{2,30}\))?"
)
_DATELINE_LINE = re.compile(rf"({_PLACE})[ \t]*[—–\-]{{0,2}}[ \t]*$")
_DATELINE_INLINE = re.compile(rf"({_PLACE})[ \t]*[—–\-]{{1,2}}[ \t]+(?=\S)")
_DASH_START = re.compile(r"[ \t]*[—–\-]{1,2}[ \t]+")
_HEADER_LINES = 12  # a news header (headline, deck, date, byline) sits in the first lines


def parse_header(self: BlockParser, i: int) -> int:
    """News header: headline, deck, then date / byline / dateline lines; returns the body's
    first line. Nothing is recorded unless line i (or the next non-blank) reads as a
    headline."""
    while i < len(self.lines) and self.lines[i].blank:
        i += 1
    if i >= len(self.lines):
        return i
    title, nxt = self.lines[i], self.line(i + 1)
    md = MD_HEADING.match(title.text)
    if md:
        title_span, level = (
            (title.start + md.start(2), title.start + md.end(2)),
            len(md.group(1)),
        )
        if level > 1:
            return i
    elif _structural_kind(self, i) or not title_like(title.text, 20, any_case=True):
        return i
    else:
        title_span, level = trimmed(title, "*_"), 1
    found: list[tuple[int, str]] = []
    for j in range(i + 1, min(len(self.lines), i + 1 + _HEADER_LINES)):
        kind = _header_kind(self, j)
        if kind:
            found.append((j, kind))
        elif found and not self.lines[j].blank:
            break
    headline = (
        md
        or found
        or (starts_upper(nxt) and (title_like(title.text, 20) or nxt is None or nxt.blank))
    )
    if not headline:
        return i
    self.add(HEADING, *trimmed(title), *title_span, level)
    if not found:
        return i + 1
    deck = [ln for ln in self.lines[i + 1 : found[0][0]] if not ln.blank]
    if deck:
        self.add(DECK, trimmed(deck[0])[0], trimmed(deck[-1])[1])
    end = found[-1][0] + 1
    for j, kind in found:
        line = self.lines[j]
        if kind == DATE:
            lo, hi = match_date_line(line.text)
            self.add(DATE, *trimmed(line), line.start + lo, line.start + hi)
        elif kind == DATELINE:
            m = _DATELINE_LINE.match(line.text.strip())
            lo = line.start + line.indent
            block_end = trimmed(line)[1]
            follower = self.line(j + 1)
            dash = _DASH_START.match(follower.text) if follower is not None else None
            if dash and j == found[-1][0]:
                block_end = follower.start + dash.end() - 1
                while self.raw[block_end - 1].isspace():
                    block_end -= 1
                self.lines[j + 1] = Line(follower.start + dash.end(), follower.end,
                                          follower.text[dash.end() :])  # fmt: skip
            self.add(DATELINE, lo, block_end, lo, lo + len(m.group(1).rstrip()))
        else:
            self.add(kind, *trimmed(line), *trimmed(line, "*_"))
    return _inline_dateline(self, end)


def _inline_dateline(self: BlockParser, i: int) -> int:
    while i < len(self.lines) and self.lines[i].blank:
        i += 1
    if i < len(self.lines) and not any(b.kind == DATELINE for b in self.blocks):
        line = self.lines[i]
        m = _DATELINE_INLINE.match(line.text)
        city = m.group(1).split(",")[0].split("(")[0].strip() if m else ""
        if m and city.upper() == city and re.search(r"[A-Z]{3}", city):
            lo = line.start
            dash_end = lo + m.end()
            while self.raw[dash_end - 1].isspace():
                dash_end -= 1
            self.add(DATELINE, lo, dash_end, lo, lo + len(m.group(1).rstrip()))
            self.lines[i] = Line(line.start + m.end(), line.end, line.text[m.end() :])
    return i


def _structural_kind(self: BlockParser, i: int) -> bool:
    line, nxt = self.lines[i], self.line(i + 1)
    return bool(
        MD_HEADING.match(line.text)
        or (nxt is not None and not nxt.blank and UNDERLINE.match(nxt.text))
        or BULLET_MARK.match(line.text)
        or line.indent >= 3
    )


def _header_kind(self: BlockParser, j: int) -> str | None:
    line = self.lines[j]
    if line.blank:
        return None
    if match_date_line(line.text):
        return DATE
    if _BYLINE.match(line.text.strip()):
        return BYLINE
    m = _DATELINE_LINE.match(line.text.strip())
    if m and re.search(r"[A-Z]{3}", m.group(1)):
        follower = self.line(j + 1)
        dashed = line.text.rstrip()[-1:] in "—–-" or (
            follower is not None and _DASH_START.match(follower.text)
        )
        if dashed:
            return DATELINE
    return None
