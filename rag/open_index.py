"""Opening the index: check the manifest against the settings, read the served chunks, and
build the llama-index query engine (hybrid retriever + extractive synthesizer) over them."""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from llama_index.core import VectorStoreIndex
from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.callbacks import CallbackManager
from llama_index.core.query_engine import RetrieverQueryEngine
from llama_index.core.schema import BaseNode
from llama_index.core.vector_stores.utils import metadata_dict_to_node
from llama_index.vector_stores.chroma import ChromaVectorStore

from index.manifest import Manifest, ManifestError, describe_changes
from index.pipeline import collection_name, identity
from rag.dense import MemoryDense, SentenceDense
from rag.errors import IndexUnavailable, StoreUnavailable
from rag.idf import Idf
from rag.retrieval import HybridRetriever, RareWords, build_bm25
from rag.selection import scaled_threshold
from rag.sentence_vectors import StoredSentenceVectors, sentence_collection_name
from rag.settings import Settings
from rag.store import get_collection, id_batches, is_unavailable, open_client
from rag.synthesis import ExtractiveSynthesizer, SentenceEmbeddingCache

logger = logging.getLogger(__name__)

Stamp = tuple[int, int]
# Up to this many chunks, an embedded index is searched in memory (a 384-d float matrix of
# 20k chunks is 30 MB), with the same cosines as Chroma's exact answer for so few vectors.
MEMORY_SEARCH_MAX = 20_000


@dataclass
class IndexState:
    """One opened index: what it was built from, and the query engine serving it."""

    manifest: Manifest
    stamp: Stamp
    query_engine: RetrieverQueryEngine
    synthesizer: ExtractiveSynthesizer
    nodes: list[BaseNode]


def manifest_stamp(settings: Settings) -> Stamp | None:
    """When the manifest last changed (None: there is none), to notice `rag index` runs."""
    try:
        stat = settings.manifest_path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise IndexUnavailable(
            f"cannot read the index at {settings.data_dir} ({exc.strerror})"
        ) from exc
    return (stat.st_mtime_ns, stat.st_size)


def load_manifest(settings: Settings, stamp: Stamp | None, embedder: tuple[str, str]) -> Manifest:
    """The manifest, if it is there, readable, not empty and built like these settings say."""
    how = "run `rag index` to build it"
    if stamp is None:
        raise IndexUnavailable(f"there is no index in {settings.data_dir}; {how}")
    try:
        manifest = Manifest.load(settings.manifest_path)
    except ManifestError as exc:
        raise IndexUnavailable(
            f"the index is corrupted: {exc}; run `rag index` to rebuild"
        ) from exc
    if manifest is None or not manifest.sources:
        raise IndexUnavailable(f"the index in {settings.data_dir} is empty; {how}")
    if manifest.collection != collection_name(settings, embedder):
        raise IndexUnavailable(
            "the index was built with other settings ("
            + describe_changes(manifest.identity, identity(settings, embedder))
            + "); run `rag index` to rebuild it"
        )
    return manifest


def _read_nodes(
    settings: Settings, collection: Any, ids: list[str], vectors: bool = False
) -> tuple[list[BaseNode], list | None]:
    """Every chunk the manifest serves, read back from Chroma (with its vector, if asked)."""
    records: dict[str, list] = {"ids": [], "documents": [], "metadatas": []}
    if vectors:
        records["embeddings"] = []
    try:
        for batch in id_batches(ids):
            got = collection.get(ids=batch, include=[k for k in records if k != "ids"])
            for key in records:
                records[key].extend(got[key])
    except Exception as exc:
        if is_unavailable(exc):
            raise StoreUnavailable(
                f"the Chroma server at {settings.chroma_url} is unreachable"
            ) from exc
        raise IndexUnavailable(
            f"the index cannot be read ({type(exc).__name__}); run `rag index` to rebuild"
        ) from exc
    if len(records["ids"]) < len(ids):
        raise IndexUnavailable(
            f"the index is incomplete ({len(records['ids'])} of {len(ids)} chunks); "
            "run `rag index` to repair it"
        )
    nodes = [
        metadata_dict_to_node(meta, text=text)
        for meta, text in zip(records["metadatas"], records["documents"], strict=True)
    ]
    return nodes, records.get("embeddings")


def _preceding(nodes: Sequence[BaseNode]) -> Callable[[str, int], str]:
    """The text of the two chunks before a passage's start in its source ("" for the first):
    where the "she" a passage opens with may be named."""
    by_source: dict[str, list[tuple[int, str]]] = {}
    for node in nodes:
        source = str(node.metadata.get("source", ""))
        by_source.setdefault(source, []).append((int(node.metadata.get("start", 0)), node))
    for chunks in by_source.values():
        chunks.sort(key=lambda pair: pair[0])

    def preceding(source: str, start: int) -> str:
        chunks = by_source.get(source, [])
        at = bisect.bisect_left(chunks, start, key=lambda pair: pair[0])
        return " ".join(node.get_content() for _, node in chunks[max(0, at - 2) : at])

    return preceding


