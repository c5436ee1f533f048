"""The /v1 API with real clients: the README's curl and Python examples, eight clients at once,
a model server upstream, and the latency benchmark."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from openai import OpenAI

from tests.api_fixtures import API_KEY, QUESTION, client, extra, served
from tests.helpers import launch_with_model, make_settings
from tests.openai_server import Reply, passage_number

__all__ = ["served"]
README = Path(__file__).resolve().parent.parent / "README.md"
QUESTIONS = [
    QUESTION,
    "Who is the Chinese ambassador to the United States?",
    "Who is the C.I.A. director?",
    "What did the joint statement say about NATO?",
    "Who won the 2022 Super Bowl?",
]


def readme_section() -> str:
    text = README.read_text(encoding="utf-8")
    return text.split("## OpenAI-compatible API", 1)[1].split("\n## ", 1)[0]


def test_readme_curl_examples_work(served) -> None:
    blocks = re.findall(r"```sh\n(curl .*?)```", readme_section(), re.S)
    assert len(blocks) >= 3
    env = {**os.environ, "RAG_API_KEY": API_KEY}
    seen = set()
    for block in blocks:
        command = block.replace("http://127.0.0.1:7860/", served.url)
        result = subprocess.run(
            ["bash", "-c", command], capture_output=True, text=True, env=env, timeout=120
        )
        assert result.returncode == 0, result.stderr
        out = result.stdout.strip()
        if out.startswith("data:"):
            events = [line[6:] for line in out.splitlines() if line.startswith("data: ")]
            assert events[-1] == "[DONE]"
            assert json.loads(events[-2])["citations"], "the last chunk carries citations"
            seen.add("stream")
        elif json.loads(out).get("object") == "list":
            assert [m["id"] for m in json.loads(out)["data"]] == ["rag", "rag-extractive"]
            seen.add("models")
        else:
            answer = json.loads(out)
            assert "[1]" in answer["choices"][0]["message"]["content"]
            assert answer["citations"][0]["number"] == 1
            seen.add("chat")
    assert seen == {"stream", "models", "chat"}


def test_readme_python_example_works(served) -> None:
    code = re.search(r"```python\n(.*?)```", readme_section(), re.S).group(1)
    code = code.replace("http://127.0.0.1:7860/", served.url)
    env = {**os.environ, "RAG_API_KEY": API_KEY}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    answer_line = result.stdout.splitlines()[0]
    assert "Winter Olympic Games" in answer_line and answer_line.endswith("[1]")
    assert result.stdout.splitlines()[1].startswith("[1] seeds/")


def test_eight_clients_at_once_get_the_single_client_answers(served) -> None:
    def ask(api: OpenAI, question: str) -> tuple[str, list[dict[str, Any]]]:
        reply = api.chat.completions.create(
            model="rag", messages=[{"role": "user", "content": question}]
        )
        return reply.choices[0].message.content, extra(reply)["citations"]

    alone = {q: ask(client(served), q) for q in QUESTIONS}

    def conversation(index: int) -> list[tuple[str, Any]]:
        api = client(served)
        order = QUESTIONS[index % 5 :] + QUESTIONS[: index % 5]
        return [(q, ask(api, q)) for q in order]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = [r for rs in pool.map(conversation, range(8)) for r in rs]
    assert len(results) == 40
    for question, got in results:
        assert got == alone[question]


def test_model_answers_through_the_api_with_its_token_counts(
    server, tmp_path: Path, article_index: Path, minilm
) -> None:
    running, url = launch_with_model(tmp_path / "data", article_index, server.base_url, minilm)

    def cite(request: dict[str, Any]) -> str:
        n = passage_number(request, "Winter Olympic Games")
        return f"They met in Beijing at the opening of the Winter Olympic Games [{n}]."

    try:
        api = OpenAI(base_url=url + "v1", api_key="unused", max_retries=0)
        server.will(Reply(cite, usage=(321, 17)), Reply(cite, usage=(300, 20)))
        reply = api.chat.completions.create(
            model="rag", messages=[{"role": "user", "content": QUESTION}]
        )
        assert reply.choices[0].message.content.endswith("Winter Olympic Games [1].")
        assert "Winter Olympic Games" in extra(reply)["citations"][0]["quote"]
        assert (reply.usage.prompt_tokens, reply.usage.completion_tokens) == (321, 17)
        chunks = list(
            api.chat.completions.create(
                model="rag",
                messages=[{"role": "user", "content": QUESTION}],
                stream=True,
                stream_options={"include_usage": True},
            )
        )
        assert chunks[-1].usage.prompt_tokens == 300 and chunks[-1].usage.total_tokens == 320
        asked = len(server.requests)
        offline = api.chat.completions.create(
            model="rag-extractive", messages=[{"role": "user", "content": QUESTION}]
        )
        assert len(server.requests) == asked, "the extractive model does not call the LLM"
        assert offline.usage.total_tokens == 0 and extra(offline)["citations"]
    finally:
        running.close()


def test_api_bench_times_both_paths_in_one_run(tmp_path: Path, article_index: Path, minilm) -> None:
    from evals.api_bench import api_overhead

    data = tmp_path / "data"
    shutil.copytree(article_index, data)
    result = api_overhead(make_settings(data), embed_model=minilm, questions=2, rounds=1)
    assert result["api"]["n"] == result["direct"]["n"] == 2
    assert result["ratio_p50"] == round(result["api"]["p50_ms"] / result["direct"]["p50_ms"], 2)
    assert result["target_ratio"] == 1.3
