"""Answer-quality metrics. Each is a share in [0, 1] (or milliseconds) over a set of records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from evals.dataset import Question, collapse
from evals.grading import CitedSpan, grade


@dataclass
class Record:
    """What one configuration did with one question."""

    question: Question
    passages: list[str]  # retrieved passage texts, best first
    answer: str | None = None  # None for retrieval-only configurations (the stock row)
    abstained: bool = False
    cited_passages: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    hedged: bool = False
    # Where each cited quote lies, and where the question's evidence lies, in the sources:
    # an answer counts only when an accepted answer is inside a quote overlapping the evidence.
    cited: list[CitedSpan] = field(default_factory=list)
    evidence_at: list[tuple[str, int, int]] = field(default_factory=list)


def _contains(passage: str, span: str) -> bool:
    return collapse(span).lower() in collapse(passage).lower()


def hit_rank(record: Record) -> int | None:
    """1-based rank of the first passage holding the first evidence span; None if none does."""
    span = record.question.evidence[0]
    return next((i for i, p in enumerate(record.passages, 1) if _contains(p, span)), None)


def hit(record: Record) -> bool:
    """Every evidence span of the question lies inside some retrieved passage."""
    return all(
        any(_contains(p, span) for p in record.passages) for span in record.question.evidence
    )


def correct(record: Record) -> bool:
    """An accepted answer inside a cited quote whose span overlaps the evidence (see
    evals/grading.py): a yes/no answer must also open with the right word, a list name at
    least `min_items` of the items. An abstention is never correct."""
    if record.answer is None or record.abstained:
        return False
    q = record.question
    return grade(
        kind=q.answer_kind,
        answer=record.answer,
        answers=q.answers,
        quotes=record.cited,
        evidence=record.evidence_at,
        min_items=q.min_items or 1,
    )


def citation_ok(record: Record, passage: str, quote: str) -> bool:
    """A citation is right when its passage holds evidence or its quote holds an answer."""
    q = record.question
    return any(_contains(passage, span) for span in q.evidence) or any(
        a.lower() in quote.lower() for a in q.answers
    )


def _share(flags: Sequence[bool]) -> float | None:
    return float(np.mean(flags)) if flags else None


def summarize(records: Sequence[Record], article_chars: int) -> dict[str, float | None]:
    """All metrics for one configuration over a set of questions.

    - hit_rate: share of answerable questions whose evidence lies in the retrieved passages.
    - mrr: mean of 1/rank of the first passage holding the evidence (0 when none does).
    - context: mean share of the corpus's characters handed to the answerer per question.
    - accuracy: share of answerable questions answered with an accepted answer string.
    - followup_accuracy: the same, on the follow-up questions only.
    - citation_precision: share of citations (on answerable questions) whose passage holds
      the evidence or whose quote holds an accepted answer.
    - citation_recall: share of answerable questions whose evidence is in a cited passage.
    - abstain_precision: share of abstentions that were on unanswerable questions.
    - abstain_recall: share of unanswerable questions on which the engine abstained.
    - false_abstention: share of answerable questions on which it abstained.
    - overall: share of all questions handled right: answerable ones answered with an accepted
      answer, unanswerable ones abstained on (one number that weighs both kinds of mistake).
    - p50/p95 of retrieve_ms, generate_ms, total_ms: latency per stage.
    """
    answerable = [r for r in records if r.question.answerable]
    unanswerable = [r for r in records if not r.question.answerable]
    ranks = [hit_rank(r) for r in answerable]
    metrics: dict[str, float | None] = {
        "questions": float(len(records)),
        "hit_rate": _share([hit(r) for r in answerable]),
        "mrr": float(np.mean([1 / k if k else 0.0 for k in ranks])) if ranks else None,
        "context": float(np.mean([sum(map(len, r.passages)) / article_chars for r in records]))
        if records
        else None,
    }
    answered = [r for r in records if r.answer is not None]
    if answered:
        graded = [r for r in answerable if r.answer is not None]
        citations = [
            citation_ok(r, p, q)
            for r in graded
            for p, q in zip(r.cited_passages, r.quotes, strict=True)
        ]
        abstentions = [r for r in answered if r.abstained]
        metrics |= {
            "accuracy": _share([correct(r) for r in graded]),
            "followup_accuracy": _share(
                [correct(r) for r in graded if r.question.kind in ("followup", "conversation")]
            ),
            "citation_precision": _share(citations),
            "citation_recall": _share(
                [
                    any(_contains(p, r.question.evidence[0]) for p in r.cited_passages)
                    for r in graded
                ]
            ),
            "abstain_precision": _share([not r.question.answerable for r in abstentions]),
            "abstain_recall": _share([r.abstained for r in unanswerable if r.answer is not None]),
            "false_abstention": _share([r.abstained for r in graded]),
            "hedged": _share([r.hedged for r in answered if not r.abstained]),
            "overall": _share(
                [correct(r) if r.question.answerable else r.abstained for r in answered]
            ),
        }
    for stage in ("retrieve_ms", "generate_ms", "total_ms"):
        values = [r.timings[stage] for r in records if stage in r.timings]
        if values:
            metrics[f"{stage}_p50"] = float(np.percentile(values, 50))
            metrics[f"{stage}_p95"] = float(np.percentile(values, 95))
    return metrics


def why_failed(record: Record) -> str | None:
    """A short reason a question failed, for the report; None when it passed."""
    q = record.question
    if record.error:
        return f"error: {record.error}"
    if not q.answerable:
        return None if record.abstained else "answered a question the article cannot answer"
    if record.abstained:
        return "abstained" + ("" if hit(record) else " (evidence not retrieved)")
    if correct(record):
        return None
    if not hit(record):
        return "evidence not retrieved"
    return "evidence retrieved, but the answer quotes another sentence"
