"""What the engine returns: an answer, the passages it drew on and the citations it makes."""

from __future__ import annotations

import re

from pydantic import BaseModel, Field, model_validator

CITATION_MARK = re.compile(r"\[(\d{1,3})\]")


class Passage(BaseModel):
    """A chunk retrieved for one question, numbered by its fused rank (1 = best)."""

    rank: int
    chunk_id: str
    source: str
    text: str
    start: int = Field(description="Offset of the passage in the source text.")
    end: int
    score: float = Field(description="Relevance of the passage to the question, 0..1.")
    dense_rank: int | None = None
    bm25_rank: int | None = None
    sentences: list[tuple[int, int, int, int]] = Field(
        default_factory=list,
        description="Sentences: (start, end) in the passage text, then in the source.",
        repr=False,
    )
    code_sentences: list[int] = Field(
        default_factory=list,
        description="Indexes of the sentences that are code or grammar, not prose.",
        repr=False,
    )
    section: str = Field(
        default="",
        description='Title of the heading the passage lies under ("" before any heading).',
        repr=False,
    )
    table_intros: dict[int, str] = Field(
        default_factory=dict,
        description="A table's body rows (sentence indexes) → the sentence introducing it.",
        repr=False,
    )


class Quote(BaseModel):
    """One quoted span of a cited passage, located in the source text."""

    quote: str = Field(description="The quoted sentence(s), whitespace collapsed.")
    start: int = Field(description="Offset of the quote in the source text.")
    end: int


class Citation(BaseModel):
    """One `[n]` of an answer: the passage it points at and the sentences that support it.

    There is one citation per cited passage, so `number` is unique within an answer; when
    the answer quotes several spans of the passage, `quotes` holds them all, in answer order,
    and `quote`/`start`/`end` repeat the first.
    """

    number: int
    source: str
    text: str = Field(description="The whole cited passage.")
    quote: str = Field(description="The sentence of the passage that supports the claim.")
    start: int = Field(description="Offset of the quote in the source text.")
    end: int
    score: float = Field(description="How well the quote supports the claim / answers, 0..1.")
    chunk_id: str
    passage_rank: int
    verified: bool = True
    quotes: list[Quote] = Field(
        default_factory=list,
        description="Every quoted span of the passage; the first is quote/start/end.",
    )

    @model_validator(mode="after")
    def _first_quote(self) -> Citation:
        if not self.quotes:
            self.quotes = [Quote(quote=self.quote, start=self.start, end=self.end)]
        return self


class Answer(BaseModel):
    """The engine's reply to one question."""

    question: str
    text: str
    citations: list[Citation] = Field(default_factory=list)
    abstained: bool = False
    hedged: bool = Field(
        default=False,
        description="True when the answer is shown with a warning that it may not answer the "
        "question directly (the closest passage, or a yes/no question it does not settle).",
    )
    passages: list[Passage] = Field(default_factory=list)
    answerer: str = "extractive"
    notice: str | None = Field(
        default=None, description="One line for the reader, e.g. why the LLM was not used."
    )
    standalone_question: str | None = Field(
        default=None, description="The follow-up rewritten as a standalone question, if it was."
    )
    unsupported: list[str] = Field(
        default_factory=list, description="Claims whose citation failed verification."
    )
    timings: dict[str, float] = Field(default_factory=dict, description="Milliseconds per stage.")

    def __str__(self) -> str:
        return self.text
