"""A small OpenAI-compatible server on 127.0.0.1 that answers from a per-test script.

It speaks POST /v1/chat/completions, plain JSON and streamed SSE, and can fail on purpose
(HTTP errors, hangs, malformed JSON, empty content), so the real `openai` client is exercised.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """One scripted reply: text (or a function of the request), an error, a hang or junk."""

    text: str | Callable[[dict[str, Any]], str] = ""
    status: int = 200
    hang: float = 0.0
    malformed: bool = False
    headers: dict[str, str] = field(default_factory=dict)
    usage: tuple[int, int] = (1, 1)  # prompt and completion tokens the model reports


class FakeOpenAI:
    def __init__(self) -> None:
        self.script: deque[Reply] = deque()
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                server.requests.append(body)
                server.headers.append(dict(self.headers))
                reply = server.script.popleft() if server.script else Reply("No script [1].")
                if reply.hang:
                    time.sleep(reply.hang)
                    self.close_connection = True
                    return
                if reply.status != 200:
                    payload = json.dumps(
                        {"error": {"message": f"scripted {reply.status}", "type": "test"}}
                    ).encode()
                    self._send(reply.status, payload, "application/json", reply.headers)
                    return
                if reply.malformed:
                    if body.get("stream"):
                        junk = b"data: {not json\n\ndata: [DONE]\n\n"
                        self._send(200, junk, "text/event-stream", {})
                    else:
                        self._send(200, b"{not json", "application/json", {})
                    return
                text = reply.text(body) if callable(reply.text) else reply.text
                if body.get("stream"):
                    wants_usage = (body.get("stream_options") or {}).get("include_usage")
                    usage = reply.usage if wants_usage else None
                    self._stream(text, body.get("model", "test"), usage)
                else:
                    payload = _completion(text, body, reply.usage)
                    self._send(200, json.dumps(payload).encode(), "application/json", {})

            def _send(self, status: int, payload: bytes, kind: str, headers: dict) -> None:
                self.send_response(status)
                self.send_header("content-type", kind)
                self.send_header("content-length", str(len(payload)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(payload)

            def _stream(self, text: str, model: str, usage: tuple[int, int] | None) -> None:
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.send_header("cache-control", "no-cache")
                self.send_header("connection", "close")
                self.end_headers()
                self.close_connection = True
                words = text.split(" ")
                for index, word in enumerate(words):
                    piece = word if index == 0 else f" {word}"
                    chunk = {
                        "id": "chatcmpl-test",
                        "object": "chat.completion.chunk",
                        "created": int(time.time()),
                        "model": model,
                        "choices": [
                            {
                                "index": 0,
                                "delta": {"role": "assistant", "content": piece},
                                "finish_reason": None,
                            }
                        ],
                    }
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                done = {
                    "id": "chatcmpl-test",
                    "object": "chat.completion.chunk",
                    "created": int(time.time()),
                    "model": model,
                    "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                }
                self.wfile.write(f"data: {json.dumps(done)}\n\n".encode())
                if usage is not None:  # as OpenAI does with stream_options.include_usage
                    last = {**done, "choices": [], "usage": _usage(usage)}
                    self.wfile.write(f"data: {json.dumps(last)}\n\n".encode())
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def start(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def will(self, *replies: Reply) -> None:
        self.script.extend(replies)


def _usage(usage: tuple[int, int]) -> dict[str, int]:
    prompt, completion = usage
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }


def _completion(text: str, body: dict[str, Any], usage: tuple[int, int]) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "test"),
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
        ],
        "usage": _usage(usage),
    }


def passage_number(request: dict[str, Any], needle: str) -> int:
    """The id of the fenced passage in the request that contains `needle`."""
    import re

    prompt = request["messages"][-1]["content"]
    for match in re.finditer(r'<passage id="(\d+)"[^>]*>\n(.*?)\n</passage>', prompt, re.S):
        if needle in match.group(2):
            return int(match.group(1))
    raise AssertionError(f"no passage holds {needle!r}")
