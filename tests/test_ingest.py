"""Ingestion: cleaning keeps offsets, chunks are stable, re-indexing is idempotent and safe."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.chunking import ChunkerConfig, chunk_source, sentence_spans
from index.cleaning import unwrap
from index.loaders import UnreadableSource, load_source
from index.manifest import Manifest
from index.pipeline import run_index
from rag.store import open_client
from rag.textutil import collapse
from tests.fakes import HashEmbedding
from tests.helpers import ARTICLE


def test_unwrap_joins_hard_line_breaks_and_keeps_offsets() -> None:
    raw = ARTICLE.read_text(encoding="utf-8")
    clean = unwrap(raw)
    # hard line breaks inside a paragraph are gone; header lines and paragraphs stay apart
    assert "Over three months, senior Biden administration officials held half a dozen" in (
        clean.text
    )
    assert "according to U.S. officials. Each time, the Chinese officials" in clean.text
    assert clean.text.startswith(
        "U.S. Officials Repeatedly Urged China to Help Avert War in Ukraine\nAmericans presented"
    )
    assert "were repeatedly rebuffed.\nFeb. 25, 2022\nWASHINGTON —\n\nOver three months" in (
        clean.text
    )
    for i, char in enumerate(clean.text):
        if not char.isspace():
            assert raw[clean.offsets[i]] == char


def test_unwrap_keeps_paragraphs_and_markdown_blocks() -> None:
    clean = unwrap("# Title\nfirst line\nsecond line\n\n- item one\n- item two\n")
    assert clean.text == "# Title\nfirst line second line\n\n- item one\n- item two"


def test_sentences_do_not_break_at_abbreviations() -> None:
    text = unwrap(ARTICLE.read_text(encoding="utf-8")).text
    sentences = [text[a:b] for a, b in sentence_spans(text)]
    assert any(
        s.startswith("But the verbal grenades") and s.endswith("Winter Olympic Games in Beijing.")
        for s in sentences
    )
    assert not any(s.endswith(("Mr.", "Feb.", "Nov.")) for s in sentences)


def test_a_sentence_end_that_lost_its_space_still_splits() -> None:
    text = (
        "Keys are not stable between runs of the server.This is meant to stop floods. See os.path."
    )
    sentences = [text[a:b] for a, b in sentence_spans(text)]
    assert sentences == [
        "Keys are not stable between runs of the server.",
        "This is meant to stop floods.",
        "See os.path.",
    ]


def test_chunk_ids_are_stable_and_sentences_locate_in_the_source() -> None:
    raw = ARTICLE.read_text(encoding="utf-8")
    config = ChunkerConfig(chunk_size=128, chunk_overlap=16)
    first = chunk_source("seeds/a.txt", unwrap(raw), config)
    second = chunk_source("seeds/a.txt", unwrap(raw), config)
    assert [n.node_id for n in first] == [n.node_id for n in second]
    assert len({n.node_id for n in first}) == len(first)
    other_source = chunk_source("seeds/b.txt", unwrap(raw), config)
    assert not {n.node_id for n in first} & {n.node_id for n in other_source}
    for node in first:
        meta = node.metadata
        assert collapse(raw[meta["start"] : meta["end"]]) == collapse(node.text)
        for start, end, src_start, src_end in json.loads(meta["sentences"]):
            assert collapse(raw[src_start:src_end]) == collapse(node.text[start:end])


def test_a_chunk_never_cuts_a_quotable_sentence() -> None:
    """A sentence cut at a chunk's end ("…the same day Mr.") or start would be quoted cut."""
    clean = unwrap(ARTICLE.read_text(encoding="utf-8"))
    whole = {clean.raw_span(a, b) for a, b in sentence_spans(clean.text)}
    nodes = chunk_source("seeds/a.txt", clean, ChunkerConfig(chunk_size=128, chunk_overlap=16))
    quoted = [
        (src_start, src_end)
        for node in nodes
        for _, _, src_start, src_end in json.loads(node.metadata["sentences"])
    ]
    # the headline and deck lines are not prose sentences of the body, but every other quote is
    # a whole sentence, and the one that once ended on "Mr." among them
    cut = [span for span in quoted if span not in whole]
    assert not cut, [ARTICLE.read_text(encoding="utf-8")[a:b][-40:] for a, b in cut]
    raw = ARTICLE.read_text(encoding="utf-8")
    # and no chunk begins mid-sentence: its overlap with the one before starts at a sentence
    firsts = {a for a, _ in whole} | {0}
    assert all(node.metadata["start"] in firsts for node in nodes)
    assert any(
        collapse(raw[a:b]).endswith(
            "the same day Mr. Putin ordered the new troops into Russia-backed enclaves of Ukraine."
        )
        for a, b in quoted
    )


def test_a_chunk_opening_with_this_or_it_starts_with_the_sentence_it_leans_on() -> None:
    """ "This is called X." names the sentence before it: a chunk never begins between them."""
    steps = [f"Step {n} of the recipe adds one more spoon of flour." for n in range(8)]
    raw = (
        "Baking\n======\n\n"
        + " ".join(steps[:3])
        + " A baker may fold the dough twice before it rests. This is called a double fold. "
        + " ".join(steps)
        + "\n\nOther notes\n===========\n\nThis section lists nothing.\n"
    )
    config = ChunkerConfig(chunk_size=64, chunk_overlap=0)
    texts = [node.text for node in chunk_source("notes.txt", unwrap(raw), config)]
    # (at this size the splitter alone cuts between the two sentences)
    assert any(t.startswith("A baker may fold the dough twice") for t in texts)
    assert all("fold the dough twice before it rests." in t for t in texts if "double fold." in t)
    # never reaching back over a heading into another section
    assert not any("flour" in t and "lists nothing" in t for t in texts)


