"""The web chat's handlers: Gradio messages in, engine calls, escaped HTML out.

Gradio's message format (content as a list of typed blocks) is read here, so the engine only
sees plain role/content turns.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from rag.answer import Answer
from rag.engine import Engine
from rag.errors import BadQuestion, RagError
from ui import render


def _text_of(content: Any) -> str | None:
    """The text of a chat message; Gradio 6 sends content as a list of typed blocks."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return content.get("text") if isinstance(content.get("text"), str) else None
    if isinstance(content, list):
        texts = [_text_of(part) for part in content]
        joined = " ".join(t for t in texts if t)
        return joined or None
    return None


def _history_for_engine(history: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Past turns as plain role/content pairs (the engine reads the user's questions)."""
    turns = []
    for message in history:
        text = _text_of(message.get("content"))
        if text is not None:
            turns.append({"role": str(message.get("role", "")), "content": text})
    return turns


class ChatApp:
    """The handlers behind the page; each browser session keeps its own conversation."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def respond(
        self, message: str, history: list[dict[str, Any]] | None, last: dict | None
    ) -> Iterator[tuple[Any, ...]]:
        history = list(history or [])
        asked = {"role": "user", "content": message}
        try:
            question = self.engine.check_question(message)
        except BadQuestion as exc:
            note = f"⚠️ {render.escape(str(exc)[0].upper() + str(exc)[1:])}."
            yield history, "", last, gr.skip(), gr.skip(), note
            return
        previous = _history_for_engine(history)
        history = [*history, asked, {"role": "assistant", "content": "…"}]
        yield history, "", last, gr.skip(), gr.skip(), "Searching the sources…"
        text = ""
        answer: Answer | None = None
        try:
            for item in self.engine.stream(question, previous):
                if isinstance(item, Answer):
                    answer = item
                else:
                    text += item
                    history[-1] = {"role": "assistant", "content": render.escape(text)}
                    yield history, gr.skip(), last, gr.skip(), gr.skip(), "Writing the answer…"
        except RagError as exc:
            history[-1] = {"role": "assistant", "content": f"⚠️ {render.escape(str(exc))}"}
            note = "The answer could not be produced."
            yield history, gr.skip(), last, gr.skip(), gr.skip(), note
            return
        assert answer is not None
        history[-1] = {"role": "assistant", "content": render.answer_html(answer)}
        yield (  # the box is left alone: the next question may already be in it
            history,
            gr.skip(),
            answer.model_dump(),
            render.sources_html(answer),
            gr.Tabs(selected="sources"),
            render.status_line(answer),
        )

    def show_citation(self, number: str, last: dict | None) -> tuple[Any, Any]:
        if not last:
            return gr.skip(), gr.skip()
        answer = Answer.model_validate(last)
        citation = next((c for c in answer.citations if str(c.number) == number.strip()), None)
        if citation is None:
            return gr.skip(), gr.skip()
        try:
            text = self.engine.source_text(citation.source)
        except RagError as exc:
            return f'<p class="rag-notice">{render.escape(str(exc))}</p>', gr.Tabs(
                selected="document"
            )
        spans = [(quote.start, quote.end) for quote in citation.quotes]
        structure = self._structure_of(citation.source)
        view = render.document_html(citation.source, text, spans=spans, structure=structure)
        return view, gr.Tabs(selected="document")

    def _structure_of(self, source: str) -> Any:
        """The source's headline, date and dateline, for the document view's header (or None)."""
        try:
            infos = self.engine.sources()
        except RagError:
            return None  # the header is an extra; the text and its highlight still show
        return next((info.structure for info in infos if info.name == source), None)

    def sources(self) -> tuple[str, Any]:
        try:
            infos = self.engine.sources()
        except RagError as exc:
            return f'<p class="rag-notice">{render.escape(str(exc))}</p>', gr.Dropdown(choices=[])
        listing = render.sources_list_html([(s.name, s.chunks, s.removable) for s in infos])
        removable = [s.name for s in infos if s.removable]
        return listing, gr.Dropdown(choices=removable, value=None)

    def upload(
        self,
        files: list[Any] | None,
        progress=gr.Progress(),  # noqa: B008 - how Gradio injects it
    ) -> tuple[str, str, Any]:
        if not files:
            listing, choices = self.sources()
            return "Choose one or more files first.", listing, choices
        limit = self.engine.settings.upload_max_mb * 1_000_000
        loaded = []
        for item in files:
            path = Path(getattr(item, "name", item))
            size = path.stat().st_size
            if size > limit:  # refuse before reading it into memory
                listing, choices = self.sources()
                return (
                    f"⚠️ {render.escape(path.name)}: {size / 1e6:.0f} MB is over the "
                    f"{self.engine.settings.upload_max_mb:g} MB limit",
                    listing,
                    choices,
                )
            loaded.append((path.name, path.read_bytes()))

        def report(done: int, total: int, stage: str) -> None:
            progress(done / max(total, 1), desc=f"{stage} {done}/{total} chunks")

        try:
            result = self.engine.add_files(loaded, progress=report)
        except RagError as exc:
            listing, choices = self.sources()
            return f"⚠️ {render.escape(str(exc))}", listing, choices
        names = ", ".join(render.escape(name) for name, _ in loaded)
        chunks = "chunk" if result.embedded == 1 else "chunks"
        message = f"Indexed {names}: {result.embedded} new {chunks}."
        skipped = [f"{render.escape(k)}: {render.escape(v)}" for k, v in result.skipped.items()]
        if skipped:
            message += " Skipped " + "; ".join(skipped) + "."
        listing, choices = self.sources()
        return message, listing, choices

    def remove(self, name: str | None) -> tuple[str, str, Any]:
        if not name:
            listing, choices = self.sources()
            return "Choose an uploaded source to remove.", listing, choices
        try:
            self.engine.remove_source(name)
            message = f"Removed {render.escape(name)}."
        except RagError as exc:
            message = f"⚠️ {render.escape(str(exc))}"
        listing, choices = self.sources()
        return message, listing, choices

    def api_ask(self, question: str) -> dict[str, Any]:
        """The `/ask` API endpoint: the whole answer with its citations, as JSON."""
        try:
            return self.engine.ask(question).model_dump()
        except RagError as exc:
            return {"error": str(exc)}
