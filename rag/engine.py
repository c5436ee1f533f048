"""The engine: one object that opens the index and answers questions with cited passages."""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from llama_index.core.schema import BaseNode, NodeWithScore, QueryBundle

from rag.answer import Answer
from rag.errors import BadQuestion, IndexUnavailable, RagError, StoreUnavailable
from rag.settings import Settings

if TYPE_CHECKING:
    from llama_index.core.base.embeddings.base import BaseEmbedding
    from llama_index.core.query_engine import RetrieverQueryEngine

    from index.manifest import Manifest
    from index.pipeline import IndexReport

logger = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
History = Sequence[Any]


@dataclass(frozen=True)
class SourceInfo:
    """An indexed source as the UI and `rag info` list it."""

    name: str
    chunks: int
    removable: bool
    warnings: tuple[str, ...] = ()


@dataclass
class _IndexState:
    manifest: Manifest
    stamp: tuple[int, int]
    query_engine: RetrieverQueryEngine
    nodes: list[BaseNode]

    @property
    def node_count(self) -> int:
        return len(self.nodes)


class Engine:
    """Answers questions about the indexed documents; safe to share between threads.

    >>> engine = Engine.from_settings()
    >>> answer = engine.ask("Where did Mr. Xi and Mr. Putin meet on Feb. 4?")
    """

    def __init__(
        self,
        settings: Settings,
        *,
        embed_model: BaseEmbedding | None = None,
        llm: Any = None,
    ) -> None:
        from rag.offline import ensure_offline

        ensure_offline()
        self.settings = settings
        self._embed_model = embed_model
        self._llm = llm
        self._lock = threading.RLock()
        self._state: _IndexState | None = None
        self._query_vectors: OrderedDict[str, list[float]] = OrderedDict()
        self._vectors_lock = threading.Lock()
        from rag.synthesis import SentenceEmbeddingCache

        self._sentence_cache = SentenceEmbeddingCache(self._embed_texts)

    # ---- construction -------------------------------------------------------------------

    @classmethod
    def from_settings(
        cls,
        settings: Settings | None = None,
        *,
        build: bool = True,
        embed_model: BaseEmbedding | None = None,
        llm: Any = None,
    ) -> Engine:
        """Open the index the settings point at, building it from the seeds when there is none."""
        engine = cls(settings or Settings(), embed_model=embed_model, llm=llm)
        ensure_data_dir(engine.settings)
        if build and not engine.index_exists():
            engine.reindex()
        return engine

    def index_exists(self) -> bool:
        from index.manifest import Manifest, ManifestError

        try:
            manifest = Manifest.load(self.settings.manifest_path)
        except ManifestError:
            return True  # exists but broken: opening it reports how to rebuild
        return manifest is not None and bool(manifest.sources)

    @property
    def embed_model(self) -> BaseEmbedding:
        """The embedding model, loaded once per engine on first use."""
        if self._embed_model is None:
            with self._lock:
                if self._embed_model is None:
                    from rag.embeddings import build_embed_model

                    self._embed_model = build_embed_model(self.settings)
        return self._embed_model

    @property
    def llm(self):
        """The OpenAI(-compatible) LLM, built on first use (the key is read only then)."""
        if self._llm is None:
            with self._lock:
                if self._llm is None:
                    from rag.llm import build_llm

                    self._llm = build_llm(self.settings)
        return self._llm

    @property
    def embed_identity(self) -> tuple[str, str]:
        """(class, model name) of the embedding model, known without loading it."""
        from rag.embeddings import embed_identity, settings_identity

        if self._embed_model is not None:
            return embed_identity(self._embed_model)
        return settings_identity(self.settings)

    def _embed_texts(self, texts: list[str]) -> list[list[float]]:
        return self.embed_model.get_text_embedding_batch(texts)

    def embed_question(self, question: str) -> list[float]:
        """The question's embedding, cached (repeated and follow-up questions are common)."""
        with self._vectors_lock:
            vector = self._query_vectors.get(question)
            if vector is not None:
                self._query_vectors.move_to_end(question)
                return vector
        vector = self.embed_model.get_query_embedding(question)
        with self._vectors_lock:
            self._query_vectors[question] = vector
            while len(self._query_vectors) > 2048:
                self._query_vectors.popitem(last=False)
        return vector

    # ---- the index ----------------------------------------------------------------------

    def _manifest_stamp(self) -> tuple[int, int] | None:
        try:
            stat = self.settings.manifest_path.stat()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise IndexUnavailable(
                f"cannot read the index at {self.settings.data_dir} ({exc.strerror})"
            ) from exc
        return (stat.st_mtime_ns, stat.st_size)

    def _current(self) -> _IndexState:
        """The open index, reopened when `rag index` (or an upload) switched the manifest."""
        stamp = self._manifest_stamp()
        state = self._state
        if state is not None and state.stamp == stamp:
            return state
        with self._lock:
            state = self._state
            if state is not None and state.stamp == stamp:
                return state
            self._state = self._open(stamp)
            return self._state

    def _open(self, stamp: tuple[int, int] | None) -> _IndexState:
        from llama_index.core import VectorStoreIndex
        from llama_index.core.query_engine import RetrieverQueryEngine
        from llama_index.core.vector_stores.utils import metadata_dict_to_node
        from llama_index.vector_stores.chroma import ChromaVectorStore

        from index.manifest import Manifest, ManifestError
        from index.pipeline import collection_name
        from rag.questions import Idf
        from rag.retrieval import HybridRetriever, build_bm25
        from rag.store import get_collection, is_unavailable, open_client
        from rag.synthesis import ExtractiveSynthesizer

        how = "run `rag index` to build it"
        if stamp is None:
            raise IndexUnavailable(f"there is no index in {self.settings.data_dir}; {how}")
        try:
            manifest = Manifest.load(self.settings.manifest_path)
        except ManifestError as exc:
            raise IndexUnavailable(
                f"the index is corrupted: {exc}; run `rag index` to rebuild"
            ) from exc
        if manifest is None or not manifest.sources:
            raise IndexUnavailable(f"the index in {self.settings.data_dir} is empty; {how}")
        if manifest.collection != collection_name(self.settings, self.embed_identity):
            raise IndexUnavailable(
                "the index was built with other settings "
                f"({_describe(manifest.fingerprint)}); run `rag index` to rebuild it"
            )
        client = open_client(self.settings)
        try:
            collection = get_collection(client, manifest.collection)
            ids = manifest.chunk_ids
            records = {"ids": [], "documents": [], "metadatas": []}
            for start in range(0, len(ids), 5000):
                got = collection.get(
                    ids=ids[start : start + 5000], include=["documents", "metadatas"]
                )
                for key in records:
                    records[key].extend(got[key])
        except StoreUnavailable:
            raise
        except Exception as exc:
            if is_unavailable(exc):
                raise StoreUnavailable(
                    f"the Chroma server at {self.settings.chroma_url} is unreachable"
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
        settings = self.settings
        vector_index = VectorStoreIndex.from_vector_store(
            ChromaVectorStore(chroma_collection=collection), embed_model=self.embed_model
        )
        # Over-fetch a little: chunks not in the manifest (a run in progress) are filtered out.
        dense = vector_index.as_retriever(similarity_top_k=settings.candidate_k + 5)
        retriever = HybridRetriever(
            dense=dense,
            bm25=build_bm25(nodes, settings.candidate_k),
            embed_query=self.embed_question,
            served=frozenset(ids),
            top_k=settings.top_k,
            rrf_k=settings.rrf_k,
            mode=settings.retrieval_mode,
        )
        several = len(manifest.sources) > 1
        synthesizer = ExtractiveSynthesizer(
            embed_query=self.embed_question,
            cache=self._sentence_cache,
            threshold=settings.abstain_threshold,
            hedge_below=settings.hedge_threshold,
            max_sentences=settings.max_sentences,
            several_sources=lambda: several,
            idf=Idf(node.get_content() for node in nodes),
        )
        query_engine = RetrieverQueryEngine(retriever=retriever, response_synthesizer=synthesizer)
        logger.info("opened index %s: %d chunks", manifest.collection, len(nodes))
        return _IndexState(manifest, stamp, query_engine, nodes)

    @property
    def query_engine(self) -> RetrieverQueryEngine:
        """A llama-index query engine (hybrid retriever + extractive synthesizer)."""
        return self._current().query_engine

    @property
    def manifest(self) -> Manifest:
        return self._current().manifest

    def reindex(self, *, show_progress: bool = False, progress=None) -> IndexReport:
        """Bring the index in step with the seeds and uploads directories."""
        from index.pipeline import run_index

        with self._lock:
            report = run_index(
                self.settings,
                embed_model=self._embed_model
                if self._embed_model is not None
                else _LazyEmbed(self),
                show_progress=show_progress,
                progress=progress,
            )
            self._state = None
        return report

    # ---- questions ----------------------------------------------------------------------

    def check_question(self, question: object) -> str:
        """The question cleaned up, or BadQuestion saying what is wrong with it."""
        if not isinstance(question, str):
            raise BadQuestion("the question must be text")
        cleaned = _CONTROL.sub(" ", question).strip()
        if not cleaned:
            raise BadQuestion("the question is empty; type a question about the documents")
        limit = self.settings.max_question_chars
        if len(cleaned) > limit:
            raise BadQuestion(
                f"the question is {len(cleaned):,} characters long; the limit is {limit:,}"
            )
        return cleaned

    def retrieve(self, question: str) -> list[NodeWithScore]:
        question = self.check_question(question)
        bundle = QueryBundle(query_str=question, embedding=self.embed_question(question))
        return self.query_engine.retrieve(bundle)

    def ask(self, question: str, history: History | None = None) -> Answer:
        """Answer one question (a follow-up when `history` is given) with cited passages."""
        answer: Answer | None = None
        for item in self.stream(question, history):
            if isinstance(item, Answer):
                answer = item
        assert answer is not None
        return answer

    def chat(self, message: str, history: History | None = None) -> Answer:
        """Answer a chat message, using the conversation so far for follow-ups."""
        return self.ask(message, history or [])

    def stream(self, question: str, history: History | None = None) -> Iterator[str | Answer]:
        """Yield the answer's text as it is produced, then the final `Answer`."""
        started = time.perf_counter()
        question = self.check_question(question)
        from rag.conversation import user_turns

        turns = user_turns(history or [], self.settings.history_turns)
        standalone, llm_failure = self._condense(question, turns) if turns else (question, None)
        state = self._current()
        try:
            bundle = QueryBundle(query_str=standalone, embedding=self.embed_question(standalone))
            nodes = state.query_engine.retrieve(bundle)
        except RagError:
            raise
        except Exception as exc:
            from rag.store import is_unavailable

            if is_unavailable(exc):
                self._state = None
                raise StoreUnavailable(
                    f"the Chroma server at {self.settings.chroma_url} is unreachable; "
                    "answers resume when it is back"
                ) from exc
            raise
        retrieved = time.perf_counter()
        if llm_failure is not None:
            from rag.generation import describe_failure

            answer = self._extractive(state, standalone, nodes)
            answer.notice = describe_failure(llm_failure)
            yield from _pieces(answer.text)
        elif self.settings.uses_openai_llm:
            from rag.generation import stream_llm_answer

            answer = yield from stream_llm_answer(
                self.settings,
                self.llm,
                standalone,
                nodes,
                extractive=lambda: self._extractive(state, standalone, nodes),
                embed=self._sentence_cache.get,
            )
        else:
            answer = self._extractive(state, standalone, nodes)
            yield from _pieces(answer.text)
        answer.question = question
        if standalone != question:
            answer.standalone_question = standalone
        done = time.perf_counter()
        answer.timings = {
            "retrieve_ms": round((retrieved - started) * 1000, 2),
            "generate_ms": round((done - retrieved) * 1000, 2),
            "total_ms": round((done - started) * 1000, 2),
        }
        yield answer

    def _condense(self, question: str, turns: list[str]) -> tuple[str, Exception | None]:
        """A follow-up as a standalone question, with the LLM when there is one.

        Returns the question and the LLM's failure, if it failed (then it is not asked again).
        """
        from rag.conversation import condense_offline, condense_with_llm

        if self.settings.uses_openai_llm:
            try:
                return condense_with_llm(self.llm, question, turns), None
            except Exception as exc:  # the model is optional: fall back, and remember why
                logger.info("condensing with the LLM failed (%s)", type(exc).__name__)
                return condense_offline(question, turns), exc
        return condense_offline(question, turns), None

    def _extractive(self, state: _IndexState, question: str, nodes: list[NodeWithScore]) -> Answer:
        from rag.synthesis import ANSWER_KEY

        response = state.query_engine.synthesize(QueryBundle(query_str=question), nodes)
        return response.metadata[ANSWER_KEY]

    # ---- sources ------------------------------------------------------------------------

    def sources(self) -> list[SourceInfo]:
        manifest = self.manifest
        uploads = self.settings.uploads_dir.name + "/"
        return [
            SourceInfo(name, len(entry.chunks), name.startswith(uploads), tuple(entry.warnings))
            for name, entry in sorted(manifest.sources.items())
        ]

    def source_text(self, source: str) -> str:
        """The text that citation offsets of `source` refer to."""
        entry = self.manifest.sources.get(source)
        if entry is None:
            raise RagError(f"no indexed source is called {source!r}")
        path = Path(entry.text_path or entry.path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise RagError(f"the source {source} cannot be read ({exc.strerror})") from exc
        if entry.text_path:
            return data.decode("utf-8")
        from index.loaders import load_source

        return load_source(path, data).text

    def add_files(self, files: Sequence[tuple[str, bytes]], *, progress=None) -> IndexReport:
        """Save uploaded files under the uploads directory and index them.

        File names are reduced to a safe base name, so no name can write outside the
        uploads directory; limits on count, size and type come from the settings.
        """
        from index.loaders import SUPPORTED_SUFFIXES

        settings = self.settings
        if len(files) > settings.upload_max_files:
            raise RagError(f"too many files: {len(files)}; at most {settings.upload_max_files}")
        target = settings.uploads_dir
        planned: list[tuple[Path, bytes]] = []
        for name, data in files:
            safe = safe_file_name(name)
            if Path(safe).suffix.lower() not in SUPPORTED_SUFFIXES:
                raise RagError(
                    f"{safe}: unsupported file type; use {', '.join(SUPPORTED_SUFFIXES)}"
                )
            if len(data) > settings.upload_max_mb * 1_000_000:
                raise RagError(
                    f"{safe}: {len(data) / 1e6:.1f} MB is over the "
                    f"{settings.upload_max_mb:g} MB limit"
                )
            path = (target / safe).resolve()
            if not path.is_relative_to(target.resolve()):
                raise RagError(f"{name!r} is not an acceptable file name")
            planned.append((path, data))
        try:
            target.mkdir(parents=True, exist_ok=True)
            for path, data in planned:
                path.write_bytes(data)
        except OSError as exc:
            raise RagError(f"cannot save the upload ({exc.strerror})") from exc
        return self.reindex(progress=progress)

    def remove_source(self, source: str) -> IndexReport:
        """Remove an uploaded source from the index (the seeds stay)."""
        entry = self.manifest.sources.get(source)
        uploads = self.settings.uploads_dir.resolve()
        if entry is None:
            raise RagError(f"no indexed source is called {source!r}")
        path = Path(entry.path).resolve()
        if not path.is_relative_to(uploads):
            raise RagError(f"{source} is part of the seed corpus and cannot be removed here")
        path.unlink(missing_ok=True)
        return self.reindex()

    def nodes(self) -> list[BaseNode]:
        """Every chunk the index serves (llama-index nodes with their metadata)."""
        return list(self._current().nodes)

    def stats(self) -> dict[str, Any]:
        state = self._current()
        manifest = state.manifest
        return {
            "sources": len(manifest.sources),
            "chunks": state.node_count,
            "collection": manifest.collection,
            "dimension": manifest.dimension,
            "built_at": manifest.built_at,
            "skipped": dict(manifest.skipped),
            **{f"index_{k}": v for k, v in manifest.fingerprint.items()},
        }


class _LazyEmbed:
    """Stands in for the engine's embedding model; loads it only if something must be embedded."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self.identity = engine.embed_identity

    def get_text_embedding_batch(self, texts: list[str], **kwargs: Any) -> list[list[float]]:
        return self._engine.embed_model.get_text_embedding_batch(texts, **kwargs)


def _describe(fingerprint: dict[str, Any]) -> str:
    return ", ".join(
        f"{key}={fingerprint[key]}"
        for key in ("embed_model", "chunk_size", "chunk_overlap")
        if key in fingerprint
    )


def ensure_data_dir(settings: Settings) -> None:
    """Create the data directory, or say clearly why it cannot be used."""
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RagError(
            f"the data directory {settings.data_dir} cannot be created ({exc.strerror}); "
            "set RAG_DATA_DIR to a writable directory"
        ) from exc
    if not os.access(settings.data_dir, os.W_OK | os.X_OK):
        raise RagError(
            f"the data directory {settings.data_dir} is not writable; "
            "set RAG_DATA_DIR to a writable directory"
        )


def safe_file_name(name: str) -> str:
    """A file name that cannot leave its directory: base name only, tame characters."""
    base = re.split(r"[\\/]", str(name))[-1]
    base = re.sub(r"[^\w.\- ]+", "_", base, flags=re.UNICODE).strip(" .")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = stem[:100] or "upload"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def _pieces(text: str) -> Iterator[str]:
    """Split an already written answer into word-sized pieces for streaming."""
    for match in re.finditer(r"\S+\s*", text):
        yield match.group(0)
