"""Fakes passed in at the seams (`embed_model=`); the library itself can never select them."""

from __future__ import annotations

import hashlib

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding

HASH_DIM = 64


class HashEmbedding(BaseEmbedding):
    """Deterministic fake: each word adds a hash-seeded random vector; the sum is normalised.

    Texts sharing words get similar vectors, so retrieval still behaves sensibly. The seed
    comes from sha256, not Python's per-process `hash()`, so every process agrees.
    """

    model_name: str = f"hash-fake-{HASH_DIM}"
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
