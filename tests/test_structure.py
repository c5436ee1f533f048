"""Document structure: headline, deck, date, dateline, byline and lede found in several
outlets' layouts, each a span of the source text; what a source lacks stays None."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.loaders import load_source
from index.structure import DocumentStructure, Span, parse_structure
from tests.fakes import HashEmbedding
from tests.helpers import ARTICLE

WIRE = """\
Britain's economy grows faster than expected in third quarter
By Jane Doe and John Roe
Friday, November 10, 2023 7:05 AM GMT

LONDON (Reuters) - Britain's economy grew 0.6% in the third quarter, official data showed on
Friday, beating the forecasts of most economists.

The Office for National Statistics said services output rose for a second month.
"""

BLOG_NO_DATELINE = """\
City Council Approves New Bike Lanes

Twelve miles of protected lanes will be built by 2026.

Published: 2024-03-05

The city council voted 7-2 on Tuesday to approve twelve miles of protected bike lanes.

Construction will begin in May, officials said.
"""

NO_DATE = """\
Scientists Find Water Ice on a Distant Moon
By Ana Lima
PARIS —
Astronomers have detected water ice on the surface of a small moon of Neptune, a team
reported on Wednesday.
The finding surprised the team. Further observations are planned for next year.
"""

MARKDOWN = """\
# Release notes for version 2.0

*By Maria Garcia*
*March 3, 2023*

Version 2.0 adds a plugin system and drops support for Python 3.8.

## Upgrading

Run the installer again. Configuration files are kept.

## Known issues

