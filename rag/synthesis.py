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

from rag.answer import Answer, Citation, Passage, Quote
from rag.forms import Form
from rag.questions import Expect, Idf, content_words, expected, focus_words, offers
from rag.retrieval import BM25_RANK, DENSE_RANK, DENSE_SCORE
from rag.selection import decide, framed

ANSWER_KEY = "answer"

# Relevance of a sentence = COS_WEIGHT * cosine + (1 - COS_WEIGHT) * IDF-weighted share of the
# question's words found in it (words of the sentence before it count half).
COS_WEIGHT = 0.7
CONTEXT_WEIGHT = 0.5
WINDOW_DISCOUNT = 0.95
# Added when a sentence offers what the question asks for (a name for "who", a date for
# "when"...), subtracted when it does not.
TYPE_BONUS = 0.08
# A second sentence is quoted only if it scores within this margin of the best one.
SECOND_SENTENCE_MARGIN = 0.08
# Sentences that lean on the one before ("She said...") are quoted with it.
_LEANS_BACK = re.compile(r"^\W*(she|he|they|it|this|that|these|those|the two)\b", re.IGNORECASE)


def lexical_overlap(question_words: set[str], sentence: str, idf: Idf | None = None) -> float:
    """Share of the question's content words found in the sentence (IDF-weighted if given)."""
    if not question_words:
        return 0.0
    words = content_words(sentence)
    if idf is not None:
        return idf.overlap(question_words, words)
    return len(question_words & words) / len(question_words)


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
                code_sentences=json.loads(meta.get("code_sentences", "[]")),
            )
        )
    return passages


# A question about syntax or code may be answered by a code or grammar line.
_ASKS_CODE = re.compile(
    r"\b(?:syntax|grammar|code|example|snippet|written|spell(?:ed)?|write|form|looks?\s+like)\b",
    re.IGNORECASE,
)


class ScoredSentence:
    __slots__ = ("index", "passage", "score", "span", "text")

    def __init__(
        self,
        passage: Passage,
        index: int,
        span: tuple[int, int, int, int],
        text: str,
        score: float,
    ) -> None:
        self.passage, self.index, self.span, self.text, self.score = (
            passage,
            index,
            span,
            text,
            score,
        )


def sentence_text(passage: Passage, index: int) -> str:
    start, end = passage.sentences[index][:2]
    return passage.text[start:end].strip()


def score_sentences(
    question: str,
    question_vector: np.ndarray,
    passages: Sequence[Passage],
    cache: SentenceEmbeddingCache,
    idf: Idf | None = None,
) -> list[ScoredSentence]:
    """Every sentence of the passages, scored for how well it answers the question, best first.

    The score mixes embedding similarity, the IDF-weighted share of the question's words in the
    sentence (and, at half weight, in the sentence before it), and whether the sentence offers
    the kind of thing the question asks for. A sentence found in several (overlapping)
    passages is kept once, in its best-ranked passage.
    """
    candidates: list[tuple[Passage, int, str]] = []
    seen: set[tuple[str, int, int]] = set()
    prose_only = not _ASKS_CODE.search(question)
    for passage in passages:
        code = set(passage.code_sentences) if prose_only else set()
        for index, span in enumerate(passage.sentences):
            if index in code:
                continue
            key = (passage.source, span[2], span[3])
            if key in seen:
                continue
            seen.add(key)
            text = sentence_text(passage, index)
            if len(text) >= 3:
                candidates.append((passage, index, text))
    if not candidates:
        return []
    q = question_vector / (np.linalg.norm(question_vector) or 1.0)
    cosines = np.clip(cache.get([text for _, _, text in candidates]) @ q, 0.0, 1.0)
    # A sentence read with the one before it ("In that document, ..." + "China also ...")
    # may match better than alone; that reading counts at a small discount.
    windows = [
        f"{sentence_text(passage, index - 1)} {text}" if index > 0 else text
        for passage, index, text in candidates
    ]
    cosines = np.maximum(cosines, WINDOW_DISCOUNT * np.clip(cache.get(windows) @ q, 0.0, 1.0))
    q_words = content_words(question)
    expect = expected(question)
    focus = focus_words(question)
    weigh = idf if idf is not None else (lambda word: 1.0)
    q_total = sum(weigh(w) for w in q_words) or 1.0
    scored = []
    for (passage, index, text), cos in zip(candidates, cosines, strict=True):
        own = content_words(text)
        hit = sum(weigh(w) for w in q_words & own)
        found = set(own)
        weight = CONTEXT_WEIGHT
        for back in (1, 2):  # the sentences just before carry context ("In that document, ...")
            if index - back < 0:
                break
            before = content_words(sentence_text(passage, index - back)) & q_words
            hit += weight * sum(weigh(w) for w in before - found)
            found |= before
            weight *= CONTEXT_WEIGHT
        score = COS_WEIGHT * float(cos) + (1 - COS_WEIGHT) * hit / q_total
        if expect is not Expect.anything:
            score += TYPE_BONUS if offers(expect, text, question) else -TYPE_BONUS
        if focus:  # "... about NATO?": the sentence itself must be about NATO
            score += TYPE_BONUS if focus & own else -TYPE_BONUS
        scored.append(
            ScoredSentence(
                passage, index, passage.sentences[index], text, max(0.0, min(1.0, score))
            )
        )
    scored.sort(key=lambda s: -s.score)
    return scored


