"""`rag eval --sweep abstention|support`: the threshold tables, measured with the real model."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.calibrate import (
    abstention_sweep,
    abstention_table,
    support_scores,
    support_table,
    to_markdown,
)
from evals.corpora import load_questions
from tests.helpers import make_settings


@pytest.fixture(scope="module")
def article_dev():
    """A small slice of the article's dev split: answerable and unanswerable questions."""
    dev = [q for q in load_questions("article") if q.split == "dev" and not q.history]
    return [q for q in dev if q.answerable][:8] + [q for q in dev if not q.answerable][:8]


def test_a_higher_abstention_threshold_abstains_more(tmp_path: Path, minilm, article_dev) -> None:
    settings = make_settings(tmp_path / "data")
    sweep = abstention_sweep(
        settings, "article", article_dev, embed_model=minilm, thresholds=(0.25, 0.6)
    )
    thresholds = [t.values["abstain_threshold"] for t in sweep.trials]
    assert thresholds == [0.25, settings.abstain_threshold, 0.6]  # the default is always a row
    recall = [t.metrics["abstain_recall"] for t in sweep.trials]
    false = [t.metrics["false_abstention"] for t in sweep.trials]
    assert recall == sorted(recall) and false == sorted(false), (recall, false)
    # A user would notice: the strictest threshold abstains on more questions than the loosest.
    assert recall[-1] + false[-1] > recall[0] + false[0], (recall, false)

    table = abstention_table(sweep)
    marked = [row[0] for row in table.rows if "*" in row[0]]
    assert len(marked) == 1 and marked[0].startswith(f"{settings.abstain_threshold:.2f}*")
    assert sum("←" in row[0] for row in table.rows) == 1
    assert "chooses" in table.notes[0]
    markdown = to_markdown("Abstention", [table])
    assert f"| {table.rows[0][0]} | {table.rows[0][1]} |" in markdown


def test_support_threshold_keeps_true_citations_and_rejects_wrong_ones(engine, article_dev) -> None:
    scores = support_scores(engine, "article", article_dev)
    assert scores.true and scores.wrong
    # A threshold of 0 keeps every citation, as `verify` would.
    assert scores.kept_true(0.0) == 1.0 and scores.rejected_wrong(0.0) == 0.0
    default = engine.settings.support_threshold
    assert scores.kept_true(default) > 0.5, scores.true
    assert scores.rejected_wrong(default) > 0.5, scores.wrong

    table = support_table(scores, thresholds=(0.3, 0.6))
    assert [row[0] for row in table.rows] == ["0.30", f"{default:.2f}*", "0.60"]
    assert f"{len(scores.true)} true and {len(scores.wrong)} wrong" in table.title
    assert "holds the question's evidence" in table.caption
