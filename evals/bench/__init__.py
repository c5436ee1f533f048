"""`rag bench`: speed, memory and scale benchmarks, one module per section.

`run` measures every section in turn; `evals.cli.run_bench` prints and writes the report.
"""

from __future__ import annotations

import logging
import os
import platform
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from evals.api_bench import api_overhead
from evals.bench.ingestion import ingestion
from evals.bench.measure import QUESTION
from evals.bench.processes import cold_start, memory
from evals.bench.query import query_path
from evals.bench.report import TARGETS, targets, to_document, to_markdown
from evals.bench.scale import SCALE_SIZES, SERVER_SIZES, scale
from evals.dataset import load_dataset
from rag.settings import AnswererMode, Settings

__all__ = ["QUESTION", "TARGETS", "run", "to_document", "to_markdown"]

logger = logging.getLogger(__name__)


def _machine() -> str:
    from importlib.metadata import version

    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    packages = ", ".join(
        f"{name} {version(name)}" for name in ("torch", "chromadb", "llama-index-core")
    )
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, {memory_gb:.0f} GiB, "
        f"Python {platform.python_version()}, {packages}"
    )


def run(settings: Settings, quick: bool = False, progress: Callable[[str], None] = logger.info):
    """Every section in turn, on the data directory given (which it fills)."""
    from rag.embeddings import build_embed_model

    started = time.perf_counter()
    settings = settings.model_copy(update={"llm": AnswererMode.extractive})
    embed_model = build_embed_model(settings)
    questions = list(dict.fromkeys(q.question for q in load_dataset()))
    if quick:
        questions = questions[:8]
    results: dict[str, Any] = {
        "when": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "machine": _machine(),
        "quick": quick,
    }
    progress("query path: warm retrieval and answers, bare embedding, stock pipeline")
    results["query_path"] = query_path(settings, embed_model, questions)
    progress("chat API: /v1/chat/completions against engine.ask")
    results["api"] = api_overhead(
        settings, embed_model=embed_model, questions=4 if quick else 20, rounds=2
    )
    progress("cold start: fresh processes")
    results["cold_start"] = cold_start(settings, repeats=1 if quick else 5)
    progress("ingestion: CPython's pydoc topics")
    results["ingestion"] = ingestion(settings, embed_model, topics=5 if quick else 79)
    progress("store scale: Chroma embedded" + ("" if quick else " and server"))
    results["scale"] = scale(
        settings, SCALE_SIZES[:1] if quick else SCALE_SIZES, [] if quick else SERVER_SIZES
    )
    progress("memory: web chat" if not quick else "memory")
    results["memory"] = memory(settings, results["cold_start"], with_chat=not quick)
    results["targets"] = targets(results)
    results["total_s"] = round(time.perf_counter() - started, 1)
    return results
