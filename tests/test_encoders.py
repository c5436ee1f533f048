"""The query path's numpy encoder: the torch encoder's vectors, and no torch in `rag ask` or
the web chat (torch's import and first pass were half of a cold start)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from tests.helpers import ARTICLE, SEEDS


def varied_texts() -> list[str]:
    """Questions, article sentences, odd scripts and punctuation, and texts far over 256 tokens."""
    from pydoc_data.topics import topics

    article = ARTICLE.read_text(encoding="utf-8")
    sentences = [s.strip() for s in article.split(". ") if len(s.strip()) > 20]
    longest = sorted(topics.values(), key=len)[-3:]
    return [
        "Who is Qin Gang?",
        "Where did Mr. Xi and Mr. Putin meet on Feb. 4?",
        "What did the U.S. officials share with China?",
        "When was the article published?",
        "Did China warn Russia?",
        "",
        "NATO.",
        "a",
        "Путин и Си Цзиньпин — 北京, 2022年2月4日",
        "¿Qué dijo el embajador? «Nada», respondió.",
        "1 2 3 4 5 6 7 8 9 10 — 3.14159 $1,000,000 100% #hashtag @user",
        "!!! ??? ... ;;; ''' \"\"\" ((( )))",
        "x " * 400,
        "Supercalifragilisticexpialidocious antidisestablishmentarianism",
        *sentences[:14],
        *longest,
        article,
    ]


def test_numpy_encoder_gives_the_torch_encoders_vectors(minilm) -> None:
    """Same vectors to 1e-5 alone and in a padded batch: old indexes stay valid, answers same."""
    from rag.encoder_numpy import NumpyEncoder
    from rag.encoder_torch import TorchEncoder

    texts = varied_texts()
    assert len(texts) >= 30
    ids, mask = minilm.tokenize(texts)
    assert ids.shape[1] == 256 and (mask.sum(1) < 256).sum() >= 20  # truncated and padded rows
    weights = minilm.weights_path
    numpy_encoder = NumpyEncoder(weights, layers=6, heads=12)
    torch_encoder = TorchEncoder(weights, layers=6, heads=12)

    expected = torch_encoder(ids, mask)
    batch = numpy_encoder(ids, mask)
    alone = np.vstack([numpy_encoder(*minilm.tokenize([text])) for text in texts])
    assert batch.shape == alone.shape == expected.shape == (len(texts), 384)
    assert np.abs(batch - expected).max() < 1e-5
    assert np.abs(alone - expected).max() < 1e-5
    assert np.allclose(np.linalg.norm(batch, axis=1), 1.0, atol=1e-6)


ASK_WITHOUT_TORCH = """
import json, sys
from ui.cli import app
for question in sys.argv[1:]:
    app(["ask", "--json", question], standalone_mode=False)
print(json.dumps({"torch_loaded": "torch" in sys.modules, "tiktoken": "tiktoken" in sys.modules}))
"""


def test_rag_ask_answers_without_importing_torch(fresh_index: Path) -> None:
    """A cold `rag ask` (a fact and the gist) answers with citations and never loads torch, nor
    tiktoken's vocabulary (the extractive answerer counts no tokens)."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("RAG_", "OPENAI_"))},
        "RAG_DATA_DIR": str(fresh_index),
        "RAG_SEEDS_DIR": str(SEEDS),
    }
    questions = ["Where did Mr. Xi and Mr. Putin meet on Feb. 4?", "What is the article about?"]
    done = subprocess.run(
        [sys.executable, "-c", ASK_WITHOUT_TORCH, *questions],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    decoder, printed, at = json.JSONDecoder(), [], 0
    while at < len(done.stdout.rstrip()):
        value, at = decoder.raw_decode(done.stdout, at)
        printed.append(value)
        at += len(done.stdout[at:]) - len(done.stdout[at:].lstrip())
    fact, gist, loaded = printed
    assert "Winter Olympic Games" in fact["text"] and fact["citations"]
    assert gist["citations"] and not gist["abstained"]
    assert loaded == {"torch_loaded": False, "tiktoken": False}


def test_web_chat_answers_without_loading_torch(fresh_index: Path) -> None:
    """`rag chat` answers through its API, and its process never maps torch's library."""
    from gradio_client import Client

    from tests.servers import environment, rag_chat

    started: list[subprocess.Popen] = []
    with rag_chat(environment(fresh_index, RAG_LLM="extractive"), processes=started) as url:
        reply = Client(url, verbose=False).predict(
            "Where did Mr. Xi and Mr. Putin meet on Feb. 4?", api_name="/ask"
        )
        assert "Winter Olympic Games" in json.dumps(reply)
        maps = Path(f"/proc/{started[0].pid}/maps").read_text()
        assert "libtorch" not in maps
