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


def engine_over(tmp_path_factory: Any, embed_model: Any, name: str, text: str):
    """An engine over one document written for a test (`name` in seeds of its own)."""
    from rag.engine import Engine

    seeds = tmp_path_factory.mktemp(Path(name).stem)
    (seeds / name).write_text(text, encoding="utf-8")
    data_dir = tmp_path_factory.mktemp(f"{Path(name).stem}-data")
    return Engine.from_settings(
        Settings(_env_file=None, data_dir=data_dir, seeds_dir=seeds), embed_model=embed_model
    )


def launch_with_model(data_dir: Path, article_index: Path, base_url: str, embed_model: Any):
    """The web chat (and /v1) over a copy of the article index, answering with the model at
    `base_url` under the fake key; returns the running server and its URL."""
    import shutil

    from rag.engine import Engine
    from tests.servers import free_port
    from ui.app import launch

    shutil.copytree(article_index, data_dir)
    settings = make_settings(
        data_dir,
        llm="openai",
        openai_base_url=base_url,
        openai_api_key=OPENAI_KEY,
        ui_port=free_port(),
    )
    engine = Engine.from_settings(settings, embed_model=embed_model, build=False)
    return launch(settings, engine, block=False)


def eval_question(question: str, answers=(), evidence=(), kind: str = "fact", **extra: Any):
    """An eval question on the dev split (id "x" unless given), for the eval tests."""
    from evals.dataset import Question

    return Question(
        id=extra.pop("id", "x"),
        split=extra.pop("split", "dev"),
        kind=kind,
        question=question,
        answers=tuple(answers),
        evidence=tuple(evidence),
        **extra,
    )
