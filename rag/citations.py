"""Checking an LLM's citations: each `[n]` must name a retrieved passage that supports its claim.

Pure functions over text, passages and vectors: no network, so they are unit-tested directly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from rag.answer import CITATION_MARK, Citation, Passage, Quote
from rag.questions import content_words
from rag.textutil import collapse

# A sentence ends at . ! or ? followed by space; markers written after the full stop
# ("claim. [1] Next") are first moved before it ("claim [1]. Next").
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+")
_MARKS_AFTER_STOP = re.compile(r"([.!?])((?:\s*\[\d{1,3}\])+)")


def _sentences(answer: str) -> list[str]:
    text = _MARKS_AFTER_STOP.sub(lambda m: f"{m.group(2)}{m.group(1)}", answer.strip())
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def _without_marks(sentence: str) -> str:
    return re.sub(r"\s+([.,;:!?])", r"\1", collapse(CITATION_MARK.sub("", sentence)))


# Support of a claim by a sentence = weight * cosine + (1 - weight) * share of claim words.
SUPPORT_COS_WEIGHT = 0.5
ABSTAIN_PATTERNS = re.compile(
    r"(do(es)? not contain (the|an|this|that)? ?(answer|information)|"
    r"(does|do) not (say|mention|answer)|no (information|answer) (about|on|in))",
    re.IGNORECASE,
)


@dataclass
class Claim:
    text: str  # the sentence without its markers
    numbers: list[int]


def split_claims(answer: str) -> list[Claim]:
    """The answer's sentences with the passage numbers each one cites."""
    claims = []
    for sentence in _sentences(answer):
        numbers = [int(n) for n in CITATION_MARK.findall(sentence)]
        text = _without_marks(sentence)
        claims.append(Claim(text=text, numbers=numbers))
    return claims


@dataclass
class Support:
    score: float
    sentence_index: int


def best_support(
    claim: str,
    passage: Passage,
    embed: Callable[[list[str]], np.ndarray],
) -> Support:
    """How well the passage's best sentence supports the claim (0..1), and which sentence."""
    sentences = [passage.text[s[0] : s[1]] for s in passage.sentences] or [passage.text]
    vectors = embed([claim, *sentences])
    claim_vector, sentence_vectors = vectors[0], vectors[1:]
    cosines = np.clip(sentence_vectors @ claim_vector, 0.0, 1.0)
    claim_words = content_words(claim)
    best = Support(0.0, 0)
    for index, (sentence, cosine) in enumerate(zip(sentences, cosines, strict=True)):
        words = content_words(sentence)
        overlap = len(claim_words & words) / len(claim_words) if claim_words else 0.0
        score = SUPPORT_COS_WEIGHT * float(cosine) + (1 - SUPPORT_COS_WEIGHT) * overlap
        if score > best.score:
            best = Support(score, index)
    return best


@dataclass
class Verified:
    text: str
    citations: list[Citation]
    unsupported: list[str]


def verify(
    answer: str,
    passages: list[Passage],
    embed: Callable[[list[str]], np.ndarray],
    threshold: float,
) -> Verified:
    """Keep the citations whose passage supports their sentence; renumber them 1..m.

    A marker naming no retrieved passage, or a passage that does not support the sentence,
    is removed from the text and the sentence is listed as unsupported.
    """
    by_rank = {p.rank: p for p in passages}
    renumber: dict[int, int] = {}
    # One citation per passage: every sentence it supports adds its span to the same number.
    found: dict[int, tuple[Passage, float, list[Quote]]] = {}
    unsupported: list[str] = []
    sentences_out: list[str] = []
    for sentence in _sentences(answer):
        claim = _without_marks(sentence)
        kept: dict[int, int] = {}
        failed = False
        for number in dict.fromkeys(int(n) for n in CITATION_MARK.findall(sentence)):
            passage = by_rank.get(number)
            support = best_support(claim, passage, embed) if passage else None
            if passage is None or support is None or support.score < threshold:
                failed = True
                continue
            span = passage.sentences[support.sentence_index] if passage.sentences else None
            quote = Quote(
                quote=" ".join((passage.text[span[0] : span[1]] if span else passage.text).split()),
                start=span[2] if span else passage.start,
                end=span[3] if span else passage.end,
            )
            if number not in renumber:
                renumber[number] = len(renumber) + 1
                found[number] = (passage, round(support.score, 4), [quote])
            elif all(q.start != quote.start for q in found[number][2]):
                found[number][2].append(quote)
            kept[number] = renumber[number]
        if failed:
            unsupported.append(claim)

        def rewrite(match: re.Match[str], kept: dict[int, int] = kept) -> str:
            new = kept.get(int(match.group(1)))
            return f"[{new}]" if new else ""

        rewritten = CITATION_MARK.sub(rewrite, sentence)
        sentences_out.append(re.sub(r"\s+([.,;:!?])", r"\1", collapse(rewritten)))
    citations = [
        Citation(
            number=renumber[number],
            source=passage.source,
            text=passage.text,
            quote=quotes[0].quote,
            start=quotes[0].start,
            end=quotes[0].end,
            score=score,
            chunk_id=passage.chunk_id,
            passage_rank=passage.rank,
            quotes=quotes,
        )
        for number, (passage, score, quotes) in found.items()
    ]
    return Verified(" ".join(sentences_out), citations, unsupported)


def says_not_found(answer: str) -> bool:
    """True when the model said the sources do not hold the answer."""
    return bool(ABSTAIN_PATTERNS.search(answer))
