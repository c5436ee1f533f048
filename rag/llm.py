"""The LLM seam: llama-index's OpenAI-compatible client, built when first needed.

The key is read from the settings only here, when the client is built; it never goes into a
log line or an error message.
"""

from __future__ import annotations

from typing import Any

from rag.errors import RagError
from rag.settings import Settings

# llama-index and the openai client would each retry on their own (timeouts included);
# retries are done in rag.generation instead, on 429 and 5xx only, within a deadline.
_NO_RETRIES = 0


def build_llm(settings: Settings) -> Any:
    """An OpenAI-compatible chat LLM (OpenAI itself, or Ollama, vLLM, llama.cpp...)."""
    try:
        from llama_index.llms.openai_like import OpenAILike
    except ImportError as exc:  # pragma: no cover - a broken install
        raise RagError("the openai answerer needs llama-index-llms-openai-like") from exc
    if settings.openai_api_key is not None:
        key = settings.openai_api_key.get_secret_value()
    elif settings.openai_base_url:
        key = "not-needed"  # local servers accept any key
    else:
        raise RagError("RAG_LLM=openai needs OPENAI_API_KEY or OPENAI_BASE_URL")
    return OpenAILike(
        model=settings.openai_model,
        api_base=settings.openai_base_url or "https://api.openai.com/v1",
        api_key=key,
        temperature=settings.temperature,
        max_tokens=settings.max_tokens,
        timeout=settings.llm_timeout,
        max_retries=_NO_RETRIES,
        is_chat_model=True,
        context_window=16384,
        # Streams end with the token counts (OpenAI, vLLM, Ollama, llama.cpp send them), so
        # the /v1 API can report the model's usage; llama-index drops it from plain calls.
        additional_kwargs={"stream_options": {"include_usage": True}},
    )
