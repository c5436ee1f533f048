"""The API key never shows: not in logs, errors, the page, the API, `rag config` or eval reports."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from rag.engine import Engine
from tests.helpers import OPENAI_KEY as KEY
from tests.helpers import make_settings
from tests.openai_server import Reply, passage_number


def test_key_is_absent_from_the_page_and_the_api(server, tmp_path, article_index, minilm) -> None:
    from gradio_client import Client

    from tests.servers import free_port
    from ui.app import launch

    data = tmp_path / "data"
    shutil.copytree(article_index, data)
    settings = make_settings(
        data,
        llm="openai",
        openai_base_url=server.base_url,
        openai_api_key=KEY,
        ui_port=free_port(),
    )
    engine = Engine.from_settings(settings, embed_model=minilm, build=False)
    demo, url = launch(settings, engine, block=False)
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
