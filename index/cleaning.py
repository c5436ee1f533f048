"""Unwrap hard line breaks while remembering where every character came from.

The text is first split into blocks by the shape of its lines (index/shapes.py): a headline,
deck, date, dateline, heading, underline, code line or bullet is never joined to its neighbour,
while the lines inside a paragraph are joined with a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.lines import (
    BULLET,
    BYLINE,
    CODE,
    DATE,
    DATELINE,
    DECK,
    HEADING,
    PARAGRAPH,
    ROW,
    RULE,
    Block,
)
from index.shapes import parse_blocks
from index.tables import read_row

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Kinds written one to a line even without a blank line between them.
_LINE_KINDS = {CODE, BULLET, HEADING, RULE, DECK, DATE, BYLINE, DATELINE, ROW}


@dataclass(frozen=True)
class CleanBlock:
    """A block of the clean text: [start, end) in `CleanText.text`, with the raw block."""

    kind: str
    start: int
    end: int
    raw: Block


@dataclass(frozen=True)
class CleanText:
    """Text with hard line breaks unwrapped, and a map back to the original characters.

    ``offsets[i]`` is the index in the original text of ``text[i]``; ``offsets[len(text)]``
    is the original length, so a clean span ``[a, b)`` maps to the raw span from the least to
    the greatest of ``offsets[a:b]`` (a table row is read column by column, out of raw order).
    """

    text: str
    offsets: list[int]
    blocks: tuple[CleanBlock, ...] = field(default=())

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            return self.offsets[start], self.offsets[start]
        # a table row is read column by column, so its characters may come out of order
        piece = self.offsets[start:end]
        return min(piece), max(piece) + 1


def _render(raw: str, start: int, end: int, out: list[str], offsets: list[int]) -> None:
    """Copy raw[start:end] collapsing whitespace runs to one space, dropping control chars."""
    i = start
    while i < end:
        ch = raw[i]
        if ch.isspace():
            j = i
            while j < end and raw[j].isspace():
                j += 1
            if j < end and out and not out[-1].isspace():
                out.append(" ")
                offsets.append(i)
            i = j
            continue
        if not _CONTROL.match(ch):
            out.append(ch)
            offsets.append(i)
        i += 1


def unwrap(raw: str) -> CleanText:
    """Join lines broken inside a paragraph; keep block breaks (a blank line where the source
    had one, else a line break).

    Runs of spaces and tabs collapse to one space and control characters are dropped.
    """
    out: list[str] = []
    offsets: list[int] = []
    blocks: list[CleanBlock] = []
    previous: Block | None = None
    for block in parse_blocks(raw):
        begin = len(out)
        if previous is not None and begin:
            gap = raw[previous.end : block.start]
            # one line break between lines of a list, code, heading or header; a blank line
            # between paragraphs
            single = gap.count("\n") == 1 and (
                previous.kind in _LINE_KINDS or block.kind in _LINE_KINDS
            )
            sep = "\n" if single else "\n\n"
            if previous.kind == block.kind == PARAGRAPH and "\n\n" not in gap.replace(" ", ""):
                # paragraphs told apart by line shapes alone (hard-wrapped text without blank
                # lines) flow on as before: the guess is kept in the structure, not forced
                # on sentences and chunk boundaries
                sep = " "
            for k, char in enumerate(sep):
                out.append(char)
                offsets.append(min(previous.end + k, max(previous.end, block.start - 1)))
        begin = len(out)
        if block.kind == ROW and block.cells:  # a table row, cell by cell
            for piece in read_row(block.cells):
                if isinstance(piece, str):
                    out.extend(piece)
                    offsets.extend([offsets[-1]] * len(piece))
                else:
                    _render(raw, *piece, out, offsets)
        else:
            _render(raw, block.start, block.end, out, offsets)
        if len(out) == begin:  # only control characters
            continue
        blocks.append(CleanBlock(block.kind, begin, len(out), block))
        previous = block
    offsets.append(len(raw))
    return CleanText("".join(out), offsets, tuple(blocks))
