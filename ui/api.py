"""The OpenAI-compatible chat API beside the web chat: `/v1/chat/completions` and `/v1/models`.

Chat clients that speak OpenAI's protocol (Open WebUI, LibreChat, the `openai` package, curl)
ask the engine through it and get the cited answer, with the citations in an extension field.
Only `rag.Engine`'s public API is used; the request and response shapes are in `ui.api_models`.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, TypeVar

import anyio
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.exceptions import HTTPException

from rag.answer import Answer
from rag.engine import Engine
from rag.errors import BadQuestion, IndexUnavailable, RagError, StoreUnavailable
from rag.settings import AnswererMode, Settings
from ui.api_models import (
    ApiError,
    Usage,
    chunk,
    completion,
    completion_id,
    conversation,
    extension,
    model_card,
    model_list,
    parse_request,
)
from ui.api_usage import install_usage_meter, metered, metered_call

logger = logging.getLogger(__name__)

CONFIGURED_MODEL = "rag"  # the configured answerer: the LLM when there is one
EXTRACTIVE_MODEL = "rag-extractive"  # always the offline extractive answerer
MODELS = (CONFIGURED_MODEL, EXTRACTIVE_MODEL)
T = TypeVar("T")
_END = object()


class Answerers:
    """The engines behind the model names; the extractive one shares the model and the store."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._extractive = None if engine.settings.uses_openai_llm else engine
        self._lock = threading.Lock()

    def check(self, model: str) -> None:
        if model not in MODELS:
            raise ApiError(
                404,
                f"The model `{model}` does not exist; use one of: {', '.join(MODELS)}",
                param="model",
                code="model_not_found",
            )

    def ready(self, model: str) -> Engine | None:
        """The engine of `model` if it needs no building (then `get` builds it)."""
        self.check(model)
        return self.engine if model == CONFIGURED_MODEL else self._extractive

    def get(self, model: str) -> Engine:
        self.check(model)
        if model == CONFIGURED_MODEL:
            return self.engine
        with self._lock:
            if self._extractive is None:
                settings = self.engine.settings.model_copy(update={"llm": AnswererMode.extractive})
                self._extractive = Engine.from_settings(
                    settings, embed_model=self.engine.embed_model, build=False
                )
            return self._extractive


def _from_rag_error(exc: RagError) -> ApiError:
    if isinstance(exc, BadQuestion):
        return ApiError(400, str(exc), param="messages")
    if isinstance(exc, StoreUnavailable | IndexUnavailable):
        return ApiError(503, str(exc), kind="server_error", code="service_unavailable")
    return ApiError(500, str(exc), kind="server_error")


