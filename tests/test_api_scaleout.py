"""Scale-out: two `rag chat` processes on one Chroma server answer alike through /v1."""

from __future__ import annotations

from pathlib import Path

from openai import OpenAI

from rag.engine import Engine
from tests.helpers import make_settings
from tests.servers import ChromaServer, environment, rag_chat

API_KEY = "rag-api-key-DO-NOT-LOG-5678"
QUESTIONS = [
    "Where did Mr. Xi and Mr. Putin meet on Feb. 4?",
    "What has the U.S. been sending to Ukraine, according to Hua Chunying?",
    "Who is the Chinese ambassador to the United States?",
    "Who won the 2022 Super Bowl?",
]


def test_two_processes_on_one_chroma_server_answer_alike(tmp_path: Path, minilm) -> None:
    chroma = ChromaServer(tmp_path / "chroma").start()
    data = tmp_path / "data"  # the same data directory for both processes
    logs: list[str] = []
    try:
        Engine.from_settings(make_settings(data, chroma_url=chroma.url), embed_model=minilm)
        env = environment(data, RAG_CHROMA_URL=chroma.url, RAG_API_KEY=API_KEY)
        answers = []
        with rag_chat(env, logs) as first, rag_chat(env, logs) as second:
            for url in (first, second):
                api = OpenAI(base_url=f"{url}v1", api_key=API_KEY, max_retries=0)
                replies = [
                    api.chat.completions.create(
                        model="rag", messages=[{"role": "user", "content": q}]
                    )
                    for q in QUESTIONS
                ]
                answers.append(
                    [(r.choices[0].message.content, r.model_extra["citations"]) for r in replies]
                )
        assert answers[0] == answers[1]
        assert "Winter Olympic" in answers[0][0][0] and answers[0][0][1]
        assert not (data / "chroma").exists(), "the vectors live on the Chroma server"
    finally:
        chroma.stop()
    logs = "".join(logs)
    assert API_KEY not in logs, "the API key is never logged"
    assert "Uvicorn running on" in logs
