"""Real servers the tests start on loopback, shared with the benchmarks."""

from __future__ import annotations

from evals.bench.servers import ChromaServer, chroma_executable, free_port

__all__ = ["ChromaServer", "chroma_executable", "free_port"]
