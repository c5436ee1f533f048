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
    abstention kinds (and for the unanswerable turns of a conversation); hedged counts answers
    given with a "may not answer this" warning."""
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
        else:  # a conversation turn the article cannot answer is right when abstained on
            score = sum(correct(r) if r.question.answerable else r.abstained for r in rows) / len(
                rows
            )
        table[kind] = {
            "n": len(rows),
            "score": round(score, 4),
            "hedged": sum(bool(getattr(r, "hedged", False)) for r in rows),
        }
    return table


def category_rows(run: Any, config: str = "default") -> list[list[str]]:
    """One row a category: questions and score on dev and on test (accuracy, or abstention
    recall for the unanswerable and off-topic kinds), and how many answers were hedged."""
    by_split = run.categories.get(config, {})
    dev, test = by_split.get("dev", {}), by_split.get("test", {})
    rows = []
    for kind in list(dict.fromkeys([*dev, *test])):
        cells = [kind]
        for split in (dev, test):
            row = split.get(kind)
            cells += [str(row["n"]), f"{row['score']:.2f}"] if row else ["0", "—"]
        hedged = sum(int(split.get(kind, {}).get("hedged", 0)) for split in (dev, test))
        cells.append(str(hedged))
        rows.append(cells)
    return rows


CATEGORY_HEADER = ["category", "dev n", "dev", "test n", "test", "hedged"]


def print_categories(run: Any, console: Any) -> None:
    from rich.table import Table

    rows = category_rows(run)
    if not rows:
        return
    table = Table(
        title=f"By category ({run.corpus}, default configuration; abstention kinds: share "
        "abstained)",
        title_justify="left",
    )
    for index, label in enumerate(CATEGORY_HEADER):
        table.add_column(label, justify="left" if index == 0 else "right", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    console.print(table)


def markdown_categories(run: Any) -> list[str]:
    rows = category_rows(run)
    if not rows:
        return []
    return [
        "",
        "## By category (default configuration)",
        "",
        "Accuracy counts an answer only when an accepted answer lies inside a cited quote that "
        "overlaps the evidence; for `unanswerable` and `offtopic` the score is the share "
        "abstained on. `hedged`: answers shown with a warning that they may not answer directly.",
        "",
        "| " + " | ".join(CATEGORY_HEADER) + " |",
        "| --- " * len(CATEGORY_HEADER) + "|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]
