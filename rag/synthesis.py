"""The extractive answerer: quote the retrieved sentences that answer the question, cited [n].

It is a llama-index synthesizer, so `RetrieverQueryEngine`, callbacks and evaluators work on it;
the engine calls `answer()` for the structured `Answer`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from llama_index.core import instrumentation
from llama_index.core.base.response.schema import Response
from llama_index.core.callbacks import CallbackManager, CBEventType, EventPayload
from llama_index.core.instrumentation.events.synthesis import (
    SynthesizeEndEvent,
    SynthesizeStartEvent,
)
from llama_index.core.llms.mock import MockLLM
from llama_index.core.response_synthesizers.base import BaseSynthesizer
from llama_index.core.schema import NodeWithScore, QueryBundle

from rag.answer import Answer, Citation, Passage
from rag.passages import to_passages
from rag.questions import Expect, Idf, expected, offers
from rag.sentences import (
    ScoredSentence,
    SentenceEmbeddingCache,
    score_sentences,
    sentence_text,
    with_context,
)
from rag.textutil import collapse

dispatcher = instrumentation.get_dispatcher(__name__)

# A second sentence is quoted only if it scores within this margin of the best one.
SECOND_SENTENCE_MARGIN = 0.08


def abstention_text(several_sources: bool) -> str:
    subject = "The indexed documents do" if several_sources else "The article does"
    return f"{subject} not say: no passage retrieved for this question answers it."


def hedge_text(several_sources: bool) -> str:
    subject = "The indexed documents" if several_sources else "The article"
    return f"{subject} may not answer this directly; the closest passage says:"


def compose_extractive(
    question: str,
    passages: list[Passage],
    scored: list[ScoredSentence],
    threshold: float,
    max_sentences: int,
    several_sources: bool = False,
    hedge_below: float = 0.0,
) -> Answer:
    """Quote the best sentences with renumbered [n] markers, or abstain below the threshold."""
    expect = expected(question)
    if expect is not Expect.anything:
        # A "who" question is answered by a sentence naming someone (maybe the one before it).
        scored = [
            s
            for s in scored
            if offers(
                expect,
                " ".join(sentence_text(s.passage, i) for i in with_context(s, question)),
                question,
            )
        ]
    if not scored or scored[0].score < threshold:
        return Answer(
            question=question,
            text=abstention_text(several_sources),
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
    quoted: set[tuple[str, int]] = set()
    for sentence in chosen:
        passage = sentence.passage
        if passage.chunk_id not in numbers:
            numbers[passage.chunk_id] = len(numbers) + 1
        number = numbers[passage.chunk_id]
        indexes = [
            i for i in with_context(sentence, question) if (passage.chunk_id, i) not in quoted
        ]
        quoted.update((passage.chunk_id, i) for i in indexes)
        if not indexes:
            continue
        first, last = passage.sentences[indexes[0]], passage.sentences[indexes[-1]]
        quote = passage.text[first[0] : last[1]].strip()
        parts.append(f"{' '.join(sentence_text(passage, i) for i in indexes)} [{number}]")
        citations.append(
            Citation(
                number=number,
                source=passage.source,
                text=passage.text,
                quote=collapse(quote),
                start=first[2],
                end=last[3],
                score=round(sentence.score, 4),
                chunk_id=passage.chunk_id,
                passage_rank=passage.rank,
            )
        )
    for passage in passages:  # a passage's score shown to the reader: its best sentence
        best_in = [s.score for s in scored if s.passage is passage]
        if best_in:
            passage.score = round(max(passage.score, max(best_in)), 4)
    text = " ".join(parts)
    if best < hedge_below:  # relevant enough to show, not enough to state as the answer
        text = f"{hedge_text(several_sources)} {text}"
    return Answer(question=question, text=text, citations=citations, passages=passages)


class ExtractiveSynthesizer(BaseSynthesizer):
    """Answers by quoting the retrieved sentences most relevant to the question.

    It reads nodes (their sentence spans), not the text chunks `get_response` receives, so it
    overrides `synthesize` and emits the same events `BaseSynthesizer.synthesize` does: a
    user's callback handler or tracing sees the synthesis step.
    """

    def __init__(
        self,
        embed_query: Callable[[str], list[float]],
        cache: SentenceEmbeddingCache,
        threshold: float,
        max_sentences: int = 2,
        hedge_below: float = 0.0,
        several_sources: bool = False,
        idf: Idf | None = None,
        callback_manager: CallbackManager | None = None,
    ) -> None:
        super().__init__(llm=MockLLM(), callback_manager=callback_manager)
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
        """The extractive answer to `question` from the retrieved `nodes`."""
        passages = to_passages(nodes)
        vector = np.asarray(self._embed_query(question), dtype=np.float32)
        scored = score_sentences(question, vector, passages, self._cache, self._idf)
        return compose_extractive(
            question,
            passages,
            scored,
            self._threshold,
            self._max_sentences,
            self._several_sources,
            self._hedge_below,
        )

    @dispatcher.span
    def synthesize(self, query, nodes, additional_source_nodes=None, **kwargs: Any) -> Response:
        bundle = query if isinstance(query, QueryBundle) else QueryBundle(query_str=str(query))
        dispatcher.event(SynthesizeStartEvent(query=bundle))
        with self.callback_manager.event(
            CBEventType.SYNTHESIZE, payload={EventPayload.QUERY_STR: bundle.query_str}
        ) as event:
            answer = self.answer(bundle.query_str, nodes)
            source_nodes = list(nodes) + list(additional_source_nodes or [])
            response = Response(response=answer.text, source_nodes=source_nodes)
            event.on_end(payload={EventPayload.RESPONSE: response})
        dispatcher.event(SynthesizeEndEvent(query=bundle, response=response))
        return response

    async def asynthesize(self, query, nodes, additional_source_nodes=None, **kwargs: Any):
        return self.synthesize(query, nodes, additional_source_nodes, **kwargs)

    def get_response(self, query_str: str, text_chunks: Sequence[str], **kwargs: Any) -> str:
        raise NotImplementedError("ExtractiveSynthesizer answers from nodes; use synthesize()")

    async def aget_response(self, query_str: str, text_chunks: Sequence[str], **kwargs: Any):
        raise NotImplementedError("ExtractiveSynthesizer answers from nodes; use synthesize()")
