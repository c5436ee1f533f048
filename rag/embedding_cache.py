"""The sentence vectors the extractive answerer scores with, computed once per text and kept."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence

import numpy as np

# (source, text) pairs → text → unit vector, for the pairs the index stores vectors of.
StoredVectors = Callable[[Sequence[tuple[str, str]]], Mapping[str, np.ndarray]]


class SentenceEmbeddingCache:
    """Embeddings of passage sentences, computed once per text and kept (bounded LRU)."""

    def __init__(self, embed_texts: Callable[[list[str]], list[list[float]]], size: int = 20000):
        self._embed_texts = embed_texts
        self._size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def missing(self, texts: Sequence[str]) -> list[str]:
        """The texts (once each) whose vectors the cache does not hold."""
        with self._lock:
            return list(dict.fromkeys(t for t in texts if t not in self._vectors))

    def put(self, vectors: Mapping[str, np.ndarray]) -> None:
        """Keep vectors computed elsewhere (the index's stored sentence vectors)."""
        with self._lock:
            for text, vector in vectors.items():
                self._vectors[text] = np.asarray(vector, dtype=np.float32)
            while len(self._vectors) > self._size:
                self._vectors.popitem(last=False)

    def get(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            vectors = np.asarray(self._embed_texts(missing), dtype=np.float32)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            vectors = vectors / np.where(norms == 0, 1, norms)
            with self._lock:
                for text, vector in zip(missing, vectors, strict=True):
                    self._vectors[text] = vector
                while len(self._vectors) > self._size:
                    self._vectors.popitem(last=False)
        with self._lock:
            rows = []
            for text in texts:
                vector = self._vectors.get(text)
                if vector is None:  # evicted meanwhile by another thread
                    vector = np.asarray(self._embed_texts([text])[0], dtype=np.float32)
                    vector = vector / (np.linalg.norm(vector) or 1.0)
                rows.append(vector)
                if text in self._vectors:
                    self._vectors.move_to_end(text)
        return np.vstack(rows) if rows else np.zeros((0, 1), dtype=np.float32)
