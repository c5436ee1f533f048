"""The OpenAI-compatible /v1 API's protocol: answers, streaming, follow-ups, errors, auth."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import openai
import pytest

from rag.errors import RagError
from rag.settings import Settings
from tests.api_fixtures import API_KEY, QUESTION, client, extra, post, served
from tests.servers import free_port

__all__ = ["served"]  # the fixture, shared with test_api_clients.py


def test_plain_answer_carries_the_cited_passages(served) -> None:
    reply = client(served).chat.completions.create(
        model="rag", messages=[{"role": "user", "content": QUESTION}]
    )
    expected = served.engine.ask(QUESTION)
    content = reply.choices[0].message.content
    assert content == expected.text and "Winter Olympic" in content
    assert reply.choices[0].finish_reason == "stop" and reply.model == "rag"
    citations = extra(reply)["citations"]
    assert {int(n) for n in re.findall(r"\[(\d+)\]", content)} == {c["number"] for c in citations}
    for citation in citations:
        assert {"number", "source", "quote", "start", "end", "score"} <= set(citation)
        text = served.engine.source_text(citation["source"])
        assert " ".join(text[citation["start"] : citation["end"]].split()) == " ".join(
            citation["quote"].split()
        )
    assert extra(reply)["abstained"] is False
    assert (reply.usage.prompt_tokens, reply.usage.completion_tokens) == (0, 0)


def test_streaming_sends_the_text_then_the_citations(served) -> None:
    chunks = list(
        client(served).chat.completions.create(
            model="rag",
            messages=[{"role": "user", "content": QUESTION}],
            stream=True,
            stream_options={"include_usage": True},
        )
    )
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    expected = served.engine.ask(QUESTION)
    assert text == expected.text
    assert chunks[0].choices[0].delta.role == "assistant"
    assert len([c for c in chunks if c.choices and c.choices[0].delta.content]) > 3
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    last = chunks[-1]
    assert last.usage is not None and last.usage.total_tokens == 0
    assert [c["quote"] for c in extra(last)["citations"]] == [c.quote for c in expected.citations]
    assert extra(last)["text"] == expected.text


def test_follow_up_uses_the_earlier_turns(served) -> None:
    messages = [
        {"role": "system", "content": "You are helpful."},
        {"role": "user", "content": "Who is Hua Chunying?"},
        {"role": "assistant", "content": "A spokeswoman of China's foreign ministry [1]."},
        # "she" is Hua Chunying only through the earlier turn
        {"role": "user", "content": "What did she call the United States?"},
    ]
    reply = client(served).chat.completions.create(model="rag", messages=messages)
    content = reply.choices[0].message.content
    assert content == served.engine.chat(messages[-1]["content"], messages[:-1]).text
    assert content != served.engine.ask(messages[-1]["content"]).text, "the history counted"


def test_models_and_an_unknown_model(served) -> None:
    api = client(served)
    assert [m.id for m in api.models.list()] == ["rag", "rag-extractive"]
    with pytest.raises(openai.NotFoundError) as caught:
        api.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hi"}])
    error = caught.value.response.json()["error"]
    assert error["code"] == "model_not_found" and "gpt-4o" in error["message"]
    assert set(error) == {"message", "type", "param", "code"}


def test_extractive_model_answers_the_same_offline(served) -> None:
    reply = client(served).chat.completions.create(
        model="rag-extractive", messages=[{"role": "user", "content": QUESTION}]
    )
    assert reply.choices[0].message.content == served.engine.ask(QUESTION).text


@pytest.mark.parametrize("key", [None, "wrong-key"])
def test_missing_or_wrong_key_is_refused(served, key: str | None) -> None:
    headers = {"content-type": "application/json"}
    if key:
        headers["authorization"] = f"Bearer {key}"
    body = json.dumps({"model": "rag", "messages": [{"role": "user", "content": QUESTION}]})
    status, payload = post(served.url + "v1/chat/completions", body.encode(), headers)
    assert status == 401
    assert payload["error"]["code"] == "invalid_api_key"
    with pytest.raises(openai.AuthenticationError):
        client(served, key="wrong-key").models.list()


@pytest.mark.parametrize(
    ("messages", "says"),
    [
        ([], "at least one message"),
        ([{"role": "user", "content": "   "}], "the question is empty"),
        ([{"role": "user", "content": "x" * 2001}], "the limit is 2,000"),
        ([{"role": "wizard", "content": "Who is Qin Gang?"}], "messages.0.role"),
        ([{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}], "last"),
        (
            [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}],
            "only text content",
        ),
    ],
)
def test_bad_messages_are_a_400_that_says_why(served, messages, says: str) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        client(served).chat.completions.create(model="rag", messages=messages)
    error = caught.value.response.json()["error"]
    assert says in error["message"] and "\n" not in error["message"]


def test_oversized_and_malformed_bodies_are_refused(served) -> None:
    headers = {"authorization": f"Bearer {API_KEY}", "content-type": "application/json"}
    url = served.url + "v1/chat/completions"
    status, payload = post(url, b"{" + b" " * 300_000 + b"}", headers)
    assert status == 413 and "limit" in payload["error"]["message"]
    status, payload = post(url, b"{not json", headers)
    assert status == 400 and payload["error"]["message"] == "the request body is not valid JSON"


def test_web_chat_is_served_on_the_same_port(served) -> None:
    with urllib.request.urlopen(served.url, timeout=30) as response:
        assert response.status == 200 and "gradio" in response.read().decode().lower()


def test_public_bind_needs_an_api_key() -> None:
    from ui.api import check_api_bind

    check_api_bind(Settings(_env_file=None, ui_host="127.0.0.1"))
    check_api_bind(Settings(_env_file=None, ui_host="0.0.0.0", api_key="k"))
    with pytest.raises(RagError, match="RAG_API_KEY"):
        check_api_bind(Settings(_env_file=None, ui_host="0.0.0.0", ui_auth="a:b"))


def test_rag_chat_on_a_public_address_without_a_key_is_a_one_line_error(tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("RAG_", "OPENAI_"))},
        "RAG_DATA_DIR": str(tmp_path / "data"),
        "RAG_UI_AUTH": "reader:secret",
    }
    rag = str(Path(sys.executable).with_name("rag"))
    result = subprocess.run(
        [rag, "chat", "--host", "0.0.0.0", "--port", str(free_port())],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "RAG_API_KEY" in lines[0], result.stderr
