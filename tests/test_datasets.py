"""The shipped question files: valid, matching their corpora, covering every kind of question."""

from __future__ import annotations

import hashlib
import json
import platform
from collections import Counter
from pathlib import Path

import pytest

from evals import corpora
from evals.dataset import (
    DEFAULT_DATASET,
    KINDS,
    UNANSWERABLE_KINDS,
    Question,
    check_evidence,
    load_dataset,
)
from rag.errors import RagError
from tests.helpers import ARTICLE

# The first 76 article questions as they were first measured: earlier reports compare with them.
FIRST_76_SHA256 = "ee6f10ac7c033059e1493b9cc718760fc5c32c4b9bc93bacf30af74d277b33e8"

ARTICLE_MINIMUMS = {
    "gist": 10,
    "metadata": 12,
    "why": 8,
    "how": 6,
    "yesno": 10,
    "list": 8,
    "offtopic": 8,
    "conversation": 15,
}
PYDOC_KINDS = {"fact", "why", "how", "yesno", "list", "definition", "unanswerable"}


@pytest.fixture(scope="module")
def article() -> list[Question]:
    return corpora.load_questions("article")


@pytest.fixture(scope="module")
def pydoc() -> list[Question]:
    return corpora.load_questions("pydoc")


def _kinds_off_split(questions: list[Question]) -> dict[str, float]:
    """Kinds whose dev share strays from the intended ~55 % (dev tunes, test is held out)."""
    by_kind: dict[str, list[str]] = {}
    for q in questions:
        by_kind.setdefault(q.kind, []).append(q.split)
    shares = {kind: splits.count("dev") / len(splits) for kind, splits in by_kind.items()}
    return {kind: share for kind, share in shares.items() if not 0.5 <= share <= 0.7}


def test_the_first_76_article_questions_are_unchanged() -> None:
    lines = DEFAULT_DATASET.read_text(encoding="utf-8").splitlines(keepends=True)[:76]
    digest = hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()
    assert digest == FIRST_76_SHA256


def test_article_questions_match_the_article(article: list[Question]) -> None:
    assert check_evidence(article, [ARTICLE.read_text(encoding="utf-8")]) == []
    assert len(article) >= 76 + 75


def test_article_covers_each_reader_kind_with_a_split(article: list[Question]) -> None:
    counts = Counter(q.kind for q in article)
    short = {kind: counts[kind] for kind, least in ARTICLE_MINIMUMS.items() if counts[kind] < least}
    assert short == {}
    assert counts["unanswerable"] >= 15 + 12
    assert _kinds_off_split(article[76:]) == {}


def test_article_yes_no_questions_are_mixed(article: list[Question]) -> None:
    answers = Counter(q.answers[0] for q in article if q.answer_kind == "yesno")
    assert set(answers) == {"Yes", "No"}
    assert 0.4 <= answers["No"] / sum(answers.values()) <= 0.6


def test_article_conversations_have_two_and_three_turns_and_standalone_turns(
    article: list[Question],
) -> None:
    conversations = [q for q in article if q.kind == "conversation"]
    turns = Counter(len(q.history) + 1 for q in conversations)
    assert set(turns) == {2, 3}
    assert sum(q.standalone for q in conversations) >= 4
    assert {q.conversation_kind for q in conversations} >= {"fact", "why", "yesno", "list"}
    assert any(not q.answerable for q in conversations)


def test_list_questions_ask_for_part_of_their_items(article, pydoc) -> None:
    lists = [q for q in [*article, *pydoc] if q.answer_kind == "list"]
    assert len([q for q in article if q.kind == "list"]) >= 8
    assert all(1 <= q.min_items <= len(q.answers) and len(q.answers) >= 2 for q in lists)


