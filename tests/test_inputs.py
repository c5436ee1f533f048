"""Inputs real documents contain: accented names, curly quotes, UTF-16/32 files, bad uploads."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from index.loaders import UnreadableSource, load_source
from rag.engine import Engine
from rag.retrieval import build_bm25
from tests.fakes import HashEmbedding
from tests.helpers import make_settings

CAFE = (
    "Café Renée is a small bistro on the Rue Cler in Paris. It is owned by Hélène Dubois, "
    "who bought it from her aunt in 2015. The bistro’s “crème brûlée” is known across the "
    "neighbourhood.\n"
)
OTHERS = {
    "a-harbor.txt": "The Harbor Bakery on Pine Street is owned by Marta Olsen. She opened it "
    "in 1998 and bakes rye bread every morning.\n",
    "b-library.txt": "The town library moved to the old post office in 2003. Its reading room "
    "holds four thousand books on local history.\n",
    "c-ferry.txt": "The ferry to the island leaves at seven every morning and returns at six "
    "in the evening, except on public holidays.\n",
}


def cafe_settings(data: Path, seeds: Path, **overrides):
    return make_settings(data, **overrides).model_copy(update={"seeds_dir": seeds})


@pytest.fixture(scope="module")
def cafe_seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seeds = tmp_path_factory.mktemp("cafe") / "seeds"  # sources are named seeds/...
    seeds.mkdir()
    for name, text in OTHERS.items():
        (seeds / name).write_text(text, encoding="utf-8")
    (seeds / "z-cafe.txt").write_text(CAFE, encoding="utf-8")  # last: no tie falls its way
    return seeds


@pytest.fixture(scope="module")
def cafe_data(tmp_path_factory: pytest.TempPathFactory, cafe_seeds: Path, minilm) -> Path:
    data = tmp_path_factory.mktemp("cafe-data")
    Engine.from_settings(cafe_settings(data, cafe_seeds), embed_model=minilm)
    return data


@pytest.mark.parametrize(
    "question",
    [
        "Who owns Café Renée?",
        "Who owns Cafe Renee?",
        "Who owns “Café Renée”?",
        "who owns café renée",
    ],
)
def test_accented_names_are_answered_with_the_accents_kept(
    cafe_data: Path, cafe_seeds: Path, minilm, question: str
) -> None:
    engine = Engine.from_settings(
        cafe_settings(cafe_data, cafe_seeds), embed_model=minilm, build=False
    )
    answer = engine.ask(question)
    assert not answer.abstained, answer.text
    assert "Hélène Dubois" in answer.text
    assert answer.citations[0].source == "seeds/z-cafe.txt"
    assert "Hélène Dubois" in answer.citations[0].quote  # quotes keep the original text
    text = engine.source_text("seeds/z-cafe.txt")
    quote = answer.citations[0].quotes[0]
    assert text[quote.start : quote.end] == quote.quote


@pytest.mark.parametrize("question", ["renee", "RENÉE", "creme brulee", "crème brûlée"])
def test_bm25_matches_with_or_without_accents(
    cafe_data: Path, cafe_seeds: Path, minilm, question: str
) -> None:
    engine = Engine.from_settings(
        cafe_settings(cafe_data, cafe_seeds), embed_model=minilm, build=False
    )
    hits = build_bm25(engine.nodes(), top_k=4).retrieve(question)
    assert hits[0].node.metadata["source"] == "seeds/z-cafe.txt" and hits[0].score > 0
    assert all(hit.score == 0 for hit in hits[1:])  # no other document has the word
    assert "Renée" in hits[0].node.get_content()  # BM25 sees folded text; the node keeps its own


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path: Path, codec: str) -> None:
    bom = {
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE,
        "utf-32-be": codecs.BOM_UTF32_BE,
    }[codec]
    path = tmp_path / "notes.txt"
    path.write_bytes(bom + CAFE.encode(codec))
    loaded = load_source(path)
    assert loaded.text == CAFE and not loaded.warnings


def test_utf16_file_is_indexed_and_answerable(fake_settings) -> None:
    data = codecs.BOM_UTF16_LE + CAFE.encode("utf-16-le")
    (fake_settings.seeds_dir / "cafe.txt").write_bytes(data)
    engine = Engine.from_settings(fake_settings, embed_model=HashEmbedding())
    assert "seeds/cafe.txt" not in engine.stats()["skipped"]
    assert engine.source_text("seeds/cafe.txt") == CAFE
    assert any("Hélène Dubois" in node.get_content() for node in engine.nodes())


def test_binary_without_a_mark_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00" * 50)
    with pytest.raises(UnreadableSource, match="binary"):
        load_source(path)


def test_skipped_upload_is_deleted_and_the_reason_shown(fake_settings) -> None:
    engine = Engine.from_settings(fake_settings, embed_model=HashEmbedding())
    seed_junk = fake_settings.seeds_dir / "junk.txt"
    seed_junk.write_bytes(b"\x00\x01" * 100)
    report = engine.add_files([("photo.txt", b"\x89PNG\x00\x00" * 100), ("ok.txt", CAFE.encode())])
    reason = report.skipped["uploads/photo.txt"]
    assert "binary" in reason and "deleted" in reason
    assert not (fake_settings.uploads_dir / "photo.txt").exists()
    assert seed_junk.exists()  # a seed file is the user's own: reported, never deleted
    names = [source.name for source in engine.sources()]
    assert "uploads/ok.txt" in names and "uploads/photo.txt" not in names
    assert "uploads/photo.txt" not in engine.stats()["skipped"]
    assert engine.reindex().skipped.keys() == {"seeds/junk.txt"}  # nothing lingers
