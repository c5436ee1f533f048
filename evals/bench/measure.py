"""Timing and process measurement shared by the benchmark sections."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from rag.errors import RagError
from rag.settings import Settings

QUESTION = "Where did Mr. Xi and Mr. Putin meet on Feb. 4?"


def ms(seconds: float) -> float:
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
        "p50_ms": ms(float(np.percentile(samples, 50))),
        "p95_ms": ms(float(np.percentile(samples, 95))),
        "n": len(samples),
    }


def bench_env(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAG_", "OPENAI_"))}
    env |= {
        "RAG_DATA_DIR": str(settings.data_dir),
        "RAG_SEEDS_DIR": str(settings.seeds_dir),
        "RAG_LLM": "extractive",
    }
    return env


def rag_command() -> str:
    return str(Path(sys.executable).with_name("rag"))


def dir_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6, 2)


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
