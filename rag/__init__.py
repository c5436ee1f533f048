"""Cited-answer engine: ask questions about your documents, get answers that cite the passages.

from rag import Engine
answer = Engine.from_settings().ask("Where did Mr. Xi and Mr. Putin meet on Feb. 4?")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rag.answer import Answer, Citation, Passage
    from rag.engine import Engine
    from rag.errors import RagError
    from rag.settings import Settings

__all__ = ["Answer", "Citation", "Engine", "Passage", "RagError", "Settings"]

_EXPORTS = {
    "Answer": "rag.answer",
    "Citation": "rag.answer",
    "Passage": "rag.answer",
    "Engine": "rag.engine",
    "RagError": "rag.errors",
    "Settings": "rag.settings",
}


def __getattr__(name: str) -> Any:
    # Lazy, so `import rag` (and `rag --help`) stays fast and loads no model.
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'rag' has no attribute {name!r}")
    import importlib

    from rag.offline import ensure_offline

    ensure_offline()
    return getattr(importlib.import_module(module), name)
