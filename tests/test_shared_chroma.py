"""Several indexes on one real Chroma server (`chroma run`): none deletes another's chunks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from evals.dataset import load_dataset
from evals.runner import evaluate
from rag.engine import Engine
from rag.store import open_client
from tests.helpers import ARTICLE, make_settings
from tests.servers import ChromaServer

BAKERY = (
    "The Harbor Bakery on Pine Street is owned by Marta Olsen. She opened it in 1998 and "
    "still bakes the rye bread herself every morning before dawn.\n"
)
XI_PUTIN = "Where did Mr. Xi and Mr. Putin meet on Feb. 4?"


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory):
    server = ChromaServer(tmp_path_factory.mktemp("shared-chroma")).start()
    yield server
    server.stop()


def _counts(url: str) -> dict[str, int]:
    settings = make_settings(Path("unused"), chroma_url=url)
    client = open_client(settings)
    return {
        getattr(c, "name", c): client.get_collection(getattr(c, "name", c)).count()
        for c in client.list_collections()
    }


def _own_count(engine: Engine) -> int:
    return _counts(engine.settings.chroma_url)[engine.stats()["collection"]]


def _assert_answers(article: Engine, bakery: Engine) -> None:
    answer = article.ask(XI_PUTIN)
    assert not answer.abstained
    assert any("Winter Olympic Games" in c.text for c in answer.citations)
    answer = bakery.ask("Who owns the Harbor Bakery?")
    assert not answer.abstained and "Marta Olsen" in answer.text
    answer = bakery.ask(XI_PUTIN)  # the second index serves the article as well
    assert any("Winter Olympic Games" in c.text for c in answer.citations)


def test_two_indexes_on_one_server_keep_their_chunks(chroma_server, tmp_path: Path, minilm) -> None:
    """Index, re-index and evaluate two indexes with different sources on one server."""
    seeds_b = tmp_path / "seeds-b"
    seeds_b.mkdir()
    shutil.copy(ARTICLE, seeds_b / ARTICLE.name)
    (seeds_b / "bakery.txt").write_text(BAKERY, encoding="utf-8")
    a_settings = make_settings(tmp_path / "a", chroma_url=chroma_server.url)
    b_settings = make_settings(tmp_path / "b", chroma_url=chroma_server.url).model_copy(
        update={"seeds_dir": seeds_b}
    )
    assert a_settings.index != b_settings.index  # derived from the data directories

    article = Engine.from_settings(a_settings, embed_model=minilm)
    a_chunks = _own_count(article)
    bakery = Engine.from_settings(b_settings, embed_model=minilm)
    b_chunks = _own_count(bakery)
    assert b_chunks > a_chunks == article.stats()["chunks"]
    _assert_answers(article, bakery)

    assert article.reindex().removed == 0  # B's extra chunks are not A's to remove
    assert bakery.reindex().removed == 0
    assert (_own_count(article), _own_count(bakery)) == (a_chunks, b_chunks)
    _assert_answers(article, bakery)

    questions = load_dataset()[:3]
    for settings in (a_settings, b_settings):
        run = evaluate(
            settings, questions, ["default", "chunk-64"], embed_model=minilm, show_progress=False
        )
        assert run.metrics["default"]["all"]  # the configurations ran
    counts = _counts(chroma_server.url)
    assert counts[article.stats()["collection"]] == a_chunks
    assert counts[bakery.stats()["collection"]] == b_chunks
    eval_collections = [name for name in counts if "-eval-" in name]
    # two configurations of each index, side by side, each with its sentence vectors
    assert len([n for n in eval_collections if not n.endswith("-sentences")]) == 4
    assert len(eval_collections) == 8
    _assert_answers(article, bakery)


def _rag(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    rag = Path(sys.executable).with_name("rag")
    return subprocess.run(
        [str(rag), *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )


def test_two_processes_sharing_an_index_name_see_one_index(chroma_server, tmp_path: Path) -> None:
    """The shared deployment: two data directories, one RAG_INDEX, one set of vectors."""
    base = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("RAG_") and key not in {"OPENAI_API_KEY", "OPENAI_BASE_URL"}
    }
    base |= {"RAG_CHROMA_URL": chroma_server.url, "RAG_INDEX": "shared-article"}
    envs = [base | {"RAG_DATA_DIR": str(tmp_path / f"node{n}")} for n in (1, 2)]

    first = _rag(["index", "-q"], envs[0])
    assert first.returncode == 0, first.stderr
    second = _rag(["index", "-q"], envs[1])
    assert second.returncode == 0, second.stderr
    assert " 0 embedded, 0 removed" in second.stdout  # the vectors were already there

    answers = []
    for env in envs:
        result = _rag(["ask", "--json", XI_PUTIN], env)
        assert result.returncode == 0, result.stderr
        answers.append(json.loads(result.stdout))
    assert answers[0]["text"] == answers[1]["text"]
    assert [c["chunk_id"] for c in answers[0]["citations"]] == [
        c["chunk_id"] for c in answers[1]["citations"]
    ]
    names = [name for name in _counts(chroma_server.url) if name.startswith("shared-article-")]
    assert len([n for n in names if not n.endswith("-sentences")]) == 1
