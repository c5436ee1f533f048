"""Nothing phones home: `rag index` and `rag ask` run in a network namespace with only loopback,
under strace, and attempt no connection (DNS and telemetry included) to any other address."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from rag.offline import OFFLINE_ENV
from tests.helpers import SEEDS

RAG = str(Path(sys.executable).with_name("rag"))
# `connect(3, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.0.0.2")}, 16)`
INET = re.compile(r'inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)"')


def isolated(command: list[str], trace: Path) -> list[str]:
    """Run `command` with no network but loopback, tracing every connect() of every thread."""
    unshare = ["unshare", "-n"] if os.geteuid() == 0 else ["unshare", "-r", "-n"]
    traced = ["strace", "-f", "-qq", "-e", "trace=connect", "-o", str(trace), *command]
    inner = "ip link set lo up && exec " + " ".join(f"'{part}'" for part in traced)
    return [*unshare, "sh", "-c", inner]


def outside_addresses(trace: Path) -> list[str]:
    """Each connect() line whose address is neither loopback nor a local (AF_UNIX) socket."""
    found = []
    for line in trace.read_text().splitlines():
        for v4, v6 in INET.findall(line):
            address = v4 or v6
            if not (address.startswith("127.") or address in {"::1", "::ffff:127.0.0.1"}):
                found.append(line)
    return found


def test_index_and_ask_attempt_no_connection_but_loopback(tmp_path: Path) -> None:
    assert shutil.which("unshare") and shutil.which("strace"), "needs util-linux and strace"
    # The command must switch telemetry and the model hub off itself, not inherit it from pytest.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("RAG_", "OPENAI_")) and k not in OFFLINE_ENV
    }
    env |= {
        "RAG_DATA_DIR": str(tmp_path / "data"),
        "RAG_SEEDS_DIR": str(SEEDS),
        "RAG_LLM": "extractive",
    }
    runs = {
        "index": [RAG, "index"],
        "ask": [RAG, "ask", "Who is Qin Gang?"],
    }
    for name, command in runs.items():
        trace = tmp_path / f"{name}.strace"
        result = subprocess.run(
            isolated(command, trace), env=env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr
        assert trace.exists()  # strace ran and followed the command
        assert outside_addresses(trace) == [], name
    assert "Qin Gang" in result.stdout and "[1]" in result.stdout