def test_pydoc_questions_cover_the_kinds_with_a_split(pydoc: list[Question]) -> None:
    counts = Counter(q.kind for q in pydoc)
    assert len(pydoc) >= 44
    assert set(counts) == PYDOC_KINDS
    assert counts["unanswerable"] >= 10
    assert _kinds_off_split(pydoc) == {}
    assert all(q.source in corpora.PYDOC_TOPICS for q in pydoc if q.answerable)


def test_unanswerable_and_offtopic_are_not_answerable(article: list[Question]) -> None:
    for q in article:
        expected = q.answer_kind not in UNANSWERABLE_KINDS
        assert q.answerable is expected, q.id
        assert bool(q.answers) is expected, q.id


def test_materialise_writes_each_pydoc_topic_as_is(tmp_path: Path) -> None:
    from pydoc_data.topics import topics

    folder = corpora.materialise("pydoc", tmp_path / "pydoc")
    files = sorted(p.name for p in folder.iterdir())
    assert files == sorted(f"{topic}.txt" for topic in corpora.PYDOC_TOPICS)
    assert (folder / "assert.txt").read_text(encoding="utf-8") == topics["assert"]
    assert corpora.materialise("pydoc", folder) == folder  # a second run is harmless


def test_materialise_refuses_a_folder_with_other_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(RagError, match="not part of the pydoc corpus"):
        corpora.materialise("pydoc", tmp_path)
    with pytest.raises(RagError, match="unknown corpus 'manual'; choose from article, pydoc"):
        corpora.materialise("manual", tmp_path / "other")


def test_a_changed_topic_names_question_topic_and_python_version(monkeypatch) -> None:
    from pydoc_data import topics

    changed = dict(topics.topics)
    changed["assert"] = changed["assert"].replace("AssertionError", "OopsError")
    monkeypatch.setattr(topics, "topics", changed)
    with pytest.raises(RagError) as caught:
        corpora.load_questions("pydoc")
    message = str(caught.value)
    assert "question p012" in message
    assert "'assert' topic" in message
    assert f"Python {platform.python_version()}" in message


def _line(**overrides) -> str:
    row = {
        "id": "a",
        "split": "dev",
        "kind": "fact",
        "question": "Where?",
        "answers": ["Beijing"],
        "evidence": ["in Beijing"],
    }
    row.update(overrides)
    return json.dumps({k: v for k, v in row.items() if v is not None})


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (_line(id=None), "q.jsonl line 2: missing field 'id'"),
        (_line(split="train"), "q.jsonl line 2: bad field 'split': 'train' is not one of dev"),
        (_line(kind="trivia"), "line 2: bad field 'kind': 'trivia' is not one of"),
        (_line(answer=["x"]), "line 2: unknown field 'answer'"),
        (_line(answers="Beijing"), "line 2: bad field 'answers'"),
        (_line(history=["Who?"]), "line 2: field 'history' is for followup and conversation"),
        (_line(kind="conversation"), "line 2: missing field 'history'"),
        (_line(kind="conversation", history=["Who?"]), "missing field 'conversation_kind'"),
        (_line(kind="list", answers=["a", "b"]), "line 2: missing field 'min_items'"),
        (_line(kind="list", answers=["a"], min_items=2), "bad field 'min_items': 2 is more"),
        (_line(kind="list", answers=["a"], min_items=0), "bad field 'min_items'"),
        (_line(kind="yesno", answers=["Sure"]), "a yes/no question's answers are"),
        (_line(kind="offtopic"), "an unanswerable question has no answers"),
        (_line(evidence=[]), "line 2: an answerable question needs evidence"),
        ("{broken", "q.jsonl line 2: not valid JSON"),
        ("[1, 2]", "q.jsonl line 2: expected a JSON object"),
    ],
)
def test_a_bad_line_is_refused_with_file_line_and_field(
    tmp_path: Path, line: str, message: str
) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(_line(id="fine") + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(RagError) as caught:
        load_dataset(path)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_every_kind_is_known_to_the_loader() -> None:
    used = {q.kind for name in corpora.CORPORA for q in corpora.load_questions(name)}
    assert used <= set(KINDS)
