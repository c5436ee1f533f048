"""Lines of plain text and what their shape says: a heading, an underline, a bullet, code.

Shared by the block parser (index/shapes.py) and the news header reader (index/header.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Block kinds. Prose kinds hold sentences; the others do not (or are flagged as code).
HEADING, RULE, CODE, BULLET, PARAGRAPH = "heading", "rule", "code", "bullet", "paragraph"
ROW = "row"  # a table's body row, read cell by cell (index/tables.py)
DECK, DATE, BYLINE, DATELINE = "deck", "date", "byline", "dateline"

MD_HEADING = re.compile(r"[ ]{0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$")
UNDERLINE = re.compile(r"([*=\-~^#+`'\"_.:])\1{2,}[ \t]*$")
# A reStructuredText rubric as plain text renders it: "-[ Footnotes ]-", a minor heading.
RUBRIC = re.compile(r"[ \t]*-\[[ \t]*(.+?)[ \t]*\]-[ \t]*$")
RUBRIC_LEVEL = 9  # below any underlined title
BULLET_MARK = re.compile(r"[ \t]*(?:[*\-+•‣◦]|\d{1,3}[.)]|[a-z][.)])[ \t]+(?=\S)")
# A place in capitals, optional state or country, optional agency: "LONDON (Reuters)".
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
ABBREVIATION = re.compile(r"(?:^|\s)(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|[A-Z])\.\s*$")
TABLE_ROW = re.compile(r"[ \t]*(?:\+[-=+]{2,}|\|.*\|[ \t]*$)")
_TERMINAL = re.compile(r"[.,;:!?]$")
# A sentence that leans on the one before ("She said…", "This is called…"): it is read, chunked
# and quoted with that one.
LEANS_BACK = re.compile(r"^\W*(she|he|they|it|this|that|these|those|the two)\b", re.IGNORECASE)
# Of those, one that names a thing, not a person, is chunked with the sentence before (a person
# is found by name in the chunks before: rag/open_index.py).
NAMES_BACK = re.compile(r"^\W*(it|this|that|these|those|such)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Block:
    """A run of raw text [start, end) of one kind; [text_start, text_end) is its content
    without markup (a heading's title, a bullet's item, a dateline's place)."""

    kind: str
    start: int
    end: int
    text_start: int
    text_end: int
    level: int = 0
    # a table row's cells, column by column: the raw spans of each cell's lines
    cells: tuple[tuple[tuple[int, int], ...], ...] = ()


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # without the newline
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def indent(self) -> int:
        stripped = self.text.lstrip(" \t")
        return len(self.text) - len(stripped) if stripped else 0


def split_lines(raw: str) -> list[Line]:
    lines, pos = [], 0
    for piece in raw.split("\n"):
        lines.append(Line(pos, pos + len(piece), piece))
        pos += len(piece) + 1
    return lines


def trimmed(line: Line, marks: str = "") -> tuple[int, int]:
    """Offsets of the line's text without surrounding whitespace (and `marks`, e.g. emphasis)."""
    text = line.text
    a, b = 0, len(text)
    while a < b and (text[a].isspace() or text[a] in marks):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in marks):
        b -= 1
    return line.start + a, line.start + b


def title_like(text: str, max_words: int, any_case: bool = False) -> bool:
    stripped = text.strip().strip("*_")
    words = stripped.split()
    if not words or len(stripped) > 100 or len(words) > max_words or _TERMINAL.search(stripped):
        return False
    if not (stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "\"“'‘"):
        return False
    if any_case:
        return True
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    capitalised = [w for w in long_words if w[0].isupper()]
    return not long_words or len(capitalised) >= 0.6 * len(long_words)


# Words that begin a sentence far more often than they make a one-word heading.
_FUNCTION_WORDS = set(
    "a an and as at after before but by for from he her his i if in it its many most of on one"
    " or our she so some that the their there these they this those to two we what when which"
    " while who with you".split()
)


def heading_words(text: str) -> bool:
    words = text.split()
    return len(words) > 1 or (words[0].strip("\"“'‘.,").lower() not in _FUNCTION_WORDS)


def starts_upper(line: Line | None) -> bool:
    if line is None or line.blank:
        return True
    first = line.text.lstrip()[0]
    return first.isupper() or first.isdigit() or first in "\"“'‘"


# A manual's note under an entry, prose however short: "New in version 3.3."
_VERSION_NOTE = re.compile(
    r"(?:New|Changed|Added|Deprecated|Removed)\s+(?:in|since)\s+version\s+\d[\d.]*\b"
)


def looks_like_code(lines: list[Line]) -> bool:
    """An indented block is code unless it reads as prose (words, ending a sentence)."""
    text = " ".join(line.text.strip() for line in lines)
    if "::=" in text or text.startswith(">>>"):
        return True
    if _VERSION_NOTE.match(text):
        return False
    unquoted = re.sub(r"\"[^\"]*\"", "x", text)
    # emphasis marks and dashes are prose too ("**PEP 3104** - Access to Names…")
    unquoted = re.sub(r"\*{1,2}([^*\s][^*]*?)\*{1,2}", r"\1", unquoted)
    words = [w for w in unquoted.split() if w not in {"-", "–", "—"}]
    plain = [w for w in words if re.fullmatch(r"[A-Za-z][a-z'’\-]*[,.;:]?|[A-Z]{2,}|\d{1,5}", w)]
    ends = re.search(r"[.!?:][\"'”’)]*$", text)
    return not (len(words) >= 5 and len(plain) >= 0.75 * len(words) and ends)
