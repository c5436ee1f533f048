"""The bundled all-MiniLM-L6-v2's forward pass in numpy, for the query path.

Importing torch costs ~3 s of a cold `rag ask` on 2 cores, and the model's first forward
pass there as much again; numpy is loaded anyway, and this encoder is ready in ~0.2 s. It is
the torch encoder's arithmetic (`rag.encoder_torch`) step for step, in float32: the same
vectors to ~2e-7. Torch stays for large batches, where it runs about twice as fast.
"""

from __future__ import annotations

import math
import threading
from pathlib import Path

import numpy as np

LAYER_NORM_EPS = 1e-12


class NumpyEncoder:
    """BERT encoder, mean pooling over the attention mask, unit length: token ids → vectors."""

    def __init__(self, weights_path: Path, layers: int, heads: int) -> None:
        from safetensors.numpy import load_file

        # Exact GELU needs erf, which numpy lacks; scipy is loaded already (BM25 uses it).
        from scipy.special import erf
        from threadpoolctl import ThreadpoolController

        self._erf = erf
        self._blas = ThreadpoolController()
        self._lock = threading.Lock()
        # Read, not mapped: a mapped file is resident twice while copied out (+90 MB peak).
        self._w = load_file(str(weights_path), backend="pread")
        self._layers = layers
        self._heads = heads
        # One matrix product for query, key and value instead of three.
        for i in range(layers):
            prefix = f"encoder.layer.{i}.attention.self"
            for kind in ("weight", "bias"):
                parts = [self._w.pop(f"{prefix}.{p}.{kind}") for p in ("query", "key", "value")]
                self._w[f"{prefix}.qkv.{kind}"] = np.concatenate(parts)

    def _linear(self, name: str, x: np.ndarray) -> np.ndarray:
        return x @ self._w[f"{name}.weight"].T + self._w[f"{name}.bias"]

    def _norm(self, name: str, x: np.ndarray) -> np.ndarray:
        centered = x - x.mean(-1, keepdims=True)
        variance = (centered * centered).mean(-1, keepdims=True)
        scaled = centered / np.sqrt(variance + np.float32(LAYER_NORM_EPS))
        return scaled * self._w[f"{name}.weight"] + self._w[f"{name}.bias"]

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Unit vectors (batch × 384, float32) of token ids padded to one length."""
        # The query path's matrices are small: OpenBLAS's second thread costs more than it
        # gives (a question took 0.5 s instead of 18 ms while another process held a core).
        with self._lock, self._blas.limit(limits=1, user_api="blas"):
            return self._forward(ids, mask)

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self._w
        batch, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        ).reshape(batch * length, -1)
        width = x.shape[-1]
        head_width = width // self._heads
        x = self._norm("embeddings.LayerNorm", x)
        # Padding is never attended to: -inf before the softmax, as torch's boolean mask does.
        padding = np.where(mask[:, None, None, :] > 0, 0.0, -np.inf).astype(np.float32)
        scale = np.float32(1 / math.sqrt(head_width))
        root2 = np.float32(math.sqrt(2))
        for i in range(self._layers):
            layer = f"encoder.layer.{i}"
            qkv = self._linear(f"{layer}.attention.self.qkv", x)
            qkv = qkv.reshape(batch, length, 3, self._heads, head_width).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + padding
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, width)
            x = self._norm(
                f"{layer}.attention.output.LayerNorm",
                self._linear(f"{layer}.attention.output.dense", context) + x,
            )
            hidden = self._linear(f"{layer}.intermediate.dense", x)
            hidden = np.float32(0.5) * hidden * (np.float32(1) + self._erf(hidden / root2))
            x = self._norm(
                f"{layer}.output.LayerNorm", self._linear(f"{layer}.output.dense", hidden) + x
            )
        weights = mask[..., None].astype(np.float32)
        pooled = (x.reshape(batch, length, width) * weights).sum(1)
        pooled /= np.maximum(weights.sum(1), np.float32(1e-9))
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.maximum(norms, np.float32(1e-12))
