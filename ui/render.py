"""Answers and citations as HTML for display: every piece of document text is escaped here.

The web chat only lays these out; nothing from a document or a file name reaches the page
unescaped, so a passage holding `<script>` shows it as text.
"""

from __future__ import annotations

import html
import re
from typing import Any

from rag.answer import CITATION_MARK, Answer, Citation
from rag.textutil import collapse

CITE_PREFIX = "#cite-"


def escape(text: str) -> str:
    return html.escape(text, quote=True)


def answer_html(answer: Answer) -> str:
    """The answer as chat-message HTML: `[n]` become links that open the cited sentence."""
    parts: list[str] = []
    if answer.notice:
        parts.append(f'<p class="rag-notice">⚠️ {escape(answer.notice)}</p>')
    known = {c.number for c in answer.citations}

    def link(number: int) -> str:
        if number not in known:
            return escape(f"[{number}]")
        return (
            f'<a href="{CITE_PREFIX}{number}" class="rag-cite" '
            f'title="Show the cited sentence">[{number}]</a>'
        )

    pieces = CITATION_MARK.split(answer.text)
    body: list[str] = []
    for index, piece in enumerate(pieces):  # split() alternates text and marker numbers
        body.append(escape(piece) if index % 2 == 0 else link(int(piece)))
    css = "rag-abstained" if answer.abstained else "rag-answer"
    parts.append(f'<p class="{css}">{"".join(body)}</p>')
    if answer.unsupported:
        parts.append(
            '<p class="rag-notice">Some statements could not be matched to a cited passage '
            "and are marked as unsupported.</p>"
        )
    return "".join(parts)


def status_line(answer: Answer) -> str:
    timings = answer.timings
    bits = [f"Answered by {answer.answerer}"]
    if "retrieve_ms" in timings:
        bits.append(f"retrieval {timings['retrieve_ms']:.0f} ms")
    if "generate_ms" in timings:
        bits.append(f"generation {timings['generate_ms']:.0f} ms")
    if answer.standalone_question:
        bits.append(f"searched for “{answer.standalone_question}”")
    return " · ".join(escape(bit) for bit in bits)


def sources_html(answer: Answer) -> str:
    """The sources panel: each cited passage, its source, score and highlighted sentence."""
    if answer.abstained or not answer.citations:
        return (
            '<div class="rag-sources"><p class="rag-muted">No passage cited: the sources do '
            "not answer this question.</p></div>"
        )
    items = []
    for citation in answer.citations:
        items.append(
            f'<li class="rag-source" id="source-{citation.number}">'
            f'<a href="{CITE_PREFIX}{citation.number}" class="rag-cite">[{citation.number}]</a> '
            f'<span class="rag-source-name">{escape(citation.source)}</span> '
            f'<span class="rag-score">relevance {citation.score:.2f}</span>'
            f"{'' if citation.verified else ' <span class=rag-unverified>unverified</span>'}"
            f'<div class="rag-passage">{highlight_passage(citation)}</div></li>'
        )
    return f'<div class="rag-sources"><ol>{"".join(items)}</ol></div>'


def highlight_passage(citation: Citation) -> str:
    """The cited passage with every quoted sentence of the citation marked."""
    passage = collapse(citation.text)
    spans: list[tuple[int, int]] = []
    for quote in citation.quotes:
        text = " ".join(quote.quote.split())
        at = passage.find(text) if text else -1
        if at >= 0 and all(at >= end or at + len(text) <= start for start, end in spans):
            spans.append((at, at + len(text)))
    out, position = [], 0
    for start, end in sorted(spans):
        out.append(f"{escape(passage[position:start])}<mark>{escape(passage[start:end])}</mark>")
        position = end
    return "".join(out) + escape(passage[position:])


def citation_line(citation: Citation) -> str:
    """One plain-text line per citation: number, source, every quoted span and its quote."""
    spans = ", ".join(f"{q.start}-{q.end}" for q in citation.quotes)
    quotes = " … ".join(f"“{q.quote}”" for q in citation.quotes)
    return f"[{citation.number}] {citation.source}:{spans} (score {citation.score:.2f}) {quotes}"


def _prose(text: str) -> str:
    """Escaped text whose hard line breaks read as spaces and blank lines as paragraph breaks."""
    return "<br><br>".join(escape(part) for part in re.split(r"\n[ \t]*\n\s*", text))


def _field(structure: Any, name: str) -> str | None:
    """The text of one structure field (a span with `.text`), or None when the source lacks it."""
    span = getattr(structure, name, None) if structure is not None else None
    text = " ".join(str(getattr(span, "text", "") or "").split())
    return text or None


def document_header_html(structure: Any) -> str:
    """The document's headline, date and dateline above its text; "" when it has none of them.

    `structure` is an `index.structure.DocumentStructure` (or None); a missing field is left
    out, never guessed.
    """
    headline = _field(structure, "title")
    facts = [
        f'<span class="rag-doc-{name}">{escape(value)}</span>'
        for name, value in (
            ("date", _field(structure, "date")),
            ("dateline", _field(structure, "dateline")),
        )
        if value
    ]
    if headline is None and not facts:
        return ""
    parts = ['<header class="rag-doc-header">']
    if headline is not None:
        parts.append(f'<div class="rag-doc-headline">{escape(headline)}</div>')
    if facts:
        parts.append(f'<div class="rag-doc-facts">{" · ".join(facts)}</div>')
    parts.append("</header>")
    return "".join(parts)


def document_html(
    source: str,
    text: str,
    start: int | None = None,
    end: int | None = None,
    *,
    spans: list[tuple[int, int]] | None = None,
    structure: Any = None,
) -> str:
    """A whole source with the spans highlighted (the first `<mark>` has id "rag-highlight").

    `start`/`end` give one span; `spans` several (every quote of a citation). `structure`
    (the source's `DocumentStructure`) puts its headline, date and dateline above the text.
    """
    header = f'<div class="rag-doc-title">{escape(source)}</div>' + document_header_html(structure)
    wanted = spans if spans is not None else [] if start is None or end is None else [(start, end)]
    marks: list[tuple[int, int]] = []
    for first, last in sorted(wanted):
        if 0 <= first < last <= len(text) and (not marks or first >= marks[-1][1]):
            marks.append((first, last))
    body, position = [], 0
    for number, (first, last) in enumerate(marks):
        mark_id = ' id="rag-highlight"' if number == 0 else ""
        body.append(
            f"{_prose(text[position:first])}<mark{mark_id}>{_prose(text[first:last])}</mark>"
        )
        position = last
    body.append(_prose(text[position:]))
    return f'{header}<div class="rag-doc">{"".join(body)}</div>'


def sources_list_html(names: list[tuple[str, int, bool]]) -> str:
    """Indexed sources: (name, chunks, removable)."""
    if not names:
        return '<p class="rag-muted">Nothing indexed yet.</p>'
    rows = "".join(
        f"<li>{escape(name)} <span class='rag-muted'>({chunks} chunks"
        f"{', uploaded' if removable else ''})</span></li>"
        for name, chunks, removable in names
    )
    return f'<ul class="rag-source-list">{rows}</ul>'
