"""The regression gate's floors: the least each metric may fall to on the article's questions.

Measured with `rag eval --config default` in extractive mode on all 76 questions (dev and
test together), then lowered by about one question's worth (1/61 answerable ≈ 0.016, 1/15
unanswerable ≈ 0.067) so that noise-free code changes pass and a real regression fails.
The pipeline is deterministic (same model, same index), so the margin is for deliberate
trade-offs, not for noise. Re-measure and update them when the defaults change.

Measured (2026-11-28): hit rate 0.852, MRR 0.805, accuracy 0.754, follow-ups 0.80,
citation precision 0.924, citation recall 0.770, abstention recall 0.200,
false abstention 0.131, context 0.231.
"""

from __future__ import annotations

# metric: (floor, "min") means the value must be at least the floor; "max" at most.
FLOORS: dict[str, tuple[float, str]] = {
    "hit_rate": (0.83, "min"),
    "mrr": (0.78, "min"),
    "accuracy": (0.73, "min"),
    "followup_accuracy": (0.70, "min"),
    "citation_precision": (0.90, "min"),
    "citation_recall": (0.75, "min"),
    "abstain_recall": (0.13, "min"),
    "false_abstention": (0.15, "max"),
    "context": (0.25, "max"),
}


def breaches(metrics: dict[str, float | None]) -> list[str]:
    """Every metric that fell past its floor, as a readable line."""
    found = []
    for name, (floor, direction) in FLOORS.items():
        value = metrics.get(name)
        if value is None:
            found.append(f"{name}: not measured")
        elif direction == "min" and value < floor:
            found.append(f"{name} = {value:.3f} < floor {floor}")
        elif direction == "max" and value > floor:
            found.append(f"{name} = {value:.3f} > ceiling {floor}")
    return found
