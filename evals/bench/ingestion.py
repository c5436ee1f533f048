"""Ingestion throughput: indexing CPython's pydoc topics against bare batch embedding."""

from __future__ import annotations

import statistics
import time
from typing import Any

from evals.bench.measure import dir_mb, timed
from index.vectors import sentence_records
from rag.settings import Settings


def ingestion(settings: Settings, embed_model, topics: int) -> dict[str, Any]:
    """Chunks per second indexing CPython's pydoc topics, against bare batch embedding."""
    from pydoc_data.topics import topics as pydoc_topics

    from rag.engine import Engine

    seeds = settings.data_dir / "pydoc-seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    for name in sorted(pydoc_topics)[:topics]:
        (seeds / f"{name}.txt").write_text(pydoc_topics[name], encoding="utf-8")
    corpus = settings.model_copy(
        update={"seeds_dir": seeds, "data_dir": settings.data_dir / "pydoc-index"}
    )
    engine = Engine(corpus, embed_model=embed_model)
    started = time.perf_counter()
    report = engine.reindex()
    seconds = time.perf_counter() - started
    nodes = engine.nodes()
    texts = [node.get_content() for node in nodes]
    # The same total text the index embeds: the chunks, then their sentences and windows.
    sentences = [text for _, text in sentence_records(nodes).values()]
    batch = corpus.embed_batch_size
    floor_started = time.perf_counter()
    for start in range(0, len(texts), batch):
        embed_model.get_text_embedding_batch(texts[start : start + batch])
    floor_seconds = time.perf_counter() - floor_started
    for start in range(0, len(sentences), batch):
        embed_model.get_text_embedding_batch(sentences[start : start + batch])
    all_seconds = time.perf_counter() - floor_started
    again = timed(engine.reindex, 3)
    result = {
        "sources": report.sources,
        "chunks": report.chunks,
        "megabytes": round(sum(len(t.encode()) for t in texts) / 1e6, 3),
        "index_s": round(seconds, 2),
        "chunks_per_s": round(report.chunks / seconds, 1),
        "bare_embed_chunks_per_s": round(len(texts) / floor_seconds, 1),
        "sentences": report.sentences_embedded,
        "texts_per_s": round((report.chunks + report.sentences_embedded) / seconds, 1),
        "bare_embed_texts_per_s": round((len(texts) + len(sentences)) / all_seconds, 1),
        "reindex_unchanged_s": round(statistics.median(again), 3),
        "reindex_unchanged_embedded": engine.reindex().embedded,
        "index_disk_mb": dir_mb(corpus.data_dir),
        "article_index_disk_mb": dir_mb(settings.chroma_dir),
    }
    result["x_bare_embed"] = round(result["chunks_per_s"] / result["bare_embed_chunks_per_s"], 2)
    result["texts_x_bare_embed"] = round(
        result["texts_per_s"] / result["bare_embed_texts_per_s"], 2
    )
    result["index_disk_mb_per_1k_chunks"] = round(
        result["index_disk_mb"] * 1000 / max(report.chunks, 1), 2
    )
    result["reindex_x_index"] = round(result["reindex_unchanged_s"] / seconds, 3)
    return result