def test_loaders_reject_binary_and_empty_files_and_decode_cp1252(tmp_path: Path) -> None:
    with pytest.raises(UnreadableSource, match="binary"):
        load_source(tmp_path / "x.txt", b"\x00\x01\x02PNG\x00" * 20)
    with pytest.raises(UnreadableSource, match="empty"):
        load_source(tmp_path / "x.txt", b"  \n\t ")
    loaded = load_source(tmp_path / "x.txt", "café crème".encode("cp1252"))
    assert loaded.text == "café crème"
    assert "UTF-8" in loaded.warnings[0]
    with pytest.raises(UnreadableSource, match="unsupported"):
        load_source(tmp_path / "x.exe", b"MZ")


def test_html_loader_drops_scripts_and_styles(tmp_path: Path) -> None:
    html = (
        b"<html><head><style>p{}</style></head><body><p>Visible text.</p>"
        b"<script>alert(1)</script></body></html>"
    )
    loaded = load_source(tmp_path / "page.html", html)
    assert "Visible text." in loaded.text
    assert "alert" not in loaded.text and "p{}" not in loaded.text


def test_broken_pdf_is_skipped_with_a_reason(tmp_path: Path) -> None:
    with pytest.raises(UnreadableSource, match="PDF"):
        load_source(tmp_path / "broken.pdf", b"%PDF-1.4\n this is not really a pdf")


def _collection(settings):
    manifest = Manifest.load(settings.manifest_path)
    return manifest, open_client(settings).get_collection(manifest.collection)


def test_reindex_unchanged_embeds_nothing_and_never_duplicates(fake_settings) -> None:
    first = run_index(fake_settings, embed_model=HashEmbedding())
    assert first.embedded == first.chunks > 5
    second = run_index(fake_settings, embed_model=HashEmbedding())
    assert second.embedded == 0
    assert second.chunks == first.chunks
    _, collection = _collection(fake_settings)
    assert collection.count() == first.chunks


def test_changed_source_replaces_its_chunks_and_removed_source_is_deleted(fake_settings) -> None:
    seeds = fake_settings.seeds_dir
    (seeds / "extra.md").write_text("# Extra\n\nThe otter festival is held in May.\n")
    first = run_index(fake_settings, embed_model=HashEmbedding())
    article = next(seeds.glob("*.txt"))
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("37 times", "38 times"), encoding="utf-8")
    changed = run_index(fake_settings, embed_model=HashEmbedding())
    assert 0 < changed.embedded < first.chunks  # only the chunk holding the change
    assert changed.removed == changed.embedded
    manifest, collection = _collection(fake_settings)
    assert collection.count() == len(manifest.chunk_ids) == changed.chunks
    documents = " ".join(collection.get(include=["documents"])["documents"])
    assert "38 times" in documents and "37 times" not in documents

    (seeds / "extra.md").unlink()
    removed = run_index(fake_settings, embed_model=HashEmbedding())
    manifest, collection = _collection(fake_settings)
    assert "seeds/extra.md" not in manifest.sources
    assert removed.removed >= 1
    assert "otter" not in " ".join(collection.get(include=["documents"])["documents"])


def test_changed_chunker_rebuilds_without_mixing(fake_settings) -> None:
    run_index(fake_settings, embed_model=HashEmbedding())
    smaller = fake_settings.model_copy(update={"chunk_size": 64})
    report = run_index(smaller, embed_model=HashEmbedding())
    assert report.rebuilt and "chunker" in report.rebuilt
    assert report.embedded == report.chunks
    client = open_client(smaller)
    names = [getattr(c, "name", c) for c in client.list_collections()]
    current = Manifest.load(smaller.manifest_path).collection
    # the old collections are gone: vectors of two setups never mix
    assert sorted(names) == [current, f"{current}-sentences"]


def test_bad_files_are_skipped_with_reasons_and_the_rest_indexed(fake_settings) -> None:
    seeds = fake_settings.seeds_dir
    (seeds / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (seeds / "empty.md").write_bytes(b"")
    (seeds / "latin.txt").write_bytes("Le café de la gare ouvre à midi.".encode("cp1252"))
    (seeds / "notes.docx").write_bytes(b"PK\x03\x04")
    report = run_index(fake_settings, embed_model=HashEmbedding())
    assert "binary" in report.skipped["seeds/image.txt"]
    assert "empty" in report.skipped["seeds/empty.md"]
    assert "unsupported" in report.skipped["seeds/notes.docx"]
    assert "seeds/latin.txt" in report.warnings
    manifest = Manifest.load(fake_settings.manifest_path)
    assert set(manifest.sources) == {f"seeds/{ARTICLE.name}", "seeds/latin.txt"}


def test_index_remembers_the_injected_model_and_refuses_another(fake_settings, minilm) -> None:
    from rag.engine import Engine
    from rag.errors import IndexUnavailable

    run_index(fake_settings, embed_model=HashEmbedding())
    manifest = Manifest.load(fake_settings.manifest_path)
    assert manifest.fingerprint["embed_class"] == "HashEmbedding"
    assert manifest.fingerprint["embed_model"] == "hash-fake-64"
    # The real model must not query vectors the fake wrote: a clear refusal, not mixed vectors.
    with pytest.raises(IndexUnavailable, match="rag index"):
        Engine(fake_settings, embed_model=minilm).ask("Who is Qin Gang?")
