"""What the OpenAI-compatible API adds to an answer: `/v1/chat/completions` against `engine.ask`.

Both are timed in the same process and run, over the same engine, on questions neither has
seen (rewordings, so the question-embedding cache cannot flatter one side), interleaved so
that machine load hits both alike. The API side goes through the real server (uvicorn, FastAPI,
Gradio mounted beside it) and the real `openai` client on 127.0.0.1.
"""

from __future__ import annotations

import logging
import socket
import time
from typing import Any

import numpy as np

from evals.dataset import load_dataset
from rag.settings import Settings

logger = logging.getLogger(__name__)

TARGET_RATIO = 1.3  # the API's p50 over the direct p50
REWORDINGS = (
    "Question: {q}",
    "{q} Answer from the article.",
    "I would like to know: {q}",
    "Please tell me: {q}",
    "{q} Cite the passage.",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stats(samples: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(float(np.percentile(samples, 50)) * 1000, 2),
        "p95_ms": round(float(np.percentile(samples, 95)) * 1000, 2),
        "n": len(samples),
    }


def questions_for(count: int) -> list[str]:
    """The article's answerable single-turn questions, `count` of them at most."""
    rows = [q for q in load_dataset() if not q.history and q.answerable]
    return [q.question for q in rows[:count]]


def api_overhead(
    settings: Settings, *, embed_model: Any = None, questions: int = 20, rounds: int = 2
) -> dict[str, Any]:
    """p50/p95 of answers through `/v1/chat/completions` and through `engine.ask`, and their ratio.

    `questions` × `rounds` fresh questions go each way; the engine is warmed first (model
    loaded, index open, passages' sentences embedded) by asking every original once each way.
    """
    from openai import OpenAI

    from rag.engine import Engine
    from ui.app import launch

    settings = settings.model_copy(update={"ui_host": "127.0.0.1", "ui_port": _free_port()})
    engine = Engine.from_settings(settings, embed_model=embed_model)
    running, url = launch(settings, engine, block=False)
    try:
        key = settings.api_key.get_secret_value() if settings.api_key else "none"
        client = OpenAI(base_url=url + "v1", api_key=key, max_retries=0, timeout=120)

        def through_api(question: str) -> str:
            reply = client.chat.completions.create(
                model="rag", messages=[{"role": "user", "content": question}]
            )
            return reply.choices[0].message.content or ""

        def direct(question: str) -> str:
            return engine.ask(question).text

        originals = questions_for(questions)
        for question in originals:  # warm both paths
            direct(question)
            through_api(question)
        samples: dict[str, list[float]] = {"api": [], "direct": []}
        for index in range(rounds * len(originals)):
            question = originals[index % len(originals)]
            template_api = REWORDINGS[(2 * (index // len(originals))) % len(REWORDINGS)]
            template_direct = REWORDINGS[(2 * (index // len(originals)) + 1) % len(REWORDINGS)]
            steps = [("api", through_api, template_api), ("direct", direct, template_direct)]
            if index % 2:  # alternate which goes first
                steps.reverse()
            for name, ask, template in steps:
                started = time.perf_counter()
                ask(template.format(q=question))
                samples[name].append(time.perf_counter() - started)
    finally:
        running.close()
    api, plain = _stats(samples["api"]), _stats(samples["direct"])
    ratio = round(api["p50_ms"] / plain["p50_ms"], 2)
    logger.info("API p50 %.0f ms vs direct %.0f ms: %.2fx", api["p50_ms"], plain["p50_ms"], ratio)
    return {
        "api": api,
        "direct": plain,
        "ratio_p50": ratio,
        "ratio_p95": round(api["p95_ms"] / plain["p95_ms"], 2),
        "added_p50_ms": round(api["p50_ms"] - plain["p50_ms"], 2),
        "target_ratio": TARGET_RATIO,
        "meets_target": ratio <= TARGET_RATIO,
    }


if __name__ == "__main__":  # a standalone run: python -m evals.api_bench
    import json
    import sys

    from rag.offline import ensure_offline

    ensure_offline()
    sys.stdout.write(json.dumps(api_overhead(Settings()), indent=2) + "\n")
