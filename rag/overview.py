"""Answers about a whole document: its gist (an extractive summary), headline, date, dateline
and author, cited to the spans of the source that hold them.

The document's structure is read at ingestion (index/structure.py) and kept in the manifest;
here it becomes an `Answer` whose citations point at the headline, date or lede spans, in the
chunks that hold them, so the reader can click through to the highlighted text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from llama_index.core.schema import BaseNode

from rag.answer import Answer, Citation, Passage, Quote
from rag.intent_patterns import Intent
from rag.questions import content_words


class SpanLike(Protocol):
    start: int
    end: int
    text: str


class StructureLike(Protocol):
    title: SpanLike | None
    deck: SpanLike | None
    date: SpanLike | None
    dateline: SpanLike | None
    byline: SpanLike | None
    lede: SpanLike | None


@dataclass(frozen=True)
class Document:
    """One indexed source as the overview answerer sees it."""

    source: str
    structure: StructureLike | None
    nodes: Sequence[BaseNode]  # its chunks, in document order

    @property
    def label(self) -> str:
        title = self.structure.title if self.structure else None
        return f"“{_flat(title.text)}” ({self.source})" if title else self.source


def _flat(text: str) -> str:
    return " ".join(text.split())


def _sentence_spans(node: BaseNode) -> list[tuple[int, int, int, int]]:
    return [tuple(s) for s in json.loads(node.metadata.get("sentences", "[]"))]


def _code_sentences(node: BaseNode) -> set[int]:
    return set(json.loads(node.metadata.get("code_sentences", "[]")))


def document_sentences(document: Document) -> Iterator[tuple[int, int, str]]:
    """The document's prose sentences (code lines left out) in chunk order, each once, with
    their offsets in the source."""
    seen: set[tuple[int, int]] = set()
    for node in document.nodes:
        text = node.get_content()
        code = _code_sentences(node)
        for index, (start, end, src_start, src_end) in enumerate(_sentence_spans(node)):
            if index in code or (src_start, src_end) in seen:
                continue
            seen.add((src_start, src_end))
            yield src_start, src_end, text[start:end].strip()


class Citer:
    """Numbers the chunks an overview answer cites, one citation per chunk (its quotes listed)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.passages: list[Passage] = []
        self.citations: list[Citation] = []
        self._numbers: dict[str, int] = {}

    def _node_for(self, start: int, end: int) -> BaseNode | None:
        best, best_overlap = None, 0
        for node in self.document.nodes:
            lo = max(start, int(node.metadata.get("start", 0)))
            hi = min(end, int(node.metadata.get("end", 0)))
            if hi - lo > best_overlap:
                best, best_overlap = node, hi - lo
        return best

    def cite(self, start: int, end: int, quote: str, score: float = 1.0) -> str:
        """The `[n]` marker for a span of the source, adding its passage and citation."""
        node = self._node_for(start, end)
        if node is None:
            return ""
        number = self._numbers.get(node.node_id)
        quote_span = Quote(quote=_flat(quote), start=start, end=end)
        if number is not None:
            self.citations[number - 1].quotes.append(quote_span)
        else:
            number = len(self._numbers) + 1
            self._numbers[node.node_id] = number
            passage = Passage(
                rank=number,
                chunk_id=node.node_id,
                source=self.document.source,
                text=node.get_content(),
                start=int(node.metadata.get("start", 0)),
                end=int(node.metadata.get("end", 0)),
                score=score,
                sentences=_sentence_spans(node),
            )
            self.passages.append(passage)
            self.citations.append(
                Citation(
                    number=number,
                    source=self.document.source,
                    text=passage.text,
                    quote=_flat(quote),
                    start=start,
                    end=end,
                    score=score,
                    chunk_id=node.node_id,
                    passage_rank=number,
                    quotes=[quote_span],
                )
            )
        return f"[{number}]"


def choose_document(question: str, documents: Sequence[Document], ranked: Sequence[str]) -> int:
    """Which document a whole-document question is about.

    The one the question names (its file name or title words), else the source of the best
    retrieved passage, else the first.
    """
    named = named_document(question, documents)
    if named is not None:
        return named
    for source in ranked:
        for index, document in enumerate(documents):
            if document.source == source:
                return index
    return 0


def named_document(question: str, documents: Sequence[Document]) -> int | None:
    """The document whose file name or title words the question uses most, if any."""
    asked = content_words(question)
    best, best_score = None, 0.0
    for index, document in enumerate(documents):
        stem = re.sub(r"[_\-.]+", " ", document.source.rsplit("/", 1)[-1].rsplit(".", 1)[0])
        title = (
            document.structure.title.text if document.structure and document.structure.title else ""
        )
        words = content_words(f"{stem} {title}")
        if not words:
            continue
        score = len(asked & words) / len(words)
        if score > best_score:
            best, best_score = index, score
    return best


def _abstain(question: str, text: str, citer: Citer | None = None) -> Answer:
    return Answer(
        question=question,
        text=text,
        abstained=True,
        citations=citer.citations if citer else [],
        passages=citer.passages if citer else [],
    )


def answer_metadata(question: str, intent: Intent, document: Document, several: bool) -> Answer:
    """The headline, date, dateline or author of the document, cited; or an honest "none"."""
    what = "The document" if several else "The article"
    prefix = f"{document.label}: " if several else ""
    structure = document.structure
    field = {
        Intent.title: "title",
        Intent.date: "date",
        Intent.dateline: "dateline",
        Intent.byline: "byline",
        Intent.publisher: "publisher",
    }[intent]
    span = getattr(structure, field, None) if structure else None
    if span is None:
        missing = {
            "title": f"{what} has no headline or title.",
            "date": f"{what} does not give its date of publication.",
            "dateline": f"{what} has no dateline: it does not say where it was reported from.",
            "byline": f"{what} has no byline: it does not say who wrote it.",
            "publisher": f"{what} does not name its publisher or outlet.",
        }[field]
        return _abstain(question, f"{prefix}{missing}")
    citer = Citer(document)
    mark = citer.cite(span.start, span.end, span.text) if span.start is not None else ""
    value = _flat(span.text)
    if field == "title":
        text = f"The headline is “{value}” {mark}."
        if structure.deck is not None:
            text += _deck_line(citer, structure.deck)
    elif field == "date":
        text = f"It was published on {value} {mark}."
    elif field == "dateline":
        text = f"It was reported from {value} {mark} (its dateline)."
    else:
        by = value if value.lower().startswith("by ") else f"by {value}"
        text = f"It was written {by} {mark}."
    text = text.replace(" .", ".").replace("  ", " ")
    return Answer(
        question=question,
        text=f"{prefix}{text}",
        citations=citer.citations,
        passages=citer.passages,
    )


def _deck_line(citer: Citer, deck: SpanLike) -> str:
    """The subheading under the headline, quoted and cited."""
    if deck.start is None:
        return f" Under it: “{_flat(deck.text)}”"
    return f" Under it: “{_flat(deck.text)}” {citer.cite(deck.start, deck.end, deck.text)}."
