"""Eval question files (JSONL): loading and validation against the indexed sources.

One JSON object a line (the fields are described in evals/datasets/README.md). A mistake in a
hand-written file must point at its line and field, so that the author can fix it at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError

from rag.errors import RagError
from rag.textutil import collapse

DEFAULT_DATASET = Path(__file__).resolve().parent / "datasets" / "article.jsonl"
KINDS = (  # in the order reports list them
    "fact",
    "paraphrase",
    "multihop",
    "attribution",
    "definition",
    "gist",
    "metadata",
    "why",
    "how",
    "yesno",
    "list",
    "followup",
    "conversation",
    "unanswerable",
    "offtopic",
)
# Questions the sources cannot answer: the right response is to say so (abstain).
UNANSWERABLE_KINDS = ("unanswerable", "offtopic")
# Questions asked after earlier user turns, which they carry in `history`.
HISTORY_KINDS = ("followup", "conversation")
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
    min_items: int | None = None  # list questions: how many of `answers` a right answer names
    conversation_kind: str | None = None  # conversation turns: the kind it would be on its own
    standalone: bool = False  # conversation turns with their own subject: never to be rewritten
    source: str | None = None  # the document (file name without suffix) holding the evidence

    @property
    def answer_kind(self) -> str:
        """The kind that says how to grade the answer (a conversation turn's own kind)."""
        return self.conversation_kind or self.kind

    @property
    def answerable(self) -> bool:
        return self.answer_kind not in UNANSWERABLE_KINDS


class _Row(BaseModel):
    """The fields of one line and their types; the rules between fields are in `_problems`."""

    model_config = ConfigDict(extra="forbid")

    id: StrictStr = Field(min_length=1)
    split: StrictStr = "dev"
    kind: StrictStr = "fact"
    question: StrictStr
    answers: list[StrictStr] = []
    evidence: list[StrictStr] = []
    history: list[StrictStr] = []
    min_items: StrictInt | None = Field(default=None, ge=1)
    conversation_kind: StrictStr | None = None
    standalone: StrictBool = False
    source: StrictStr | None = Field(default=None, min_length=1)


def _field_error(error: dict[str, Any]) -> str:
    name = ".".join(str(part) for part in error["loc"][:1]) or "line"
    where = "".join(f"[{part}]" for part in error["loc"][1:])
    if error["type"] == "missing":
        return f"missing field '{name}'"
    if error["type"] == "extra_forbidden":
        return f"unknown field '{name}'"
    return f"bad field '{name}{where}': {error['msg'].removeprefix('Value error, ')}"


def parse_line(line: str) -> Question:
    """One line as a Question; ValueError says what is wrong with it (without the line number)."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object {...}")
    try:
        row = _Row.model_validate(data)
    except ValidationError as exc:
        raise ValueError("; ".join(_field_error(e) for e in exc.errors())) from None
    return Question(
        id=row.id,
        split=row.split,
        kind=row.kind,
        question=row.question,
        answers=tuple(row.answers),
        evidence=tuple(row.evidence),
        history=tuple(row.history),
        min_items=row.min_items,
        conversation_kind=row.conversation_kind,
        standalone=row.standalone,
        source=row.source,
    )


def load_dataset(path: Path = DEFAULT_DATASET) -> list[Question]:
    """Read and check a question file; RagError names the file, line and field of a problem."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise RagError(f"cannot read the question file {path} ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise RagError(f"{path.name}: not UTF-8 text ({exc.reason})") from exc
    questions: list[Question] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            question = parse_line(line)
        except ValueError as exc:
            raise RagError(f"{path.name} line {number}: {exc}") from None
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
        problems.append(f"duplicate id '{q.id}'")
    if q.split not in SPLITS:
        problems.append(f"bad field 'split': {q.split!r} is not one of {', '.join(SPLITS)}")
    if q.kind not in KINDS:
        problems.append(f"bad field 'kind': {q.kind!r} is not one of {', '.join(KINDS)}")
    if not q.question.strip():
        problems.append("bad field 'question': it is empty")
    problems += _history_problems(q)
    if q.answerable and not (q.answers and q.evidence):
        missing = [name for name in ("answers", "evidence") if not getattr(q, name)]
        problems.append(f"an answerable question needs {' and '.join(missing)} (field is empty)")
    if not q.answerable and (q.answers or q.evidence):
        problems.append("an unanswerable question has no answers or evidence")
    if q.answer_kind == "yesno" and q.answers and list(q.answers) not in (["Yes"], ["No"]):
        problems.append("bad field 'answers': a yes/no question's answers are ['Yes'] or ['No']")
    if q.answer_kind == "list":
        if q.min_items is None:
            problems.append("missing field 'min_items' (a list question needs it)")
        elif q.min_items > len(q.answers):
            problems.append(f"bad field 'min_items': {q.min_items} is more than the answers given")
    elif q.min_items is not None:
        problems.append("field 'min_items' is for list questions only")
    return problems


def _history_problems(q: Question) -> list[str]:
    problems = []
    if q.kind in HISTORY_KINDS and not q.history:
        problems.append(f"missing field 'history' (a {q.kind} question needs the earlier turns)")
    if q.kind not in HISTORY_KINDS and q.history:
        problems.append(f"field 'history' is for {' and '.join(HISTORY_KINDS)} questions only")
    if any(not turn.strip() for turn in q.history):
        problems.append("bad field 'history': an earlier turn is empty")
    own_kinds = [k for k in KINDS if k not in HISTORY_KINDS]
    if q.kind == "conversation":
        if q.conversation_kind is None:
            problems.append("missing field 'conversation_kind' (a conversation turn needs it)")
        elif q.conversation_kind not in own_kinds:
            problems.append(
                f"bad field 'conversation_kind': {q.conversation_kind!r} is not one of "
                + ", ".join(own_kinds)
            )
    elif q.conversation_kind is not None:
        problems.append("field 'conversation_kind' is for conversation questions only")
    if q.standalone and q.kind != "conversation":
        problems.append("field 'standalone' is for conversation questions only")
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
