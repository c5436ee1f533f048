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

    memory = results["memory"]
    assert memory["rag_ask_peak_mb"] > 100 and memory["stock_process_peak_mb"] > 100
    assert memory["web_chat_peak_mb"].startswith("not measured")  # quick mode says so

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

    written = page.read_text()  # the whole page: the preamble, then the same sections
    assert written.startswith("# Benchmarks\n") and "rag bench --document" in written
    for heading in SECTIONS:
        assert re.search(rf"^## {heading}", written, re.MULTILINE), heading
    assert report.replace("### ", "## ") in written
    assert json.loads(page.with_suffix(".json").read_text()) == saved


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
