"""Scale-out: two `rag chat` processes on one Chroma server answer alike through /v1."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from openai import OpenAI

from rag.engine import Engine
from tests.helpers import SEEDS, make_settings
from tests.servers import ChromaServer, free_port

RAG = str(Path(sys.executable).with_name("rag"))
API_KEY = "rag-api-key-DO-NOT-LOG-5678"
QUESTIONS = [
    "Where did Mr. Xi and Mr. Putin meet on Feb. 4?",
    "What has the U.S. been sending to Ukraine, according to Hua Chunying?",
    "Who is the Chinese ambassador to the United States?",
    "Who won the 2022 Super Bowl?",
]


def environment(data_dir: Path, **extra: str) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("RAG_", "OPENAI_"))},
        "RAG_DATA_DIR": str(data_dir),
        "RAG_SEEDS_DIR": str(SEEDS),
        **extra,
    }


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"rag chat exited: {process.stderr.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise AssertionError("rag chat did not come up in time")


def test_two_processes_on_one_chroma_server_answer_alike(tmp_path: Path, minilm) -> None:
    chroma = ChromaServer(tmp_path / "chroma").start()
    data = tmp_path / "data"  # the same data directory for both processes
    processes: list[subprocess.Popen] = []
    try:
        Engine.from_settings(make_settings(data, chroma_url=chroma.url), embed_model=minilm)
        env = environment(data, RAG_CHROMA_URL=chroma.url, RAG_API_KEY=API_KEY)
        ports = [free_port(), free_port()]
        for port in ports:
            processes.append(
                subprocess.Popen(
                    [RAG, "-v", "chat", "--port", str(port)],
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
            )
        for port, process in zip(ports, processes, strict=True):
            wait_until_up(f"http://127.0.0.1:{port}/", process)
        answers = []
        for port in ports:
            api = OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key=API_KEY, max_retries=0)
            replies = [
                api.chat.completions.create(model="rag", messages=[{"role": "user", "content": q}])
                for q in QUESTIONS
            ]
            answers.append(
                [(r.choices[0].message.content, r.model_extra["citations"]) for r in replies]
            )
        assert answers[0] == answers[1]
        assert "Winter Olympic" in answers[0][0][0] and answers[0][0][1]
        assert not (data / "chroma").exists(), "the vectors live on the Chroma server"
    finally:
        logs = ""
        for process in processes:
            process.terminate()
            try:
                out, err = process.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                out, err = process.communicate()
            logs += out + err
        chroma.stop()
    assert API_KEY not in logs, "the API key is never logged"
    assert "Uvicorn running on" in logs
