"""Ingestion throughput: indexing CPython's pydoc topics against bare batch embedding."""

from __future__ import annotations

import statistics
import time
from typing import Any

from evals.bench.measure import dir_mb, timed
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
    texts = [node.get_content() for node in engine.nodes()]
    batch = corpus.embed_batch_size
    floor_started = time.perf_counter()
    for start in range(0, len(texts), batch):
        embed_model.get_text_embedding_batch(texts[start : start + batch])
    floor_seconds = time.perf_counter() - floor_started
    again = timed(engine.reindex, 3)
    result = {
        "sources": report.sources,
        "chunks": report.chunks,
        "megabytes": round(sum(len(t.encode()) for t in texts) / 1e6, 3),
        "index_s": round(seconds, 2),
        "chunks_per_s": round(report.chunks / seconds, 1),
        "bare_embed_chunks_per_s": round(len(texts) / floor_seconds, 1),
        "reindex_unchanged_s": round(statistics.median(again), 3),
        "reindex_unchanged_embedded": engine.reindex().embedded,
        "index_disk_mb": dir_mb(corpus.data_dir),
        "article_index_disk_mb": dir_mb(settings.chroma_dir),
    }
    result["x_bare_embed"] = round(result["chunks_per_s"] / result["bare_embed_chunks_per_s"], 2)
    result["reindex_x_index"] = round(result["reindex_unchanged_s"] / seconds, 3)
    return result
