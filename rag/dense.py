"""Dense search held in memory, for an index small enough to keep its vectors: over the chunks'
vectors, and over their sentences' vectors (stored with the index)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.schema import BaseNode, NodeWithScore, QueryBundle

from rag.sentence_vectors import node_sentence_texts

# (source, text) pairs → text → unit vector, as the index's stored sentence vectors are read
Fetch = Callable[[Sequence[tuple[str, str]]], dict[str, Any]]


class MemoryDense(BaseRetriever):
    """Exact cosine search over the served chunks' stored vectors, held in memory.

    For an index of a few thousand chunks a matrix product is a fraction of a millisecond, while
    a round trip through Chroma's query and llama-index's node decoding costs several: the
    vectors are read from the store once, when the index is opened. Scores are cosines.
    """

    cosine_scores = True

    def __init__(self, nodes: Sequence[BaseNode], vectors: Sequence[Sequence[float]], top_k: int):
        super().__init__()
        import numpy as np

        matrix = np.asarray(vectors, dtype=np.float32).reshape(len(nodes), -1)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        self._matrix = matrix / np.where(norms == 0, 1, norms)
        self._nodes = list(nodes)
        self._top_k = top_k

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return self.search(query_bundle)

    def search(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        """`retrieve` without llama-index's instrumentation (`HybridRetriever`'s call has it)."""
        import numpy as np

        if not self._nodes or query_bundle.embedding is None:
            return []
        query = np.asarray(query_bundle.embedding, dtype=np.float32)
        scores = self._matrix @ (query / (np.linalg.norm(query) or 1.0))
        k = min(self._top_k, len(self._nodes))
        best = np.argpartition(-scores, k - 1)[:k]
        best = best[np.argsort(-scores[best], kind="stable")]
        return [NodeWithScore(node=self._nodes[i], score=float(scores[i])) for i in best]


class SentenceDense:
    """The passage holding the sentence nearest the question: a sentence that answers is found
    even when the rest of its passage is about other things. The vectors are the ones stored
    with the index (`fetch`: (source, text) pairs → text → unit vector), read in one call when
    the first question comes, not when the index opens; they then serve the answerer too
    (`fetch` of this class), without a store round trip.
    """

    def __init__(self, nodes: Sequence[BaseNode], fetch: Fetch) -> None:
        self._nodes = list(nodes)
        self._store_fetch = fetch
        self._matrix: Any = None
        self._owners: Any = None
        self._rows: dict[tuple[str, str], int] = {}
        self._texts: list[str] = []

    def _load(self) -> None:
        import numpy as np

        keys, owners = [], []
        for at, node in enumerate(self._nodes):
            source = str(node.metadata.get("source", ""))
            for text in node_sentence_texts(node.get_content(), node.metadata):
                keys.append((source, text))
                owners.append(at)
        found = self._store_fetch(keys)
        rows = [i for i, (_, text) in enumerate(keys) if text in found]
        self._rows = {keys[i]: row for row, i in enumerate(rows)}
        self._texts = [keys[i][1] for i in rows]
        self._owners = np.asarray([owners[i] for i in rows], dtype=np.int64)
        self._matrix = (
            np.stack([found[keys[i][1]] for i in rows])
            if rows
            else np.zeros((0, 1), dtype=np.float32)
        )

    def fetch(self, keys: Sequence[tuple[str, str]]) -> dict[str, Any]:
        """Text → unit vector for the (source, text) pairs, from memory; the store is asked only
        for pairs it does not hold."""
        if self._matrix is None:
            self._load()
        held = {
            text: self._matrix[self._rows[(s, text)]] for s, text in keys if (s, text) in self._rows
        }
        missing = [(s, text) for s, text in keys if text not in held]
        return {**self._store_fetch(missing), **held} if missing else held

    def _cosines(self, embedding: Sequence[float]) -> Any:
        """Each sentence's cosine to the question (None when the index holds no sentences)."""
        import numpy as np

        if self._matrix is None:
            self._load()
        if not len(self._owners):
            return None
        query = np.asarray(embedding, dtype=np.float32)
        return self._matrix @ (query / (np.linalg.norm(query) or 1.0))

    def nearest(
        self, embedding: Sequence[float], accept: Callable[[str], bool] | None = None
    ) -> NodeWithScore | None:
        """The passage of the one sentence nearest the question (of those `accept` takes), with
        that sentence's cosine."""
        import numpy as np

        scores = self._cosines(embedding)
        if scores is None:
            return None
        order = np.argsort(-scores) if accept is not None else [int(scores.argmax())]
        at = next((int(i) for i in order if accept is None or accept(self._texts[i])), None)
        if at is None:
            return None
        return NodeWithScore(node=self._nodes[self._owners[at]], score=float(scores[at]))
