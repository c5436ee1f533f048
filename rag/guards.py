"""Checks at the library's edge, each written once: questions, upload names, the data directory.

The engine, the store and the indexer all call these, so a user sees the same message
whichever of them meets the problem first.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from rag.errors import BadQuestion, RagError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FIX = "set RAG_DATA_DIR to a writable directory"


def check_question(question: object, limit: int) -> str:
    """The question cleaned up, or BadQuestion saying what is wrong with it."""
    if not isinstance(question, str):
        raise BadQuestion("the question must be text")
    cleaned = _CONTROL.sub(" ", question).strip()
    if not cleaned:
        raise BadQuestion("the question is empty; type a question about the documents")
    if len(cleaned) > limit:
        raise BadQuestion(
            f"the question is {len(cleaned):,} characters long; the limit is {limit:,}"
        )
    return cleaned


def safe_file_name(name: str) -> str:
    """A file name that cannot leave its directory: base name only, tame characters."""
    base = re.split(r"[\\/]", str(name))[-1]
    base = re.sub(r"[^\w.\- ]+", "_", base, flags=re.UNICODE).strip(" .")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = stem[:100] or "upload"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def ensure_writable_dir(path: Path) -> None:
    """Create a directory of the data directory, or say clearly why it cannot be used."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RagError(
            f"the data directory {path} cannot be created ({exc.strerror}); {_FIX}"
        ) from exc
    if not os.access(path, os.W_OK | os.X_OK):
        raise RagError(f"the data directory {path} is not writable; {_FIX}")
