"""Full-article mode: with a model, a corpus that fits the budget is sent whole, numbered in
document order, so gist and multi-hop questions see everything; citations are still checked.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.openai_server import Reply, passage_number
from tests.test_llm import llm_engine

DECK = "in hopes that President Xi Jinping would step in"
ENCLAVES = "insurgent enclaves"


def _passages(request: dict) -> list[str]:
    prompt = request["messages"][-1]["content"]
    return re.findall(r'<passage id="\d+"[^>]*>\n(.*?)\n</passage>', prompt, re.S)


def test_every_passage_is_sent_when_the_corpus_fits(server, article_index: Path, minilm) -> None:
    engine = llm_engine(article_index, server.base_url, minilm)
    server.will(
        Reply(
            lambda request: (
                "Americans presented Chinese officials with intelligence on Russia's troop "
                f"buildup in hopes that President Xi Jinping would step in "
                f"[{passage_number(request, DECK)}]."
            )
        )
    )
    answer = engine.ask("What is the gist of this?")
    sent = _passages(server.requests[-1])
    chunks = sorted(engine.nodes(), key=lambda n: int(n.metadata["start"]))
    assert len(sent) == len(chunks) > engine.settings.top_k
    assert sent == [n.get_content() for n in chunks]  # all of them, in document order
    assert answer.citations and DECK in answer.citations[0].text
    assert not answer.unsupported


def test_a_citation_that_does_not_support_its_sentence_is_removed(
    server, article_index: Path, minilm
) -> None:
    engine = llm_engine(article_index, server.base_url, minilm)
    server.will(
        Reply(
            lambda request: (
                "They met at the opening ceremony of the Winter Olympic Games in Beijing "
                f"[{passage_number(request, ENCLAVES)}]."
            )
        )
    )
    answer = engine.ask("Where did Mr. Xi and Mr. Putin meet on Feb. 4?")
    assert len(_passages(server.requests[-1])) == len(engine.nodes())
    assert answer.citations == []
    assert answer.unsupported


def test_above_the_budget_only_retrieved_passages_are_sent(
    server, article_index: Path, minilm
) -> None:
    engine = llm_engine(article_index, server.base_url, minilm, full_context_tokens=500)
    server.will(Reply("The sources do not contain the answer."))
    engine.ask("What is the gist of this?")
    # the passages retrieved (top_k, and one more for a rare name or the nearest sentence)
    sent = len(_passages(server.requests[-1]))
    assert sent == len(engine.retrieve("What is the gist of this?")) < len(engine.nodes())
