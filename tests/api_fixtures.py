"""The API test fixture and helpers: the web chat and /v1 served on a free loopback port."""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from openai import OpenAI

from rag.engine import Engine
from tests.helpers import make_settings
from tests.servers import free_port

API_KEY = "rag-api-key-DO-NOT-LOG-5678"
QUESTION = "Where did Mr. Xi and Mr. Putin meet on Feb. 4?"


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


def client(running: Any, key: str = API_KEY) -> OpenAI:
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
