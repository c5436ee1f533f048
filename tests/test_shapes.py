"""Plain-text document shapes: headings are structure, not sentences; code and grammar lines
are flagged; bullets are sentences of their own; the news header is not glued to the lede."""

from __future__ import annotations

import json
import re

from index.chunking import ChunkerConfig, chunk_source
from index.cleaning import unwrap
from tests.helpers import ARTICLE

MANUAL = """\
The "widget" command
********************

The "widget" command builds a widget from a recipe file. It
never changes the recipe.

Options
=======

* "--fast" skips the checks and
  trusts the recipe

* "--out" names the output file

Grammar
-------

   widget_cmd ::= "widget" [option]* recipe

Example
~~~~~~~

   >>> build("cake.recipe")
   Widget('cake')

Indented blocks that hold code are kept line by line:

   for part in parts:
       part.check()

The last paragraph explains that widgets are reusable.
"""

MARKDOWN = """\
# Widget guide

Widgets are small reusable parts.

## Installing

Run the installer once. It asks no questions.

1. Download the archive.
2. Unpack it into the tools folder.
"""


def quoted(raw: str, chunk_size: int = 512) -> list[dict[str, object]]:
    """Every quotable sentence of `raw`: its text, source text, section and code flag."""
    out = []
    for node in chunk_source("doc.txt", unwrap(raw), ChunkerConfig(chunk_size, 16)):
        meta = node.metadata
        code = set(json.loads(meta["code_sentences"]))
        for index, (start, end, src_start, src_end) in enumerate(json.loads(meta["sentences"])):
            out.append(
                {
                    "text": node.text[start:end],
                    "source": raw[src_start:src_end],
                    "section": meta["section"],
                    "code": index in code,
                    "chunk": node.text,
                }
            )
    return out


def collapse(text: str) -> str:
    return " ".join(text.split())


def test_underlined_headings_are_sections_never_sentences() -> None:
    sentences = quoted(MANUAL)
    texts = [s["text"] for s in sentences]
    for heading in ('The "widget" command', "Options", "Grammar", "Example"):
        assert not any(t == heading or t.startswith(heading + "\n") for t in texts), heading
    assert not any(re.search(r"([*=\-~])\1{3}", t) for t in texts)
    # the heading and underline stay in the chunk text, for retrieval
    assert "********************" in sentences[0]["chunk"]
    by_text = {s["text"]: s for s in sentences}
    first = 'The "widget" command builds a widget from a recipe file.'
    assert by_text[first]["section"] == 'The "widget" command'
    assert by_text['"--out" names the output file']["section"] == "Options"
    assert by_text['widget_cmd ::= "widget" [option]* recipe']["section"] == "Grammar"


def test_bullets_are_sentences_of_their_own_without_the_marker() -> None:
    texts = [s["text"] for s in quoted(MANUAL)]
    assert '"--fast" skips the checks and trusts the recipe' in texts
    assert '"--out" names the output file' in texts
    md = [s["text"] for s in quoted(MARKDOWN)]
    assert "Download the archive." in md
    assert "Unpack it into the tools folder." in md


def test_code_grammar_and_sessions_are_flagged_line_by_line() -> None:
    sentences = quoted(MANUAL)
    code = [s["text"] for s in sentences if s["code"]]
    assert code == [
        'widget_cmd ::= "widget" [option]* recipe',
        '>>> build("cake.recipe")',
        "Widget('cake')",
        "for part in parts:",
        "part.check()",
    ]
    prose = [s["text"] for s in sentences if not s["code"]]
    assert "The last paragraph explains that widgets are reusable." in prose
    assert "Indented blocks that hold code are kept line by line:" in prose


def test_markdown_headings_stay_on_their_own_line_and_name_the_section() -> None:
    sentences = quoted(MARKDOWN)
    assert not any(
        s["text"].lstrip("#").strip() in ("Widget guide", "Installing") for s in sentences
    )
    assert not any("#" in s["text"] for s in sentences)
    by_text = {s["text"]: s for s in sentences}
    assert by_text["Widgets are small reusable parts."]["section"] == "Widget guide"
    assert by_text["Run the installer once."]["section"] == "Installing"
    assert "\n## Installing\n" in unwrap(MARKDOWN).text


def test_a_heading_like_line_is_not_glued_to_the_next_sentence() -> None:
    # text extracted from a PDF page: a heading line, then the paragraph's wrapped lines
    page = (
        "The trial ran for a year.\nResults\nThe treatment group recovered in four days on\n"
        "average. Nobody relapsed.\n"
    )
    sentences = quoted(page)
    assert [s["text"] for s in sentences[:2]] == [
        "The trial ran for a year.",
        "The treatment group recovered in four days on average.",
    ]
    assert sentences[1]["section"] == "Results"


