"""Full-article mode: when the whole corpus fits the model's budget, give it every passage.

Retrieval picks a few passages, so a model asked "what is this about?" or a question that needs
two distant paragraphs sees only part of the story. A small corpus costs little to send whole,
numbered in document order; above the budget, retrieval decides as usual.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache

from llama_index.core.schema import BaseNode, NodeWithScore


@lru_cache(maxsize=1)
def _tokenizer():
    from llama_index.core.utils import get_tokenizer

    return get_tokenizer()


def count_tokens(text: str) -> int:
    """Tokens of the text as OpenAI's models count them (the tokenizer ships offline)."""
    return len(_tokenizer()(text))


def corpus_tokens(nodes: Sequence[BaseNode]) -> int:
    return sum(count_tokens(node.get_content()) for node in nodes)


def whole_corpus(
    nodes: Sequence[BaseNode], budget: int, total: int | None = None
) -> list[NodeWithScore] | None:
    """Every chunk in document order, when their tokens fit the budget; else None.

    Overlapping chunks repeat a little text; the budget counts it, as the model will.
    """
    if budget <= 0 or not nodes:
        return None
    total = corpus_tokens(nodes) if total is None else total
    if total > budget:
        return None
    ordered = sorted(
        nodes, key=lambda n: (str(n.metadata.get("source", "")), int(n.metadata.get("start", 0)))
    )
    return [NodeWithScore(node=node, score=1.0) for node in ordered]


class FullContext:
    """The whole corpus as passages when it fits the budget; its size counted once per index."""

    def __init__(self, budget: int) -> None:
        self._budget = budget
        self._counted: tuple[str, int] | None = None
        self._lock = threading.Lock()

    def nodes(self, key: str, nodes: Sequence[BaseNode]) -> list[NodeWithScore] | None:
        if self._budget <= 0:
            return None
        with self._lock:
            if self._counted is None or self._counted[0] != key:
                self._counted = (key, corpus_tokens(nodes))
            total = self._counted[1]
        return whole_corpus(nodes, self._budget, total)
