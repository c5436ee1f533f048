"""Paths, keys and settings shared by the test modules (fixtures stay in conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rag.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ARTICLE = next(SEEDS.glob("*.txt"))
ARTIFACTS = ROOT / "artifacts"
OPENAI_KEY = "sk-test-DO-NOT-LEAK-1234"  # a recognisable fake key that must never show


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    """Settings for a test: its own data directory, the article's seeds, no .env file."""
    return Settings(_env_file=None, data_dir=data_dir, seeds_dir=SEEDS, **overrides)
