"""Settings: typed, read from RAG_* variables, documented, secrets never shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from rag.settings import AnswererMode, Settings

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_setting_is_described_and_documented_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    for name, field in Settings.model_fields.items():
        assert field.description, f"{name} has no description"
        variable = (
            field.validation_alias.choices[0] if field.validation_alias else f"RAG_{name.upper()}"
        )
        assert f"`{variable}`" in readme, f"{variable} is missing from the README"


def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAG_TOP_K", "7")
    monkeypatch.setenv("RAG_CHROMA_URL", "  ")
    settings = Settings(_env_file=None)
    assert settings.top_k == 7
    assert settings.chroma_url is None


def test_dotenv_file_is_read(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("RAG_CHUNK_SIZE=256\nOPENAI_BASE_URL=http://127.0.0.1:11434/v1\n")
    settings = Settings(_env_file=env)
    assert settings.chunk_size == 256
    assert settings.uses_openai_llm  # auto mode with a base URL means the model answers


def test_answerer_selection(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not Settings(_env_file=None).uses_openai_llm
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-abc")
    assert Settings(_env_file=None).uses_openai_llm
    assert not Settings(_env_file=None, llm=AnswererMode.extractive).uses_openai_llm


def test_invalid_values_are_rejected() -> None:
    with pytest.raises(ValidationError):
        Settings(_env_file=None, top_k=0)
    with pytest.raises(ValidationError):
        Settings(_env_file=None, retrieval_mode="magic")


def test_public_dict_hides_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-hide-me")
    monkeypatch.setenv("RAG_UI_AUTH", "admin:hunter2")
    settings = Settings(_env_file=None)
    shown = repr(settings.public_dict()) + repr(settings)
    assert "sk-test-hide-me" not in shown and "hunter2" not in shown
    assert settings.public_dict()["openai_api_key"] == "set (hidden)"
