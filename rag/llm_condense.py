"""Follow-up questions with an LLM configured: it writes the standalone question, and the
offline rewrite (rag/conversation.py) stands in when its reply is unusable."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rag.conversation import condense_offline, is_dependent

CONDENSE_PROMPT = """Rewrite the user's last question as one standalone question that can be
understood without the conversation, resolving pronouns from the earlier questions.
Reply with the question only."""


def condense_with_llm(llm: Any, question: str, turns: Sequence[str]) -> str:
    """Ask the LLM for a standalone question; only a dependent question is sent."""
    if not turns or not is_dependent(question):
        return question
    from llama_index.core.llms import ChatMessage, MessageRole

    earlier = "\n".join(f"- {turn}" for turn in turns)
    reply = llm.chat(
        [
            ChatMessage(role=MessageRole.SYSTEM, content=CONDENSE_PROMPT),
            ChatMessage(
                role=MessageRole.USER,
                content=f"Earlier questions:\n{earlier}\n\nLast question: {question}",
            ),
        ]
    )
    text = (reply.message.content or "").strip().strip('"').strip()
    if not text or len(text) > 4 * len(question) + 200:
        return condense_offline(question, turns)
    return text.splitlines()[0]
