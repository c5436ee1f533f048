"""Eval question files (JSONL): loading and validation against the indexed sources.

Schema of one line (see evals/datasets/README.md):
``{"id", "split": "dev"|"test", "kind", "question", "answers": [...], "evidence": [...],
"history": [...] (follow-ups only)}``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rag.errors import RagError
from rag.textutil import collapse

DEFAULT_DATASET = Path(__file__).resolve().parent / "datasets" / "article.jsonl"
KINDS = ("fact", "paraphrase", "multihop", "attribution", "followup", "unanswerable")
SPLITS = ("dev", "test")


@dataclass(frozen=True)
class Question:
    id: str
    split: str
    kind: str
    question: str
    answers: tuple[str, ...]
    evidence: tuple[str, ...]
    history: tuple[str, ...] = field(default=())

    @property
    def answerable(self) -> bool:
        return self.kind != "unanswerable"


def load_dataset(path: Path = DEFAULT_DATASET) -> list[Question]:
    """Read and check a question file; RagError names the line of any problem."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise RagError(f"cannot read the question file {path} ({exc.strerror})") from exc
    questions: list[Question] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            question = Question(
                id=str(row["id"]),
                split=row.get("split", "dev"),
                kind=row.get("kind", "fact"),
                question=row["question"],
                answers=tuple(row.get("answers", [])),
                evidence=tuple(row.get("evidence", [])),
                history=tuple(row.get("history", [])),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise RagError(f"{path.name} line {number}: not a valid question ({exc})") from exc
        problems = _problems(question, seen)
        if problems:
            raise RagError(f"{path.name} line {number}: {'; '.join(problems)}")
        seen.add(question.id)
        questions.append(question)
    if not questions:
        raise RagError(f"{path} holds no questions")
    return questions


def _problems(q: Question, seen: set[str]) -> list[str]:
    problems = []
    if q.id in seen:
        problems.append(f"duplicate id {q.id}")
    if q.split not in SPLITS:
        problems.append(f"split must be one of {SPLITS}")
    if q.kind not in KINDS:
        problems.append(f"kind must be one of {KINDS}")
    if not q.question.strip():
        problems.append("empty question")
    if q.answerable and not (q.answers and q.evidence):
        problems.append("an answerable question needs answers and evidence")
    if not q.answerable and (q.answers or q.evidence):
        problems.append("an unanswerable question has no answers or evidence")
    if (q.kind == "followup") != bool(q.history):
        problems.append("history is required for follow-ups, and only for them")
    return problems


def check_evidence(questions: Iterable[Question], texts: Iterable[str]) -> list[str]:
    """Evidence spans found in none of the source texts (whitespace-insensitive)."""
    corpus = [collapse(text) for text in texts]
    return [
        f"{q.id}: evidence not in the sources: {span[:60]!r}"
        for q in questions
        for span in q.evidence
        if not any(collapse(span) in text for text in corpus)
    ]
