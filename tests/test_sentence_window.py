"""`rag eval`'s sentence-window row: llama-index's sentence windows, compared on retrieval."""

from __future__ import annotations

import json
from pathlib import Path

from tests.fakes import HashEmbedding
from tests.helpers import eval_question, make_settings

NOTICE = [
    "The harbour office opens at seven.",
    "Ferries leave for the island every hour.",
    "Tickets are sold at the blue kiosk.",
    "Children under five travel free.",
    "Bicycles must be booked a day ahead.",
    "The cafe on the pier serves fresh soup.",
    "Dogs are welcome on the upper deck.",
    "The last ferry returns at ten at night.",
    "Lost property is kept for thirty days.",
    "Parking near the terminal costs four pounds.",
    "The lighthouse tour starts at noon.",
    "Storms can cancel crossings without notice.",
]
DOGS = NOTICE.index("Dogs are welcome on the upper deck.")
# llama-index embeds each sentence with its file's path (a default kept in the row), a word the
# hash embedder cannot ignore: each question shares most of its words with one sentence.


def write_seeds(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "harbour.txt").write_text(" ".join(NOTICE) + "\n", encoding="utf-8")
    return folder


def sentences_in(passage: str) -> list[str]:
    return [sentence for sentence in NOTICE if sentence in passage]


def test_the_row_hands_on_the_window_around_each_nearest_sentence(tmp_path: Path) -> None:
    from evals.sentence_window import SentenceWindowPipeline

    seeds = write_seeds(tmp_path / "seeds")
    pipeline = SentenceWindowPipeline(seeds, HashEmbedding(), tmp_path / "windows", top_k=4)
    hits = pipeline.retrieve("Where are dogs welcome on the ferry?")
    assert len(hits) == 4
    # The best hit is the dogs sentence read with three sentences either side, and no further.
    assert sentences_in(hits[0].text) == NOTICE[DOGS - 3 : DOGS + 4]
    assert all(len(sentences_in(hit.text)) > 1 for hit in hits)


def test_rag_eval_reports_the_row_beside_the_default(tmp_path: Path) -> None:
    from evals.report import write_report
    from evals.runner import evaluate

    seeds = write_seeds(tmp_path / "seeds")
    settings = make_settings(tmp_path / "data", llm="extractive").model_copy(
        update={"seeds_dir": seeds}
    )
    questions = [
        eval_question(
            "Where are dogs welcome?",
            ("the upper deck",),
            ("Dogs are welcome on the upper deck.",),
            id="dogs",
        ),
        eval_question(
            "Which tour starts at noon?",
            ("noon",),
            ("The lighthouse tour starts at noon.",),
            id="tour",
        ),
    ]
    run = evaluate(
        settings,
        questions,
        ["default", "sentence-window"],
        embed_model=HashEmbedding(),
        show_progress=False,
    )
    windows = run.records["sentence-window"]
    assert [len(record.passages) for record in windows] == [settings.top_k] * 2
    assert all(record.answer is None for record in windows)  # compared on retrieval only
    assert run.metrics["sentence-window"]["dev"]["hit_rate"] == 1.0
    write_report(run, tmp_path / "report")
    report = (tmp_path / "report" / "report.md").read_text(encoding="utf-8")
    assert "| sentence-window | 1.00 |" in report
    assert "llama-index's sentence windows (the top 4 sentences" in report
    results = json.loads((tmp_path / "report" / "results.json").read_text(encoding="utf-8"))
    assert results["metrics"]["sentence-window"]["dev"]["mrr"] == 1.0


def test_the_row_alone_measures_context_against_the_seeds_it_names(tmp_path: Path) -> None:
    from evals.runner import evaluate

    seeds = write_seeds(tmp_path / "seeds")
    settings = make_settings(tmp_path / "data", top_k=1).model_copy(update={"seeds_dir": seeds})
    question = eval_question(
        "What does the cafe on the pier serve?",
        ("fresh soup",),
        ("The cafe on the pier serves fresh soup.",),
        id="soup",
    )
    run = evaluate(
        settings, [question], ["sentence-window"], embed_model=HashEmbedding(), show_progress=False
    )
    # One window of seven of the twelve sentences: about 7/12 of the notice, not 300 times it.
    assert 0.5 < run.metrics["sentence-window"]["dev"]["context"] < 0.7
    assert run.sources == ["seeds/harbour.txt"]  # the report names what was evaluated