def _persons(manifest: Manifest, nodes: Sequence[BaseNode]) -> frozenset[str] | None:
    """The words of the people's names the documents give, for an index small enough to read
    whole (a question's subject is held to be a person only when it is one of them)."""
    if len(nodes) > MEMORY_SEARCH_MAX:
        return None
    from rag.people import person_words
    from rag.reader import documents, structures

    return person_words(documents(structures(manifest), nodes))


def _stored_sentences(client: Any, manifest: Manifest) -> StoredSentenceVectors | None:
    """The index's sentence vectors; None (the answerer embeds) for an index built before."""
    if any(entry.sentences is None for entry in manifest.sources.values()):
        return None
    try:
        return StoredSentenceVectors(
            get_collection(client, sentence_collection_name(manifest.collection))
        )
    except Exception as exc:
        logger.warning("no stored sentence vectors (%s); run `rag index`", type(exc).__name__)
        return None


def open_index(
    settings: Settings,
    stamp: Stamp | None,
    embed_model: BaseEmbedding,
    embedder: tuple[str, str],
    embed_question: Callable[[str], list[float]],
    sentence_cache: SentenceEmbeddingCache,
) -> IndexState:
    """Open the index the manifest describes, or IndexUnavailable saying how to fix it."""
    manifest = load_manifest(settings, stamp, embedder)
    client = open_client(settings)
    try:
        collection = get_collection(client, manifest.collection)
    except StoreUnavailable:
        raise
    except Exception as exc:
        raise IndexUnavailable(
            f"the index cannot be read ({type(exc).__name__}); run `rag index` to rebuild"
        ) from exc
    ids = manifest.chunk_ids
    # An embedded store of a few thousand chunks is searched in memory (a process keeps its
    # vectors); a larger one, or a Chroma server shared with others, is queried each time.
    in_memory = settings.chroma_url is None and len(ids) <= MEMORY_SEARCH_MAX
    try:
        nodes, vectors = _read_nodes(settings, collection, ids, vectors=in_memory)
    except IndexUnavailable:
        if not in_memory:
            raise
        # Chroma can answer queries yet refuse to hand back some vectors (its vector segment
        # behind its records after a killed write): then its own query serves, as for a server.
        logger.warning("the chunk vectors cannot be read back; searching through Chroma")
        nodes, vectors = _read_nodes(settings, collection, ids)
    stored = _stored_sentences(client, manifest)
    # an index searched in memory keeps its sentence vectors there too, read at the first question
    sentences = (
        SentenceDense(nodes, stored.fetch) if stored is not None and vectors is not None else None
    )
    # One callback manager for every step, so a handler added to the query engine's sees
    # retrieval and synthesis alike.
    callbacks = CallbackManager([])
    # This index only serves queries (`index.pipeline` writes the store), so it never runs a
    # transformation; without one given, llama-index builds its default splitter and loads
    # the tiktoken tokenizer for it (~0.4 s of a cold start, unless something else needs it).
    vector_index = VectorStoreIndex.from_vector_store(
        ChromaVectorStore(chroma_collection=collection),
        embed_model=embed_model,
        transformations=[embed_model],
    )
    # Over-fetch a little: chunks not in the manifest (a run in progress) are filtered out.
    dense: BaseRetriever = vector_index.as_retriever(similarity_top_k=settings.candidate_k + 5)
    if vectors is not None:  # as many candidates as Chroma's over-fetch gives
        dense = MemoryDense(nodes, vectors, settings.candidate_k + 5)
    retriever = HybridRetriever(
        dense=dense,
        bm25=build_bm25(nodes, settings.candidate_k),
        embed_query=embed_question,
        served=frozenset(ids),
        top_k=settings.top_k,
        rrf_k=settings.rrf_k,
        mode=settings.retrieval_mode,
        wide_top_k=2 * settings.top_k,
        sentences=sentences,
        rare=RareWords(nodes, known)
        if (known := getattr(embed_model, "knows_word", None))
        else None,
    )
    retriever.callback_manager = callbacks
    several = len(manifest.sources) > 1
    synthesizer = ExtractiveSynthesizer(
        embed_query=embed_question,
        cache=sentence_cache,
        threshold=scaled_threshold(settings.abstain_threshold, len(nodes)),
        hedge_below=scaled_threshold(settings.hedge_threshold, len(nodes)),
        max_sentences=settings.max_sentences,
        several_sources=several,
        idf=Idf((node.get_content() for node in nodes), persons=lambda: _persons(manifest, nodes)),
        callback_manager=callbacks,
        stored=sentences.fetch if sentences is not None else stored.fetch if stored else None,
        preceding=_preceding(nodes),
    )
    query_engine = RetrieverQueryEngine(
        retriever=retriever, response_synthesizer=synthesizer, callback_manager=callbacks
    )
    logger.info("opened index %s: %d chunks", manifest.collection, len(nodes))
    return IndexState(manifest, stamp, query_engine, synthesizer, nodes)
