"""Rendering of answers for the page, and the app's guards, without a browser."""

from __future__ import annotations

import pytest

from rag.answer import Answer, Citation
from rag.errors import RagError
from rag.settings import Settings
from ui import render
from ui.app import auth_pair, check_bind


def citation(**overrides) -> Citation:
    values = {
        "number": 1,
        "source": "uploads/<b>evil</b>.md",
        "text": "Before. The key <script>alert(1)</script> sentence. After.",
        "quote": "The key <script>alert(1)</script> sentence.",
        "start": 8,
        "end": 51,
        "score": 0.71,
        "chunk_id": "abc",
        "passage_rank": 2,
    }
    return Citation(**{**values, **overrides})


def test_answer_links_known_citations_and_escapes_everything() -> None:
    answer = Answer(
        question="q",
        text="A <img src=x onerror=alert(1)> claim [1] and a stray [7].",
        citations=[citation()],
        notice="The model server could not be reached",
    )
    shown = render.answer_html(answer)
    assert '<a href="#cite-1" class="rag-cite"' in shown
    assert "#cite-7" not in shown and "[7]" in shown
    assert "<img" not in shown and "&lt;img src=x onerror=alert(1)&gt;" in shown
    assert "could not be reached" in shown


def test_sources_panel_highlights_the_quote_and_escapes_names() -> None:
    shown = render.sources_html(Answer(question="q", text="x [1]", citations=[citation()]))
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "&lt;b&gt;evil&lt;/b&gt;" in shown
    assert "<mark>The key &lt;script&gt;alert(1)&lt;/script&gt; sentence.</mark>" in shown
    assert "relevance 0.71" in shown


def test_abstention_shows_no_sources() -> None:
    shown = render.sources_html(
        Answer(question="q", text="The article does not say", abstained=True)
    )
    assert "No passage cited" in shown


def test_document_view_highlights_the_span_and_unwraps_lines() -> None:
    text = "First line\nwraps here. <b>Bold</b> claim.\n\nNew paragraph."
    start = text.index("<b>")
    shown = render.document_html("doc.txt", text, start, start + len("<b>Bold</b> claim."))
    assert '<mark id="rag-highlight">&lt;b&gt;Bold&lt;/b&gt; claim.</mark>' in shown
    assert "<br><br>New paragraph." in shown
    assert "<b>" not in shown


def test_document_view_heads_the_text_with_headline_date_and_dateline() -> None:
    from index.structure import DateSpan, DocumentStructure, Span

    text = "Tanks <i>roll</i> in\nFeb. 25, 2022\nKYIV — The body."
    structure = DocumentStructure(
        title=Span("Tanks <i>roll</i> in", 0, 20),
        date=DateSpan("Feb. 25, 2022", 21, 34, date_iso="2022-02-25"),
        dateline=Span("KYIV", 35, 39),
    )
    shown = render.document_html("news.txt", text, 40, 49, structure=structure)
    header = shown.split('<div class="rag-doc">')[0]  # above the text
    assert '<div class="rag-doc-headline">Tanks &lt;i&gt;roll&lt;/i&gt; in</div>' in header
    assert '<span class="rag-doc-date">Feb. 25, 2022</span>' in header
    assert '<span class="rag-doc-dateline">KYIV</span>' in header
    assert "<i>" not in shown


def test_document_view_shows_only_the_fields_the_source_has() -> None:
    from index.structure import DocumentStructure, Span

    guide = DocumentStructure(title=Span("Descaling a kettle", 2, 20))
    shown = render.document_html("guide.md", "# Descaling a kettle\n\nBody.", structure=guide)
    assert "Descaling a kettle</div>" in shown
    assert "rag-doc-date" not in shown and "rag-doc-dateline" not in shown
    bare = render.document_html("notes.txt", "Just text.", structure=DocumentStructure())
    assert "rag-doc-header" not in bare
    assert "rag-doc-header" not in render.document_html("notes.txt", "Just text.")


def test_opening_a_citation_heads_the_article_with_its_headline_date_and_dateline(
    engine,
) -> None:
    from ui.chat import ChatApp

    answer = engine.ask("Where did Mr. Xi and Mr. Putin meet on Feb. 4?")
    view, _ = ChatApp(engine).show_citation("1", answer.model_dump())
    header, text = view.split('<div class="rag-doc">')
    assert "U.S. Officials Repeatedly Urged China to Help Avert War in Ukraine" in header
    assert '<span class="rag-doc-date">Feb. 25, 2022</span>' in header
    assert '<span class="rag-doc-dateline">WASHINGTON</span>' in header
    assert '<mark id="rag-highlight">' in text


def test_status_line_names_the_answerer_and_timings() -> None:
    answer = Answer(
        question="q",
        text="t",
        answerer="openai:gpt-4o-mini",
        timings={"retrieve_ms": 12.4, "generate_ms": 830.0},
    )
    assert render.status_line(answer) == (
        "Answered by openai:gpt-4o-mini · retrieval 12 ms · generation 830 ms"
    )


def test_public_bind_needs_a_login_or_an_explicit_override() -> None:
    check_bind(Settings(_env_file=None, ui_host="127.0.0.1"))
    with pytest.raises(RagError, match="RAG_UI_AUTH"):
        check_bind(Settings(_env_file=None, ui_host="0.0.0.0"))
    check_bind(Settings(_env_file=None, ui_host="0.0.0.0", ui_auth="me:secret"))
    check_bind(Settings(_env_file=None, ui_host="0.0.0.0", ui_allow_public=True))


def test_login_must_be_user_and_password() -> None:
    assert auth_pair(Settings(_env_file=None, ui_auth="me:pass:word")) == ("me", "pass:word")
    with pytest.raises(RagError, match="user:password"):
        auth_pair(Settings(_env_file=None, ui_auth="nopassword"))
