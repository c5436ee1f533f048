"""`rag bench --quick` measures every section and writes its files; the faster encoder is exact."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

from evals.bench import QUESTION, TARGETS
from evals.cli import run_bench
from tests.helpers import make_settings

SECTIONS = (
    "Query path",
    "OpenAI-compatible API",
    "Cold start",
    "Ingestion",
    "Store scale",
    "Memory",
    "Targets",
    "Profile",
)


def _positive(value: object) -> bool:
    return isinstance(value, int | float) and value > 0


def test_quick_bench_measures_every_section(tmp_path: Path) -> None:
    page = tmp_path / "PAGE.md"
    results = run_bench(make_settings(tmp_path / "data"), quick=True, document=page)

    query = results["query_path"]
    for step in ("embed_question", "retrieve", "answer", "retrieve_cached_question"):
        assert _positive(query[step]["p50_ms"]) and query[step]["p95_ms"] >= query[step]["p50_ms"]
    for step in ("retrieve", "answer"):  # each speed figure has its same-run ratios
        assert _positive(query[step]["x_embed"]) and _positive(query[step]["x_stock"])
    assert query["stock_retrieve"]["n"] == query["retrieve"]["n"] > 0
    assert any("ncalls" in line for line in query["profile"])

    api = results["api"]  # the same questions through /v1 and engine.ask, in one run
    assert api["api"]["n"] == api["direct"]["n"] > 0
    assert _positive(api["api"]["p50_ms"]) and _positive(api["direct"]["p50_ms"])
    assert api["ratio_p50"] == round(api["api"]["p50_ms"] / api["direct"]["p50_ms"], 2)

    cold = results["cold_start"]
    for command in ("rag_ask", "stock_process", "rag_help"):
        assert _positive(cold[command]["median_s"]) and _positive(cold[command]["x_stock"])

    ingestion = results["ingestion"]
    assert ingestion["chunks"] > 0 and _positive(ingestion["chunks_per_s"])
    assert _positive(ingestion["x_bare_embed"]) and _positive(ingestion["reindex_unchanged_s"])
    assert ingestion["reindex_unchanged_embedded"] == 0  # nothing changed, nothing embedded

    store = results["scale"]["embedded_1000"]
    assert _positive(store["p50_ms"]) and _positive(store["disk_mb"])
    # The same chunks with their sentence collection: ~10 texts a chunk, as indexing stores.
    with_sentences = results["scale_sentences"]["embedded_1000"]
    assert with_sentences["sentences"] == 10 * with_sentences["chunks"] == 10_000
    assert with_sentences["vectors_per_get"] == 40  # 4 passages' 10 sentences, every get
    assert _positive(with_sentences["p50_ms"]) and _positive(with_sentences["x_chunk_query"])
    assert with_sentences["disk_mb"] > store["disk_mb"]

    memory = results["memory"]
    assert memory["rag_ask_peak_mb"] > 100 and memory["stock_process_peak_mb"] > 100
    chat, stock = memory["web_chat"], memory["stock_after_questions"]
    assert chat["questions"] == stock["questions"] == 8  # quick mode asks fewer than 50
    assert 100 < chat["rss_mb"] <= chat["peak_mb"] and 100 < stock["rss_mb"] <= stock["peak_mb"]
    assert memory["web_chat_x_stock_rss"] == round(chat["rss_mb"] / stock["rss_mb"], 2)

    assert [row["target"] for row in results["targets"]] == [label for label, *_ in TARGETS]
    measured = [row for row in results["targets"] if row["value"] is not None]
    assert len(measured) == len(TARGETS) - 1  # all but the 100k store, which quick mode skips

    (run_dir,) = (tmp_path / "data" / "bench").iterdir()  # the scratch work dir is gone
    saved = json.loads((run_dir / "bench.json").read_text())
    assert saved["ingestion"]["chunks"] == ingestion["chunks"]
    report = (run_dir / "bench.md").read_text()
    for heading in SECTIONS:
        assert re.search(rf"^### {heading}", report, re.MULTILINE), heading
    retrieve_row = re.search(r"^\| retrieve \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \|", report, re.M)
    assert retrieve_row and float(retrieve_row[1]) == query["retrieve"]["p50_ms"]
    api_row = re.search(r"^\| /v1/chat/completions \| ([\d.]+) \|", report, re.M)
    assert api_row and float(api_row[1]) == api["api"]["p50_ms"]
    assert f"{api['ratio_p50']}× at p50" in report
    chat_row = re.search(
        r"^\| web chat \(`rag chat`\) after 8 answers .*\| ([\d.]+) \|$", report, re.M
    )
    assert chat_row and float(chat_row[1]) == chat["peak_mb"]
    assert f"holds {memory['web_chat_x_stock_rss']}× the stock process" in report
    sentence_row = re.search(
        r"^\| embedded \| 1,000 \| 10,000 \| 10.0 \| 40 \| ([\d.]+) \|", report, re.M
    )
    assert sentence_row and float(sentence_row[1]) == with_sentences["p50_ms"]

    written = page.read_text()  # the whole page: the preamble, then the same sections
    assert written.startswith("# Benchmarks\n") and "rag bench --document" in written
    for heading in SECTIONS:
        assert re.search(rf"^## {heading}", written, re.MULTILINE), heading
    assert report.replace("### ", "## ") in written
    assert json.loads(page.with_suffix(".json").read_text()) == saved


def test_the_steady_state_figure_is_the_current_resident_size_not_the_peak() -> None:
    """After a process frees memory, its resident size drops below its peak: both are read."""
    from evals.bench.memory import resident_mb

    block = np.ones(200 * 2**20, dtype=np.uint8)  # touched pages: 200 MB resident
    during = resident_mb(Path("/proc/self/status").read_text())
    del block  # a block this large is unmapped when freed
    after = resident_mb(Path("/proc/self/status").read_text())
    assert during["rss_mb"] > after["rss_mb"] + 150  # the current size follows the freeing
    assert after["peak_mb"] > after["rss_mb"] + 150  # the peak remembers the block


def test_the_committed_benchmarks_page_is_the_tools_output() -> None:
    """BENCHMARKS.md is exactly what `rag bench --document` wrote from BENCHMARKS.json."""
    from evals.bench import to_document
    from tests.helpers import ROOT

    figures = json.loads((ROOT / "BENCHMARKS.json").read_text(encoding="utf-8"))
    assert not figures["quick"], "the committed page is a full run"
    assert (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8") == to_document(figures)


def test_torch_only_encoder_gives_the_sentence_transformers_vectors(minilm) -> None:
    """The cold-start speed-up must not change a vector: old indexes stay valid, answers same."""
    from pydoc_data.topics import topics

    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    from rag.embeddings import bundled_model_path

    reference = HuggingFaceEmbedding(
        model_name=str(bundled_model_path()), device="cpu", normalize=True, show_progress_bar=False
    )
    longest = max(topics.values(), key=len)  # far over 256 tokens: truncated alike
    texts = [QUESTION, longest, "", "Путин и Си Цзиньпин — 北京", "x " * 400, "NATO."]
    ours = np.array(minilm.get_text_embedding_batch(texts))
    theirs = np.array(reference.get_text_embedding_batch(texts))
    assert ours.shape == theirs.shape == (len(texts), 384)
    assert np.abs(ours - theirs).max() < 1e-5
    query = np.array(minilm.get_query_embedding(QUESTION))
    assert np.abs(query - np.array(reference.get_query_embedding(QUESTION))).max() < 1e-5
