"""Whole-document questions, routed: which document, and which answer (summary or a field).

The engine classifies each question (rag/intents.py); a question about the document itself goes
here instead of to the passage answerer. The document is the one the question names, else the
one its best passage comes from; the answer names it when several are indexed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from llama_index.core.schema import BaseNode

from rag.answer import Answer
from rag.errors import RagError
from rag.intents import Intent
from rag.overview import Document, answer_metadata, choose_document, summarize


def documents(structures: Mapping[str, Any], nodes: Sequence[BaseNode]) -> list[Document]:
    """Each source with its structure and its chunks in document order."""
    by_source: dict[str, list[BaseNode]] = defaultdict(list)
    for node in nodes:
        by_source[str(node.metadata.get("source", ""))].append(node)
    return [
        Document(
            source=source,
            structure=structures.get(source),
            nodes=sorted(by_source.get(source, []), key=lambda n: int(n.metadata.get("start", 0))),
        )
        for source in sorted(structures)
    ]


def answer_whole_document(
    intent: Intent,
    question: str,
    docs: Sequence[Document],
    ranked_sources: Sequence[str],
    embed_texts: Callable[[list[str]], np.ndarray],
    sentences: int = 3,
) -> Answer:
    """The answer to a question about a whole document (gist, title, date, dateline, byline)."""
    if not docs:
        raise RagError("no document is indexed; run `rag index`")
    several = len(docs) > 1
    document = docs[choose_document(question, docs, ranked_sources)]
    if intent is Intent.gist:
        return summarize(question, document, several, embed_texts, sentences)
    return answer_metadata(question, intent, document, several)


def find_document(source: str, docs: Sequence[Document]) -> Document:
    """The document called `source` (its full name, file name or stem), or a clear error."""
    wanted = source.strip().lower()
    for document in docs:
        name = document.source.lower()
        base = name.rsplit("/", 1)[-1]
        if wanted in {name, base, base.rsplit(".", 1)[0]}:
            return document
    names = ", ".join(d.source for d in docs) or "none"
    raise RagError(f"no indexed source is called {source!r}; indexed sources: {names}")
