"""The query path: warm retrieval and answers against the bare embedding and the stock pipeline."""

from __future__ import annotations

import cProfile
import io
import pstats
import re
import sysconfig
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals.bench.measure import stats
from rag.settings import Settings

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
# Rewordings no other row asks: the "new question in a warm process" row.
NEW_VARIANTS = ("Could you say: {q}", "{q} What does the report say?")


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
    result["new_question"] = new_question(settings, embed_model, questions)
    result["profile"] = profile_answers(engine, questions)
    return result


def new_question(settings: Settings, embed_model, questions: list[str]) -> dict[str, Any]:
    """Answers to reworded, never-asked questions in a warm process with a cold sentence cache.

    A fresh engine: the model is loaded and the index open, but no answer has been given, so
    no sentence vector is cached; each question is a rewording no other row asks. Against the
    bare query embedding, measured interleaved in the same run.
    """
    from rag.engine import Engine

    engine = Engine.from_settings(settings, embed_model=embed_model, build=False)
    engine.retrieve("What is this about?")  # open the index; no sentence is scored
    engine.ask("What is the headline?")  # the reader answers it from the document structure
    measured: dict[str, list[float]] = {"embed_question": [], "new_question": []}
    for question in questions:
        for name, step, template in (
            ("embed_question", embed_model.get_query_embedding, NEW_VARIANTS[0]),
            ("new_question", engine.ask, NEW_VARIANTS[1]),
        ):
            started = time.perf_counter()
            step(variant(template, question))
            measured[name].append(time.perf_counter() - started)
    result: dict[str, Any] = {name: stats(samples) for name, samples in measured.items()}
    floor = result["embed_question"]
    for key in ("p50", "p95"):
        result[f"x_embed_{key}"] = round(
            result["new_question"][f"{key}_ms"] / floor[f"{key}_ms"], 2
        )
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
    root = str(Path(__file__).resolve().parents[2]) + "/"
    stdlib = sysconfig.get_paths()["stdlib"] + "/"
    lines = [  # paths relative to the checkout, site-packages or the standard library
        re.sub(r"\S*/site-packages/", "", line.strip()).replace(root, "").replace(stdlib, "")
        for line in buffer.getvalue().splitlines()
        if line.strip()
    ]
    start = next(i for i, line in enumerate(lines) if line.startswith("ncalls"))
    return lines[start : start + 15]
