"""The engine: one object that opens the index and answers questions with cited passages.

A facade: opening the index lives in `rag.open_index`, checks in `rag.guards`, the sources
in `rag.library`; an answer flows one way, retrieve → synthesize → verify → `Answer`.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import BaseNode, NodeWithScore, QueryBundle

from index.manifest import Manifest, ManifestError
from index.pipeline import IndexReport, run_index
from rag.answer import Answer
from rag.context import FullContext
from rag.conversation import condense_offline, user_turns, without_opener
from rag.errors import RagError, StoreUnavailable
from rag.guards import check_question, ensure_writable_dir
from rag.library import DocumentLibrary, SourceInfo
from rag.llm_condense import condense_with_llm
from rag.models import Models
from rag.offline import ensure_offline
from rag.open_index import IndexState, manifest_stamp, open_index
from rag.reader import Reader
from rag.settings import Settings
from rag.store import is_unavailable
from rag.synthesis import SentenceEmbeddingCache

if TYPE_CHECKING:
    from llama_index.core.query_engine import RetrieverQueryEngine

logger = logging.getLogger(__name__)

History = Sequence[Any]
__all__ = ["Engine", "SourceInfo"]


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
        ensure_offline()
        self.settings = settings
        self._models = Models(settings, embed_model, llm)
        self._lock = threading.RLock()
        self._state: IndexState | None = None
        self._sentence_cache = SentenceEmbeddingCache(self._models.embed_texts)
        self._library = DocumentLibrary(settings, lambda: self.manifest, self.reindex)
        self._reader = Reader(self._models.embed_texts, self._sentence_cache.get)
        self._full = FullContext(settings.full_context_tokens)

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
        ensure_writable_dir(engine.settings.data_dir)
        if build and not engine.index_exists():
            engine.reindex()
        return engine

    def index_exists(self) -> bool:
        try:
            manifest = Manifest.load(self.settings.manifest_path)
        except ManifestError:
            return True  # exists but broken: opening it reports how to rebuild
        return manifest is not None and bool(manifest.sources)

    @property
    def embed_model(self) -> BaseEmbedding:
        """The embedding model, loaded once per engine on first use."""
        return self._models.embed_model

    @property
    def llm(self) -> Any:
        """The OpenAI(-compatible) LLM, built on first use (the key is read only then)."""
        return self._models.llm

    def embed_question(self, question: str) -> list[float]:
        """The question's embedding, cached (repeated and follow-up questions are common)."""
        return self._models.embed_question(question)

    # ---- the index ----------------------------------------------------------------------

    def _current(self) -> IndexState:
        """The open index, reopened when `rag index` (or an upload) switched the manifest."""
        stamp = manifest_stamp(self.settings)
        state = self._state
        if state is not None and state.stamp == stamp:
            return state
        with self._lock:
            state = self._state
            if state is None or state.stamp != stamp:
                self._state = state = open_index(
                    self.settings,
                    stamp,
                    self.embed_model,
                    self._models.embed_identity,
                    self.embed_question,
                    self._sentence_cache,
                )
            return state

    @property
    def query_engine(self) -> RetrieverQueryEngine:
        """A llama-index query engine (hybrid retriever + extractive synthesizer)."""
        return self._current().query_engine

    @property
    def manifest(self) -> Manifest:
        return self._current().manifest

    def reindex(self, *, show_progress: bool = False, progress=None) -> IndexReport:
        """Bring the index in step with the seeds and uploads directories."""
        with self._lock:
            report = run_index(
                self.settings,
                embed_model=self._models.embedder_for_indexing(),
                show_progress=show_progress,
                progress=progress,
            )
            self._state = None
        return report

    def nodes(self) -> list[BaseNode]:
        """Every chunk the index serves (llama-index nodes with their metadata)."""
        return list(self._current().nodes)

    def stats(self) -> dict[str, Any]:
        state = self._current()
        manifest = state.manifest
        return {
            "sources": len(manifest.sources),
            "chunks": len(state.nodes),
            "collection": manifest.collection,
            "dimension": manifest.dimension,
            "built_at": manifest.built_at,
            "skipped": dict(manifest.skipped),
            **{f"index_{k}": v for k, v in manifest.fingerprint.items()},
        }

    # ---- questions ----------------------------------------------------------------------

    def check_question(self, question: object) -> str:
        """The question cleaned up, or BadQuestion saying what is wrong with it."""
        return check_question(question, self.settings.max_question_chars)

    def retrieve(self, question: str) -> list[NodeWithScore]:
        state = self._current()
        question = self.check_question(question)
        return self._retrieve(state, state.synthesizer.search_text(question))

    def _retrieve(self, state: IndexState, searched: str) -> list[NodeWithScore]:
        """The passages for a question's search text (`ExtractiveSynthesizer.search_text`)."""
        try:
            bundle = QueryBundle(query_str=searched, embedding=self.embed_question(searched))
            return state.query_engine.retrieve(bundle)
        except RagError:
            raise
        except Exception as exc:
            if is_unavailable(exc):
                self._state = None
                raise StoreUnavailable(
                    f"the Chroma server at {self.settings.chroma_url} is unreachable; "
                    "answers resume when it is back"
                ) from exc
            raise

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
        turns = user_turns(history or [], self.settings.history_turns)
        asked = without_opener(question)  # "Separate question: …"
        standalone, llm_failure = self._condense(asked, turns) if turns else (asked, None)
        state = self._current()
        standalone = self._reader.dated_by_event(standalone, state.manifest, state.nodes)
        extractive = state.synthesizer  # "On the same day X, …?" asked with X's date
        searched = extractive.search_text(standalone)
        nodes = self._retrieve(state, searched)
        retrieved = time.perf_counter()
        notice = None
        uses_llm = llm_failure is None and self.settings.uses_openai_llm
        vector = self.embed_question(searched)  # the one embedding retrieval made
        whole = self._reader.answer(  # "is william burns…?": names as the documents write them
            extractive.truecase(standalone), vector, state.manifest, state.nodes, nodes, uses_llm
        )
        if whole is not None:
            draft = whole
            yield from _pieces(draft.text)
        elif uses_llm:
            from rag.generation import stream_llm_answer

            draft, notice = yield from stream_llm_answer(
                self.settings,
                self.llm,
                standalone,
                nodes,
                fallback=extractive,
                context=self._full.nodes(state.manifest.version, state.nodes),
                embed=self._sentence_cache.get,
            )
        else:
            draft = extractive.answer(standalone, nodes)
            # "Who said…", "Why aren't the sources named?": said elsewhere in the document
            draft = self._reader.mend(standalone, draft, state.manifest, state.nodes)
            if llm_failure is not None:
                from rag.generation import describe_failure

                notice = describe_failure(llm_failure)
            yield from _pieces(draft.text)
        done = time.perf_counter()
        yield draft.model_copy(  # the one place the final answer is built
            update={
                "question": question,
                "standalone_question": standalone if standalone != question else None,
                "notice": notice or draft.notice,
                "timings": {
                    "retrieve_ms": round((retrieved - started) * 1000, 2),
                    "generate_ms": round((done - retrieved) * 1000, 2),
                    "total_ms": round((done - started) * 1000, 2),
                },
            }
        )

    def _condense(self, question: str, turns: list[str]) -> tuple[str, Exception | None]:
        """A follow-up as a standalone question, with the LLM when there is one, and the LLM's
        failure if it failed (then it is not asked again)."""
        if self.settings.uses_openai_llm:
            try:
                return condense_with_llm(self.llm, question, turns), None
            except Exception as exc:  # the model is optional: fall back, and remember why
                logger.info("condensing with the LLM failed (%s)", type(exc).__name__)
                return condense_offline(question, turns), exc
        return condense_offline(question, turns), None

    def summarize(self, source: str | None = None, sentences: int = 3) -> Answer:
        """An extractive summary of one document, cited (the only one, or `source`)."""
        state = self._current()
        return self._reader.summarize(state.manifest, state.nodes, source, sentences)

    # ---- sources ------------------------------------------------------------------------

    def sources(self) -> list[SourceInfo]:
        return self._library.sources()

    def source_text(self, source: str) -> str:
        """The text that citation offsets of `source` refer to."""
        return self._library.source_text(source)

    def add_files(self, files: Sequence[tuple[str, bytes]], *, progress=None) -> IndexReport:
        """Save uploaded files under the uploads directory (safe names, limits) and index them."""
        return self._library.add_files(files, progress=progress)

    def remove_source(self, source: str) -> IndexReport:
        """Remove an uploaded source from the index (the seeds stay)."""
        return self._library.remove_source(source)


def _pieces(text: str) -> Iterator[str]:
    """Split an already written answer into word-sized pieces for streaming."""
    for match in re.finditer(r"\S+\s*", text):
        yield match.group(0)
