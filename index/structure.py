"""The structure of a document: headline, deck, date, dateline, byline, lede, paragraphs and
sections, each a span of the source text that citations refer to.

Questions about the whole document (what is it about, when, where, who wrote it) are answered
from these fields, and a citation of one highlights its span. A field the source lacks is None:
nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from index.dates import to_iso
from index.lines import BYLINE, DATE, DATELINE, DECK, HEADING, PARAGRAPH, RULE, Block
from index.shapes import parse_blocks

# Prose has lowercase words and a sentence end (both linear: nothing nested to backtrack).
_SENTENCE_END = re.compile(r"\w[\"'”’)\]]*[.!?](?:\s|$)")
_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")


@dataclass(frozen=True)
class Span:
    """`text` is `source_text[start:end]`. Offsets are None only for a value that comes from
    the file's metadata (a PDF's title, an HTML ``<meta>`` date) and is not in its text."""

    text: str
    start: int | None
    end: int | None


@dataclass(frozen=True)
class DateSpan(Span):
    date_iso: str | None = None  # "2022-02-25" when the date can be read


@dataclass(frozen=True)
class Section:
    title: Span
    level: int  # 1 for the top level
    start: int  # the section's body, after its heading: source_text[start:end]
    end: int


@dataclass(frozen=True)
class DocumentStructure:
    title: Span | None = None
    deck: Span | None = None
    date: DateSpan | None = None
    dateline: Span | None = None
    byline: Span | None = None
    lede: Span | None = None
    paragraphs: list[Span] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentStructure:
        def span(value: dict[str, Any] | None, kind: type[Span] = Span) -> Any:
            return kind(**value) if value else None

        return cls(
            title=span(data.get("title")),
            deck=span(data.get("deck")),
            date=span(data.get("date"), DateSpan),
            dateline=span(data.get("dateline")),
            byline=span(data.get("byline")),
            lede=span(data.get("lede")),
            paragraphs=[Span(**p) for p in data.get("paragraphs", [])],
            sections=[
                Section(Span(**s["title"]), s["level"], s["start"], s["end"])
                for s in data.get("sections", [])
            ],
        )


def _is_prose(text: str) -> bool:
    return (
        len(text.split(None, 3)) > 3
        and bool(_SENTENCE_END.search(text))
        and bool(_LOWER_WORD.search(text))
    )


def _span(text: str, start: int, end: int) -> Span:
    return Span(text[start:end], start, end)


def _find(text: str, value: str | None, limit: int = 5000) -> Span | None:
    """The first occurrence of a metadata value in the first part of the text, as a span."""
    value = " ".join((value or "").split())
    if not value:
        return None
    pattern = r"\s+".join(re.escape(word) for word in value.split())
    m = re.search(pattern, text[:limit])
    return _span(text, m.start(), m.end()) if m else None


def _meta_span(text: str, value: str | None) -> Span | None:
    value = " ".join((value or "").split())
    return (_find(text, value) or Span(value, None, None)) if value else None


def _date(text: str, block: Block | None, meta_date: str | None) -> DateSpan | None:
    if block is not None:
        value = text[block.text_start : block.text_end]
        return DateSpan(value, block.text_start, block.text_end, to_iso(value))
    value = " ".join((meta_date or "").split())
    if not value:
        return None
    found = _find(text, value)
    if found is not None:
        return DateSpan(found.text, found.start, found.end, to_iso(value))
    return DateSpan(value, None, None, to_iso(value))


def parse_structure(
    text: str, fmt: str = "txt", meta: dict[str, str] | None = None
) -> DocumentStructure:
    """The structure of `text`, the source text of a file of format `fmt` ("txt", "md", "html",
    "pdf"; a suffix such as ".md" works too). `meta` holds what the loader read besides the
    text: "title", "h1", "date", "author". Never raises: bad input gives Nones."""
    meta = meta or {}
    fmt = fmt.lower().lstrip(".")
    header_at = 0
    if fmt in ("html", "htm"):
        located = _find(text, meta.get("h1")) or _find(text, meta.get("title"))
        header_at = located.start if located is not None and located.start is not None else 0
    blocks = parse_blocks(text, header_at=header_at)

    def first(kind: str) -> Block | None:
        return next((b for b in blocks if b.kind == kind), None)

    headings = [b for b in blocks if b.kind == HEADING]
    title_block = None
    if fmt in ("md", "markdown"):
        title_block = next(
            (b for b in headings if b.level == 1 and text[b.start : b.start + 1] == "#"), None
        )
    if title_block is None and header_at:
        title_block = next((b for b in headings if b.start <= header_at < b.end), None)
    if title_block is None and blocks and blocks[0].kind == HEADING and not header_at:
        title_block = blocks[0]

    title: Span | None = None
    if title_block is not None:
        title = _span(text, title_block.text_start, title_block.text_end)
    if fmt in ("html", "htm", "pdf") and title is None:
        title = _meta_span(text, meta.get("h1") or meta.get("title"))

    def field_span(kind: str) -> Span | None:
        block = first(kind)
        return _span(text, block.text_start, block.text_end) if block is not None else None

    byline = field_span(BYLINE)
    if byline is None and meta.get("author"):
        byline = _meta_span(text, meta["author"])
    paragraphs = [
        _span(text, b.text_start, b.text_end)
        for b in blocks
        if b.kind == PARAGRAPH and _is_prose(text[b.text_start : b.text_end])
    ]
    body_start = max(
        (b.end for b in blocks if b.kind in (DECK, DATE, BYLINE, DATELINE)),
        default=title_block.end if title_block is not None else 0,
    )
    lede = next((p for p in paragraphs if p.start is not None and p.start >= body_start), None)
    return DocumentStructure(
        title=title,
        deck=field_span(DECK),
        date=_date(text, first(DATE), meta.get("date")),
        dateline=field_span(DATELINE),
        byline=byline,
        lede=lede,
        paragraphs=paragraphs,
        sections=_sections(text, blocks, title_block),
    )


def _sections(text: str, blocks: list[Block], title_block: Block | None) -> list[Section]:
    headings = [b for b in blocks if b.kind == HEADING and b is not title_block]
    sections = []
    for k, heading in enumerate(headings):
        body = heading.end
        after = blocks.index(heading) + 1
        if after < len(blocks) and blocks[after].kind == RULE:
            body = blocks[after].end
        end = next((h.start for h in headings[k + 1 :] if h.level <= heading.level), len(text))
        title = _span(text, heading.text_start, heading.text_end)
        sections.append(Section(title, heading.level, min(body, end), end))
    return sections
