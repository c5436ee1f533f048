"""Token usage of one API request: the counts the model server reports for the LLM calls made
while answering it, gathered from llama-index's instrumentation events.

Each request runs the engine inside its own context holding its meter, so answers running at
the same time in other threads never add to each other's counts.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from ui.api_models import Usage

T = TypeVar("T")
_END = object()
_meter: contextvars.ContextVar[Usage | None] = contextvars.ContextVar("api_usage", default=None)


def _count_llm_tokens(event: Any) -> None:
    from llama_index.core.instrumentation.events.llm import LLMChatEndEvent

    meter = _meter.get()
    if meter is None or not isinstance(event, LLMChatEndEvent) or event.response is None:
        return
    counts = event.response.additional_kwargs or {}
    meter.add(int(counts.get("prompt_tokens") or 0), int(counts.get("completion_tokens") or 0))


def install_usage_meter() -> None:
    """Listen to llama-index's LLM events (once per process)."""
    from llama_index.core.instrumentation import get_dispatcher
    from llama_index.core.instrumentation.event_handlers import BaseEventHandler

    class UsageMeter(BaseEventHandler):
        @classmethod
        def class_name(cls) -> str:
            return "RagApiUsageMeter"

        def handle(self, event: Any, **kwargs: Any) -> None:
            _count_llm_tokens(event)

    dispatcher = get_dispatcher()
    if not any(h.class_name() == UsageMeter.class_name() for h in dispatcher.event_handlers):
        dispatcher.add_event_handler(UsageMeter())


def _context(meter: Usage) -> contextvars.Context:
    context = contextvars.copy_context()
    context.run(_meter.set, meter)
    return context


def metered(steps: Iterator[T], meter: Usage) -> Iterator[T]:
    """Run every step of `steps` in one context whose meter is `meter`."""
    context = _context(meter)
    while True:
        item = context.run(next, steps, _END)
        if item is _END:
            return
        yield item


def metered_call(meter: Usage, fn: Callable[..., T], *args: Any) -> T:
    """`fn(*args)`, with the LLM calls it makes counted on `meter`."""
    return _context(meter).run(fn, *args)
