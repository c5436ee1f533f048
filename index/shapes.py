"""Plain-text document shapes: split raw text into blocks by the shape of its lines.

Headings (Markdown ``#``, reStructuredText underlines, short title-like lines), code and grammar
blocks, bullets, a news header (headline, deck, date, byline, dateline) and prose paragraphs,
each with offsets into the raw text. Cleaning and chunking keep these blocks apart, and the
document structure reads its fields from them.
"""

from __future__ import annotations

import itertools
import re

from index.header import parse_header
from index.lines import (
    ABBREVIATION,
    BULLET,
    BULLET_MARK,
    CODE,
    HEADING,
    MD_HEADING,
    PARAGRAPH,
    RUBRIC,
    RUBRIC_LEVEL,
    RULE,
    SENTENCE_END,
    TABLE_ROW,
    UNDERLINE,
    Block,
    Line,
    heading_words,
    looks_like_code,
    split_lines,
    starts_upper,
    title_like,
    trimmed,
)
from index.tables import grid_table, is_table_start, pipe_table

# A list item's number or letter: "2)", "3.", "b)".
_NUMBERED_MARK = re.compile(r"[ \t]*(?:\d{1,3}|[a-z])[.)][ \t]+")

__all__ = ["Block", "parse_blocks"]


class BlockParser:
    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.lines = split_lines(raw)
        body = [ln for ln in self.lines if not ln.blank]
        first = self.lines.index(body[0]) if body else 0
        last = self.lines.index(body[-1]) if body else 0
        # Hard-wrapped text without a single blank line: paragraphs come from line shapes.
        self.shape_mode = not any(ln.blank for ln in self.lines[first : last + 1])
        widths = sorted(len(ln.text) for ln in body) or [0]
        self.width = widths[len(widths) // 2]
        self.blocks: list[Block] = []
        self.rst_levels: list[str] = []

    def add(self, kind: str, start: int, end: int, ts: int | None = None, te: int | None = None,
            level: int = 0) -> None:  # fmt: skip
        if end > start:
            ts, te = (start, end) if ts is None else (ts, te)
            self.blocks.append(Block(kind, start, end, ts, te if te is not None else end, level))

    def line(self, i: int) -> Line | None:
        return self.lines[i] if 0 <= i < len(self.lines) else None

    def parse(self, header_at: int = 0) -> list[Block]:
        first = next((k for k, ln in enumerate(self.lines) if ln.end >= header_at), 0)
        if first:
            self._body(0, first)
        self._body(parse_header(self, first), len(self.lines))
        return self.blocks

    def _body(self, i: int, stop: int) -> None:
        paragraph: list[Line] = []
        while i < stop:
            step = self._structural(i)
            if step:
                self._flush(paragraph)
                paragraph = []
                i += step
                continue
            line = self.lines[i]
            if line.blank:
                self._flush(paragraph)
                paragraph = []
            elif paragraph and self.shape_mode and self._starts_paragraph(paragraph[-1], line):
                self._flush(paragraph)
                paragraph = [line]
            else:
                paragraph.append(line)
            i += 1
        self._flush(paragraph)

    def _flush(self, lines: list[Line], kind: str = PARAGRAPH) -> None:
        if not lines:
            return
        if self.shape_mode and kind == PARAGRAPH:
            # an overlong line ending "... said. Each" holds the orphaned start of the next one
            for k, line in enumerate(lines[:-1]):
                tail = re.search(r"[.!?][\"”’]? ([A-Z][a-z]*)$", line.text)
                if tail and len(line.text) > 1.3 * self.width:
                    cut = line.start + tail.start(1)
                    self.add(kind, trimmed(lines[0])[0], cut - 1)
                    rest = [Line(cut, line.end, line.text[tail.start(1) :]), *lines[k + 1 :]]
                    return self._flush(rest, kind)
        self.add(kind, trimmed(lines[0])[0], trimmed(lines[-1])[1])

    def _starts_paragraph(self, previous: Line, line: Line) -> bool:
        if not SENTENCE_END.search(previous.text.rstrip()) or ABBREVIATION.search(previous.text):
            return False
        if not starts_upper(line):
            return False
        short_previous = len(previous.text.rstrip()) < 0.75 * self.width
        orphan = len(line.text.split()) == 1 and len(line.text.strip()) <= 12
        overlong = len(line.text) > 1.3 * self.width
        return short_previous or orphan or overlong

    def _structural(self, i: int) -> int:
        """Adds the block starting at line i when it is not prose; returns lines consumed."""
        line, nxt = self.lines[i], self.line(i + 1)
        if line.blank:
            return 0
        heading = MD_HEADING.match(line.text)
        if heading:
            s = line.start + heading.start(2)
            self.add(HEADING, *trimmed(line), s, line.start + heading.end(2),
                     len(heading.group(1)))  # fmt: skip
            return 1
        rubric = RUBRIC.match(line.text)
        if rubric:  # "-[ Footnotes ]-": the notes under it are a section, never a sentence
            self.add(HEADING, *trimmed(line), line.start + rubric.start(1),
                     line.start + rubric.end(1), RUBRIC_LEVEL)  # fmt: skip
            return 1
        if self._rst_heading(line, nxt):
            return 2
        if UNDERLINE.match(line.text) and (
            nxt is None or nxt.blank or not UNDERLINE.match(nxt.text)
        ):
            self.add(RULE, *trimmed(line))
            return 1
        table = grid_table(self.lines, i) or pipe_table(self.lines, i)
        if table:  # each body row a block read cell by cell; borders and header code-like
            self.blocks += table[0]
            return table[1]
        if TABLE_ROW.match(line.text):  # a table we cannot read: rows, not prose
            self.add(CODE, *trimmed(line))
            return 1
        if line.text.lstrip().startswith(">>>") or "::=" in line.text:
            return self._code(i)
        bullet = BULLET_MARK.match(line.text)
        previous = self.line(i - 1)
        if bullet and not self._wrapped_number(line, previous):
            return self._bullet(i, bullet.end())
        if line.indent >= 3 and (
            previous is None or previous.blank or previous.text.rstrip().endswith(":")
        ):
            # each indented paragraph is judged on its own: a description goes on in prose
            # though an example follows it ("Aliases may be nested…" above "alias pi for k…")
            block = list(
                itertools.takewhile(lambda ln: not ln.blank and ln.indent >= 3, self.lines[i:])
            )
            # a table indented under a description is read as a table (index/tables.py)
            block = block[: next((k for k, b in enumerate(block) if is_table_start(b)), None)]
            if block and looks_like_code(block):
                return self._code(i, len(block))
            return 0
        if (
            (previous is None or previous.blank or SENTENCE_END.search(previous.text.rstrip()))
            and starts_upper(nxt)
            and title_like(line.text, 10)
            and heading_words(line.text)
            and len(line.text.strip()) <= 70
            # a term whose description is indented under it (a definition list) is not a title
            and not (nxt is not None and not nxt.blank and nxt.indent > line.indent)
        ):
            self.add(HEADING, *trimmed(line), *trimmed(line), 2)
            return 1
        return 0

    def _rst_heading(self, line: Line, nxt: Line | None) -> bool:
        """A reStructuredText title: a line underlined with one repeated character; the
        character's order of first use gives the level."""
        if nxt is None or nxt.blank or not UNDERLINE.match(nxt.text) or line.text[0].isspace():
            return False
        if UNDERLINE.match(line.text) or len(nxt.text.rstrip()) < 0.6 * len(line.text.rstrip()):
            return False
        char = nxt.text[0]
        if char not in self.rst_levels:
            self.rst_levels.append(char)
        self.add(HEADING, *trimmed(line), *trimmed(line), self.rst_levels.index(char) + 1)
        self.add(RULE, *trimmed(nxt))
        return True

    def _code(self, i: int, count: int | None = None) -> int:
        """Each code or grammar line is a block; a session runs to the next blank line."""
        j = i
        while j < len(self.lines) and (count is not None or not self.lines[j].blank):
            line = self.lines[j]
            if count is not None and line.indent < 3 and not line.blank:
                break
            if (
                count is None
                and j > i
                and line.indent == 0
                and not (
                    line.text.startswith((">>>", "..."))
                    or "::=" in line.text
                    or self.lines[i].text.lstrip().startswith(">>>")
                )
            ):
                break
            if not line.blank:
                self.add(CODE, *trimmed(line))
            j += 1
            if count is not None and sum(1 for b in self.lines[i:j] if not b.blank) >= count:
                break
        return max(j - i, 1)

    @staticmethod
    def _wrapped_number(line: Line, previous: Line | None) -> bool:
        """A number or letter opening a line that goes on an unfinished one ('"range(0, 3,' then
        '2) == range(0, 4, 2)".)'): the sentence wrapped there; no list item starts (an item's
        own wrapped lines are indented under its text)."""
        return bool(
            _NUMBERED_MARK.match(line.text)
            and previous is not None
            and previous.indent <= line.indent
            and not previous.blank
            and not SENTENCE_END.search(previous.text.rstrip())
            and not previous.text.rstrip().endswith(":")
            and not BULLET_MARK.match(previous.text)
        )

    def _bullet(self, i: int, marker_end: int) -> int:
        first = self.lines[i]
        j = i + 1
        while j < len(self.lines):
            line = self.lines[j]
            if line.blank or BULLET_MARK.match(line.text) or self._structural_peek(j):
                break
            previous = self.lines[j - 1]
            if line.indent <= first.indent and SENTENCE_END.search(previous.text.rstrip()):
                break  # an unindented line after a finished item starts the next paragraph
            j += 1
        start = trimmed(first)[0]
        end = trimmed(self.lines[j - 1])[1]
        self.add(BULLET, start, end, first.start + marker_end, end)
        return j - i

    def _structural_peek(self, j: int) -> bool:
        line = self.lines[j]
        return bool(MD_HEADING.match(line.text) or UNDERLINE.match(line.text))


def parse_blocks(raw: str, header_at: int = 0) -> list[Block]:
    """The blocks of `raw` in order; outside them there is only whitespace. A news header is
    looked for at the line holding offset `header_at` (an HTML page's ``<h1>``)."""
    return BlockParser(raw).parse(header_at)
