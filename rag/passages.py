"""Retrieved nodes as numbered passages: what both answerers (extractive and LLM) read."""

from __future__ import annotations

import json
from collections.abc import Sequence

from llama_index.core.schema import NodeWithScore

from rag.answer import Passage
from rag.retrieval import BM25_RANK, DENSE_RANK, DENSE_SCORE


def to_passages(nodes: Sequence[NodeWithScore]) -> list[Passage]:
    """Retrieved nodes as numbered passages with their sentence spans."""
    passages = []
    for rank, hit in enumerate(nodes, start=1):
        meta = hit.node.metadata
        sentences = [tuple(s) for s in json.loads(meta.get("sentences", "[]"))]
        passages.append(
            Passage(
                rank=rank,
                chunk_id=hit.node.node_id,
                source=str(meta.get("source", "")),
                text=hit.node.get_content(),
                start=int(meta.get("start", 0)),
                end=int(meta.get("end", 0)),
                score=float(meta.get(DENSE_SCORE) or 0.0),
                dense_rank=meta.get(DENSE_RANK),
                bm25_rank=meta.get(BM25_RANK),
                sentences=sentences,
                code_sentences=json.loads(meta.get("code_sentences", "[]")),
                table_intros={
                    int(k): v for k, v in json.loads(meta.get("table_intros", "{}")).items()
                },
                section=str(meta.get("section", "")),
            )
        )
    return passages
