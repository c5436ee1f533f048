"""Shared fixtures: every test gets its own data directory; sockets leave only to loopback."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from rag.offline import ensure_offline
from tests.helpers import ARTICLE, ARTIFACTS, make_settings

ensure_offline()


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the user's .env, index or API key."""
    for key in list(os.environ):
        if key.startswith("RAG_") or key in {"OPENAI_API_KEY", "OPENAI_BASE_URL"}:
            monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("RAG_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)  # so a stray .env in the checkout is not read


@pytest.fixture(scope="session")
def minilm():
    """The real bundled embedding model, loaded once per test session."""
    from rag.embeddings import build_embed_model

    return build_embed_model(make_settings(Path("/nonexistent")))


@pytest.fixture(scope="session")
def article_index(tmp_path_factory: pytest.TempPathFactory, minilm) -> Path:
    """A data directory holding the article indexed with the real model (built once)."""
    from rag.engine import Engine

    data_dir = tmp_path_factory.mktemp("article-index")
    Engine.from_settings(make_settings(data_dir), embed_model=minilm)
    return data_dir


@pytest.fixture(scope="session")
def engine(article_index: Path, minilm):
    """An engine over the article with the real model; shared, so tests must not mutate it."""
    from rag.engine import Engine

    return Engine.from_settings(make_settings(article_index), embed_model=minilm, build=False)


@pytest.fixture
def fresh_index(tmp_path: Path, article_index: Path) -> Path:
    """A private copy of the article index, for tests that change it."""
    target = tmp_path / "copy"
    shutil.copytree(article_index, target)
    return target


@pytest.fixture
def fake_settings(tmp_path: Path):
    """Settings over a private seeds folder holding the article (pair with tests.fakes)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(ARTICLE, seeds / ARTICLE.name)
    return make_settings(tmp_path / "data").model_copy(update={"seeds_dir": seeds})


@pytest.fixture(scope="session")
def artifacts_dir() -> Iterator[Path]:
    ARTIFACTS.mkdir(exist_ok=True)
    yield ARTIFACTS


@pytest.fixture
def server():
    """A scripted OpenAI-compatible server on 127.0.0.1 (see tests/openai_server.py)."""
    from tests.openai_server import FakeOpenAI

    fake = FakeOpenAI().start()
    yield fake
    fake.stop()
