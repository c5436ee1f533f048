"""The regression gate: on both built-in corpora's dev split, the shipped default (extractive)
must not fall below the per-category floors measured on dev (evals/floors.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.cli import corpus_settings
from evals.corpora import load_questions
from evals.floors import breaches
from evals.runner import evaluate
from tests.helpers import make_settings


@pytest.mark.parametrize("corpus", ["article", "pydoc"])
def test_dev_answer_quality_stays_above_the_floors(corpus: str, tmp_path: Path, minilm) -> None:
    settings = corpus_settings(make_settings(tmp_path / "data", llm="extractive"), corpus)
    questions = [q for q in load_questions(corpus) if q.split == "dev"]
    run = evaluate(settings, questions, ["default"], embed_model=minilm, show_progress=False)
    problems = breaches(corpus, run.metrics["default"]["dev"], run.categories["default"]["dev"])
    assert problems == [], problems
