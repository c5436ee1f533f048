"""The engine's models, each built on first use: the embedder (with a cache of question
vectors) and the LLM (whose key is read only then)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding

from rag.embeddings import build_embed_model, embed_identity, settings_identity
from rag.settings import Settings

QUESTION_CACHE_SIZE = 2048


class Models:
    """The embedding model and the LLM: injected by the caller, or built from the settings."""

    def __init__(
        self, settings: Settings, embed_model: BaseEmbedding | None = None, llm: Any = None
    ) -> None:
        self.settings = settings
        self._embed_model = embed_model
        self._llm = llm
        self._lock = threading.Lock()
        self._question_vectors: OrderedDict[str, list[float]] = OrderedDict()
        self._vectors_lock = threading.Lock()

    @property
    def embed_model(self) -> BaseEmbedding:
        """The embedding model, loaded once on first use."""
        if self._embed_model is None:
            with self._lock:
                if self._embed_model is None:
                    self._embed_model = build_embed_model(self.settings)
        return self._embed_model

    @property
    def embed_identity(self) -> tuple[str, str]:
        """(class, model name) of the embedding model, known without loading it."""
        if self._embed_model is not None:
            return embed_identity(self._embed_model)
        return settings_identity(self.settings)

    def embedder_for_indexing(self) -> Any:
        """The embedding model if loaded, else a stand-in that loads it only when needed."""
        return self._embed_model if self._embed_model is not None else _LazyEmbed(self)

    @property
    def llm(self) -> Any:
        """The OpenAI(-compatible) LLM, built on first use."""
        if self._llm is None:
            with self._lock:
                if self._llm is None:
                    from rag.llm import build_llm

                    self._llm = build_llm(self.settings)
        return self._llm

    def embed_texts(self, texts: list[str]) -> list[list[float]]:
        return self.embed_model.get_text_embedding_batch(texts)

    def embed_question(self, question: str) -> list[float]:
        """The question's embedding, cached (repeated and follow-up questions are common)."""
        with self._vectors_lock:
            vector = self._question_vectors.get(question)
            if vector is not None:
                self._question_vectors.move_to_end(question)
                return vector
        vector = self.embed_model.get_query_embedding(question)
        with self._vectors_lock:
            self._question_vectors[question] = vector
            while len(self._question_vectors) > QUESTION_CACHE_SIZE:
                self._question_vectors.popitem(last=False)
        return vector


class _LazyEmbed:
    """Stands in for the embedding model; loads it only if something must be embedded."""

    def __init__(self, models: Models) -> None:
        self._models = models
        self.identity = models.embed_identity

    def get_text_embedding_batch(self, texts: list[str], **kwargs: Any) -> list[list[float]]:
        return self._models.embed_model.get_text_embedding_batch(texts, **kwargs)
