"""Tables of plain text: each body row is a block of its own, read cell by cell.

A reStructuredText grid table ("+-----+-----+" borders, "|" rows whose cells wrap over several
lines) and a Markdown pipe table ("| a | b |" with a "|---|---|" rule under its header) are
structure, not prose. Borders, rules and header rows stay code-like lines (kept for retrieval,
never quoted); each body row becomes a ROW block that holds the raw spans of its cells, column
by column, so cleaning can read it as one sentence ('"del s[i:j]": same as "s[i:j] = []"') and
every character still maps back to the raw text.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from typing import Any

from index.lines import CODE, ROW, Block, Line, trimmed

GRID_BORDER = re.compile(r"[ \t]*\+(?:[-=]+\+)+[ \t]*$")
# The rule under a grid table's header: "+=====+=====+" or "|=====|=====|".
HEADER_RULE = re.compile(r"[ \t]*[+|](?:=+[+|])+[ \t]*$")
PIPE_ROW = re.compile(r"[ \t]*\|.*\|[ \t]*$")
PIPE_RULE = re.compile(r"[ \t]*\|(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*$")

Cells = tuple[tuple[tuple[int, int], ...], ...]


def _segment(line: Line, left: int, right: int) -> tuple[int, int] | None:
    """The raw span of the text between columns `left` and `right` of the line, trimmed."""
    piece = Line(line.start + left, line.start + right, line.text[left:right])
    start, end = trimmed(piece)
    return (start, end) if end > start else None


def _row(lines: list[Line], bars: list[int]) -> Block:
    """A body row of lines whose cells lie between the `bars` columns."""
    columns = []
    for left, right in itertools.pairwise(bars):
        spans = [s for line in lines if (s := _segment(line, left + 1, right)) is not None]
        if spans:
            columns.append(tuple(spans))
    start, end = trimmed(lines[0])[0], trimmed(lines[-1])[1]
    return Block(ROW, start, end, start, end, cells=tuple(columns))


def _code_lines(lines: list[Line]) -> list[Block]:
    return [Block(CODE, *trimmed(line), *trimmed(line)) for line in lines if not line.blank]


def grid_table(lines: list[Line], i: int) -> tuple[list[Block], int] | None:
    """The blocks of the grid table whose top border is line `i`, and the lines it spans; None
    when the lines there are not a well-formed grid (the caller then reads them as code)."""
    if not GRID_BORDER.match(lines[i].text):
        return None
    bars = [k for k, char in enumerate(lines[i].text) if char == "+"]
    blocks: list[Block] = []
    pending: list[Line] = []
    j = i
    while j < len(lines):
        line = lines[j]
        if HEADER_RULE.match(line.text):  # the lines above are the header: code-like
            blocks += _code_lines([*pending, line])
            pending = []
        elif GRID_BORDER.match(line.text):
            if pending:
                blocks.append(_row(pending, bars))
            pending = []
            blocks += _code_lines([line])
        elif line.text.lstrip().startswith("|"):
            if len(line.text) <= bars[-1] or any(line.text[b] != "|" for b in bars):
                return None  # cells out of line with the border: not a grid we can read
            pending.append(line)
        else:
            break
        j += 1
    if pending:  # a table must end on a border
        return None
    return blocks, j - i


def is_table_start(line: Line) -> bool:
    """True when the line opens a grid table (its top border)."""
    return bool(GRID_BORDER.match(line.text))


def pipe_table(lines: list[Line], i: int) -> tuple[list[Block], int] | None:
    """The blocks of the Markdown table whose header is line `i` (a rule of dashes under it),
    and the lines it spans; None when there is no such table there."""
    if i + 1 >= len(lines) or not PIPE_ROW.match(lines[i].text):
        return None
    if not PIPE_RULE.match(lines[i + 1].text):
        return None
    blocks = _code_lines(lines[i : i + 2])
    j = i + 2
    while j < len(lines) and PIPE_ROW.match(lines[j].text):
        line = lines[j]
        bars = [k for k, char in enumerate(line.text) if char == "|"]
        blocks.append(_row([line], bars))
        j += 1
    return blocks, j - i


def read_row(cells: Cells) -> list[tuple[int, int] | str]:
    """The pieces a row reads as, in order: raw spans, and the separators between cells
    ("first cell: second cell; third cell")."""
    pieces: list[tuple[int, int] | str] = []
    for c, column in enumerate(cells):
        if c:
            pieces.append(": " if c == 1 else "; ")
        for k, span in enumerate(column):
            if k:
                pieces.append(" ")
            pieces.append(span)
    return pieces


def table_intros(
    text: str, blocks: Iterable[Any], sentences: list[tuple[int, int, bool]]
) -> dict[int, str]:
    """Clean start of each table row's sentence → the prose sentence before the table (the
    row's own words are only its cells, and the intro often lies in an earlier chunk)."""
    rows = [(b.start, b.end) for b in blocks if b.kind == ROW]
    row_starts = [start for start, _ in rows]
    intros: dict[int, str] = {}
    intro = ""
    for start, end, is_code in sentences:
        k = bisect.bisect_right(row_starts, start) - 1
        if k >= 0 and start < rows[k][1]:
            if intro:
                intros[start] = intro
        elif not is_code:
            intro = text[start:end]
    return intros
