"""The `rag` command as a user runs it: a fresh process, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import SEEDS

RAG = str(Path(sys.executable).with_name("rag"))


def rag(*args: str, data_dir: Path, seeds: Path = SEEDS, **env: str):
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("RAG_", "OPENAI_"))},
        "RAG_DATA_DIR": str(data_dir),
        "RAG_SEEDS_DIR": str(seeds),
        **env,
    }
    return subprocess.run(
        [RAG, *args], capture_output=True, text=True, env=environment, timeout=300
    )


def assert_clean_error(result) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr


def test_help_is_fast_and_lists_the_commands(tmp_path: Path) -> None:
    result = rag("--help", data_dir=tmp_path)
    assert result.returncode == 0
    for command in ("index", "ask", "config", "chat", "eval", "bench"):
        assert command in result.stdout


def test_index_twice_embeds_nothing_the_second_time(tmp_path: Path) -> None:
    first = rag("index", data_dir=tmp_path / "data")
    assert first.returncode == 0, first.stderr
    assert " 0 embedded" not in first.stdout
    second = rag("index", data_dir=tmp_path / "data")
    assert second.returncode == 0, second.stderr
    chunks = first.stdout.split(" chunks")[0].rsplit(" ", 1)[-1]
    assert f"{chunks} chunks, 0 embedded, 0 removed" in second.stdout


def test_ask_prints_a_cited_answer_and_json(fresh_index: Path) -> None:
    result = rag("ask", "Where did Mr. Xi and Mr. Putin meet on Feb. 4?", data_dir=fresh_index)
    assert result.returncode == 0, result.stderr
    assert "Winter Olympic Games" in result.stdout and "[1]" in result.stdout

    result = rag("ask", "--json", "Who won the 2022 Super Bowl?", data_dir=fresh_index)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["abstained"] is True and answer["citations"] == []


def test_config_shows_settings_and_index_stats(fresh_index: Path) -> None:
    result = rag("config", "--json", data_dir=fresh_index, OPENAI_API_KEY="sk-test-very-secret")
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["index"]["chunks"] > 0 and shown["index"]["sources"] == 1
    assert shown["settings"]["chunk_size"] > 0
    assert "sk-test-very-secret" not in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("ask", "   "), "empty"),
        (("ask", "x" * 2500), "limit is 2,000"),
    ],
)
def test_bad_questions_are_one_line_errors(fresh_index: Path, args, message) -> None:
    result = rag(*args, data_dir=fresh_index)
    assert_clean_error(result)
    assert message in result.stderr


def test_corrupted_index_is_a_one_line_error_with_the_fix(fresh_index: Path) -> None:
    (fresh_index / "manifest.json").write_text("\x00garbage")
    result = rag("ask", "Who is Qin Gang?", data_dir=fresh_index)
    assert_clean_error(result)
    assert "rag index" in result.stderr


def test_unwritable_data_dir_is_a_one_line_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = rag("index", data_dir=blocker / "data")
    assert_clean_error(result)
    assert "RAG_DATA_DIR" in result.stderr


def test_invalid_setting_is_a_one_line_error(tmp_path: Path) -> None:
    result = rag("ask", "hi there", data_dir=tmp_path, RAG_TOP_K="lots")
    assert_clean_error(result)
    assert "RAG_TOP_K" in result.stderr


def test_bad_seed_files_are_reported_and_the_rest_indexed(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "photo.txt").write_bytes(b"\x89PNG\x00\x00" * 100)
    (seeds / "blank.md").write_text("   \n")
    (seeds / "old.txt").write_bytes("Caf\xe9 notes from the embassy.".encode("latin-1"))
    result = rag("index", data_dir=tmp_path / "data", seeds=seeds)
    assert result.returncode == 0, result.stderr
    assert "skipped seeds/photo.txt: binary" in result.stdout
    assert "skipped seeds/blank.md: empty" in result.stdout
    assert "warning seeds/old.txt" in result.stdout
    assert "Indexed 2 source(s)" in result.stdout


def test_summarize_prints_the_cited_summary_in_document_order(fresh_index: Path) -> None:
    result = rag("summarize", data_dir=fresh_index)
    assert result.returncode == 0, result.stderr
    assert "Urged China" in result.stdout and "half a dozen urgent meetings" in result.stdout
    cited = re.findall(r"^  \[\d+\] \S+:([\d, -]+) \(score", result.stdout, re.MULTILINE)
    starts = [int(span.split("-")[0]) for line in cited for span in line.split(", ")]
    assert len(starts) == 3 and starts == sorted(starts)  # three sentences, the article's order
    assert starts[0] == 0  # the headline opens the article

    result = rag("summarize", "--json", "--sentences", "1", data_dir=fresh_index)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["abstained"] is False
    quotes = [q["quote"] for c in answer["citations"] for q in c["quotes"]]
    assert len(quotes) == 1 and quotes[0].startswith("Over three months")  # the lede alone


@pytest.fixture(scope="module")
def article_and_snippet(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Seeds (the article and a code-only Markdown file) and their index: (data, seeds)."""
    root = tmp_path_factory.mktemp("summarize")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "snippet.md").write_text("```\nx = 1\ny = 2\n```\n", encoding="utf-8")
    built = rag("index", data_dir=root / "data", seeds=seeds)
    assert built.returncode == 0, built.stderr
    return root / "data", seeds


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("summarize", "no-such-report"), "no indexed source is called 'no-such-report'"),
        (("summarize", "snippet.md"), "no prose sentences to summarize"),
        (("summarize",), "several sources are indexed; name one"),
        (("summarize", "snippet.md", "--sentences", "0"), "--sentences must be between 1 and 20"),
    ],
)
def test_summarize_refuses_what_it_cannot_summarize(article_and_snippet, args, message) -> None:
    data, seeds = article_and_snippet
    result = rag(*args, data_dir=data, seeds=seeds)
    assert_clean_error(result)
    assert result.returncode == 1
    assert message in result.stderr


def test_unknown_sweep_is_a_one_line_error_listing_the_choices(tmp_path: Path) -> None:
    result = rag("eval", "--sweep", "nonsense", data_dir=tmp_path)
    assert_clean_error(result)
    assert "grid, abstention, support" in result.stderr
