"""Settings mistakes are caught with one line that says what is wrong, never silently."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from rag.config import load_settings
from rag.engine import Engine
from rag.errors import IndexUnavailable, RagError
from tests.fakes import HashEmbedding
from tests.test_cli import assert_clean_error, rag


def test_missing_seeds_folder_fails_rag_index_naming_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-seeds"
    result = rag("index", data_dir=tmp_path / "data", seeds=missing)
    assert_clean_error(result)
    assert str(missing) in result.stderr and "RAG_SEEDS_DIR" in result.stderr


def test_bad_index_name_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    result = rag("index", data_dir=tmp_path / "data", RAG_COLLECTION="bad name!")
    assert_clean_error(result)
    assert "'bad name!' cannot name an index" in result.stderr


@pytest.mark.parametrize("name", ["ab", "-leading", "a..b", "x" * 53, "192.168.0.1", "ünï"])
def test_index_names_follow_chromas_rules(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("RAG_INDEX", name)
    with pytest.raises(RagError, match="cannot name an index") as caught:
        load_settings(env_file=None)
    assert "RAG_INDEX" in str(caught.value) and "\n" not in str(caught.value)


def test_index_name_on_a_server_defaults_to_the_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAG_DATA_DIR", str(tmp_path / "one"))
    assert load_settings(env_file=None).index == "article"  # embedded: the directory is its own
    monkeypatch.setenv("RAG_CHROMA_URL", "http://127.0.0.1:8000")
    one = load_settings(env_file=None).index
    monkeypatch.setenv("RAG_DATA_DIR", str(tmp_path / "one" / ".." / "one"))
    assert load_settings(env_file=None).index == one  # the resolved path counts
    monkeypatch.setenv("RAG_DATA_DIR", str(tmp_path / "two"))
    assert load_settings(env_file=None).index != one
    monkeypatch.setenv("RAG_COLLECTION", "team-news")  # the older name of the setting
    assert load_settings(env_file=None).index == "team-news"


def test_misspelled_variable_is_warned_once_with_the_right_name(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("RAG_TOPK", "3")
    monkeypatch.setenv("RAG_HEDGE_TRESHOLD", "0.5")
    with caplog.at_level(logging.WARNING, logger="rag.settings"):
        load_settings(env_file=None)
        load_settings(env_file=None)
    messages = [r.getMessage() for r in caplog.records]
    assert messages.count("unknown setting RAG_TOPK; did you mean RAG_TOP_K?") == 1
    assert (
        messages.count("unknown setting RAG_HEDGE_TRESHOLD; did you mean RAG_HEDGE_THRESHOLD?") == 1
    )


def test_misspelled_variable_in_dotenv_is_warned(tmp_path: Path, caplog) -> None:
    env = tmp_path / ".env"
    env.write_text("RAG_CHUNKSIZE=256\n")
    with caplog.at_level(logging.WARNING, logger="rag.settings"):
        load_settings(env_file=env)
    assert "did you mean RAG_CHUNK_SIZE?" in caplog.text


def test_hedge_below_abstention_is_rejected_naming_both(monkeypatch) -> None:
    monkeypatch.setenv("RAG_HEDGE_THRESHOLD", "0.2")
    monkeypatch.setenv("RAG_ABSTAIN_THRESHOLD", "0.4")
    with pytest.raises(RagError) as caught:
        load_settings(env_file=None)
    message = str(caught.value)
    assert "RAG_HEDGE_THRESHOLD (0.2)" in message and "RAG_ABSTAIN_THRESHOLD (0.4)" in message


def test_other_settings_message_shows_old_and_new_values(fake_settings) -> None:
    Engine.from_settings(fake_settings, embed_model=HashEmbedding())
    changed = fake_settings.model_copy(update={"chunk_size": 256, "chunk_overlap": 32})
    with pytest.raises(IndexUnavailable) as caught:
        Engine.from_settings(changed, build=False, embed_model=HashEmbedding()).ask(
            "Who met in Beijing?"
        )
    message = str(caught.value)
    assert "chunk_size 128 → 256" in message and "chunk_overlap 16 → 32" in message
    assert "embed_model" not in message  # unchanged values are not listed

    report = Engine(changed, embed_model=HashEmbedding()).reindex()
    assert report.rebuilt == (
        "the embedding model or chunker changed (chunk_overlap 16 → 32, chunk_size 128 → 256)"
    )