def _sse(payload: dict[str, Any] | str) -> str:
    data = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    return f"data: {data}\n\n"


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused with a 413 as soon as it is known to be over the limit."""
    declared = request.headers.get("content-length", "")
    too_big = ApiError(413, f"the request body is over the {limit // 1024:,} KB limit")
    if declared.isdigit() and int(declared) > limit:
        raise too_big
    body = bytearray()
    async for part in request.stream():
        body += part
        if len(body) > limit:
            raise too_big
    return bytes(body)


class ChatApi:
    """The handlers of the /v1 routes over one engine (and its extractive view)."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.answerers = Answerers(engine)
        self.settings = settings
        # Answers run in worker threads, as many at once as the web chat allows.
        self.limiter = anyio.CapacityLimiter(settings.ui_concurrency)

    async def _in_thread(self, fn: Callable[..., T], *args: Any) -> T:
        return await anyio.to_thread.run_sync(fn, *args, limiter=self.limiter)

    def authorize(self, request: Request) -> None:
        expected = self.settings.api_key
        if expected is None:
            return
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(
                401,
                "missing API key: send the header `Authorization: Bearer <RAG_API_KEY>`",
                code="invalid_api_key",
            )
        if not hmac.compare_digest(
            token.strip().encode(), expected.get_secret_value().strip().encode()
        ):
            raise ApiError(401, "incorrect API key", code="invalid_api_key")

    async def models(self) -> dict[str, Any]:
        return model_list(list(MODELS))

    async def model(self, model: str) -> dict[str, Any]:
        self.answerers.check(model)
        return model_card(model)

    async def chat_completions(self, request: Request) -> Any:
        started = time.perf_counter()
        body = await _read_body(request, self.settings.api_max_body_kb * 1024)
        chat = parse_request(body, self.settings.api_max_messages)
        engine = self.answerers.ready(chat.model)
        question, history = conversation(chat)
        meter = Usage()
        if engine is None:  # the extractive view of an LLM engine, on its first use
            engine = await self._in_thread(self.answerers.get, chat.model)
        if chat.stream:
            include_usage = bool(chat.stream_options and chat.stream_options.include_usage)
            steps = metered(engine.stream(question, history), meter)
            try:  # checks and retrieval happen before the first piece: their errors get a status
                first = await self._in_thread(next, steps, _END)
            except RagError as exc:
                raise _from_rag_error(exc) from None
            events = self._events(steps, first, chat.model, meter, include_usage)
            headers = {"cache-control": "no-cache", "x-accel-buffering": "no"}
            return StreamingResponse(events, media_type="text/event-stream", headers=headers)
        try:
            answer = await self._in_thread(metered_call, meter, engine.chat, question, history)
        except RagError as exc:
            raise _from_rag_error(exc) from None
        logger.info(
            "answered via /v1 (%s) in %.0f ms", chat.model, (time.perf_counter() - started) * 1000
        )
        return JSONResponse(completion(answer, chat.model, meter))

    async def _events(
        self,
        steps: Iterator[str | Answer],
        item: Any,
        model: str,
        meter: Usage,
        include_usage: bool,
    ) -> AsyncIterator[str]:
        """OpenAI's chunks: the role, the text as it comes, the finish with our citations."""
        ident = completion_id()
        usage_slot = {"usage": None} if include_usage else {}
        yield _sse(chunk(ident, model, {"role": "assistant", "content": ""}, **usage_slot))
        streamed = ""
        answer: Answer | None = None
        try:
            while item is not _END:
                if isinstance(item, Answer):
                    answer = item
                else:
                    streamed += item
                    yield _sse(chunk(ident, model, {"content": item}, **usage_slot))
                item = await self._in_thread(next, steps, _END)
        except RagError as exc:  # after the first byte the status is sent: the error is an event
            yield _sse(_from_rag_error(exc).body())
            return
        assert answer is not None
        # The model's text may be replaced after it streamed (unverified citations removed,
        # the rest renumbered; the extractive fallback): send what was not streamed yet, and
        # the final text beside the citations, which refer to it.
        if answer.text.startswith(streamed) and answer.text != streamed:
            rest = answer.text[len(streamed) :]
            yield _sse(chunk(ident, model, {"content": rest}, **usage_slot))
        tail = {**extension(answer), "text": answer.text}
        if include_usage:
            yield _sse(chunk(ident, model, {}, finish="stop", **usage_slot))
            yield _sse(chunk(ident, model, None, usage=meter.model_dump(), **tail))
        else:
            yield _sse(chunk(ident, model, {}, finish="stop", **tail))
        yield _sse("[DONE]")


def _error_response(_: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, HTTPException):
        error = ApiError(exc.status_code, str(exc.detail))
    else:
        error = exc if isinstance(exc, ApiError) else ApiError(500, "internal error")
    return JSONResponse(error.body(), status_code=error.status)


def build_api(engine: Engine, settings: Settings | None = None) -> FastAPI:
    """A FastAPI app serving /v1; the web chat is mounted on it by `ui.app.launch`."""
    settings = settings or engine.settings
    install_usage_meter()
    api = ChatApi(engine, settings)
    router = APIRouter(prefix="/v1", dependencies=[Depends(api.authorize)])
    router.add_api_route("/models", api.models, methods=["GET"])
    router.add_api_route("/models/{model}", api.model, methods=["GET"])
    router.add_api_route("/chat/completions", api.chat_completions, methods=["POST"])
    app = FastAPI(title="Cited answers", docs_url=None, redoc_url=None, openapi_url=None)
    app.include_router(router)
    app.add_exception_handler(ApiError, _error_response)
    app.add_exception_handler(HTTPException, _error_response)
    return app


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_api_bind(settings: Settings) -> None:
    """Refuse to serve /v1 beyond this machine without a key, unless forced."""
    key = settings.api_key
    if key is not None and not key.get_secret_value().strip():
        raise RagError("RAG_API_KEY is empty; set a key or unset the variable")
    if is_loopback(settings.ui_host) or key is not None or settings.ui_allow_public:
        return
    raise RagError(
        f"refusing to serve the API on {settings.ui_host} without a key: set RAG_API_KEY "
        "(or RAG_UI_ALLOW_PUBLIC=true to expose it anyway)"
    )