- Plugins cannot yet be reloaded.
"""

HTML = b"""<html><head><title>Harbor reopens after storm | Coast Gazette</title>
<meta name="date" content="2023-09-14T08:00:00Z"><meta name="author" content="Sam Ortiz">
</head><body><nav><a href="/">Home</a></nav>
<h1>Harbor reopens after storm</h1>
<p><time datetime="2023-09-14">Sept. 14, 2023</time></p>
<p>PORTLAND, Maine &mdash; The harbor reopened on Thursday after a storm closed it for
three days, the port authority said.</p>
<p>Fishing boats returned to their moorings by noon.</p></body></html>"""


def assert_spans_in_source(structure: DocumentStructure, text: str) -> None:
    spans: list[Span] = [
        s
        for s in (
            structure.title,
            structure.deck,
            structure.date,
            structure.dateline,
            structure.byline,
            structure.lede,
            *structure.paragraphs,
            *(section.title for section in structure.sections),
        )
        if s is not None and s.start is not None
    ]
    assert spans
    for span in spans:
        assert text[span.start : span.end] == span.text
    for section in structure.sections:
        assert section.title.end <= section.start <= section.end <= len(text)


def test_the_seed_article_has_headline_deck_date_dateline_and_lede() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    structure = parse_structure(text, "txt")
    assert_spans_in_source(structure, text)
    assert structure.title.text == (
        "U.S. Officials Repeatedly Urged China to Help Avert War in Ukraine"
    )
    assert structure.deck.text.startswith("Americans\npresented Chinese officials")
    assert structure.deck.text.endswith("were repeatedly\nrebuffed.")
    assert (structure.date.text, structure.date.date_iso) == ("Feb. 25, 2022", "2022-02-25")
    assert structure.dateline.text == "WASHINGTON"
    assert structure.byline is None  # the article has none: not guessed
    assert structure.lede.text.startswith("Over three months, senior Biden")
    assert structure.lede.text.endswith("according to U.S. officials.")
    assert structure.sections == []  # no orphaned first word ("The", "Some") is a heading
    assert len(structure.paragraphs) >= 15


def test_a_wire_story_with_byline_weekday_date_and_inline_dateline() -> None:
    structure = parse_structure(WIRE, "txt")
    assert_spans_in_source(structure, WIRE)
    assert structure.title.text.startswith("Britain's economy grows")
    assert structure.byline.text == "By Jane Doe and John Roe"
    assert structure.date.text == "Friday, November 10, 2023"
    assert structure.date.date_iso == "2023-11-10"
    assert structure.dateline.text == "LONDON (Reuters)"
    assert structure.lede.text.startswith("Britain's economy grew 0.6%")
    assert structure.deck is None


def test_a_story_without_dateline_has_iso_date_and_deck() -> None:
    structure = parse_structure(BLOG_NO_DATELINE, "txt")
    assert_spans_in_source(structure, BLOG_NO_DATELINE)
    assert structure.title.text == "City Council Approves New Bike Lanes"
    assert structure.deck.text == "Twelve miles of protected lanes will be built by 2026."
    assert (structure.date.text, structure.date.date_iso) == ("2024-03-05", "2024-03-05")
    assert structure.dateline is None and structure.byline is None
    assert structure.lede.text.startswith("The city council voted 7-2")


def test_a_story_without_date_keeps_the_date_none() -> None:
    structure = parse_structure(NO_DATE, "txt")
    assert_spans_in_source(structure, NO_DATE)
    assert structure.date is None
    assert structure.byline.text == "By Ana Lima"
    assert structure.dateline.text == "PARIS"
    assert structure.lede.text.startswith("Astronomers have detected")
    assert structure.lede.text.endswith("reported on Wednesday.")


def test_markdown_title_is_the_first_heading_and_sections_follow() -> None:
    structure = parse_structure(MARKDOWN, "md")
    assert_spans_in_source(structure, MARKDOWN)
    assert structure.title.text == "Release notes for version 2.0"
    assert structure.byline.text == "By Maria Garcia"
    assert structure.date.date_iso == "2023-03-03"
    assert structure.lede.text.startswith("Version 2.0 adds a plugin system")
    assert [(s.title.text, s.level) for s in structure.sections] == [
        ("Upgrading", 2),
        ("Known issues", 2),
    ]
    upgrading = structure.sections[0]
    assert MARKDOWN[upgrading.start : upgrading.end].strip() == (
        "Run the installer again. Configuration files are kept."
    )


def test_html_title_date_and_dateline_from_the_page(tmp_path: Path) -> None:
    loaded = load_source(tmp_path / "page.html", HTML)
    assert loaded.meta["title"].startswith("Harbor reopens after storm")
    structure = parse_structure(loaded.text, "html", loaded.meta)
    assert_spans_in_source(structure, loaded.text)
    assert structure.title.text == "Harbor reopens after storm"
    assert (structure.date.text, structure.date.date_iso) == ("Sept. 14, 2023", "2023-09-14")
    assert structure.dateline.text == "PORTLAND, Maine"
    assert structure.lede.text.startswith("The harbor reopened on Thursday")
    # the author is stated only in <meta>: kept, with no offsets in the text
    assert structure.byline == Span("Sam Ortiz", None, None)


def test_html_date_only_in_meta_is_read_but_has_no_offsets(tmp_path: Path) -> None:
    page = HTML.replace(b'<p><time datetime="2023-09-14">Sept. 14, 2023</time></p>', b"")
    loaded = load_source(tmp_path / "page.html", page)
    structure = parse_structure(loaded.text, "html", loaded.meta)
    assert structure.date.date_iso == "2023-09-14"
    assert structure.date.start is None and structure.date.end is None


def test_pdf_title_comes_from_its_metadata() -> None:
    text = "Quarterly Report\nRevenue rose 4% in the quarter. Costs fell."
    structure = parse_structure(text, "pdf", {"title": "Quarterly Report"})
    assert structure.title == Span("Quarterly Report", 0, 16)
    absent = parse_structure("Revenue rose 4% in the quarter.", "pdf", {"title": "Q3 Report"})
    assert absent.title == Span("Q3 Report", None, None)


def test_structure_survives_a_round_trip_through_a_dict() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    structure = parse_structure(text, "txt")
    assert DocumentStructure.from_dict(structure.to_dict()) == structure
    assert DocumentStructure.from_dict(parse_structure(MARKDOWN, "md").to_dict()).sections


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "Markets Fall Sharply on Monday",
        "| year | sales |\n|------|-------|\n| 2022 | 10 |\n| 2023 | 12 |\n",
        "def f(x):\n    return x + 1\n",
        ">>> 1 + 1\n2\n",
        "\x00\x01 ###\n***\n",
    ],
)
def test_bad_input_gives_nones_never_an_exception(text: str) -> None:
    structure = parse_structure(text, "txt")
    assert structure.lede is None
    assert structure.date is None and structure.dateline is None and structure.byline is None
    assert structure.paragraphs == []


def test_a_headline_alone_is_a_title_without_body() -> None:
    structure = parse_structure("Markets Fall Sharply on Monday\n", "txt")
    assert structure.title.text == "Markets Fall Sharply on Monday"
    assert structure.lede is None and structure.deck is None


def test_indexing_keeps_each_sources_structure_in_the_manifest(fake_settings) -> None:
    from index.manifest import Manifest
    from index.pipeline import run_index

    (fake_settings.seeds_dir / "notes.md").write_text(MARKDOWN, encoding="utf-8")
    run_index(fake_settings, embed_model=HashEmbedding())
    manifest = Manifest.load(fake_settings.manifest_path)
    article = DocumentStructure.from_dict(manifest.sources[f"seeds/{ARTICLE.name}"].structure)
    assert article.date.date_iso == "2022-02-25"
    assert article.dateline.text == "WASHINGTON"
    notes = DocumentStructure.from_dict(manifest.sources["seeds/notes.md"].structure)
    assert notes.title.text == "Release notes for version 2.0"
    # a manifest written before structures were kept still loads
    data = json.loads(manifest.to_json())
    for entry in data["sources"].values():
        del entry["structure"]
    assert Manifest.from_dict(data).sources["seeds/notes.md"].structure is None
