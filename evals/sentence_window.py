"""The sentence-window row: llama-index's sentence-level retrieval over the same files and model.

Issue 14 asks whether sentence-level retrieval (one vector a sentence, each sentence carrying
its window of neighbours) is as good as the project's chunks with their stored sentence
vectors. This row is llama-index's recipe unchanged: `SentenceWindowNodeParser`
(`window_size=3`, its defaults otherwise) into an embedded Chroma collection, dense retrieval
of the project's `top_k` sentences, then `MetadataReplacementPostProcessor` swaps each sentence
for its window, which is what an answerer would read. It answers nothing: it is compared on
retrieval, as the stock row is.
"""

from __future__ import annotations

import logging
from pathlib import Path

from llama_index.core.base.embeddings.base import BaseEmbedding

from evals.stock import StockHit, seeds_key

WINDOW_SIZE = 3
WINDOW_KEY = "window"  # the parser's default metadata key, which the postprocessor reads
COLLECTION_PREFIX = "sentence-window"


class SentenceWindowPipeline:
    """SimpleDirectoryReader → SentenceWindowNodeParser → VectorStoreIndex on an embedded
    Chroma → as_retriever(k=top_k) → MetadataReplacementPostProcessor("window")."""

    def __init__(
        self, seeds_dir: Path, embed_model: BaseEmbedding, chroma_path: Path, top_k: int
    ) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from llama_index.core import SimpleDirectoryReader, StorageContext, VectorStoreIndex
        from llama_index.core.node_parser import SentenceWindowNodeParser
        from llama_index.core.postprocessor import MetadataReplacementPostProcessor
        from llama_index.vector_stores.chroma import ChromaVectorStore

        # The reader warns that optional readers are missing; plain text needs none.
        logging.getLogger("llama_index.core.readers.file.base").setLevel(logging.ERROR)
        client = chromadb.PersistentClient(
            path=str(chroma_path), settings=ChromaSettings(anonymized_telemetry=False)
        )
        # Keyed on the files, the model and the window: a change builds afresh, never reuses.
        name = f"{COLLECTION_PREFIX}-{WINDOW_SIZE}-{seeds_key(seeds_dir, embed_model)}"
        for other in client.list_collections():
            if other.name.startswith(COLLECTION_PREFIX) and other.name != name:
                client.delete_collection(other.name)
        collection = client.get_or_create_collection(name)
        store = ChromaVectorStore(chroma_collection=collection)
        if collection.count() == 0:
            index = VectorStoreIndex.from_documents(
                SimpleDirectoryReader(str(seeds_dir)).load_data(),
                storage_context=StorageContext.from_defaults(vector_store=store),
                embed_model=embed_model,
                transformations=[
                    SentenceWindowNodeParser.from_defaults(
                        window_size=WINDOW_SIZE, window_metadata_key=WINDOW_KEY
                    )
                ],
            )
        else:
            index = VectorStoreIndex.from_vector_store(store, embed_model=embed_model)
        self.retriever = index.as_retriever(similarity_top_k=top_k)
        self.postprocessor = MetadataReplacementPostProcessor(target_metadata_key=WINDOW_KEY)

    def retrieve(self, question: str) -> list[StockHit]:
        """The windows of the `top_k` sentences nearest the question, best first."""
        hits = self.postprocessor.postprocess_nodes(
            self.retriever.retrieve(question), query_str=question
        )
        return [
            StockHit(
                text=hit.node.get_content(),
                score=float(hit.score or 0.0),
                source=str(hit.node.metadata.get("file_name", "")),
            )
            for hit in hits
        ]
