"""The benchmark itself works: `rag bench --quick` measures every section and writes its files."""

from __future__ import annotations

import json
from pathlib import Path

from evals.bench import main
from tests.conftest import make_settings


def test_quick_bench_measures_every_section(tmp_path: Path) -> None:
    results = main(make_settings(tmp_path / "data"), quick=True)
    query = results["query_path"]
    for step in ("embed_question", "retrieve", "answer", "stock_retrieve"):
        assert query[step]["p50_ms"] > 0 and query[step]["p95_ms"] >= query[step]["p50_ms"]
    assert query["retrieve"]["x_embed"] > 0 and query["profile"]
    assert results["cold_start"]["rag_ask"]["median_s"] > 0
    assert results["cold_start"]["rag_ask"]["x_stock"] > 0
    ingestion = results["ingestion"]
    assert ingestion["chunks"] > 0 and ingestion["chunks_per_s"] > 0
    assert ingestion["reindex_unchanged_embedded"] == 0
    assert results["scale"]["embedded_1000"]["p50_ms"] > 0
    assert results["memory"]["rag_ask_peak_mb"] > 100
    assert {row["target"] for row in results["targets"]} and len(results["targets"]) == 7

    (run_dir,) = (tmp_path / "data" / "bench").iterdir()
    saved = json.loads((run_dir / "bench.json").read_text())
    assert saved["ingestion"]["chunks"] == ingestion["chunks"]
    report = (run_dir / "bench.md").read_text()
    for heading in ("Query path", "Cold start", "Ingestion", "Store scale", "Memory", "Targets"):
        assert heading in report
