"""Load: 16 concurrent conversations × 5 questions through the running web app's API."""

from __future__ import annotations

import re
import shutil
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytestmark = pytest.mark.load

CONVERSATIONS = 16
QUESTIONS = [
    "Where did Mr. Xi and Mr. Putin meet on Feb. 4?",
    "Who is the Chinese ambassador to the United States?",
    "Who is the C.I.A. director?",
    "What did the joint statement say about NATO?",
    "Who won the 2022 Super Bowl?",
]


def test_sixteen_conversations_at_once(tmp_path: Path, article_index: Path, minilm) -> None:
    from gradio_client import Client

    from rag.engine import Engine
    from tests.helpers import make_settings
    from tests.servers import free_port
    from ui.app import launch

    data = tmp_path / "data"
    shutil.copytree(article_index, data)
    settings = make_settings(data, ui_port=free_port())
    engine = Engine.from_settings(settings, embed_model=minilm, build=False)
    single = {q: engine.ask(q) for q in QUESTIONS}  # what one user alone gets
    demo, url = launch(settings, engine, block=False)

    def conversation(index: int) -> list[tuple[str, dict, float]]:
        client = Client(url, verbose=False)
        results = []
        for turn in range(len(QUESTIONS)):
            question = QUESTIONS[(index + turn) % len(QUESTIONS)]
            started = time.perf_counter()
            answer = client.predict(question, api_name="/ask")
            results.append((question, answer, time.perf_counter() - started))
        return results

    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=CONVERSATIONS) as pool:
            futures = [pool.submit(conversation, i) for i in range(CONVERSATIONS)]
            results = [item for future in futures for item in future.result(timeout=600)]
        wall = time.perf_counter() - started
    finally:
        demo.close()

    assert len(results) == CONVERSATIONS * len(QUESTIONS)
    for question, answer, _ in results:
        assert "error" not in answer, answer
        assert answer["text"] == single[question].text
        numbers = {int(n) for n in re.findall(r"\[(\d+)\]", answer["text"])}
        assert numbers == {c["number"] for c in answer["citations"]}
        for citation in answer["citations"]:
            assert " ".join(citation["quote"].split()) in " ".join(citation["text"].split())
    latencies = sorted(seconds * 1000 for _, _, seconds in results)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(
        f"\nload: {len(results)} answers in {wall:.1f}s, p50 "
        f"{statistics.median(latencies):.0f} ms, p95 {p95:.0f} ms"
    )
