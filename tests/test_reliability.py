"""Things going wrong on purpose: a killed indexer, a Chroma server that stops, a vanished index."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from index.manifest import Manifest
from rag.engine import Engine
from rag.errors import IndexUnavailable, RagError, StoreUnavailable
from rag.store import open_client
from tests.fakes import HashEmbedding
from tests.helpers import ROOT, make_settings
from tests.servers import ChromaServer

RAG = str(Path(sys.executable).with_name("rag"))
# `rag index` with the fake embedder passed in (the settings cannot select a fake). Each durable
# batch prints a progress line, the sign the test waits on before it kills the process; in the
# runs to be killed, a short pause per batch stands in for a real model's embedding time.
INDEX_WITH_FAKE = [
    sys.executable,
    "-c",
    "import os, time; from index.pipeline import run_index; from rag.settings import Settings; "
    "from tests.fakes import HashEmbedding; "
    "run_index(Settings(), embed_model=HashEmbedding(embed_batch_size=4), "
    "progress=lambda done, total, stage: (print(f'{stage} {done}/{total}', flush=True), "
    "time.sleep(float(os.environ.get('BATCH_PAUSE', 0)))))",
]


def pydoc_corpus(seeds: Path, count: int = 30) -> None:
    """The first `count` of CPython's pydoc topics as seed files (30: ~150 KB, some 330 chunks
    and 3,000 sentences, hundreds of batches of 4 to interrupt)."""
    from pydoc_data.topics import topics

    seeds.mkdir(parents=True, exist_ok=True)
    for name in sorted(topics)[:count]:
        (seeds / f"{name}.txt").write_text(topics[name], encoding="utf-8")


def rag_env(data_dir: Path, seeds: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAG_", "OPENAI_"))}
    return env | {
        "RAG_DATA_DIR": str(data_dir),
        "RAG_SEEDS_DIR": str(seeds),
        "RAG_EMBED_BATCH_SIZE": "4",
        "PYTHONPATH": str(ROOT),
    }


def served(data_dir: Path, seeds: Path) -> tuple[list[str], int]:
    """Chunk ids the manifest serves, and how many chunks the collection holds."""
    settings = make_settings(data_dir).model_copy(update={"seeds_dir": seeds})
    manifest = Manifest.load(settings.manifest_path)
    collection = open_client(settings).get_collection(manifest.collection)
    return sorted(manifest.chunk_ids), collection.count()


def stored(data_dir: Path, seeds: Path) -> set[str]:
    """Every chunk id in the index's collections, served or not (the index is idle)."""
    client = open_client(make_settings(data_dir).model_copy(update={"seeds_dir": seeds}))
    ids: set[str] = set()
    for collection in client.list_collections():
        ids.update(client.get_collection(collection.name).get(include=[])["ids"])
    return ids


