"""Follow-up questions: turn a question that leans on the conversation into a standalone one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

# Words that show a question leans on what was said before.
_DEPENDENT = re.compile(
    r"\b(he|she|they|him|her|them|his|hers|their|theirs|it|its|this|that|these|those|there|"
    r"then|the same|also|too|else|other|another)\b|^(and|but|so|what about|how about)\b",
    re.IGNORECASE,
)


def user_turns(history: Sequence[Any], limit: int) -> list[str]:
    """The user's past questions, newest last, at most `limit` of them.

    Accepts Gradio-style messages ({"role", "content"}) or (user, assistant) pairs.
    """
    turns: list[str] = []
    for item in history:
        if isinstance(item, dict):
            if item.get("role") == "user" and isinstance(item.get("content"), str):
                turns.append(item["content"])
        elif isinstance(item, list | tuple) and item and isinstance(item[0], str):
            turns.append(item[0])
        elif isinstance(item, str):
            turns.append(item)
    return turns[-limit:] if limit else []


def is_dependent(question: str) -> bool:
    return bool(_DEPENDENT.search(question)) or len(question.split()) <= 3


def condense_offline(question: str, turns: Sequence[str]) -> str:
    """Without an LLM: a dependent follow-up is joined to the previous question."""
    if not turns or not is_dependent(question):
        return question
    return f"{turns[-1].strip()} {question.strip()}"
