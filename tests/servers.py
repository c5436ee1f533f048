"""Real servers the tests start on loopback, shared with the benchmarks."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from evals.bench.servers import ChromaServer, chroma_executable, free_port
from tests.helpers import SEEDS

__all__ = [
    "RAG",
    "ChromaServer",
    "chroma_executable",
    "environment",
    "free_port",
    "rag_chat",
    "wait_until_up",
]

RAG = str(Path(sys.executable).with_name("rag"))


def environment(data_dir: Path, **extra: str) -> dict[str, str]:
    """This process's environment without any RAG_ or OPENAI_ setting, pointed at `data_dir`."""
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


@contextmanager
def rag_chat(
    env: dict[str, str],
    logs: list[str] | None = None,
    processes: list[subprocess.Popen] | None = None,
) -> Iterator[str]:
    """`rag chat` in its own process on a free port; yields its URL, then stops it (its output
    appended to `logs`; the process appended to `processes`, for a caller that inspects it)."""
    port = free_port()
    process = subprocess.Popen(
        [RAG, "-v", "chat", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    if processes is not None:
        processes.append(process)
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        try:
            out, err = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
        if logs is not None:
            logs.append(out + err)
