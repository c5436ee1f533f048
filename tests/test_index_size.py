"""The abstention threshold grows with the index: the best of many passages that do not answer
scores higher than the best of a few, so a large index needs a more relevant sentence."""

from __future__ import annotations

import pytest

from evals.corpora import materialise
from rag.selection import REFERENCE_PASSAGES, scaled_threshold
from tests.helpers import make_settings


def test_the_threshold_stays_as_set_for_a_small_index_and_rises_with_each_doubling() -> None:
    assert scaled_threshold(0.35, 1) == 0.35
    assert scaled_threshold(0.35, REFERENCE_PASSAGES) == 0.35
    twice = scaled_threshold(0.35, 2 * REFERENCE_PASSAGES)
    four_times = scaled_threshold(0.35, 4 * REFERENCE_PASSAGES)
    assert 0.35 < twice < four_times <= 0.5
    assert four_times - twice == pytest.approx(twice - 0.35)
    assert scaled_threshold(0.99, 10**9) == 1.0  # never above what a score can reach


@pytest.fixture(scope="module")
def manual_engine(tmp_path_factory: pytest.TempPathFactory, minilm):
    """An engine over the 20 Python documentation topics of the eval corpus (~70 passages)."""
    from rag.engine import Engine

    root = tmp_path_factory.mktemp("manual")
    seeds = materialise("pydoc", root / "seeds")
    settings = make_settings(root / "data", llm="extractive").model_copy(
        update={"seeds_dir": seeds}
    )
    return Engine.from_settings(settings, embed_model=minilm)


@pytest.mark.parametrize(
    "question",
    [
        "Which module implements regular expressions?",
        "How do type hints affect a function at run time?",
    ],
)
def test_a_large_index_does_not_quote_a_passage_only_as_relevant_as_chance(
    manual_engine, question: str
) -> None:
    # Over the article's 19 passages a best sentence this relevant answers; over the manual's
    # topics it is what some sentence scores by chance (regular expressions and type hints
    # are not among them).
    answer = manual_engine.ask(question)
    assert answer.abstained, answer.text
    assert "do not say" in answer.text


def test_a_large_index_still_answers_what_it_holds(manual_engine) -> None:
    answer = manual_engine.ask("What exception does a failing assert statement raise?")
    assert not answer.abstained
    assert "AssertionError" in answer.text
    # in words of its own, its best sentence only modestly relevant: still not chance
    answer = manual_engine.ask("What gets executed when nothing else should happen?")
    assert not answer.abstained, answer.text
    assert '"pass" is a null operation' in answer.text