def test_every_sentence_maps_back_to_its_source_text() -> None:
    for raw in (MANUAL, MARKDOWN, ARTICLE.read_text(encoding="utf-8")):
        for sentence in quoted(raw, chunk_size=96):
            assert collapse(sentence["source"]) == collapse(sentence["text"])


def test_the_seed_headline_date_and_dateline_are_not_glued_to_the_lede() -> None:
    raw = ARTICLE.read_text(encoding="utf-8")
    first_chunk = [
        s for s in quoted(raw, chunk_size=256) if s["chunk"] == quoted(raw, 256)[0]["chunk"]
    ]
    texts = [s["text"] for s in first_chunk]
    headline = "U.S. Officials Repeatedly Urged China to Help Avert War in Ukraine"
    assert first_chunk[0]["chunk"].startswith(headline + "\n")  # kept for retrieval
    assert not any(headline in t for t in texts)  # but never quoted
    assert texts[0] == (
        "Americans presented Chinese officials with intelligence on Russia’s troop buildup "
        "in hopes that President Xi Jinping would step in, but were repeatedly rebuffed."
    )
    assert texts[1:3] == ["Feb. 25, 2022", "WASHINGTON —"]
    assert texts[3].startswith("Over three months, senior Biden administration officials")
    assert all(s["section"] == headline for s in first_chunk)
    assert not any(s["code"] for s in first_chunk)


def test_table_rows_are_kept_apart_from_the_prose_around_them() -> None:
    table = (
        "The options are:\n\n"
        "+--------+---------------------+\n"
        "| Option | Meaning             |\n"
        "|========|=====================|\n"
        "| '<'    | Align to the left.  |\n"
        "+--------+---------------------+\n\n"
        "Alignment is optional.\n"
    )
    sentences = quoted(table)
    prose = [s["text"] for s in sentences if not s["code"]]
    # each body row a sentence of its own, read cell by cell; the header is not prose
    assert prose == ["The options are:", "'<': Align to the left.", "Alignment is optional."]
    assert "| Option | Meaning |" in [s["text"] for s in sentences if s["code"]]


def test_an_indented_reference_with_emphasis_is_prose_not_code() -> None:
    from index.lines import looks_like_code, split_lines

    block = '  **RFC 2616** - HTTP/1.1 in Full\n     The specification for the "GET" method.\n'
    assert not looks_like_code([line for line in split_lines(block) if not line.blank])
    code = "  result = compute(RFC, 2616)\n  print(result)\n"
    assert looks_like_code([line for line in split_lines(code) if not line.blank])


def test_a_term_with_its_description_indented_under_it_is_one_sentence() -> None:
    # a reference list: the term's line is title-like, but its description is indented under
    # it, so it is a definition, not a section title cut off from its text
    manual = (
        "Widgets never mutate their recipe.\n\nSee also:\n\n"
        "  **RFC 2616** - Hypertext Transfer Protocol Version One\n"
        '     The specification for the "GET" method.\n'
    )
    sentences = [s for s in quoted(manual) if not s["code"]]
    assert any("RFC 2616" in s["text"] and "GET" in s["text"] for s in sentences)
    assert all(
        s["section"] != "**RFC 2616** - Hypertext Transfer Protocol Version One" for s in sentences
    )


def test_an_indented_description_stays_prose_though_an_example_follows_it() -> None:
    # each indented paragraph is judged on its own, not the description and its example as one
    manual = (
        "mark [name]\n\n"
        "   Create a mark called *name* at the current line. Marks may be\n"
        "   nested and can hold anything typed at the prompt.\n\n"
        "   As an example, here is a useful mark:\n\n"
        '      # Mark the top (usage "mk top")\n'
        "      mark top for k in %1.keys(): print(k)\n"
    )
    sentences = quoted(manual)
    prose = [s["text"] for s in sentences if not s["code"]]
    assert "Marks may be nested and can hold anything typed at the prompt." in prose, prose
    assert any(s["code"] and "for k in" in s["text"] for s in sentences)


def test_a_version_note_under_an_entry_is_prose_not_code() -> None:
    raw = "gizmo.__tag__\n\n   The short label of the gizmo.\n\n   New in version 2.4.\n"
    prose = [s["text"] for s in quoted(raw) if not s["code"]]
    assert "New in version 2.4." in prose, prose


def test_a_footnote_mark_is_not_the_start_of_the_next_sentence() -> None:
    raw = (
        "An object is true unless its class says otherwise. [1]  Here are the objects\n"
        "considered false:\n\n* the constant None\n\n* zero of any numeric type\n"
    )
    texts = [s["text"] for s in quoted(raw) if not s["code"]]
    assert "Here are the objects considered false:" in texts
    assert not any(t.startswith("[1]") for t in texts)


