"""One citation per cited passage: `[n]` means one thing, and every quote sits in its source."""

from __future__ import annotations

import json
import re

from evals.dataset import load_dataset
from rag.passages import to_passages
from tests.test_cli import rag
from tests.test_llm import OLYMPICS, QUESTION, cite, engine_llm  # noqa: F401 - fixture
from ui.render import citation_line, document_html, highlight_passage

INVASION = "Did China call Russia's attack an invasion?"


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_numbers_are_unique_and_quotes_located_over_the_eval_set(engine) -> None:
    texts: dict[str, str] = {}
    several = 0
    for question in load_dataset():
        history = [{"role": "user", "content": turn} for turn in question.history]
        answer = engine.ask(question.question, history)
        numbers = [c.number for c in answer.citations]
        assert numbers == list(range(1, len(numbers) + 1)), (question.id, numbers)
        assert set(map(int, re.findall(r"\[(\d+)\]", answer.text))) == set(numbers), question.id
        for citation in answer.citations:
            first = citation.quotes[0]
            assert (citation.quote, citation.start, citation.end) == (
                first.quote,
                first.start,
                first.end,
            )
            text = texts.setdefault(citation.source, engine.source_text(citation.source))
            for quote in citation.quotes:
                assert _flat(text[quote.start : quote.end]) == _flat(quote.quote), question.id
                assert _flat(quote.quote) in _flat(citation.text)
        several += sum(len(c.quotes) > 1 for c in answer.citations)
    assert several > 0  # some answers quote two spans of one passage: the case that collided


def test_cli_json_and_lines_show_one_citation_per_number(fresh_index) -> None:
    result = rag("ask", "--json", INVASION, data_dir=fresh_index)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    numbers = [c["number"] for c in answer["citations"]]
    assert len(numbers) == len(set(numbers)) >= 1
    assert all(c["quotes"][0]["quote"] == c["quote"] for c in answer["citations"])

    printed = rag("ask", INVASION, data_dir=fresh_index)
    marks = re.findall(r"^\s+\[(\d+)\] ", printed.stdout, flags=re.MULTILINE)
    assert sorted(map(int, marks)) == sorted(numbers)


def test_web_views_highlight_every_quote(engine) -> None:
    answer = engine.ask(INVASION)
    citation = max(answer.citations, key=lambda c: len(c.quotes))
    marked = highlight_passage(citation)
    assert marked.count("<mark>") == len(citation.quotes)
    text = engine.source_text(citation.source)
    view = document_html(citation.source, text, spans=[(q.start, q.end) for q in citation.quotes])
    assert view.count("<mark") == len(citation.quotes) and view.count('id="rag-highlight"') == 1
    line = citation_line(citation)
    assert line.startswith(f"[{citation.number}] ")
    assert all(q.quote in line for q in citation.quotes)


def test_llm_answer_citing_one_passage_twice_keeps_one_number(engine_llm, server) -> None:  # noqa: F811
    passage = next(
        p
        for p in to_passages(engine_llm.retrieve(QUESTION))
        if OLYMPICS in p.text and len(p.sentences) > 1
    )
    sentences = [passage.text[s[0] : s[1]] for s in passage.sentences]
    first = next(s for s in sentences if OLYMPICS in s)
    other = next(s for s in sentences if s != first and len(s.split()) > 6)
    claim = f"{first.strip().rstrip('.')} [{{n}}]. {other.strip().rstrip('.')} [{{n}}]."
    server.will(cite(OLYMPICS, claim))
    answer = engine_llm.ask(QUESTION)
    assert [c.number for c in answer.citations] == [1], answer.text
    spans = [(q.start, q.end) for q in answer.citations[0].quotes]
    assert len(spans) == 2 and len(set(spans)) == 2
    assert answer.text.count("[1]") == 2