def kill_midway(command: list[str], env: dict[str, str], batches: int = 3) -> None:
    """Start `rag index`, SIGKILL it once `batches` batches of chunks are durably written."""
    process = subprocess.Popen(
        command,
        env=env | {"BATCH_PAUSE": "0.05"},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    seen = 0
    for line in process.stdout:
        if line.startswith("embedding "):
            seen += 1
            if seen == batches:
                process.send_signal(signal.SIGKILL)
                break
    process.wait()
    assert process.returncode == -signal.SIGKILL, "indexing finished before it was interrupted"


def test_killed_indexing_resumes_complete_and_never_serves_half(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    pydoc_corpus(seeds)
    reference = tmp_path / "reference"
    subprocess.run(INDEX_WITH_FAKE, env=rag_env(reference, seeds), check=True, timeout=600)
    expected_ids, expected_count = served(reference, seeds)
    assert expected_count == len(expected_ids) > 200

    data = tmp_path / "data"
    env = rag_env(data, seeds)
    kill_midway(INDEX_WITH_FAKE, env)
    assert not (data / "manifest.json").exists()  # nothing was switched in service
    written = stored(data, seeds)
    assert 0 < len(written) < len(expected_ids)  # the kill landed midway: some chunks, not all
    assert written < set(expected_ids)
    settings = make_settings(data).model_copy(update={"seeds_dir": seeds})
    with pytest.raises(IndexUnavailable):
        Engine(settings, embed_model=HashEmbedding()).ask("What does the with statement do?")

    result = subprocess.run(INDEX_WITH_FAKE, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    ids, count = served(data, seeds)
    assert ids == expected_ids and count == len(ids)  # complete, no duplicate, nothing extra

    # A second interruption, while re-indexing changed sources: the old index stays in service.
    changed = tmp_path / "changed"  # where the changed sources index without interruption
    for path in sorted(seeds.glob("*.txt"))[:15]:
        path.write_text(path.read_text() + "\nAn added closing line.\n", encoding="utf-8")
    subprocess.run(INDEX_WITH_FAKE, env=rag_env(changed, seeds), check=True, timeout=600)
    changed_ids, _ = served(changed, seeds)
    new_ids = set(changed_ids) - set(expected_ids)
    assert len(new_ids) >= 15

    kill_midway(INDEX_WITH_FAKE, env)
    landed = stored(data, seeds) & new_ids
    assert 0 < len(landed) < len(new_ids)  # some new chunks were written, not all
    still_ids, _ = served(data, seeds)
    assert still_ids == expected_ids
    engine = Engine(settings, embed_model=HashEmbedding())
    assert engine.stats()["chunks"] == len(expected_ids)  # every served chunk is present
    assert engine.ask("What does the with statement do?").passages
    subprocess.run(INDEX_WITH_FAKE, env=env, check=True, timeout=600)
    final_ids, final_count = served(data, seeds)
    assert final_ids == changed_ids and final_count == len(final_ids)


def test_chroma_server_outage_is_reported_and_recovered(tmp_path: Path, minilm) -> None:
    server = ChromaServer(tmp_path / "server").start()
    try:
        settings = make_settings(tmp_path / "data", chroma_url=server.url)
        engine = Engine.from_settings(settings, embed_model=minilm)
        assert not engine.ask("Who is Qin Gang?").abstained
        retriever = Engine.from_settings(settings, embed_model=minilm)
        assert retriever.retrieve("Who is Qin Gang?")
        server.stop()
        with pytest.raises(StoreUnavailable, match="unreachable"):
            engine.ask("Who is Qin Gang?")
        with pytest.raises(StoreUnavailable, match="unreachable"):
            retriever.retrieve("Who is Qin Gang?")  # retrieval alone says so too
        with pytest.raises(StoreUnavailable):
            engine.ask("Who is Qin Gang?")  # still a clear error, not a crash loop
        server.start()
        answer = engine.ask("Who is Qin Gang?")  # the same engine recovers by itself
        assert "Qin Gang" in answer.text
    finally:
        server.stop()


def test_chroma_server_outage_in_the_cli_is_one_line(tmp_path: Path, minilm) -> None:
    server = ChromaServer(tmp_path / "server").start()
    settings = make_settings(tmp_path / "data", chroma_url=server.url)
    Engine.from_settings(settings, embed_model=minilm)
    server.stop()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAG_", "OPENAI_"))}
    env |= {"RAG_DATA_DIR": str(settings.data_dir), "RAG_CHROMA_URL": server.url}
    result = subprocess.run(
        [RAG, "ask", "Who is Qin Gang?"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error:") and "Chroma server" in result.stderr


def test_data_directory_deleted_under_a_running_engine(fresh_index: Path, minilm) -> None:
    settings = make_settings(fresh_index)
    engine = Engine.from_settings(settings, embed_model=minilm, build=False)
    assert not engine.ask("Who is Qin Gang?").abstained
    shutil.rmtree(fresh_index)
    for _ in range(2):  # the same clear error each time, no crash loop
        with pytest.raises(RagError, match="rag index"):
            engine.ask("Who is Qin Gang?")
    engine.reindex()
    assert "Qin Gang" in engine.ask("Who is Qin Gang?").text
    # The rebuilt index is on disk, not only in this process: another process reads it.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAG_", "OPENAI_"))}
    env |= {"RAG_DATA_DIR": str(fresh_index)}
    result = subprocess.run(
        [RAG, "ask", "Who is Qin Gang?"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "Qin Gang" in result.stdout


def test_chroma_server_outage_in_the_web_chat_is_a_message(tmp_path: Path, minilm) -> None:
    from ui.chat import ChatApp

    server = ChromaServer(tmp_path / "server").start()
    try:
        settings = make_settings(tmp_path / "data", chroma_url=server.url)
        chat = ChatApp(Engine.from_settings(settings, embed_model=minilm))
        server.stop()
        *_, (history, _, _, _, _, status) = chat.respond("Who is Qin Gang?", [], None)
        assert "Chroma server" in history[-1]["content"] and "could not be produced" in status
        server.start()
        *_, (history, _, last, _, _, status) = chat.respond("Who is Qin Gang?", history, None)
        assert "Qin Gang" in history[-1]["content"] and last["citations"]
    finally:
        server.stop()
