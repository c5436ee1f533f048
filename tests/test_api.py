"""The OpenAI-compatible /v1 API as clients use it: the `openai` package, curl, many at once."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import openai
import pytest
from openai import OpenAI

from rag.engine import Engine
from rag.errors import RagError
from rag.settings import Settings
from tests.conftest import OPENAI_KEY, make_settings
from tests.openai_server import Reply, passage_number
from tests.servers import free_port

API_KEY = "rag-api-key-DO-NOT-LOG-5678"
README = Path(__file__).resolve().parent.parent / "README.md"
QUESTION = "Where did Mr. Xi and Mr. Putin meet on Feb. 4?"
QUESTIONS = [
    QUESTION,
    "Who is the Chinese ambassador to the United States?",
    "Who is the C.I.A. director?",
    "What did the joint statement say about NATO?",
    "Who won the 2022 Super Bowl?",
]


@pytest.fixture(scope="module")
def served(article_index: Path, minilm, tmp_path_factory) -> Any:
    """The web chat and the API on one port, over the article index, with an API key."""
    from ui.app import launch

    data = tmp_path_factory.mktemp("api") / "data"
    shutil.copytree(article_index, data)
    settings = make_settings(data, ui_port=free_port(), api_key=API_KEY)
    engine = Engine.from_settings(settings, embed_model=minilm, build=False)
    running, url = launch(settings, engine, block=False)
    yield SimpleNamespace(url=url, engine=engine)
    running.close()


def client(running, key: str = API_KEY) -> OpenAI:
    return OpenAI(base_url=running.url + "v1", api_key=key, max_retries=0, timeout=120)


def extra(obj: Any) -> dict[str, Any]:
    """The extension fields that the openai package keeps beside its own."""
    return obj.model_extra or {}


def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


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
        {"role": "user", "content": "What word has she refused to use?"},
    ]
    reply = client(served).chat.completions.create(model="rag", messages=messages)
    standalone = served.engine.ask("What word has Hua Chunying refused to use?")
    assert reply.choices[0].message.content == standalone.text
    assert "invasion" in standalone.text


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


def readme_section() -> str:
    text = README.read_text(encoding="utf-8")
    return text.split("## OpenAI-compatible API", 1)[1].split("\n## ", 1)[0]


def test_readme_curl_examples_work(served) -> None:
    blocks = re.findall(r"```sh\n(curl .*?)```", readme_section(), re.S)
    assert len(blocks) >= 3
    env = {**os.environ, "RAG_API_KEY": API_KEY}
    seen = set()
    for block in blocks:
        command = block.replace("http://127.0.0.1:7860/", served.url)
        result = subprocess.run(
            ["bash", "-c", command], capture_output=True, text=True, env=env, timeout=120
        )
        assert result.returncode == 0, result.stderr
        out = result.stdout.strip()
        if out.startswith("data:"):
            events = [line[6:] for line in out.splitlines() if line.startswith("data: ")]
            assert events[-1] == "[DONE]"
            assert json.loads(events[-2])["citations"], "the last chunk carries citations"
            seen.add("stream")
        elif json.loads(out).get("object") == "list":
            assert [m["id"] for m in json.loads(out)["data"]] == ["rag", "rag-extractive"]
            seen.add("models")
        else:
            answer = json.loads(out)
            assert "[1]" in answer["choices"][0]["message"]["content"]
            assert answer["citations"][0]["number"] == 1
            seen.add("chat")
    assert seen == {"stream", "models", "chat"}


def test_readme_python_example_works(served) -> None:
    code = re.search(r"```python\n(.*?)```", readme_section(), re.S).group(1)
    code = code.replace("http://127.0.0.1:7860/", served.url)
    env = {**os.environ, "RAG_API_KEY": API_KEY}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "Winter Olympic" in result.stdout and "[1]" in result.stdout


def test_eight_clients_at_once_get_the_single_client_answers(served) -> None:
    def ask(api: OpenAI, question: str) -> tuple[str, list[dict[str, Any]]]:
        reply = api.chat.completions.create(
            model="rag", messages=[{"role": "user", "content": question}]
        )
        return reply.choices[0].message.content, extra(reply)["citations"]

    alone = {q: ask(client(served), q) for q in QUESTIONS}

    def conversation(index: int) -> list[tuple[str, Any]]:
        api = client(served)
        order = QUESTIONS[index % 5 :] + QUESTIONS[: index % 5]
        return [(q, ask(api, q)) for q in order]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = [r for rs in pool.map(conversation, range(8)) for r in rs]
    assert len(results) == 40
    for question, got in results:
        assert got == alone[question]


def test_model_answers_through_the_api_with_its_token_counts(
    server, tmp_path: Path, article_index: Path, minilm
) -> None:
    from ui.app import launch

    data = tmp_path / "data"
    shutil.copytree(article_index, data)
    settings = make_settings(
        data,
        llm="openai",
        openai_base_url=server.base_url,
        openai_api_key=OPENAI_KEY,
        ui_port=free_port(),
    )
    engine = Engine.from_settings(settings, embed_model=minilm, build=False)
    running, url = launch(settings, engine, block=False)

    def cite(request: dict[str, Any]) -> str:
        n = passage_number(request, "Winter Olympic Games")
        return f"They met in Beijing at the opening of the Winter Olympic Games [{n}]."

    try:
        api = OpenAI(base_url=url + "v1", api_key="unused", max_retries=0)
        server.will(Reply(cite, usage=(321, 17)), Reply(cite, usage=(300, 20)))
        reply = api.chat.completions.create(
            model="rag", messages=[{"role": "user", "content": QUESTION}]
        )
        assert reply.choices[0].message.content.endswith("Winter Olympic Games [1].")
        assert "Winter Olympic Games" in extra(reply)["citations"][0]["quote"]
        assert (reply.usage.prompt_tokens, reply.usage.completion_tokens) == (321, 17)
        chunks = list(
            api.chat.completions.create(
                model="rag",
                messages=[{"role": "user", "content": QUESTION}],
                stream=True,
                stream_options={"include_usage": True},
            )
        )
        assert chunks[-1].usage.prompt_tokens == 300 and chunks[-1].usage.total_tokens == 320
        asked = len(server.requests)
        offline = api.chat.completions.create(
            model="rag-extractive", messages=[{"role": "user", "content": QUESTION}]
        )
        assert len(server.requests) == asked, "the extractive model does not call the LLM"
        assert offline.usage.total_tokens == 0 and extra(offline)["citations"]
    finally:
        running.close()


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