def with_context(sentence: ScoredSentence, question: str, forward: bool = False) -> list[int]:
    """Indexes of the sentences to quote for `sentence`: it, and the ones it leans on.

    "“…,” she said." is quoted with the sentence naming her; for a "who" question, the quote
    reaches back (at most two sentences) to the sentence naming the person.
    """
    indexes = [sentence.index]
    passage = sentence.passage
    expect = expected(question)
    while indexes[0] > 0 and len(indexes) < 3:
        text = sentence_text(passage, indexes[0])
        needs_name = expect is Expect.person and not offers(expect, text, question)
        if not (needs_name or _LEANS_BACK.match(text)):
            break
        indexes.insert(0, indexes[0] - 1)
    # A list goes on in the next sentence when that one leans back ("“…,” she said.").
    following = indexes[-1] + 1
    if following < len(passage.sentences):
        text = sentence_text(passage, following)
        if text[:1] in '“"' or (forward and _LEANS_BACK.match(text)):
            indexes.append(following)
    # A sentence ending in a colon introduces the ones after it ("Here are…:" + its items).
    code = set(passage.code_sentences)
    while (
        sentence_text(passage, indexes[-1]).endswith(":")
        and indexes[-1] + 1 < len(passage.sentences)
        and indexes[-1] + 1 not in code
        and len(indexes) < 5
    ):
        indexes.append(indexes[-1] + 1)
    return indexes


def compose_extractive(
    question: str,
    passages: list[Passage],
    scored: list[ScoredSentence],
    threshold: float,
    max_sentences: int,
    several_sources: bool = False,
    hedge_below: float = 0.0,
    idf: Idf | None = None,
) -> Answer:
    """Quote the chosen sentences with renumbered [n] markers, or abstain (rag/selection.py)."""

    def window(sentence: ScoredSentence) -> str:
        indexes = with_context(sentence, question)
        first = max(indexes[0] - 1, 0)
        return " ".join(sentence_text(sentence.passage, i) for i in range(first, indexes[-1] + 1))

    decision = decide(
        question,
        scored,
        threshold=threshold,
        hedge_below=hedge_below,
        max_sentences=max_sentences,
        second_margin=SECOND_SENTENCE_MARGIN,
        window=window,
        idf=idf,
        seen=idf.seen if idf is not None else None,
    )
    # One citation per passage: a second sentence of the same passage reuses its number.
    quotes: dict[str, list[tuple[ScoredSentence, Quote]]] = {}
    parts: list[str] = []
    quoted: set[tuple[str, int]] = set()
    for sentence in decision.chosen:
        passage = sentence.passage
        indexes = [
            i
            for i in with_context(sentence, question, forward=decision.form is Form.list)
            if (passage.chunk_id, i) not in quoted
        ]
        quoted.update((passage.chunk_id, i) for i in indexes)
        if not indexes or not any(sentence_text(passage, i) for i in indexes):
            continue
        spans = quotes.setdefault(passage.chunk_id, [])
        number = list(quotes).index(passage.chunk_id) + 1
        first, last = passage.sentences[indexes[0]], passage.sentences[indexes[-1]]
        quote = " ".join(passage.text[first[0] : last[1]].split())
        spans.append((sentence, Quote(quote=quote, start=first[2], end=last[3])))
        parts.append(f"{' '.join(sentence_text(passage, i) for i in indexes)} [{number}]")
    citations = [
        Citation(
            number=number,
            source=spans[0][0].passage.source,
            text=spans[0][0].passage.text,
            quote=spans[0][1].quote,
            start=spans[0][1].start,
            end=spans[0][1].end,
            score=round(spans[0][0].score, 4),
            chunk_id=chunk_id,
            passage_rank=spans[0][0].passage.rank,
            quotes=[q for _, q in spans],
        )
        for number, (chunk_id, spans) in enumerate(quotes.items(), start=1)
    ]
    for passage in passages:  # a passage's score shown to the reader: its best sentence
        best_in = [s.score for s in scored if s.passage is passage]
        if best_in:
            passage.score = round(max(passage.score, max(best_in)), 4)
    return Answer(
        question=question,
        text=framed(decision, parts, several_sources),
        citations=citations,
        passages=passages,
        abstained=decision.abstained,
        hedged=decision.hedged,
    )


class ExtractiveSynthesizer(BaseSynthesizer):
    """Answers by quoting the retrieved sentences most relevant to the question."""

    def __init__(
        self,
        embed_query: Callable[[str], list[float]],
        cache: SentenceEmbeddingCache,
        threshold: float,
        max_sentences: int = 2,
        hedge_below: float = 0.0,
        several_sources: Callable[[], bool] = lambda: False,
        idf: Idf | None = None,
    ) -> None:
        super().__init__(llm=MockLLM(), empty_response="The article does not say.")
        self._embed_query = embed_query
        self._cache = cache
        self._threshold = threshold
        self._hedge_below = hedge_below
        self._max_sentences = max_sentences
        self._several_sources = several_sources
        self._idf = idf

    def _get_prompts(self) -> dict[str, Any]:
        return {}

    def _update_prompts(self, prompts: dict[str, Any]) -> None:
        pass

    def answer(self, question: str, nodes: Sequence[NodeWithScore]) -> Answer:
        passages = to_passages(nodes)
        vector = np.asarray(self._embed_query(question), dtype=np.float32)
        scored = score_sentences(question, vector, passages, self._cache, self._idf)
        return compose_extractive(
            question,
            passages,
            scored,
            self._threshold,
            self._max_sentences,
            self._several_sources(),
            self._hedge_below,
            self._idf,
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
