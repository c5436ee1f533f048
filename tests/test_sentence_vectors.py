"""Sentence vectors stored with the index: they follow the chunks' life cycle, and a new
question in a warm process costs one embedding (the question's)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from index.manifest import Manifest
from index.pipeline import run_index
from rag.embeddings import embed_identity
from rag.sentence_vectors import sentence_collection_name, sentence_id
from rag.store import get_collection, open_client
from tests.fakes import HashEmbedding
from tests.helpers import ARTICLE, make_settings

# The seed wraps its lines: the edit stays within one line, the checks read unwrapped text.
OLD, NEW = "officials held half a", "officials held nearly a"
OLD_TEXT, NEW_TEXT = "held half a dozen", "held nearly a dozen"


def _sentences(settings) -> tuple[Manifest, Any]:
    manifest = Manifest.load(settings.manifest_path)
    client = open_client(settings)
    return manifest, get_collection(client, sentence_collection_name(manifest.collection))


def _sources(collection) -> list[str]:
    return [meta["source"] for meta in collection.get(include=["metadatas"])["metadatas"]]


def _texts_with(collection, source: str, fragment: str, texts: list[str]) -> list[str]:
    ids = set(collection.get(ids=[sentence_id(source, t) for t in texts], include=[])["ids"])
    return [t for t in texts if fragment in t and sentence_id(source, t) in ids]


def _article_nodes(settings) -> list[Any]:
    from index.chunking import ChunkerConfig, chunk_source
    from index.cleaning import unwrap
    from index.loaders import load_source

    path = settings.seeds_dir / ARTICLE.name
    text = load_source(path, path.read_bytes()).text
    config = ChunkerConfig(settings.chunk_size, settings.chunk_overlap)
    return chunk_source(f"seeds/{ARTICLE.name}", unwrap(text), config)


def _article_texts(settings) -> list[str]:
    from index.vectors import sentence_records

    return [t for _, t in sentence_records(_article_nodes(settings)).values()]


def test_sentences_are_stored_once_and_unchanged_sources_embed_nothing(fake_settings) -> None:
    first = run_index(fake_settings, embed_model=HashEmbedding())
    manifest, collection = _sentences(fake_settings)
    stored = manifest.sources[f"seeds/{ARTICLE.name}"].sentences
    assert first.sentences_embedded == stored == collection.count() > first.chunks
    again = run_index(fake_settings, embed_model=HashEmbedding())
    assert (again.embedded, again.sentences_embedded) == (0, 0)
    assert collection.count() == stored


def test_changed_source_replaces_its_sentences(fake_settings) -> None:
    run_index(fake_settings, embed_model=HashEmbedding())
    seed = fake_settings.seeds_dir / ARTICLE.name
    before = _article_texts(fake_settings)
    seed.write_text(seed.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    report = run_index(fake_settings, embed_model=HashEmbedding())
    _, collection = _sentences(fake_settings)
    source = f"seeds/{ARTICLE.name}"
    after = _article_texts(fake_settings)
    assert 0 < report.sentences_embedded < collection.count()  # only the changed ones
    assert _texts_with(collection, source, NEW_TEXT, after)
    assert not _texts_with(collection, source, OLD_TEXT, before)
    assert collection.count() == len(set(after))


def test_removed_source_deletes_its_sentences(fake_settings) -> None:
    extra = fake_settings.seeds_dir / "extra.md"
    extra.write_text("# Otters\n\nThe otter swims in the cold river at dawn.\n", encoding="utf-8")
    run_index(fake_settings, embed_model=HashEmbedding())
    _, collection = _sentences(fake_settings)
    assert "seeds/extra.md" in _sources(collection)
    extra.unlink()
    run_index(fake_settings, embed_model=HashEmbedding())
    manifest, collection = _sentences(fake_settings)
    assert "seeds/extra.md" not in _sources(collection)
    assert collection.count() == manifest.sources[f"seeds/{ARTICLE.name}"].sentences


def test_changed_chunker_rebuilds_the_sentences(fake_settings) -> None:
    run_index(fake_settings, embed_model=HashEmbedding())
    old, _ = _sentences(fake_settings)
    smaller = fake_settings.model_copy(update={"chunk_size": 64})
    report = run_index(smaller, embed_model=HashEmbedding())
    manifest, collection = _sentences(smaller)
    assert report.sentences_embedded == collection.count() > 0
    names = {getattr(c, "name", c) for c in open_client(smaller).list_collections()}
    assert names == {manifest.collection, sentence_collection_name(manifest.collection)}
    assert sentence_collection_name(old.collection) not in names


def _graph(collection) -> tuple[int, int]:
    hnsw = collection.configuration_json["hnsw"]
    return hnsw["ef_construction"], hnsw["max_neighbors"]


def test_sentence_vectors_read_alike_from_the_sparse_graph_and_an_older_index_keeps_its_own(
    fake_settings,
) -> None:
    """The sentence collection is never searched by vector, so it is built with a cheap graph;
    an index whose sentence collection was made before keeps its graph and reads the same."""
    import numpy as np

    run_index(fake_settings, embed_model=HashEmbedding())
    manifest, sparse = _sentences(fake_settings)
    assert _graph(sparse) == (10, 4)
    chunks = get_collection(open_client(fake_settings), manifest.collection)
    assert _graph(chunks) == (100, 16)  # searched by vector: Chroma's default graph, as before
    # Another data directory whose sentence collection was made as before: the default graph.
    older = fake_settings.model_copy(update={"data_dir": fake_settings.data_dir.parent / "older"})
    name = sentence_collection_name(manifest.collection)
    open_client(older).create_collection(name, metadata=chunks.metadata)  # as it was made
    assert run_index(older, embed_model=HashEmbedding()).sentences_embedded == sparse.count()
    assert run_index(older, embed_model=HashEmbedding()).sentences_embedded == 0
    _, kept = _sentences(older)
    assert _graph(kept) == (100, 16)  # indexing into it twice left its graph alone
    ids = sorted(sparse.get(include=[])["ids"])
    new, old = (c.get(ids=ids, include=["embeddings", "metadatas"]) for c in (sparse, kept))
    assert new["ids"] == old["ids"] and new["metadatas"] == old["metadatas"]
    assert np.array_equal(np.asarray(new["embeddings"]), np.asarray(old["embeddings"]))


class _KilledAfter(HashEmbedding):
    """Embeds `batches` batches, then dies as a killed process would (mid-index)."""

    batches: int = 1
    identity: tuple[str, str] = ("HashEmbedding", HashEmbedding().model_name)  # the same setup

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        if self.batches <= 0:
            raise KeyboardInterrupt
        self.batches -= 1
        return [self._vector(t) for t in texts]


def test_a_kill_while_embedding_sentences_keeps_the_old_index_served(fake_settings) -> None:
    from rag.engine import Engine

    run_index(fake_settings, embed_model=HashEmbedding())
    served, collection = _sentences(fake_settings)
    seed = fake_settings.seeds_dir / ARTICLE.name
    seed.write_text(seed.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    from index.vectors import existing_ids, sentence_records

    new_chunks = [n for n in _article_nodes(fake_settings) if n.node_id not in served.chunk_ids]
    new = sentence_records(_article_nodes(fake_settings))
    new_sentences = len(new) - len(existing_ids(collection, list(new)))
    assert new_sentences >= 2
    # One text per batch: die after the new chunks and the first new sentence are stored.
    one_by_one = fake_settings.model_copy(update={"embed_batch_size": 1})
    with pytest.raises(KeyboardInterrupt):
        run_index(one_by_one, embed_model=_KilledAfter(batches=len(new_chunks) + 1))
    assert Manifest.load(fake_settings.manifest_path).to_json() == served.to_json()
    source = f"seeds/{ARTICLE.name}"
    assert collection.count() == served.sources[source].sentences + 1  # partly written...
    engine = Engine(fake_settings, embed_model=HashEmbedding())
    served_text = " ".join(node.get_content() for node in engine.nodes())
    assert OLD_TEXT in served_text and NEW_TEXT not in served_text  # ...but the old index is served
    assert not engine.ask("How many urgent meetings did officials hold?").abstained
    resumed = run_index(fake_settings, embed_model=HashEmbedding())
    assert resumed.embedded == 0  # the chunk was durable; the sentences resume
    manifest, collection = _sentences(fake_settings)
    assert collection.count() == manifest.sources[source].sentences
    assert resumed.sentences_embedded == new_sentences - 1


class _Counting(BaseEmbedding):
    """Wraps the real model and counts the texts it embeds (questions and passages alike)."""

    _inner: Any = PrivateAttr()
    _texts: list[str] = PrivateAttr(default_factory=list)

    def __init__(self, inner: BaseEmbedding) -> None:
        super().__init__(model_name=inner.model_name)
        self._inner = inner

    @property
    def identity(self) -> tuple[str, str]:
        return embed_identity(self._inner)

    def _get_query_embedding(self, query: str) -> list[float]:
        self._texts.append(query)
        return self._inner.get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        self._texts.append(text)
        return self._inner.get_text_embedding(text)

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        self._texts.extend(texts)
        return self._inner.get_text_embedding_batch(texts)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)


def test_a_new_question_in_a_warm_process_embeds_only_itself(
    tmp_path: Path, article_index: Path, minilm
) -> None:
    from rag.engine import Engine

    data = tmp_path / "copy"
    shutil.copytree(article_index, data)
    counting = _Counting(minilm)
    engine = Engine.from_settings(make_settings(data), embed_model=counting, build=False)
    engine.ask("When did the Olympics open in Beijing?")  # warm: index open, intents ready
    counting._texts.clear()
    question = "Which envoy did White House officials meet at the Chinese Embassy?"
    answer = engine.ask(question)
    assert "Qin Gang" in answer.text
    assert counting._texts == [question]
