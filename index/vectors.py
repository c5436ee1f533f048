"""Embedding into the store: the chunks, and the sentence vectors the extractive answerer reads.

Both are content-addressed, so only what the store lacks is embedded, and each batch is
durable on its own: a killed run resumes where it stopped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import TextNode

from rag.sentence_vectors import META_SOURCE, node_sentence_texts, sentence_id
from rag.store import id_batches

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, str], None]
SentenceRecords = dict[str, tuple[str, str]]  # id → (source, text)


def existing_ids(collection, ids: Sequence[str]) -> set[str]:
    """The ids among `ids` that the collection holds."""
    present: set[str] = set()
    for batch in id_batches(ids):
        present.update(collection.get(ids=batch, include=[])["ids"])
    return present


def embed_chunks(
    nodes: list[TextNode],
    embed_model: BaseEmbedding,
    store,
    batch_size: int,
    show_progress: bool,
    progress: ProgressCallback | None,
) -> None:
    """Embed the chunks and add them to the vector store, one durable batch at a time."""
    from tqdm.auto import tqdm

    batch_size = max(batch_size, 1)
    bar = tqdm(total=len(nodes), desc="Embedding chunks", unit="chunk", disable=not show_progress)
    with bar:
        for start in range(0, len(nodes), batch_size):
            batch = nodes[start : start + batch_size]
            vectors = embed_model.get_text_embedding_batch([n.get_content() for n in batch])
            for node, vector in zip(batch, vectors, strict=True):
                node.embedding = vector
            store.add(batch)  # each batch is durable: a killed run resumes from here
            bar.update(len(batch))
            if progress is not None:
                progress(min(start + batch_size, len(nodes)), len(nodes), "embedding")


def sentence_records(nodes: Sequence[TextNode]) -> SentenceRecords:
    """Every sentence (and window) text of the chunks, by id; overlapping chunks share ids."""
    records: SentenceRecords = {}
    for node in nodes:
        source = str(node.metadata.get(META_SOURCE, ""))
        for text in node_sentence_texts(node.get_content(), node.metadata):
            records.setdefault(sentence_id(source, text), (source, text))
    return records


def embed_sentences(
    collection,
    records: SentenceRecords,
    embed_model: Callable[[], BaseEmbedding],
    batch_size: int,
    progress: ProgressCallback | None,
) -> int:
    """Embed the sentences the collection lacks and add them; returns how many were embedded.

    `embed_model` is called only when something must be embedded (it may load the model).
    """
    present = existing_ids(collection, list(records))
    todo = [(cid, *records[cid]) for cid in records if cid not in present]
    if not todo:
        return 0
    model = embed_model()
    batch_size = max(batch_size, 1)
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        vectors = model.get_text_embedding_batch([text for _, _, text in batch])
        collection.add(
            ids=[cid for cid, _, _ in batch],
            embeddings=vectors,
            metadatas=[{META_SOURCE: source} for _, source, _ in batch],
        )
        if progress is not None:
            progress(min(start + batch_size, len(todo)), len(todo), "embedding sentences")
    return len(todo)


def stored_sentences(collection, source: str) -> int:
    """How many sentence vectors of `source` the collection holds."""
    return len(collection.get(where={META_SOURCE: source}, include=[])["ids"])


def stale_sentences(collection, sources: Sequence[str], keep: set[str]) -> list[str]:
    """Ids of sentence vectors of `sources` that the index no longer serves."""
    stale: list[str] = []
    names = sorted(sources)
    for start in range(0, len(names), 100):
        where = {META_SOURCE: {"$in": names[start : start + 100]}}
        stale.extend(
            cid for cid in collection.get(where=where, include=[])["ids"] if cid not in keep
        )
    return stale
