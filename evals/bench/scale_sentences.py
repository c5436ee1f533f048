"""The store at scale with its sentence collection: what an answer asks of Chroma.

An answer queries the chunk collection, then reads its passages' sentence vectors with one
`get(ids=…)` from `{collection}-sentences` (`rag.sentence_vectors`). This section fills such a
collection beside the store-scale rows' largest chunk collection, with the ids, metadata and
collection settings indexing gives it, and times the two calls against the chunk query alone.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from evals.bench.measure import dir_mb, stats
from evals.bench.servers import ChromaServer
from rag.sentence_vectors import (
    META_SOURCE,
    StoredSentenceVectors,
    sentence_collection_name,
    sentence_id,
)
from rag.settings import Settings
from rag.store import CHROMA_BATCH, collection_metadata

# Texts stored per chunk: each sentence and each sentence window, as in CPython's pydoc topics
# (9,905 for 1,007 chunks).
SENTENCES_PER_CHUNK = 10
# Adding 5,000 sentence vectors took ~2.4 s into an empty collection, ~4 s at 300k and ~6-8 s
# at 500k on 2 shared cores: 300k filled in ~3.5 min, 500k in ~8, so 1M (10 a chunk at 100k
# chunks) would take ~20. A `get` by id took the same at 20k and 300k, so the smaller
# collection times the same read; the report gives the count per chunk.
MAX_SENTENCES = 400_000
SERVER_MAX_SENTENCES = 100_000  # over HTTP, after the server's own 100k chunks
CHUNKS_PER_SOURCE = 10
TOP_K = Settings.model_fields["top_k"].default  # the passages an answer reads
N_RESULTS = 10  # the chunk query asks for as many as the chunk-only rows


def _source(chunk: int) -> str:
    return f"source-{chunk // CHUNKS_PER_SOURCE}.txt"


def _texts(chunk: int) -> list[str]:
    return [f"Sentence {number} of chunk {chunk}." for number in range(SENTENCES_PER_CHUNK)]


def fill_sentences(collection: Any, covered: int, rng: np.random.Generator) -> float:
    """Seconds to add the sentence vectors of chunks 0..covered-1, in the store's batches."""
    records = [
        (sentence_id(_source(chunk), text), _source(chunk))
        for chunk in range(covered)
        for text in _texts(chunk)
    ]
    started = time.perf_counter()
    for start in range(0, len(records), CHROMA_BATCH):
        batch = records[start : start + CHROMA_BATCH]
        vectors = rng.standard_normal((len(batch), 384)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        collection.add(
            ids=[cid for cid, _ in batch],
            embeddings=vectors,
            metadatas=[{META_SOURCE: source} for _, source in batch],
        )
    return time.perf_counter() - started


def measure(chunks: Any, sentences: Any, covered: int, queries: np.ndarray) -> dict[str, Any]:
    """The chunk query, then one read of the best TOP_K chunks' sentence vectors, interleaved
    with the chunk query alone. Chunk c reads the sentences stored for chunk c % covered."""
    stored = StoredSentenceVectors(sentences)
    fetched: list[int] = []

    def answer_path(query: np.ndarray) -> None:
        hits = chunks.query(query_embeddings=[query], n_results=N_RESULTS)
        best = [int(cid[1:]) % covered for cid in hits["ids"][0][:TOP_K]]  # ids are c<n>
        keys = [(_source(chunk), text) for chunk in best for text in _texts(chunk)]
        fetched.append(len(stored.fetch(keys)))

    samples: dict[str, list[float]] = {"chunk_query": [], "with_sentences": []}
    for query in queries[:5]:
        answer_path(query)
    fetched.clear()
    for query in queries:
        for name, step in (
            ("chunk_query", lambda q: chunks.query(query_embeddings=[q], n_results=N_RESULTS)),
            ("with_sentences", answer_path),
        ):
            started = time.perf_counter()
            step(query)
            samples[name].append(time.perf_counter() - started)
    alone, row = stats(samples["chunk_query"]), stats(samples["with_sentences"])
    return row | {
        "chunk_query_p50_ms": alone["p50_ms"],
        "x_chunk_query": round(row["p50_ms"] / alone["p50_ms"], 2),
        "vectors_per_get": min(fetched),
    }


def sentence_row(client: Any, chunks: int, limit: int, rng: np.random.Generator) -> dict:
    """Fill `bench-<chunks>-sentences` beside the chunk collection and time the answer path."""
    chunk_collection = client.get_collection(f"bench-{chunks}")
    sentences = min(chunks * SENTENCES_PER_CHUNK, limit)
    covered = sentences // SENTENCES_PER_CHUNK
    collection = client.create_collection(
        sentence_collection_name(chunk_collection.name),
        metadata=collection_metadata({}, read_by_id=True),  # as indexing creates it
    )
    fill_s = fill_sentences(collection, covered, rng)
    queries = rng.standard_normal((50, 384)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    return measure(chunk_collection, collection, covered, queries) | {
        "chunks": chunks,
        "sentences": collection.count(),
        "sentences_per_chunk": round(collection.count() / chunks, 2),
        "fill_s": round(fill_s, 1),
    }


def scale_sentences(
    settings: Settings, size: int, server_size: int | None, chunk_rows: dict[str, Any]
) -> dict[str, Any]:
    """The answer path's store work with the sentence collection at `size` chunks (embedded)
    and `server_size` (a `chroma run` server), on the collections `evals.bench.scale` filled."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    def chroma_settings() -> ChromaSettings:  # one per client: a client writes its path into it
        return ChromaSettings(anonymized_telemetry=False)

    rng = np.random.default_rng(1)
    path = settings.data_dir / f"scale-embedded-{size}"
    client = chromadb.PersistentClient(path=str(path), settings=chroma_settings())
    row = sentence_row(client, size, MAX_SENTENCES, rng)
    row["disk_mb"] = dir_mb(path)
    row["sentences_disk_mb"] = round(row["disk_mb"] - chunk_rows[f"embedded_{size}"]["disk_mb"], 2)
    result: dict[str, Any] = {f"embedded_{size}": row}
    if server_size:
        server = ChromaServer(settings.data_dir / "scale-server").start()
        try:
            remote = chromadb.HttpClient(
                host="127.0.0.1", port=server.port, settings=chroma_settings()
            )
            result[f"server_{server_size}"] = sentence_row(
                remote, server_size, SERVER_MAX_SENTENCES, rng
            )
        finally:
            server.stop()
    return result


def sentence_store_lines(rows: dict[str, Any] | None) -> list[str]:
    """The answer path's store work with the sentence collection beside the chunks."""
    if not rows:
        return []
    lines = [
        "",
        f"With the sentence collection: the chunk query (top {N_RESULTS}), then one `get` of "
        f"the {TOP_K} best chunks' sentence vectors (`top_k`'s default), against the chunk "
        "query alone, interleaved. Indexing stores ~10 sentences and windows per chunk "
        "(9,905 for CPython's 1,007 chunks); where fewer are stored, each chunk reads those "
        "of one that has them, so every `get` returns its full count of vectors.",
        "",
        "| store | chunks | sentences | per chunk | vectors per get | p50 ms | p95 ms "
        "| chunk query alone p50 ms | × chunk query alone | sentence fill s | on disk MB |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    fewer = [row for row in rows.values() if row["sentences_per_chunk"] < SENTENCES_PER_CHUNK]
    if fewer:
        lines[1] += (
            " Fewer than 10 per chunk are stored here: filling a million vectors would take far "
            "longer than this run allows, and a `get` by id costs the same at 20k and 300k "
            "vectors (docs/performance.md)."
        )
    for key, row in rows.items():
        lines.append(
            f"| {key.split('_')[0]} | {row['chunks']:,} | {row['sentences']:,} "
            f"| {row['sentences_per_chunk']} | {row['vectors_per_get']} | {row['p50_ms']} "
            f"| {row['p95_ms']} | {row['chunk_query_p50_ms']} | {row['x_chunk_query']} "
            f"| {row['fill_s']} | {row.get('disk_mb', '—')} |"
        )
    return lines
