"""The API key never shows: not in logs, errors, the page, the API, `rag config` or eval reports."""

from __future__ import annotations

import logging
from pathlib import Path

from rag.engine import Engine
from tests.helpers import OPENAI_KEY as KEY
from tests.helpers import launch_with_model, make_settings
from tests.openai_server import Reply, passage_number


def test_key_is_absent_from_the_page_and_the_api(server, tmp_path, article_index, minilm) -> None:
    from gradio_client import Client

    demo, url = launch_with_model(tmp_path / "data", article_index, server.base_url, minilm)
    try:
        import urllib.request

        for path in ("/", "/config", "/gradio_api/info"):
            with urllib.request.urlopen(url.rstrip("/") + path, timeout=30) as response:
                assert KEY not in response.read().decode("utf-8", "replace"), path
        server.will(Reply(status=401))
        result = Client(url, verbose=False).predict("Who is Qin Gang?", api_name="/ask")
        assert "refused the API key" in result["notice"]
        assert KEY not in repr(result)
    finally:
        demo.close()


def test_key_is_absent_from_eval_reports_and_logs(server, tmp_path, caplog, minilm) -> None:
    from evals.dataset import load_dataset
    from evals.report import write_report
    from evals.runner import evaluate

    caplog.set_level(logging.DEBUG)
    settings = make_settings(
        tmp_path / "data", llm="openai", openai_base_url=server.base_url, openai_api_key=KEY
    )
    questions = load_dataset()[:3]
    server.will(
        Reply(status=500),
        Reply(status=500),
        Reply(status=500),
        Reply(lambda r: f"They met at the Winter Olympic Games [{passage_number(r, 'Olympic')}]."),
    )
    run = evaluate(settings, questions, ["default"], embed_model=minilm, show_progress=False)
    write_report(run, tmp_path / "report")
    for path in (tmp_path / "report").iterdir():
        if path.suffix in {".md", ".json"}:
            assert KEY not in path.read_text(), path.name
    assert KEY not in caplog.text
    assert server.headers and all(h["Authorization"] == f"Bearer {KEY}" for h in server.headers)


def test_key_is_absent_from_errors(tmp_path: Path, minilm) -> None:
    from tests.servers import free_port

    settings = make_settings(
        tmp_path / "data",
        llm="openai",
        openai_base_url=f"http://127.0.0.1:{free_port()}/v1",
        openai_api_key=KEY,
    )
    engine = Engine.from_settings(settings, embed_model=minilm)
    answer = engine.ask("Who is Qin Gang?")
    assert "could not be reached" in answer.notice
    assert KEY not in answer.model_dump_json()


def test_key_is_absent_from_every_process_output_and_file(tmp_path: Path, fresh_index) -> None:
    """`rag ask`, `rag eval` and `rag chat` run as a user runs them, with a key set and a model
    server that refuses connections: the key is in none of their output, logs or files."""
    import json
    import subprocess
    import urllib.request

    from gradio_client import Client

    from evals.dataset import DEFAULT_DATASET
    from tests.servers import RAG, environment, free_port, rag_chat

    data = fresh_index
    dataset = tmp_path / "tiny.jsonl"
    lines = DEFAULT_DATASET.read_text(encoding="utf-8").splitlines()
    dataset.write_text("\n".join([line for line in lines if '"dev"' in line][:2]) + "\n")
    env = environment(
        data,
        OPENAI_API_KEY=KEY,
        OPENAI_BASE_URL=f"http://127.0.0.1:{free_port()}/v1",  # nothing listens there
        RAG_LLM_MAX_RETRIES="0",
    )
    outputs: dict[str, str] = {}
    for name, args in {
        "ask": ["-v", "ask", "Who is Qin Gang?"],
        "ask-json": ["-v", "ask", "--json", "Who is Qin Gang?"],
        "eval": ["-v", "eval", "--config", "default", "--dataset", str(dataset)],
    }.items():
        result = subprocess.run([RAG, *args], env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
        outputs[name] = result.stdout + result.stderr
    assert "could not be reached" in outputs["ask"]  # the key was in use: the model path ran
    assert any((data / "evals").rglob("report.md"))

    logs: list[str] = []
    with rag_chat(env, logs) as url:
        with urllib.request.urlopen(url, timeout=30) as response:
            outputs["page"] = response.read().decode("utf-8", "replace")
        answer = Client(url, verbose=False).predict("Who is Qin Gang?", api_name="/ask")
        outputs["api"] = json.dumps(answer)
        assert "could not be reached" in answer["notice"]
    outputs["chat"] = "".join(logs)
    for name, text in outputs.items():
        assert KEY not in text, name
    written = [path for path in data.rglob("*") if path.is_file()]
    assert len(written) > 3
    for path in written:
        assert KEY.encode() not in path.read_bytes(), path
