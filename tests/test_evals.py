"""The eval suite's own parts: dataset checks, metric definitions, the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.dataset import DEFAULT_DATASET, Question, check_evidence, load_dataset
from evals.grading import CitedSpan
from evals.metrics import Record, correct, hit, hit_rank, summarize, why_failed
from rag.errors import RagError
from tests.helpers import ARTICLE, eval_question


def q(kind: str = "fact", **overrides) -> Question:
    answerable = kind != "unanswerable"
    values = {
        "question": "Where did they meet?",
        "answers": ("Beijing",) if answerable else (),
        "evidence": ("they met in Beijing",) if answerable else (),
    }
    return eval_question(**{**values, **overrides}, kind=kind)


def test_the_article_dataset_is_valid_and_matches_the_article() -> None:
    questions = load_dataset(DEFAULT_DATASET)
    assert len(questions) >= 50
    kinds = {x.kind for x in questions}
    assert kinds >= {"fact", "paraphrase", "multihop", "attribution", "followup", "unanswerable"}
    assert sum(x.kind == "unanswerable" for x in questions) >= 10
    assert {x.split for x in questions} == {"dev", "test"}
    assert check_evidence(questions, [ARTICLE.read_text(encoding="utf-8")]) == []


def test_bad_question_files_are_refused_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"id": "a", "question": "Hi?", "kind": "fact"}) + "\n")
    with pytest.raises(RagError, match="line 1: an answerable question needs answers"):
        load_dataset(path)
    path.write_text("{broken\n")
    with pytest.raises(RagError, match="line 1"):
        load_dataset(path)


def test_hit_and_rank_use_whitespace_insensitive_evidence() -> None:
    record = Record(q(), passages=["Nothing here.", "Later,\nthey met  in Beijing again."])
    assert hit(record) and hit_rank(record) == 2
    assert not hit(Record(q(), passages=["elsewhere"]))


EVIDENCE = [("seeds/a.txt", 100, 119)]  # where "they met in Beijing" lies in the source


def cited(start: int, end: int, text: str) -> list[CitedSpan]:
    return [CitedSpan("seeds/a.txt", start, end, text)]


def test_accuracy_needs_the_answer_inside_a_cited_quote_over_the_evidence() -> None:
    def record(answer: str, quote: list[CitedSpan], **extra) -> Record:
        return Record(q(), passages=[], answer=answer, cited=quote, evidence_at=EVIDENCE, **extra)

    assert correct(record("They met in Beijing [1].", cited(100, 119, "they met in Beijing")))
    # the right word, but only in the answer's own text, or in a quote elsewhere in the source
    assert not correct(record("Beijing, of course [1].", cited(300, 320, "a trip to Moscow")))
    assert not correct(record("Beijing [1].", cited(400, 420, "later in Beijing")))
    assert not correct(record("In Shanghai [1].", cited(100, 119, "they met in Shanghai")))
    assert not correct(
        record("Beijing [1]", cited(100, 119, "they met in Beijing"), abstained=True)
    )


def test_yes_no_and_list_answers() -> None:
    yes = eval_question("Did they meet?", ("Yes",), ("they met in Beijing",), "yesno", id="y")
    quote = cited(100, 119, "they met in Beijing")
    assert correct(
        Record(yes, [], answer="Yes. They met in Beijing [1].", cited=quote, evidence_at=EVIDENCE)
    )
    assert not correct(
        Record(yes, [], answer="No. They met in Beijing [1].", cited=quote, evidence_at=EVIDENCE)
    )
    items = eval_question(
        "Who met?", ("Xi", "Putin", "Biden"), ("Xi and Putin met",), "list", id="l", min_items=2
    )
    both = cited(100, 116, "Xi and Putin met")
    one = cited(100, 116, "Xi met someone")
    assert correct(
        Record(
            items,
            [],
            answer="Xi and Putin met [1].",
            cited=both,
            evidence_at=[("seeds/a.txt", 100, 116)],
        )
    )
    assert not correct(
        Record(
            items,
            [],
            answer="Xi met someone [1].",
            cited=one,
            evidence_at=[("seeds/a.txt", 100, 116)],
        )
    )


def test_summary_of_abstention_and_citations() -> None:
    records = [
        Record(
            q(),
            passages=["they met in Beijing"],
            answer="Beijing [1]",
            cited_passages=["they met in Beijing"],
            quotes=["they met in Beijing"],
            timings={"total_ms": 10.0},
            cited=cited(100, 119, "they met in Beijing"),
            evidence_at=EVIDENCE,
        ),
        Record(q(), passages=["other"], answer="The article does not say", abstained=True),
        Record(q("unanswerable"), passages=["other"], answer="no", abstained=True),
        Record(q("unanswerable"), passages=["other"], answer="Something [1]"),
    ]
    metrics = summarize(records, article_chars=100)
    assert metrics["hit_rate"] == 0.5
    assert metrics["accuracy"] == 0.5
    assert metrics["citation_precision"] == 1.0
    assert metrics["abstain_recall"] == 0.5
    assert metrics["abstain_precision"] == 0.5
    assert metrics["false_abstention"] == 0.5
    assert metrics["total_ms_p50"] == 10.0
    assert why_failed(records[1]) == "abstained (evidence not retrieved)"
    assert why_failed(records[3]) == "answered a question the article cannot answer"


def test_rag_eval_writes_the_report(tmp_path: Path, minilm) -> None:
    from evals.report import write_report
    from evals.runner import evaluate
    from tests.helpers import make_settings

    settings = make_settings(tmp_path / "data", llm="extractive")
    questions = load_dataset()[:12]
    run = evaluate(
        settings, questions, ["default", "stock"], embed_model=minilm, show_progress=False
    )
    write_report(run, tmp_path / "report")
    report = (tmp_path / "report" / "report.md").read_text()
    assert "| default |" in report and "| stock |" in report
    assert "stock quickstart finds" in report
    results = json.loads((tmp_path / "report" / "results.json").read_text())
    assert results["metrics"]["default"]["all"]["hit_rate"] is not None
    assert (tmp_path / "report" / "plot.png").stat().st_size > 10_000


def test_generate_needs_a_model(tmp_path: Path) -> None:
    from evals.runner import generate_questions
    from tests.helpers import make_settings

    with pytest.raises(RagError, match="needs a model"):
        generate_questions(make_settings(tmp_path / "data"), 3, tmp_path / "out.jsonl")


def test_generate_drafts_questions_with_the_model(tmp_path: Path, article_index, minilm) -> None:
    from evals.runner import generate_questions
    from tests.helpers import make_settings
    from tests.openai_server import FakeOpenAI, Reply

    server = FakeOpenAI().start()
    try:
        server.will(*[Reply('{"question": "Who met whom?", "answer": "Mr. Qin"}')] * 3)
        settings = make_settings(article_index, llm="openai", openai_base_url=server.base_url)
        out = generate_questions(settings, 3, tmp_path / "drafts.jsonl")
    finally:
        server.stop()
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 3
    assert rows[0]["question"] == "Who met whom?" and rows[0]["evidence"][0]
    assert "draft" in rows[0]["review"]


def test_stock_reference_rebuilds_when_the_seeds_change(tmp_path: Path) -> None:
    from evals.stock import StockPipeline
    from tests.fakes import HashEmbedding

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "memo.txt").write_text("The canteen opens at noon.\n")
    chroma = tmp_path / "stock"
    first = StockPipeline(seeds, HashEmbedding(), chroma).retrieve("When does the canteen open?")
    assert "noon" in first[0].text
    (seeds / "memo.txt").write_text("The canteen opens at nine in the morning.\n")
    again = StockPipeline(seeds, HashEmbedding(), chroma).retrieve("When does the canteen open?")
    assert [hit.text for hit in again] == ["The canteen opens at nine in the morning."]


def test_an_unanswerable_conversation_turn_counts_right_when_abstained_on() -> None:
    from evals.categories import by_category
    from evals.metrics import correct

    answered = eval_question(
        "Where did they meet?",
        ("Beijing",),
        ("they met in Beijing",),
        "conversation",
        id="c1",
        history=("Who met?",),
        conversation_kind="fact",
    )
    unknown = eval_question(
        "How many children does he have?",
        kind="conversation",
        id="c2",
        history=("Who is the minister?",),
        conversation_kind="unanswerable",
    )
    quote = cited(100, 119, "they met in Beijing")
    rows = [
        Record(answered, [], answer="They met in Beijing [1].", cited=quote, evidence_at=EVIDENCE),
        Record(unknown, [], answer="The article does not say.", abstained=True),
    ]
    assert by_category(rows, correct)["conversation"]["score"] == 1.0
    rows[1] = Record(unknown, [], answer="He has two [1].", cited=quote, evidence_at=EVIDENCE)
    assert by_category(rows, correct)["conversation"]["score"] == 0.5
