"""Per-category results: how each kind of question fares (gist, metadata, why, lists, …).

A single accuracy hides that look-ups pass while "what is this about?" fails; the report shows
one row a category. Answerable categories are scored by honest accuracy (evals/grading.py);
the abstention categories (on-topic unanswerable, off-topic) by the share abstained on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from evals.dataset import KINDS, UNANSWERABLE_KINDS

# Report order: the dataset's kinds as listed there; others follow alphabetically.
ORDER = KINDS


def category_of(record: Any) -> str:
    return record.question.kind


def by_category(
    records: Sequence[Any], correct: Callable[[Any], bool]
) -> dict[str, dict[str, float | int]]:
    """Category → {n, score, hedged}: score is accuracy, or abstention recall for the
    abstention kinds; hedged counts answers given with a "may not answer this" warning."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for record in records:
        if record.answer is not None:
            groups[category_of(record)].append(record)
    rank = {kind: i for i, kind in enumerate(ORDER)}
    table: dict[str, dict[str, float | int]] = {}
    for kind in sorted(groups, key=lambda k: (rank.get(k, len(rank)), k)):
        rows = groups[kind]
        if kind in UNANSWERABLE_KINDS:
            score = sum(r.abstained for r in rows) / len(rows)
        else:
            score = sum(correct(r) for r in rows) / len(rows)
        table[kind] = {
            "n": len(rows),
            "score": round(score, 4),
            "hedged": sum(bool(getattr(r, "hedged", False)) for r in rows),
        }
    return table
