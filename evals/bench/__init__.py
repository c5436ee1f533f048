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
from evals.bench.memory import CHAT_QUESTIONS, memory
from evals.bench.processes import cold_start
from evals.bench.query import query_path
from evals.bench.report import TARGETS, targets, to_document, to_markdown
from evals.bench.scale import SCALE_SIZES, SERVER_SIZES, scale
from evals.bench.scale_sentences import scale_sentences
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
    sizes, server_sizes = (SCALE_SIZES[:1], []) if quick else (SCALE_SIZES, SERVER_SIZES)
    results["scale"] = scale(settings, sizes, server_sizes)
    progress("store scale with the sentence collection")
    results["scale_sentences"] = scale_sentences(
        settings, sizes[-1], server_sizes[-1] if server_sizes else None, results["scale"]
    )
    progress(
        f"memory: web chat and stock process after {min(len(questions), CHAT_QUESTIONS)} questions"
    )
    results["memory"] = memory(settings, results["cold_start"], questions[:CHAT_QUESTIONS])
    results["targets"] = targets(results)
    results["total_s"] = round(time.perf_counter() - started, 1)
    return results
