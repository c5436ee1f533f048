"""Request and response shapes of the OpenAI-compatible API, and the pure shaping between them.

Kept apart from the routes so the shapes are unit-tested without a server: what a client sends
is read into a question and its history; an `Answer` is written out as OpenAI's chat
completion (or its stream chunks) with our citations beside the message.
"""

from __future__ import annotations

import time
import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from rag.answer import Answer

MODEL_OWNER = "cited-rag"
# The Citation fields a client gets; `quotes` is passed on when the engine provides it.
CITATION_FIELDS = {"number", "source", "quote", "start", "end", "score", "quotes"}


class ApiError(Exception):
    """An error answered in OpenAI's shape: {"error": {message, type, param, code}}."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        kind: str = "invalid_request_error",
        param: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.kind = kind
        self.param = param
        self.code = code

    def body(self) -> dict[str, Any]:
        return {
            "error": {
                "message": self.message,
                "type": self.kind,
                "param": self.param,
                "code": self.code,
            }
        }


# ---- requests ----------------------------------------------------------------------------


class ContentPart(BaseModel):
    """One block of a message's content; only text blocks can be answered."""

    model_config = ConfigDict(extra="ignore")

    type: Literal["text"]
    text: str


class Message(BaseModel):
    model_config = ConfigDict(extra="ignore")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[ContentPart] | None = None

    @field_validator("content", mode="before")
    @classmethod
    def _text_only(cls, value: object) -> object:
        for part in value if isinstance(value, list) else []:
            kind = part.get("type") if isinstance(part, dict) else type(part).__name__
            if kind != "text":
                raise ValueError(f"only text content is supported, not {kind!r}")
        return value

    @property
    def text(self) -> str:
        if self.content is None:
            return ""
        if isinstance(self.content, str):
            return self.content
        return "\n".join(part.text for part in self.content)


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="ignore")

    include_usage: bool = False


class ChatRequest(BaseModel):
    """The fields of OpenAI's chat request that the engine uses; the others are ignored."""

    model_config = ConfigDict(extra="ignore")

    model: str = Field(min_length=1)
    messages: list[Message] = Field(min_length=1)
    stream: bool = False
    stream_options: StreamOptions | None = None
    n: int = Field(default=1, ge=1, le=1, description="Only one answer per request.")


def parse_request(body: bytes, max_messages: int) -> ChatRequest:
    """The request read from JSON, or a 400 naming the first thing wrong with it."""
    if not body.strip():
        raise ApiError(400, "the request body is empty; send a JSON chat request")
    try:
        request = ChatRequest.model_validate_json(body)
    except ValidationError as exc:
        error = exc.errors()[0]
        if error["type"] == "json_invalid":
            raise ApiError(400, "the request body is not valid JSON") from None
        where = ".".join(str(part) for part in error["loc"] if part not in {"str", "list"})
        param = str(error["loc"][0]) if error["loc"] else None
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "too_short" and where == "messages":
            message = "at least one message is required"
        raise ApiError(400, f"invalid {where or 'request'}: {message}", param=param) from None
    if len(request.messages) > max_messages:
        raise ApiError(
            400,
            f"{len(request.messages)} messages; at most {max_messages} are accepted",
            param="messages",
        )
    return request


def conversation(request: ChatRequest) -> tuple[str, list[dict[str, str]]]:
    """The question (the last message, a user's) and the turns before it as the history."""
    last = request.messages[-1]
    if last.role != "user":
        raise ApiError(
            400,
            f"the last message must be the user's question, not a {last.role!r} message",
            param="messages",
        )
    history = [{"role": m.role, "content": m.text} for m in request.messages[:-1]]
    return last.text, history


# ---- responses ---------------------------------------------------------------------------


class Usage(BaseModel):
    """Tokens the model reported for this request; zero when no model wrote the answer."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0

    def add(self, prompt: int, completion: int) -> None:
        self.prompt_tokens += prompt
        self.completion_tokens += completion
        self.total_tokens = self.prompt_tokens + self.completion_tokens


def citations_of(answer: Answer) -> list[dict[str, Any]]:
    return [c.model_dump(include=CITATION_FIELDS) for c in answer.citations]


def extension(answer: Answer) -> dict[str, Any]:
    """Our fields beside OpenAI's: the citations, whether the engine abstained, the notice."""
    return {
        "citations": citations_of(answer),
        "abstained": answer.abstained,
        "notice": answer.notice,
    }


def completion_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex}"


def completion(answer: Answer, model: str, usage: Usage) -> dict[str, Any]:
    """A whole answer as OpenAI's `chat.completion` object."""
    return {
        "id": completion_id(),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": answer.text},
                "finish_reason": "stop",
                "logprobs": None,
            }
        ],
        "usage": usage.model_dump(),
        **extension(answer),
    }


def chunk(
    ident: str,
    model: str,
    delta: dict[str, Any] | None,
    *,
    finish: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """One `chat.completion.chunk`; `delta=None` gives the usage chunk with no choices."""
    choices = (
        []
        if delta is None
        else [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}]
    )
    return {
        "id": ident,
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": choices,
        **extra,
    }


def model_list(names: list[str]) -> dict[str, Any]:
    return {"object": "list", "data": [model_card(name) for name in names]}


def model_card(name: str) -> dict[str, Any]:
    return {"id": name, "object": "model", "created": 0, "owned_by": MODEL_OWNER}
