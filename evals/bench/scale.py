"""Store scale: Chroma query latency at growing sizes, embedded and as a server."""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from evals.bench.measure import dir_mb, stats
from evals.bench.servers import ChromaServer
from rag.settings import Settings

SCALE_SIZES = [1000, 10_000, 100_000]


SERVER_SIZES = [1000, 10_000, 100_000]


def scale(settings: Settings, sizes: list[int], server_sizes: list[int]) -> dict[str, Any]:
    """Store query latency at growing sizes (synthetic 384-d unit vectors), embedded and server.

    Each size is its own collection (and, embedded, its own directory, to weigh it on disk);
    the query asks for the top 10 of 50 random unit vectors, after 5 warm-up queries.
    """
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    def chroma_settings() -> ChromaSettings:  # one per client: a client writes its path into it
        return ChromaSettings(anonymized_telemetry=False)

    rng = np.random.default_rng(0)
    queries = rng.standard_normal((50, 384)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)

    def fill_and_query(client, size: int) -> dict[str, Any]:
        collection = client.create_collection(f"bench-{size}", metadata={"hnsw:space": "cosine"})
        started = time.perf_counter()
        for start in range(0, size, 5000):
            count = min(5000, size - start)
            vectors = rng.standard_normal((count, 384)).astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            collection.add(
                ids=[f"c{start + i}" for i in range(count)],
                embeddings=vectors,
                documents=[f"chunk {start + i}" for i in range(count)],
            )
        fill_s = time.perf_counter() - started
        for query in queries[:5]:
            collection.query(query_embeddings=[query], n_results=10)
        samples = []
        for query in queries:
            started = time.perf_counter()
            collection.query(query_embeddings=[query], n_results=10)
            samples.append(time.perf_counter() - started)
        return stats(samples) | {"fill_s": round(fill_s, 1)}

    result: dict[str, Any] = {}
    for size in sizes:
        path = settings.data_dir / f"scale-embedded-{size}"
        client = chromadb.PersistentClient(path=str(path), settings=chroma_settings())
        result[f"embedded_{size}"] = fill_and_query(client, size)
        result[f"embedded_{size}"]["disk_mb"] = dir_mb(path)
    if server_sizes:
        server = ChromaServer(settings.data_dir / "scale-server").start()
        try:
            remote = chromadb.HttpClient(
                host="127.0.0.1", port=server.port, settings=chroma_settings()
            )
            for size in server_sizes:
                result[f"server_{size}"] = fill_and_query(remote, size)
        finally:
            server.stop()
    smallest = result[f"embedded_{sizes[0]}"]["p50_ms"]
    for row in result.values():
        row["x_embedded_smallest"] = round(row["p50_ms"] / smallest, 2)
    return result
