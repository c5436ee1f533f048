"""The regression gate's floors, measured on the dev split only (the test split is reported,
never tuned against): the least each category's score may fall to, per corpus.

Measured with `rag eval --config default` in extractive mode (honest grading: the answer must lie
inside a cited quote overlapping the evidence), then lowered by one question's worth of the
category (1/n), so that a deliberate trade-off of one question passes and a real regression
fails. Ceilings on false abstention are raised by about two answerable questions' worth.
Re-measure and update them when the defaults change.

Measured (2026-11-30, eighth round), article dev: fact 0.93 (15), paraphrase 0.50 (8),
multihop 0.86 (7), attribution 1.00 (5), gist 1.00 (7), metadata 1.00 (8), why 0.83 (6), how
0.80 (5), yesno 0.71 (7), list 0.83 (6), followup 1.00 (7), conversation 1.00 (11),
unanswerable 0.83 (18), offtopic 1.00 (6); accuracy 0.88, abstention recall 0.88, false
abstention 0.02, hit rate 0.93, citation precision 0.88.
pydoc dev: fact 0.71 (7), definition 1.00 (6), why 0.50 (4), how 0.50 (4), yesno 0.80 (5),
list 0.75 (4), unanswerable 1.00 (7); accuracy 0.73, abstention recall 1.00, false
abstention 0.00, hit rate 0.90.
"""

from __future__ import annotations

from collections.abc import Mapping

# corpus → category → (measured dev score, questions in the category on dev)
MEASURED: dict[str, dict[str, tuple[float, int]]] = {
    "article": {
        "fact": (0.93, 15),
        "paraphrase": (0.50, 8),
        "multihop": (0.86, 7),
        "attribution": (1.00, 5),
        "gist": (1.00, 7),
        "metadata": (1.00, 8),
        "why": (0.83, 6),
        "how": (0.80, 5),
        "yesno": (0.71, 7),
        "list": (0.83, 6),
        "followup": (1.00, 7),
        "conversation": (1.00, 11),
        "unanswerable": (0.83, 18),
        "offtopic": (1.00, 6),
    },
    "pydoc": {
        "fact": (0.71, 7),
        "definition": (1.00, 6),
        "why": (0.50, 4),
        "how": (0.50, 4),
        "yesno": (0.80, 5),
        "list": (0.75, 4),
        "unanswerable": (1.00, 7),
    },
}
# corpus → metric → (bound, "min" | "max") over all dev questions.
OVERALL: dict[str, dict[str, tuple[float, str]]] = {
    "article": {
        "accuracy": (0.83, "min"),
        "abstain_recall": (0.80, "min"),
        "false_abstention": (0.07, "max"),
        "hit_rate": (0.90, "min"),
        "citation_precision": (0.80, "min"),
    },
    "pydoc": {
        "accuracy": (0.67, "min"),
        "abstain_recall": (0.85, "min"),
        "false_abstention": (0.07, "max"),
        "hit_rate": (0.83, "min"),
    },
}


def category_floor(corpus: str, category: str) -> float | None:
    measured = MEASURED.get(corpus, {}).get(category)
    if measured is None:
        return None
    score, count = measured
    return round(max(0.0, score - 1.0 / count) - 1e-9, 4)


def breaches(
    corpus: str,
    metrics: Mapping[str, float | None],
    categories: Mapping[str, Mapping[str, float | int]],
) -> list[str]:
    """Every dev metric or category that fell past its floor, as a readable line."""
    found = []
    for name, (bound, direction) in OVERALL.get(corpus, {}).items():
        value = metrics.get(name)
        if value is None:
            found.append(f"{corpus} {name}: not measured")
        elif direction == "min" and value < bound:
            found.append(f"{corpus} {name} = {value:.3f} < floor {bound}")
        elif direction == "max" and value > bound:
            found.append(f"{corpus} {name} = {value:.3f} > ceiling {bound}")
    for category in MEASURED.get(corpus, {}):
        floor = category_floor(corpus, category)
        row = categories.get(category)
        if row is None:
            found.append(f"{corpus} {category}: no questions answered")
        elif floor is not None and float(row["score"]) < floor:
            found.append(f"{corpus} {category} = {float(row['score']):.3f} < floor {floor:.3f}")
    return found
