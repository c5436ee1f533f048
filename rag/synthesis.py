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
from llama_index.core.indices.prompt_helper import ChatPromptHelper, PromptHelper
from llama_index.core.instrumentation.events.synthesis import (
    SynthesizeEndEvent,
    SynthesizeStartEvent,
)
from llama_index.core.llms.mock import MockLLM
from llama_index.core.response_synthesizers.base import BaseSynthesizer
from llama_index.core.schema import NodeWithScore, QueryBundle

from rag.answer import Answer, Citation, Passage, Quote
from rag.clauses import without_setting
from rag.forms import Form
from rag.idf import Idf
from rag.passages import to_passages
from rag.questions import content_words
from rag.quotes import opens_back, with_context
from rag.selection import decide, framed
from rag.sentences import (
    ScoredSentence,
    SentenceEmbeddingCache,
    StoredVectors,
    score_sentences,
    sentence_text,
)
from rag.topic import without_document_phrases

dispatcher = instrumentation.get_dispatcher(__name__)

# A second sentence is quoted only if it scores within this margin of the best one.
SECOND_SENTENCE_MARGIN = 0.08


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
        if first > 0 and opens_back(sentence_text(sentence.passage, first)):
            first -= 1  # "In that document, …" is read with the sentence naming the document
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
        persons=(lambda: idf.persons) if idf is not None else None,
    )
    # One citation per passage: a second sentence of the same passage reuses its number.
    quotes: dict[str, list[tuple[ScoredSentence, Quote]]] = {}
    parts: list[str] = []
    quoted: set[tuple[str, int]] = set()
    said: set[str] = set()  # the same words in two documents are quoted once
    for sentence in decision.chosen:
        passage = sentence.passage
        indexes = [
            i
            for i in with_context(sentence, question, forward=decision.form is Form.list)
            if (passage.chunk_id, i) not in quoted
        ]
        texts = {" ".join(sentence_text(passage, i).split()) for i in indexes}
        if texts <= said:
            continue
        quoted.update((passage.chunk_id, i) for i in indexes)
        said |= texts
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
        stored: StoredVectors | None = None,
        preceding: Callable[[str, int], str] | None = None,
    ) -> None:
        # It quotes and never prompts a model: a whitespace tokenizer spares loading tiktoken's
        # vocabulary (about 0.5 s of a cold start) for prompt helpers it never uses.
        super().__init__(
            llm=MockLLM(),
            callback_manager=callback_manager,
            prompt_helper=PromptHelper(tokenizer=str.split),
            chat_prompt_helper=ChatPromptHelper(tokenizer=str.split),
        )
        self._embed_query = embed_query
        self._cache = cache
        self._threshold = threshold
        self._hedge_below = hedge_below
        self._max_sentences = max_sentences
        self._several_sources = several_sources
        self._idf = idf
        self._stored = stored
        self._preceding = preceding

    def _get_prompts(self) -> dict[str, Any]:
        return {}

    def _update_prompts(self, prompts: dict[str, Any]) -> None:
        pass

    def search_text(self, question: str) -> str:
        """What to embed for the question: without a phrase placing it in the document ("…
        according to the report") or a setting the documents speak of ("What are methods in
        Python?" over Python's documentation searches for methods)."""
        if self._idf is None:
            return question
        seen = self._idf.seen
        placed = without_document_phrases(question)  # "…according to the report"
        return without_setting(placed, lambda word: all(map(seen, content_words(word))))

    def truecase(self, question: str) -> str:
        """The question with the names it types in lower case written as the documents write
        them ("did blinken talk with wang yi…")."""
        return self._idf.truecase(question) if self._idf is not None else question

    def answer(self, question: str, nodes: Sequence[NodeWithScore]) -> Answer:
        """The extractive answer to `question` from the retrieved `nodes`."""
        question = self.truecase(question)
        passages = to_passages(nodes)
        vector = np.asarray(self._embed_query(self.search_text(question)), dtype=np.float32)
        scored = score_sentences(
            question,
            vector,
            passages,
            self._cache,
            self._idf,
            stored=self._stored,
            preceding=self._preceding,
        )
        return compose_extractive(
            question,
            passages,
            scored,
            self._threshold,
            self._max_sentences,
            self._several_sources,
            self._hedge_below,
            self._idf,
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
