"""The extractive answerer: quote the retrieved sentences that answer the question, cited [n].

It is a llama-index synthesizer, so `RetrieverQueryEngine`, callbacks and evaluators work on it;
the structured `Answer` rides along in the response's metadata under "answer".
"""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from llama_index.core.base.response.schema import Response
from llama_index.core.llms.mock import MockLLM
from llama_index.core.response_synthesizers.base import BaseSynthesizer
from llama_index.core.schema import NodeWithScore, QueryBundle

from rag.answer import Answer, Citation, Passage
from rag.retrieval import BM25_RANK, DENSE_RANK, DENSE_SCORE

ANSWER_KEY = "answer"

# Words that carry no content in a question; the rest must show up in a sentence that answers.
STOPWORDS = frozenset(
    (
        "a an and are as at be been but by can could did do does for from had has have he her his "
        "how i if in into is it its itself me my no not of on or our out over she so such than "
        "that the their them then there these they this those to was were what when where which "
        "who whom whose why will with would you your about after according also any article "
        "before between during each more most other say said says some tell told "
    ).split()
)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.-]*[A-Za-z0-9]|[A-Za-z0-9]")

# Relevance of a sentence = COS_WEIGHT * cosine + (1 - COS_WEIGHT) * share of question words.
COS_WEIGHT = 0.6
# A second sentence is quoted only if it scores within this margin of the best one.
SECOND_SENTENCE_MARGIN = 0.08


def content_words(text: str) -> set[str]:
    """Stemmed content words of a text (lower-cased, stopwords dropped)."""
    from rag.textutil import stem

    words = {w.lower().strip(".'’-") for w in _WORD.findall(text)}
    return {stem(w) for w in words if w and w not in STOPWORDS}


def lexical_overlap(question_words: set[str], sentence: str) -> float:
    if not question_words:
        return 0.0
    return len(question_words & content_words(sentence)) / len(question_words)


class SentenceEmbeddingCache:
    """Embeddings of passage sentences, computed once per text and kept (bounded LRU)."""

    def __init__(self, embed_texts: Callable[[list[str]], list[list[float]]], size: int = 20000):
        self._embed_texts = embed_texts
        self._size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

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
            )
        )
    return passages


class ScoredSentence:
    __slots__ = ("passage", "score", "span", "text")

    def __init__(self, passage: Passage, span: tuple[int, int, int, int], text: str, score: float):
        self.passage, self.span, self.text, self.score = passage, span, text, score


def score_sentences(
    question: str,
    question_vector: np.ndarray,
    passages: Sequence[Passage],
    cache: SentenceEmbeddingCache,
) -> list[ScoredSentence]:
    """Every sentence of the passages, scored for relevance to the question, best first.

    A sentence found in several (overlapping) passages is kept once, in its best-ranked passage.
    """
    candidates: list[tuple[Passage, tuple[int, int, int, int], str]] = []
    seen: set[tuple[str, int, int]] = set()
    for passage in passages:
        for span in passage.sentences:
            key = (passage.source, span[2], span[3])
            if key in seen:
                continue
            seen.add(key)
            text = passage.text[span[0] : span[1]].strip()
            if len(text) >= 3:
                candidates.append((passage, span, text))
    if not candidates:
        return []
    vectors = cache.get([text for _, _, text in candidates])
    q = question_vector / (np.linalg.norm(question_vector) or 1.0)
    cosines = np.clip(vectors @ q, 0.0, 1.0)
    q_words = content_words(question)
    scored = [
        ScoredSentence(
            passage,
            span,
            text,
            COS_WEIGHT * float(cos) + (1 - COS_WEIGHT) * lexical_overlap(q_words, text),
        )
        for (passage, span, text), cos in zip(candidates, cosines, strict=True)
    ]
    scored.sort(key=lambda s: -s.score)
    return scored


def abstention_text(question: str, several_sources: bool) -> str:
    subject = "The indexed documents do" if several_sources else "The article does"
    return f"{subject} not say: no passage retrieved for this question answers it."


def compose_extractive(
    question: str,
    passages: list[Passage],
    scored: list[ScoredSentence],
    threshold: float,
    max_sentences: int,
    several_sources: bool = False,
) -> Answer:
    """Quote the best sentences with renumbered [n] markers, or abstain below the threshold."""
    if not scored or scored[0].score < threshold:
        return Answer(
            question=question,
            text=abstention_text(question, several_sources),
            abstained=True,
            passages=passages,
        )
    best = scored[0].score
    chosen = [scored[0]]
    for candidate in scored[1:]:
        if len(chosen) >= max_sentences:
            break
        if candidate.score >= max(threshold, best - SECOND_SENTENCE_MARGIN):
            chosen.append(candidate)
    numbers: dict[str, int] = {}
    parts: list[str] = []
    citations: list[Citation] = []
    for sentence in chosen:
        passage = sentence.passage
        if passage.chunk_id not in numbers:
            numbers[passage.chunk_id] = len(numbers) + 1
        number = numbers[passage.chunk_id]
        parts.append(f"{sentence.text} [{number}]")
        citations.append(
            Citation(
                number=number,
                source=passage.source,
                text=passage.text,
                quote=sentence.text,
                start=sentence.span[2],
                end=sentence.span[3],
                score=round(sentence.score, 4),
                chunk_id=passage.chunk_id,
                passage_rank=passage.rank,
            )
        )
    for passage in passages:  # a passage's score shown to the reader: its best sentence
        best_in = [s.score for s in scored if s.passage is passage]
        if best_in:
            passage.score = round(max(passage.score, max(best_in)), 4)
    return Answer(question=question, text=" ".join(parts), citations=citations, passages=passages)


class ExtractiveSynthesizer(BaseSynthesizer):
    """Answers by quoting the retrieved sentences most relevant to the question."""

    def __init__(
        self,
        embed_query: Callable[[str], list[float]],
        cache: SentenceEmbeddingCache,
        threshold: float,
        max_sentences: int = 2,
        several_sources: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__(llm=MockLLM(), empty_response="The article does not say.")
        self._embed_query = embed_query
        self._cache = cache
        self._threshold = threshold
        self._max_sentences = max_sentences
        self._several_sources = several_sources

    def _get_prompts(self) -> dict[str, Any]:
        return {}

    def _update_prompts(self, prompts: dict[str, Any]) -> None:
        pass

    def answer(self, question: str, nodes: Sequence[NodeWithScore]) -> Answer:
        passages = to_passages(nodes)
        vector = np.asarray(self._embed_query(question), dtype=np.float32)
        scored = score_sentences(question, vector, passages, self._cache)
        return compose_extractive(
            question,
            passages,
            scored,
            self._threshold,
            self._max_sentences,
            self._several_sources(),
        )

    def synthesize(self, query, nodes, additional_source_nodes=None, **kwargs: Any) -> Response:
        question = query.query_str if isinstance(query, QueryBundle) else str(query)
        answer = self.answer(question, nodes)
        return Response(
            response=answer.text, source_nodes=list(nodes), metadata={ANSWER_KEY: answer}
        )

    async def asynthesize(self, query, nodes, additional_source_nodes=None, **kwargs: Any):
        return self.synthesize(query, nodes, additional_source_nodes, **kwargs)

    def get_response(self, query_str: str, text_chunks: Sequence[str], **kwargs: Any) -> str:
        raise NotImplementedError("ExtractiveSynthesizer answers from nodes; use synthesize()")

    async def aget_response(self, query_str: str, text_chunks: Sequence[str], **kwargs: Any):
        raise NotImplementedError("ExtractiveSynthesizer answers from nodes; use synthesize()")
