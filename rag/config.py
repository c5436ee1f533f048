"""Loading the settings: one-line errors, and a warning for each unknown `RAG_*` variable."""

from __future__ import annotations

import difflib
import logging
import os
from pathlib import Path

from pydantic import ValidationError

from rag.settings import Settings

logger = logging.getLogger(__name__)


def known_variables() -> dict[str, str]:
    """Environment variable → settings field, for every variable the settings read."""
    known: dict[str, str] = {}
    for name, info in Settings.model_fields.items():
        known[f"RAG_{name.upper()}"] = name
        alias = info.validation_alias
        for choice in getattr(alias, "choices", []):
            if isinstance(choice, str) and choice.isupper():
                known[choice] = name
    return known


_warned: set[str] = set()


def warn_unknown(names: list[str]) -> list[str]:
    """Warn once per unknown RAG_* variable, suggesting the closest known one."""
    known = known_variables()
    messages = []
    for name in sorted(set(names)):
        if not name.upper().startswith("RAG_") or name.upper() in known:
            continue
        close = difflib.get_close_matches(name.upper(), list(known), n=1, cutoff=0.75)
        message = f"unknown setting {name}" + (f"; did you mean {close[0]}?" if close else "")
        messages.append(message)
        if name not in _warned:
            _warned.add(name)
            logger.warning(message)
    return messages


def load_settings(env_file: str | Path | None = ".env", **overrides: object) -> Settings:
    """The settings from the environment and `.env`, or a RagError of one line saying what is wrong.

    Unknown `RAG_*` variables (a typo such as RAG_TOPK) are warned about once, with the
    closest known name.
    """
    from rag.errors import RagError

    names = [key for key in os.environ if key.upper().startswith("RAG_")]
    if env_file is not None and Path(env_file).is_file():
        from dotenv import dotenv_values

        names += [key for key in dotenv_values(env_file) if key.upper().startswith("RAG_")]
    warn_unknown(names)
    try:
        return Settings(_env_file=env_file, **overrides)
    except ValidationError as exc:
        raise RagError(f"invalid settings: {describe_errors(exc)}") from None


def describe_errors(exc: ValidationError) -> str:
    """Pydantic's errors as `RAG_NAME: reason; ...`, without its links and input dumps."""
    problems = []
    for err in exc.errors():
        message = str(err["msg"]).removeprefix("Value error, ")
        if err["loc"]:
            field = str(err["loc"][0])
            name = field if field.isupper() else f"RAG_{field.upper()}"
            problems.append(f"{name}: {message}")
        else:
            problems.append(message)
    return "; ".join(problems)
