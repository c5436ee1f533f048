"""The bundled all-MiniLM-L6-v2's forward pass on torch alone, for large batches (indexing).

sentence-transformers and transformers cost ~6 s of imports on 2 cores; this is the same
arithmetic (BERT encoder, mean pooling, unit length) on the pinned weights, the same vectors
to 2e-7. Torch is imported only when this encoder is built.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np


class TorchEncoder:
    """BERT encoder, mean pooling over the attention mask, unit length: token ids → vectors."""

    def __init__(self, weights_path: Path, layers: int, heads: int) -> None:
        from safetensors.torch import load_file

        self._w = load_file(str(weights_path))
        self._layers = layers
        self._heads = heads

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Unit vectors (batch × 384, float32) of token ids padded to one length."""
        import torch
        import torch.nn.functional as F

        w = self._w
        ids_t = torch.from_numpy(ids)
        mask_t = torch.from_numpy(mask)
        batch, length = ids_t.shape
        with torch.inference_mode():
            x = (
                F.embedding(ids_t, w["embeddings.word_embeddings.weight"])
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
            attend = mask_t[:, None, None, :].bool()
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
            weights = mask_t.unsqueeze(-1).to(x.dtype)
            pooled = (x * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return F.normalize(pooled, dim=1).numpy()