def test_a_number_wrapped_to_the_start_of_a_line_is_no_list_item() -> None:
    raw = (
        'Two ranges may be equal, for example "range(0, 3,\n'
        '2) == range(0, 4, 2)". A list may follow a colon:\n\n'
        "1) build the recipe\n"
        "2) run the widget\n"
    )
    texts = [s["text"] for s in quoted(raw) if not s["code"]]
    assert texts == [
        'Two ranges may be equal, for example "range(0, 3, 2) == range(0, 4, 2)".',
        "A list may follow a colon:",
        "build the recipe",
        "run the widget",
    ], texts


def test_a_sentence_does_not_end_on_e_g_or_i_e() -> None:
    raw = 'A key need not be a name (e.g. "max-temp" is fine). Keys are strings (i.e. "str").\n'
    texts = [s["text"] for s in quoted(raw) if not s["code"]]
    assert texts == [
        'A key need not be a name (e.g. "max-temp" is fine).',
        'Keys are strings (i.e. "str").',
    ], texts


def test_the_end_of_an_emphasis_is_not_the_start_of_the_next_sentence() -> None:
    raw = "**Values are computed once, when the rule is read.** This means the value is shared.\n"
    texts = [s["text"] for s in quoted(raw) if not s["code"]]
    assert "This means the value is shared." in texts, texts


GRID = """\
Sequence operations
===================

The operations are:

+--------------------+----------------------------+-------+
| Operation          | Result                     | Notes |
|====================|============================|=======|
| "del s[i:j]"       | same as "s[i:j] = []"      |       |
+--------------------+----------------------------+-------+
| "s.pop(i)"         | retrieves the item at *i*  | (2)   |
|                    | and also removes it        |       |
+--------------------+----------------------------+-------+

s.clear()

   Removes all items from the sequence.

   +-----------+-----------------+
   | Escape    | Meaning         |
   +===========+=================+
   | "\\v"      | Vertical Tab    |
   +-----------+-----------------+
"""


def test_a_grid_table_row_is_a_sentence_read_cell_by_cell() -> None:
    sentences = quoted(GRID)
    prose = [s["text"] for s in sentences if not s["code"]]
    assert '"del s[i:j]": same as "s[i:j] = []"' in prose, prose
    # a cell wrapping over two lines reads as one, and each cell maps back to the source
    row = next(s for s in sentences if s["text"].startswith('"s.pop(i)"'))
    assert row["text"] == '"s.pop(i)": retrieves the item at *i* and also removes it; (2)'
    assert row["source"].startswith('"s.pop(i)"') and row["source"].endswith("removes it")
    # a table indented under a description is read too
    assert '"\\v": Vertical Tab' in prose, prose
    # borders and the header are never quoted as prose
    assert not any("Operation" in t or "+---" in t or "===" in t for t in prose), prose


def test_a_markdown_table_row_is_a_sentence_and_its_header_is_not() -> None:
    raw = (
        "# Keys\n\nThe keys are listed below.\n\n| Key | Action |\n| --- | --- |\n"
        "| F1 | opens the help |\n| F5 | reloads the page |\n"
    )
    prose = [s["text"] for s in quoted(raw) if not s["code"]]
    assert "F1: opens the help" in prose and "F5: reloads the page" in prose, prose
    assert not any("Action" in t or "---" in t for t in prose), prose


def test_a_grid_whose_cells_do_not_line_up_stays_code() -> None:
    raw = "Intro line.\n\n+------+------+\n| a  | b |\n+------+------+\n"
    prose = [s["text"] for s in quoted(raw) if not s["code"]]
    assert prose == ["Intro line."], prose


def test_each_table_row_carries_the_sentence_introducing_its_table() -> None:
    intros = {}
    for node in chunk_source("doc.txt", unwrap(GRID), ChunkerConfig(64, 8)):
        sentences = json.loads(node.metadata["sentences"])
        for index, intro in json.loads(node.metadata["table_intros"]).items():
            start, end = sentences[int(index)][:2]
            intros[node.text[start:end]] = intro
    # even where a small chunk holds the row but not the intro
    assert intros['"del s[i:j]": same as "s[i:j] = []"'] == "The operations are:", intros
    assert intros['"\\v": Vertical Tab'] == "Removes all items from the sequence.", intros


def test_a_rubric_is_a_heading_over_its_notes_never_a_sentence() -> None:
    raw = (
        "Widgets\n*******\n\nA widget is built from a recipe.[1]\n\n"
        "-[ Footnotes ]-\n\n[1] The recipe file is read once.\n"
    )
    sentences = quoted(raw)
    assert not any("Footnotes" in s["text"] for s in sentences), sentences
    note = next(s for s in sentences if "read once" in s["text"])
    assert note["section"] == "Footnotes"
