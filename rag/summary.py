"""Extractive summaries, cited: a news article's headline, deck and lede; any other document's
most central sentences (MMR over the bundled model's sentence vectors), in document order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from rag.answer import Answer
from rag.errors import RagError
from rag.overview import Citer, Document, SpanLike, _flat, document_sentences

# MMR trade-off between closeness to the document's centroid and novelty.
MMR_LAMBDA = 0.7
# Sentences considered for a centroid summary (the first ones of a long document).
MAX_SUMMARY_CANDIDATES = 400


def summarize(
    question: str,
    document: Document,
    several: bool,
    embed_texts: Callable[[list[str]], np.ndarray],
    sentences: int = 3,
) -> Answer:
    """An extractive summary, cited, in document order.

    A news article: its headline, deck and lede. Any other document: the sentences closest to
    its centroid (MMR over the bundled model's sentence vectors), after its title if it has one.
    """
    citer = Citer(document)
    parts: list[str] = []
    structure = document.structure
    title = structure.title if structure else None
    if several or title is not None:
        parts.append(f"Summary of {document.label}:" if several else "")
    chosen = _news_summary(structure, sentences) if structure else []
    if not chosen:
        chosen = _centroid_summary(document, embed_texts, sentences - (1 if title else 0))
        if title is not None and chosen:
            chosen.insert(0, (title.start, title.end, title.text))
    if not chosen:
        raise RagError(f"{document.source} has no prose sentences to summarize")
    for start, end, text in chosen:
        sentence = _flat(text)
        if not re.search(r"[.!?]['’”\"]?$", sentence):
            sentence += "."
        parts.append(f"{sentence} {citer.cite(start, end, text)}")
    return Answer(
        question=question,
        text=" ".join(p for p in parts if p),
        citations=citer.citations,
        passages=citer.passages,
    )


def _news_summary(structure: Any, limit: int) -> list[tuple[int, int, str]]:
    """Headline, deck and lede of a news article (as many as `limit` allows), or []."""
    lede = getattr(structure, "lede", None)
    if lede is None:
        return []
    picked = [s for s in (structure.title, structure.deck) if s is not None]
    picked = picked[: max(limit - 1, 0)]
    first = _first_sentence(lede)
    picked.append(first)
    return [(s.start, s.end, s.text) for s in picked]


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    text: str


def _first_sentence(span: SpanLike) -> SpanLike:
    from llama_index.core.node_parser.text.utils import split_by_sentence_tokenizer

    text = span.text
    sentences = split_by_sentence_tokenizer()(text)
    first = sentences[0].strip() if sentences else text.strip()
    # Punkt splits after "Mr." and "Feb."; keep going until the sentence really ends.
    index = 1
    while index < len(sentences) and re.search(r"\b(?:[A-Z][a-z]{0,3}|[A-Z])\.$", first):
        first = f"{first} {sentences[index].strip()}"
        index += 1
    at = text.find(first.split()[0]) if first else 0
    end = at + len(first)
    if text[at:end] != first:  # whitespace differed; fall back to the whole lede
        return span
    lead = re.match(r"^[\s—–-]+", text[at:end])
    shift = lead.end() if lead else 0
    return _Span(span.start + at + shift, span.start + end, text[at + shift : end])


def _centroid_summary(
    document: Document, embed_texts: Callable[[list[str]], np.ndarray], limit: int
) -> list[tuple[int, int, str]]:
    candidates = [c for c in document_sentences(document) if len(c[2].split()) >= 5]
    candidates = sorted(candidates)[:MAX_SUMMARY_CANDIDATES]
    if not candidates or limit < 1:
        return []
    vectors = np.asarray(embed_texts([c[2] for c in candidates]), dtype=np.float32)
    centroid = vectors.mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    relevance = vectors @ centroid
    picked: list[int] = []
    while len(picked) < min(limit, len(candidates)):
        best, best_score = -1, -np.inf
        for i in range(len(candidates)):
            if i in picked:
                continue
            redundancy = max((float(vectors[i] @ vectors[j]) for j in picked), default=0.0)
            score = MMR_LAMBDA * float(relevance[i]) - (1 - MMR_LAMBDA) * redundancy
            if score > best_score:
                best, best_score = i, score
        picked.append(best)
    return [candidates[i] for i in sorted(picked)]
