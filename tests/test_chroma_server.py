"""The scale-out path: index and ask against a real Chroma server started with `chroma run`."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.engine import Engine
from rag.errors import StoreUnavailable
from tests.helpers import make_settings
from tests.servers import ChromaServer, free_port


@pytest.fixture
def chroma_server(tmp_path: Path):
    server = ChromaServer(tmp_path / "chroma-server").start()
    yield server
    server.stop()


def test_index_and_ask_against_a_chroma_server(chroma_server, tmp_path: Path, minilm) -> None:
    settings = make_settings(tmp_path / "data", chroma_url=chroma_server.url)
    engine = Engine.from_settings(settings, embed_model=minilm)
    assert not (settings.data_dir / "chroma").exists()  # nothing embedded locally
    answer = engine.ask("Where did Mr. Xi and Mr. Putin meet on Feb. 4?")
    assert not answer.abstained
    assert any("Winter Olympic Games" in c.text for c in answer.citations)
    again = engine.reindex()
    assert again.embedded == 0 and again.chunks == engine.stats()["chunks"]


def test_unreachable_chroma_server_is_a_clear_error(tmp_path: Path, minilm) -> None:
    settings = make_settings(tmp_path / "data", chroma_url=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(StoreUnavailable, match="Chroma server"):
        Engine.from_settings(settings, embed_model=minilm)
