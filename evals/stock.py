"""The reference row: the stock llama-index + Chroma quickstart over the same files and model.

SentenceSplitter defaults (1024 tokens, 200 overlap), dense retrieval with
`similarity_top_k=2`, no BM25, no cleaning; it returns the retrieved passages, as the
quickstart's query engine would hand them to an LLM.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from llama_index.core.base.embeddings.base import BaseEmbedding


@dataclass
class StockHit:
    text: str
    score: float
    source: str


def seeds_key(seeds_dir: Path, embed_model: BaseEmbedding) -> str:
    """A short hash of every seed file's path and bytes, and of the embedding model's name."""
    digest = hashlib.sha256(embed_model.model_name.encode())
    for path in sorted(p for p in seeds_dir.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(seeds_dir)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


class StockPipeline:
    """SimpleDirectoryReader → VectorStoreIndex on an embedded Chroma → as_retriever(k=2)."""

    def __init__(self, seeds_dir: Path, embed_model: BaseEmbedding, chroma_path: Path) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from llama_index.core import SimpleDirectoryReader, StorageContext, VectorStoreIndex
        from llama_index.core.node_parser import SentenceSplitter
        from llama_index.vector_stores.chroma import ChromaVectorStore

        # The quickstart's reader warns that optional readers are missing; plain text needs none.
        logging.getLogger("llama_index.core.readers.file.base").setLevel(logging.ERROR)
        documents = SimpleDirectoryReader(str(seeds_dir)).load_data()
        client = chromadb.PersistentClient(
            path=str(chroma_path), settings=ChromaSettings(anonymized_telemetry=False)
        )
        # Keyed on the files and the model: changed seeds build afresh, never reuse stale vectors.
        name = f"quickstart-{seeds_key(seeds_dir, embed_model)}"
        for other in client.list_collections():
            if other.name.startswith("quickstart") and other.name != name:
                client.delete_collection(other.name)
        collection = client.get_or_create_collection(name)
        storage = StorageContext.from_defaults(
            vector_store=ChromaVectorStore(chroma_collection=collection)
        )
        if collection.count() == 0:
            index = VectorStoreIndex.from_documents(
                documents,
                storage_context=storage,
                embed_model=embed_model,
                transformations=[SentenceSplitter()],
            )
        else:
            index = VectorStoreIndex.from_vector_store(
                ChromaVectorStore(chroma_collection=collection), embed_model=embed_model
            )
        self.retriever = index.as_retriever(similarity_top_k=2)

    def retrieve(self, question: str) -> list[StockHit]:
        return [
            StockHit(
                text=hit.node.get_content(),
                score=float(hit.score or 0.0),
                source=str(hit.node.metadata.get("file_name", "")),
            )
            for hit in self.retriever.retrieve(question)
        ]
