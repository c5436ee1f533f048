"""The questions a reader asks first, offline: what the article is about, its headline, date,
dateline and author, why/yes-no/list questions, and honest "the article does not say".

The engine is the real one over the seed article (bundled model, real Chroma). Questions are
phrased here for these tests, apart from the eval set.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rag.engine import Engine
from rag.errors import RagError
from rag.settings import Settings

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _located(engine: Engine, answer) -> None:
    """Every citation's quotes sit at their offsets in the source, inside a retrieved passage."""
    for citation in answer.citations:
        source = engine.source_text(citation.source)
        for quote in citation.quotes:
            assert _flat(source[quote.start : quote.end]) == _flat(quote.quote)
        assert citation.chunk_id in {p.chunk_id for p in answer.passages}
        assert f"[{citation.number}]" in answer.text


def test_the_gist_quotes_the_headline_deck_and_lede_in_order(engine) -> None:
    answer = engine.ask("Could you boil this down for me in a few lines?")
    assert not answer.abstained
    quotes = [q for c in answer.citations for q in c.quotes]
    assert len(quotes) >= 2
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)  # document order
    assert "Urged China" in answer.text and "half a dozen urgent meetings" in answer.text
    _located(engine, answer)


def test_a_gist_asked_about_the_story_s_own_topic_is_the_gist(engine) -> None:
    answer = engine.ask("Give me the gist about China and the war in Ukraine.")
    assert "Urged China to Help Avert War" in answer.text, answer.text
    # about one thing in the story, it is a question about that thing
    answer = engine.ask("Give me the gist about NATO.")
    assert "Urged China to Help Avert War" not in answer.text, answer.text
    assert "NATO" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What headline did this run under?", "U.S. Officials Repeatedly Urged China"),
        ("On what date did the piece come out?", "Feb. 25, 2022"),
        ("Where was the story filed from?", "WASHINGTON"),
    ],
)
def test_headline_date_and_dateline_are_cited_at_their_spans(engine, question, expected) -> None:
    answer = engine.ask(question)
    assert not answer.abstained, answer.text
    assert expected in answer.text
    assert any(expected in q.quote for c in answer.citations for q in c.quotes)
    _located(engine, answer)


def test_no_byline_is_said_plainly(engine) -> None:
    answer = engine.ask("Which journalist wrote this story?")
    assert answer.abstained
    assert "no byline" in answer.text


def test_a_yes_no_question_is_answered_yes_or_no_with_the_settling_sentence(engine) -> None:
    answer = engine.ask("Did the Chinese Embassy respond to requests for comment?")
    assert answer.text.startswith("No."), answer.text
    assert any("did not return requests for comment" in c.quote for c in answer.citations)


@pytest.mark.parametrize(
    "question",
    [
        "Why did the Americans keep showing intelligence to the Chinese?",
        # the December sentence shares more words ("shared", "intelligence") but gives no reason
        "Why did the Americans share intelligence with China?",
        # "the U.S." is the Americans, and "Beijing" the Chinese, in the sentence giving it
        "Why did the U.S. share intelligence with China?",
        "What was the purpose of sharing the intelligence with Beijing?",
    ],
)
def test_a_why_question_quotes_the_reason(engine, question) -> None:
    answer = engine.ask(question)
    assert not answer.abstained
    first = answer.citations[0].quote
    assert re.search(r"in hopes that|to persuade|beseeched", first), answer.text


def test_a_denial_of_something_else_does_not_make_the_answer_no(engine) -> None:
    # the settling sentence says the Americans beseeched China "to tell Russia not to invade":
    # that "not" denies the invasion, not the meetings
    answer = engine.ask("Did senior U.S. officials hold meetings with top Chinese officials?")
    assert answer.text.startswith("Yes."), answer.text


def test_a_yes_no_naming_the_us_as_readers_type_it_is_settled(engine) -> None:
    # "US" is the article's "U.S." (and "American"): the question is about known names
    answer = engine.ask("Did the US share intelligence with NATO?")
    assert answer.text.startswith("Yes."), answer.text
    assert "shared their findings with NATO" in answer.citations[0].quote


def test_what_someone_said_is_not_taken_from_a_sentence_about_someone_else(engine) -> None:
    # the best-scoring sentence is about Ms. Hua, after a "She…" sentence: that "she" is Hua,
    # not the professor asked about
    answer = engine.ask("What did Evan Medeiros say about China's position?")
    assert "Hua" not in answer.text, answer.text


def test_a_yes_no_question_is_settled_by_the_sentence_naming_its_people(engine) -> None:
    # a sentence about Wang Yi alone shares more words; the one naming both settles it
    answer = engine.ask("Did Antony Blinken ever have a talk with Wang Yi?")
    assert answer.text.startswith("Yes."), answer.text
    assert "Blinken" in answer.citations[0].quote


def test_names_typed_in_lower_case_are_read_as_the_people_they_name(engine) -> None:
    # readers often type names in lower case: "wang yi" is still the person, not two words
    answer = engine.ask("did antony blinken ever have a talk with wang yi?")
    assert answer.text.startswith("Yes."), answer.text
    assert "Blinken" in answer.citations[0].quote


def test_which_people_is_not_answered_by_a_sentence_naming_only_the_asked_person(engine) -> None:
    # the article never names the White House officials; "the ambassador, Qin Gang" is no answer
    answer = engine.ask("Which White House officials sat down with Qin Gang at the embassy?")
    # it says so, pointing at the sentence on that meeting rather than quoting it as the answer,
    # nor one far less relevant that names someone else
    assert answer.abstained and answer.text.startswith("The article does not say"), answer.text
    assert "Days later, White House officials met" in answer.text, answer.text


def test_she_is_read_as_the_person_named_passages_before(engine) -> None:
    # "She has refused…" opens a passage; Hua Chunying is named a passage earlier
    answer = engine.ask("Has Hua Chunying been ready to describe the assault as an invasion?")
    assert answer.text.startswith("No."), answer.text
    assert "She has refused to call" in answer.text, answer.text


def test_she_is_read_as_the_person_the_question_names_by_role(engine) -> None:
    # "Hua Chunying, a Foreign Ministry spokeswoman," two chunks before "She has refused…"
    answer = engine.ask(
        "Has the foreign ministry's spokeswoman ever called the attack an invasion?"
    )
    assert answer.text.startswith("No."), answer.text
    assert "She has refused to call" in answer.text, answer.text


def test_the_role_beside_a_name_is_read_from_its_apposition() -> None:
    from rag.sentences import _role_beside

    text = "On Monday, Ana Ruiz, the city treasurer, spoke. Ms. Ruiz left."
    assert _role_beside("ruiz", text) == "the city treasurer"
    assert _role_beside("becker", text) == ""


def test_a_quote_never_stops_mid_sentence(engine) -> None:
    answer = engine.ask("When did Blinken speak with Mr. Wang about the problem?")
    quoted = " ".join(q.quote for c in answer.citations for q in c.quotes)
    assert "the same day Mr. Putin ordered the new troops" in quoted, answer.text
    _located(engine, answer)


def test_the_publisher_not_named_is_said_plainly(engine) -> None:
    answer = engine.ask("Which newspaper ran this piece?")
    assert answer.abstained
    assert "does not name its publisher" in answer.text


def test_what_someone_said_is_quoted_from_the_passage(engine) -> None:
    answer = engine.ask("What did Hua Chunying tell reporters in Beijing?")
    assert not answer.abstained
    assert "culprit" in answer.text


def test_a_denial_in_the_sentence_an_answer_leans_on_settles_no(engine) -> None:
    # "This account is based on interviews…" leans on "The previously unreported talks…"
    answer = engine.ask("Had these US-China conversations been reported before this story?")
    assert answer.text.startswith("No."), answer.text
    assert "previously unreported" in answer.text


def test_a_phrase_placing_the_question_in_the_article_does_not_steer_the_search(engine) -> None:
    # "report" would find the "previously unreported talks"; the question is about the envoy
    answer = engine.ask("who is China's ambassador to the US according to the report")
    assert not answer.abstained, answer.text
    assert "Qin Gang" in answer.text


def test_a_list_of_things_said_quotes_the_sentences_reporting_them(engine) -> None:
    answer = engine.ask(
        "What warnings and arguments did the White House officials put to Ambassador Qin?"
    )
    assert "impose tough sanctions" in answer.text, answer.text
    # "…, an American official said." only names the source of something else
    assert "skeptical and suspicious" not in answer.text, answer.text


def test_a_role_is_found_under_its_other_words(engine) -> None:
    # the article calls her "a Foreign Ministry spokeswoman"; the reader says "spokesperson"
    answer = engine.ask("Who is the Chinese foreign ministry spokesperson quoted in the story?")
    assert not answer.abstained, answer.text
    assert "Hua Chunying" in answer.text
    # "envoy" finds "the ambassador, Qin Gang, at the Chinese Embassy"
    answer = engine.ask("Who is the Chinese envoy in Washington?")
    assert not answer.abstained, answer.text
    assert "Qin Gang" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Who is America's envoy in Beijing?",
        "Who is Russia's foreign minister?",
        "What did Mr. Xi tell Mr. Biden on March 3?",
        "How many troops did Russia gather near the border?",
        "What's a good recipe for lasagna?",
        # searched without "in Ukraine", the setting of the whole story: no sentence tells it
        "What was the final outcome of the war in Ukraine?",
        # "…going far beyond those announced by the Obama administration after Russia seized…
        # Crimean Peninsula": the Obama administration's sanctions are only the yardstick there
        "What were the sanctions the Obama administration imposed after Crimea, specifically?",
        "Which measures did the Obama administration take against Russia after Crimea?",
    ],
)
def test_it_says_when_the_article_does_not_say(engine, question) -> None:
    answer = engine.ask(question)
    assert answer.abstained, answer.text
    assert answer.text.startswith("The article does not say"), answer.text


def test_a_thing_the_article_speaks_of_but_never_names_is_not_named(engine) -> None:
    answer = engine.ask("What are the names of the enclaves Putin ordered troops into on Monday?")
    assert answer.abstained, answer.text
    assert "Russia-backed enclaves" in answer.text  # the closest passage, quoted as such
    assert answer.text.startswith("The article does not say"), answer.text
    # the sentence on the agencies names none: another sentence, naming no agency, is no answer
    answer = engine.ask("Which U.S. spy agency detected the Russian forces around Ukraine?")
    assert answer.abstained, answer.text
    assert "intelligence agencies had detected" in answer.text, answer.text


def test_a_standalone_question_mid_conversation_is_not_rewritten(engine) -> None:
    history = [{"role": "user", "content": "Who is Hua Chunying?"}]
    answer = engine.chat("Who is the Chinese foreign minister?", history)
    assert answer.standalone_question is None
    assert "Wang Yi" in answer.text
    follow = engine.chat("What did she call the United States?", history)
    assert follow.standalone_question and "Hua Chunying" in follow.standalone_question


def test_a_follow_up_in_everyday_words_about_an_earlier_question_is_answered(engine) -> None:
    # none of "well, why keep going with it then?" is the article's words, but "it" is the
    # summit the question before asks about
    history = [
        {"role": "user", "content": "Were some officials skeptical about the summit's outcome?"}
    ]
    answer = engine.chat("well, why keep going with it then?", history)
    assert "leave no stone unturned" in answer.text, answer.text
    # a follow-up naming nothing it could refer back to is still foreign
    answer = engine.chat("and what's a good recipe for pancakes?", history)
    assert answer.abstained, answer.text


def test_a_follow_up_asks_of_the_document_only_in_its_own_words(engine) -> None:
    # the rewrite carries "(When did Xi and Putin put out their joint statement)": a date of the
    # statement, asked before; where they were is asked now, not the article's date
    history = [{"role": "user", "content": "When did Xi and Putin put out their joint statement?"}]
    answer = engine.chat("where were they when they did that?", history)
    assert "Winter Olympic Games" in answer.text, answer.text
    # a follow-up asking of the document itself still gets the document's answer
    answer = engine.chat("and when did this story come out?", history)
    assert "Feb. 25, 2022" in answer.text, answer.text


def test_a_yes_no_follow_up_is_settled_by_what_it_asks_not_by_the_turn_carried(engine) -> None:
    # the rewrite carries "(What did he say back)" for retrieval; "say back" is not asked
    history = [
        {"role": "user", "content": "What did the Americans tell Qin Gang?"},
        {"role": "user", "content": "What did he say back?"},
    ]
    answer = engine.chat("Did they meet again?", history)
    assert answer.text.startswith("Yes."), answer.text
    assert "again on Wednesday" in answer.citations[0].quote


def test_a_follow_up_s_own_words_outweigh_the_question_it_carries(engine) -> None:
    # the rewrite carries "(What did Wang Yi do at the Munich Security Conference)"; the
    # answer is about the Europeans the user asks about now, not Wang Yi again
    history = [
        {"role": "user", "content": "What did Wang Yi do at the Munich Security Conference?"}
    ]
    answer = engine.chat("And how did the Europeans respond?", history)
    quoted = " ".join(q.quote for c in answer.citations for q in c.quotes)
    assert "European leaders in turn accused China" in quoted, answer.text


def test_summarize_names_the_document_and_rejects_unknown_ones(engine) -> None:
    answer = engine.summarize(sentences=3)
    assert "Urged China" in answer.text
    _located(engine, answer)
    with pytest.raises(RagError, match=r"no indexed source is called 'nope\.txt'"):
        engine.summarize("nope.txt")


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, minilm) -> Engine:
    """The article beside a Markdown guide without date or dateline, and a code-only file."""
    seeds = tmp_path_factory.mktemp("library")
    article = next(SEEDS.glob("*.txt"))
    (seeds / article.name).write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    (seeds / "kettle-guide.md").write_text(
        "# Descaling an electric kettle\n\n"
        "Hard water leaves a white scale of limescale inside a kettle over time. "
        "The scale slows heating and flakes into drinks. "
        "Fill the kettle halfway with equal parts white vinegar and water. "
        "Bring it to the boil, then let it stand for an hour before rinsing twice. "
        "Descale every month in hard-water areas, and every three months elsewhere.\n",
        encoding="utf-8",
    )
    (seeds / "batch-tool.txt").write_text(
        "The skip command\n****************\n\n"
        '"skip" may only appear inside a batch block, never at the top level of a script. '
        "It moves the reader past the current record without processing it. "
        'When "skip" runs inside a nested block, the outer block still counts the record.\n',
        encoding="utf-8",
    )
    (seeds / "bridge-report.txt").write_text(
        "The city hired outside engineers to inspect the old river bridge this spring. "
        "Engineers inspected the bridge because the council feared the cables had rusted. "
        "The engineers who inspected the bridge wrote a long report for the council. "
        "Maria Lopez led the team and examined the suspension cables in March. "
        "The work was slow because the river was high for most of the month. "
        "Tom Becker, a second engineer, surveyed the piers a week later and found two cracks. "
        "Traffic was limited to one lane while the inspection went on. "
        "The deck was checked last by Ana Ruiz, an engineer from the state highway office. "
        "The council approved the repair budget in June.\n",
        encoding="utf-8",
    )
    (seeds / "snippet.md").write_text("```\nx = 1\ny = 2\n```\n", encoding="utf-8")
    settings = Settings(
        _env_file=None, data_dir=tmp_path_factory.mktemp("library-data"), seeds_dir=seeds
    )
    return Engine.from_settings(settings, embed_model=minilm)


def test_summarize_this_document_picks_it_and_names_it(library: Engine) -> None:
    answer = library.ask("Summarize the kettle guide")
    assert "kettle-guide.md" in answer.text
    assert "vinegar" in answer.text or "limescale" in answer.text
    assert all(c.source.endswith("kettle-guide.md") for c in answer.citations)


def test_what_a_command_does_is_the_sentence_describing_it(library: Engine) -> None:
    answer = library.ask("What does skip do?")
    assert not answer.abstained
    assert "moves the reader past the current record" in answer.text, answer.text
    assert "The skip command" not in answer.text  # a heading is never the answer


def test_a_list_of_people_gathers_every_name_from_several_sentences(library: Engine) -> None:
    answer = library.ask("Which engineers inspected the bridge?")
    named = [name for name in ("Maria Lopez", "Tom Becker", "Ana Ruiz") if name in answer.text]
    assert len(named) >= 2, answer.text


def test_a_document_without_date_says_so(library: Engine) -> None:
    answer = library.ask("When was the kettle guide published?")
    assert answer.abstained
    assert "does not give its date" in answer.text


def test_a_document_without_prose_cannot_be_summarized(library: Engine) -> None:
    with pytest.raises(RagError, match="no prose sentences to summarize"):
        library.summarize("snippet.md")


def test_a_yes_no_is_not_settled_by_the_verb_of_the_sentence_before(engine) -> None:
    # the best sentence names China and Russia; "agreed" is only in the sentence before it, so
    # nothing says China agreed: the answer quotes without a Yes or No
    answer = engine.ask("Did China agree to lean on Russia?")
    assert not answer.text.startswith(("Yes.", "No.")), answer.text


def test_words_about_the_document_are_not_taken_for_another_topic(engine) -> None:
    answer = engine.ask("Which Chinese officials are named in the piece?")
    assert not answer.abstained, answer.text
    assert re.search(r"Qin|Wang|Xi Jinping|Hua", answer.text), answer.text


def test_a_plain_noun_is_not_taken_for_a_name_in_code(engine) -> None:
    # "warnings" could be a Python warning class; no passage names one, so it is plain English
    answer = engine.ask("What warnings did the White House officials give the ambassador?")
    assert not answer.abstained, answer.text
    assert "sanctions" in answer.text, answer.text


# The manual fixture's documents, by file name.
MANUAL_FILES = {
    "ledger.txt": (
        "Ledger rules\n============\n\n"
        "Entries in a ledger should follow some rules, if possible:\n\n"
        "* Every entry should be dated. In other words, an entry without a day is refused:\n\n"
        '     "2024-01-05 rent 900"\n\n'
        "* Amounts should be positive. Refunds are written as entries of their own.\n\n"
        "* Each entry should name a payee. The payee may be a person or a firm.\n\n"
        "A ledger is a book of accounts kept by a clerk.\n\n"
        "The following are ledgers: a cash book, a sales journal, and a purchase journal.\n"
    ),
    "console.txt": (
        "Console commands\n================\n\nThe console reads one command per line.\n\n"
        "zapline [count]\n\n   Removes the given number of marked lines, or one.\n\n"
        "mark(er) [line | pattern]\n\n   Flags the line, or every line matching the pattern.\n"
    ),
    "reader.txt": (
        "The text reader\n===============\n\nThe reader splits text at the following "
        "boundaries:\n\n+--------+---------------+\n| Mark   | Meaning       |\n"
        '+========+===============+\n| "\\n"   | Line Feed     |\n+--------+---------------+\n'
        '| "\\f"   | Form Feed     |\n+--------+---------------+\n\nEmpty lines are kept.\n'
    ),
    "kettle.txt": (
        "Descaling\n=========\n\nUse the blue tablets every week. Rinse the jug twice.\n\n"
        "Filter care\n===========\n\nUse the green tablets every week. Dry the filter in air.\n"
    ),
    "lab.txt": (
        "Maria Lopez has run the city laboratory since 2019. "
        "The laboratory tests river water for the council. "
        "Its twelve staff work in two shifts. "
        "The council wants new safety rules for the staff. "
        "She has refused to sign the new rules. "
        "Tom Becker, the council's lawyer, drafted the rules and signed them in May.\n"
    ),
    "loop.txt": (
        'The "loop" block\n****************\n\nA loop block repeats its body. Several clauses may '
        "follow the body of a loop block.\n\n"
        '"until" clause\n==============\n\n'
        'The "until" clause ends the loop when its test holds.\n\n'
        '"after" clause\n==============\n\nThe "after" clause runs once the loop has ended.\n\n'
        '"skip" clause\n=============\n\nThe "skip" clause passes over one round of the loop.\n'
    ),
    "kit.txt": (
        "Assembly kit\n============\n\nThe kit ships in one box. The kit contains these parts:\n\n"
        "* a steel frame\n\n* two rubber wheels\n\n* a spare brake cable\n\n"
        "Assembly takes about an hour.\n"
    ),
    "tools.txt": (
        'Bike tools\n==========\n\nThe shop lends out these tools:\n\n* "hex key"\n\n'
        '* "torque wrench"\n\n* "tyre lever"\n\nTools go back the same day.\n'
    ),
    "gizmo.txt": (
        "Gizmo attributes\n================\n\ngizmo.__tag__\n\n   The short label of the "
        "gizmo.\n\n   New in version 2.4.\n\ngizmo.__size__\n\n   The size of the gizmo in "
        "millimetres.\n\ngizmo.__owner__\n\n   The account that registered the gizmo.\n\n"
        "   New in version 3.1.\n"
    ),
    "crate.txt": (
        "Crates\n======\n\nExamples of crates are boxes, bins and pallets. Some boxes hold "
        "other boxes; these are called *crates*. Each crate has a label.\n"
    ),
    "bell.txt": (
        "Bells\n=====\n\nA bell is rung by hand. Every bell in the tower is cast in bronze and "
        "tuned in the foundry. The bell has a crown, a waist and a lip. Bells last for centuries."
        "\n"
    ),
    "swap.txt": (
        'The "swap" call\n***************\n\nA swap call exchanges the values of two slots. '
        "For example:\n\n   swap(a, b)\n\nis translated to\n\n   a, b = b, a\n\n"
        "The swap call never copies a value.\n\nSlot methods\n============\n\n"
        "slot[key] = value\n\n   Set the slot of *key* to *value*.\n"
    ),
    "tickets.txt": (
        "Tickets\n=======\n\nTickets bought online cannot be refunded. This is because the "
        "fares are fixed by the airline. Seats are assigned at check-in. The boarding gate "
        "closes twenty minutes before departure. Hence, passengers who reach the gate late are "
        "not boarded.\n"
    ),
    "pow.txt": (
        'The "pow" form\n**************\n\nThe pow form binds tighter than a minus on its left. '
        'The syntax is:\n\n   pow_expr ::= atom ["^" factor]\n\nThus, in a chain of pow '
        "forms and minuses, the minuses apply from right to left.\n"
    ),
    "widget.txt": (
        "Widget calls\n============\n\nwidget.spin(self)\n\n   Called to turn the widget once "
        "around its axle. Its colour stays the same.\n\nwidget.paint(self, colour)\n\n"
        "   Called to give the widget a new colour. Should return the colour it had "
        "before.\n\nThe spare widget is a widget wrapped in blue paper. There is exactly one "
        "spare widget in each crate. This widget is commonly used by testers.\n"
    ),
    "gadget.txt": (
        "Rotors\n======\n\nTwo rotors can be fitted on any gadget of the standard size. To fit "
        "them, add a spacer to the chassis.\n"
    ),
    "stamp.txt": (
        'The "stamp" command\n*******************\n\nThe "stamp" command marks a recipe as '
        "checked. The stamp command is only allowed at the top level of a recipe.\n"
    ),
    "grid.txt": (
        'Grids can be drawn in many ways. The "@" operator is intended for joining two '
        "grids. No builtin shapes implement this operator. A class of your own may define "
        "it.\n"
    ),
}


@pytest.fixture(scope="module")
def manual(tmp_path_factory: pytest.TempPathFactory, minilm) -> Engine:
    """An engine over MANUAL_FILES: small manuals and notes, each written for an answer shape
    the tests below check (sections told apart by their titles, a "she" named sentences before,
    lists, tables of terms, version notes…)."""
    seeds = tmp_path_factory.mktemp("manual")
    for name, text in MANUAL_FILES.items():
        (seeds / name).write_text(text, encoding="utf-8")
    settings = Settings(
        _env_file=None, data_dir=tmp_path_factory.mktemp("manual-data"), seeds_dir=seeds
    )
    return Engine.from_settings(settings, embed_model=minilm)


def test_a_sentence_is_read_under_its_section_title(manual: Engine) -> None:
    answer = manual.ask("Which tablets are used for descaling?")
    assert "blue" in answer.citations[0].quote, answer.text


def test_a_why_quotes_the_reason_the_next_sentence_gives(manual: Engine) -> None:
    answer = manual.ask("Why is there no refund for tickets bought online?")
    assert "This is because the fares are fixed by the airline." in answer.text, answer.text


def test_a_why_about_a_consequence_quotes_the_sentence_it_follows_from(manual: Engine) -> None:
    answer = manual.ask("Why are passengers who reach the gate late not boarded?")
    assert "closes twenty minutes before departure" in answer.text, answer.text


def test_a_rule_allowing_a_thing_only_elsewhere_answers_is_it_ok_no(manual: Engine) -> None:
    # the rule names where the command may go, never the loop block the question asks about
    answer = manual.ask("Is it OK to use the stamp command inside a loop block?")
    assert answer.text.startswith("No."), answer.text
    assert "only allowed at the top level" in answer.text, answer.text


def test_a_yes_no_reads_what_this_x_points_back_to(manual: Engine) -> None:
    # "this operator" is the "@" for joining grids of the sentence before
    answer = manual.ask("Can the @ operator for joining grids be used with built-in shapes?")
    assert answer.text.startswith("No."), answer.text
    assert "No builtin shapes implement this operator." in answer.text, answer.text


def test_what_a_thing_is_for_is_answered_by_its_use(manual: Engine) -> None:
    answer = manual.ask("What is the spare widget for?")
    assert "commonly used by testers" in answer.citations[0].quote, answer.text


def test_a_quote_does_not_lean_back_onto_a_grammar_line(manual: Engine) -> None:
    answer = manual.ask("Why do the minuses apply from right to left in a chain of pow forms?")
    assert "Thus, in a chain of pow forms" in answer.text, answer.text
    assert "::=" not in answer.text, answer.text


def test_what_a_listed_call_does_is_the_description_under_its_term(manual: Engine) -> None:
    answer = manual.ask("What does spin do?")
    quote = answer.citations[0].quote
    assert "widget.spin(self) Called to turn the widget once around its axle" in quote, quote


def test_how_to_do_a_thing_is_answered_by_the_instruction(manual: Engine) -> None:
    answer = manual.ask("How do I fit two rotors on a gadget?")
    assert answer.text.startswith("To fit them, add a spacer to the chassis."), answer.text


def test_a_listed_call_s_description_is_quoted_on_past_its_first_sentence(manual) -> None:
    answer = manual.ask("What does paint do?")
    assert "Should return the colour it had before." in answer.text, answer.text


def test_exactly_one_answers_is_there_more_than_one_no(manual: Engine) -> None:
    answer = manual.ask("Is there more than one spare widget in a crate?")
    assert answer.text.startswith("No."), answer.text


def test_she_is_read_as_the_person_named_before(manual: Engine) -> None:
    answer = manual.ask("Did Maria Lopez sign the rules?")
    assert answer.text.startswith("No."), answer.text
    assert "She has refused to sign" in answer.text


def test_a_sentence_introducing_a_list_is_quoted_with_its_items(manual: Engine) -> None:
    answer = manual.ask("Which parts does the kit contain?")
    for item in ("a steel frame", "two rubber wheels", "a spare brake cable"):
        assert item in answer.text, answer.text


def test_items_in_quotation_marks_are_quoted_with_the_sentence_introducing_them(
    manual: Engine,
) -> None:
    # an item opening with a quotation mark is an item of the list, not a quotation going on
    answer = manual.ask("Which tools does the shop lend out?")
    for item in ("hex key", "torque wrench", "tyre lever"):
        assert item in answer.text, answer.text


def test_a_version_note_answers_for_the_entry_it_lies_under(manual: Engine) -> None:
    answer = manual.ask("Which version added __tag__?")
    assert "2.4" in answer.text and "3.1" not in answer.text, answer.text
    assert "short label" in answer.text, answer.text  # quoted with the entry it notes
    # no entry on a gizmo's colour: another entry's note does not say when it came
    answer = manual.ask("In which version was the colour of a gizmo first introduced?")
    assert answer.abstained or "New in version" not in answer.text, answer.text


def test_a_yes_no_bounding_a_count_is_settled_by_the_count_the_article_gives(engine) -> None:
    # the article: Xi and Putin "had met 37 times as national leaders before this year"
    answer = engine.ask("Had Xi and Putin met more than 30 times before this year?")
    assert answer.text.startswith("Yes.") and "37 times" in answer.text, answer.text
    answer = engine.ask("Had Xi and Putin met fewer than 20 times before this year?")
    assert answer.text.startswith("No.") and "37 times" in answer.text, answer.text


def test_him_in_the_settling_sentence_is_the_person_named_before(engine) -> None:
    # "American officials spoke with the ambassador… Wendy R. Sherman… had a call with him."
    answer = engine.ask("Did Sherman have a call with the Chinese ambassador?")
    assert answer.text.startswith("Yes.") and "had a call with him" in answer.text, answer.text


def test_a_yes_no_naming_someone_the_sentence_gives_the_deed_to_another_is_no(engine) -> None:
    # "Wendy R. Sherman, the deputy secretary of state, had a call with him."
    answer = engine.ask("Was it Blinken who had the phone call with the Chinese ambassador?")
    assert answer.text.startswith("No.") and "Sherman" in answer.text, answer.text
    # a sentence on Biden administration officials' meetings says nothing of Putin
    answer = engine.ask("Did Biden meet Putin?")
    assert not answer.text.startswith(("Yes.", "No.")), answer.text


def test_a_day_the_article_gives_for_another_deed_does_not_date_the_asked_one(engine) -> None:
    # "had flown to Moscow on Nov. 2 …, and on Nov. 17, American intelligence officials shared…"
    answer = engine.ask("Did William Burns fly to Moscow on Nov. 17?")
    assert answer.text.startswith("No.") and "Nov. 2" in answer.text, answer.text
    answer = engine.ask("Who flew to Moscow on Nov. 17?")
    assert answer.abstained, answer.text


def test_a_yes_no_dating_the_event_to_another_month_is_no(engine) -> None:
    # "…after President Biden and Mr. Xi held a video summit on Nov. 15."
    answer = engine.ask("Did Biden and Xi hold their video summit in October?")
    assert answer.text.startswith("No.") and "Nov. 15" in answer.text, answer.text
    answer = engine.ask("Did Biden and Xi hold their video summit in November?")
    assert answer.text.startswith("Yes.") and "Nov. 15" in answer.text, answer.text
    # "…the joint statement that China and Russia issued on Feb. 4 when… in Beijing": few of
    # the question's words, and "in Beijing" is no month
    answer = engine.ask("Was the joint statement issued in January?")
    assert answer.text.startswith("No.") and "Feb. 4" in answer.text, answer.text


def test_a_month_dates_otherwise_only_an_event_the_text_dates_with_the_same_words() -> None:
    from rag.dates import dated_otherwise

    text = "The ministers held a video summit on Nov. 15, and in December the talks resumed."
    assert dated_otherwise("Was the video summit held in March?", text)
    assert not dated_otherwise("Was the video summit held in November?", text)
    assert not dated_otherwise("Did the talks resume in December?", text)
    assert not dated_otherwise("Did the army invade in March?", text)  # nothing dated of that


@pytest.mark.parametrize(
    "question", ["what is __size__ used for on a gizmo", "gizmo.__size__?", "What's __owner__?"]
)
def test_a_term_line_is_never_the_answer_alone(manual: Engine, question: str) -> None:
    # "gizmo.__size__" states nothing: the description under it answers
    answer = manual.ask(question)
    assert "millimetres" in answer.text or "registered" in answer.text, answer.text
    assert not answer.text.startswith(("gizmo.__size__ [", "gizmo.__owner__ [")), answer.text


@pytest.mark.parametrize(
    ("question", "described"),
    [
        ("What does zapline do?", "Removes the given"),
        ("What does the mark command do?", "Flags the line"),
    ],
)
def test_a_command_s_synopsis_line_is_quoted_with_its_description(
    manual: Engine, question: str, described: str
) -> None:
    # "zapline [count]" states nothing: the description indented under it answers
    answer = manual.ask(question)
    assert answer.citations and described in answer.citations[0].quote, answer.text


def test_a_sentence_naming_what_it_describes_defines_it(manual: Engine) -> None:
    # "…; these are called *crates*" defines a crate; "Examples of crates are…" does not
    answer = manual.ask("In plain terms, what is a crate?")
    assert answer.citations and "hold other boxes" in answer.citations[0].quote, answer.text


def test_a_list_asked_by_its_count_prefers_a_sentence_listing_that_many(manual: Engine) -> None:
    answer = manual.ask("What three parts does every bell in the tower have?")
    assert "a crown, a waist and a lip" in answer.citations[0].quote, answer.text


def test_a_when_question_naming_a_place_needs_a_sentence_holding_it(engine) -> None:
    # Blinken spoke to Mr. Wang "in late January and again on Monday"; he flew nowhere
    answer = engine.ask("When did Antony Blinken fly to Beijing?")
    assert answer.abstained, answer.text
    answer = engine.ask("When did Burns fly to Moscow?")
    assert not answer.abstained and not answer.hedged and "Nov. 2" in answer.text, answer.text


def test_a_sentence_that_only_leads_into_code_is_not_the_answer(manual: Engine) -> None:
    answer = manual.ask("How is a swap call translated?")
    assert "is translated to" not in answer.text, answer.text
    answer = manual.ask("what does slot[key] = value do")  # a term in code, then its entry
    assert answer.text.startswith("Set the slot of"), answer.text


def test_how_much_money_is_not_answered_by_a_sentence_without_an_amount(engine) -> None:
    # "…as lucrative trade ties developed" gives no amount of trade
    answer = engine.ask("How much is annual trade between China and Russia worth?")
    assert answer.abstained, answer.text


def test_why_a_choice_was_made_is_answered_by_what_was_decided_about_it(engine) -> None:
    # "After the meeting, American officials decided that the Russian troop buildup…
    # presented the most immediate problem…"
    answer = engine.ask(
        "Why did American officials choose the Russian troop buildup as the issue to tackle "
        "with China after the meeting?"
    )
    assert "most immediate problem" in answer.citations[0].quote, answer.text


def test_what_a_joint_statement_declared_is_its_content_not_speech(engine) -> None:
    # "In that document, the two countries declared their partnership had “no limits”…"
    answer = engine.ask("What did China and Russia declare in their Feb. 4 joint statement?")
    assert not answer.abstained and "no limits" in answer.text, answer.text


def test_a_table_row_is_read_with_the_sentence_introducing_its_table(manual: Engine) -> None:
    # the row '"\f": Form Feed' holds none of the question's words but "form feed"
    answer = manual.ask("Does the text reader split text at a form feed?")
    assert answer.text.startswith("Yes.") and "Form Feed" in answer.text, answer.text


def test_a_yes_no_about_a_name_the_article_never_uses_is_not_settled(engine) -> None:
    # the article never mentions the FBI: nothing it says of Burns settles this
    answer = engine.ask("Did William Burns brief the FBI?")
    assert not answer.text.startswith(("Yes.", "No.")), answer.text
    assert answer.abstained, answer.text  # "does not say", with the closest passage


@pytest.mark.parametrize(
    ("question", "lead", "role"),
    [
        ("Is Qin Gang the Chinese foreign minister?", "No.", "the ambassador"),
        ("Is Wang Yi China's foreign minister?", "Yes.", "the Chinese foreign minister"),
        ("Was Wang Yi the Russian foreign minister?", "No.", "the Chinese foreign minister"),
        ("Is Wendy Sherman the secretary of state?", "No.", "the deputy secretary of state"),
        # the article calls Burns the C.I.A. director
        ("Was William Burns the director of the FBI?", "No.", "the C.I.A. director"),
        # typed in lower case, a first name that only ever opens a sentence is still a name
        ("is william burns the secretary of defense", "No.", "the C.I.A. director"),
    ],
)
def test_a_role_asked_of_a_person_is_answered_by_the_role_the_article_gives(
    engine, question: str, lead: str, role: str
) -> None:
    answer = engine.ask(question)
    assert answer.text.startswith(lead) and role in answer.text, answer.text
    assert answer.citations and role in answer.citations[0].quote, answer.text


def test_what_one_leader_told_another_is_not_answered_by_their_meeting(engine) -> None:
    # the article says where Xi and Putin met, not what either told the other
    answer = engine.ask("What did Putin tell Xi about his invasion plans at the Olympics?")
    assert answer.abstained or answer.hedged, answer.text


def test_a_country_as_the_subject_is_not_held_to_a_person_s_name(engine) -> None:
    # "China" is no one the article names as a person: "the Chinese officials… rebuffed the
    # Americans" answers, though it never writes "China"
    answer = engine.ask("How did China respond to the American evidence?")
    assert not answer.hedged and not answer.abstained, answer.text
    assert "rebuffed" in answer.citations[0].quote, answer.text


def test_a_yes_no_answered_elsewhere_in_the_article_is_not_settled(engine) -> None:
    # Burns flew to Moscow; nothing says he went to Beijing
    answer = engine.ask("Did Burns fly to Beijing?")
    assert not answer.text.startswith(("Yes.", "No.")), answer.text
    assert "Moscow" in answer.text, answer.text


def test_a_yes_no_with_spelled_out_months_and_places_is_settled(engine) -> None:
    # the article writes "Nov. 17" and "Crimean Peninsula"
    answer = engine.ask("Did the U.S. share its findings with NATO in November?")
    assert answer.text.startswith("Yes."), answer.text
    answer = engine.ask("Did Wang Yi say Ukraine's sovereignty should be respected?")
    assert answer.text.startswith("Yes."), answer.text  # "Mr. Wang did say…, but no Chinese…"


def test_a_list_in_a_sectioned_manual_gathers_an_item_from_each_section(manual: Engine) -> None:
    answer = manual.ask("Which clauses can follow the body of a loop block?")
    named = [c for c in ('"until"', '"after"', '"skip"') if c in answer.text]
    assert len(named) >= 2, answer.text


def test_a_question_whose_subject_the_article_never_names_is_not_answered(engine) -> None:
    # the article reports no word from the Kremlin; "talks" alone would match the US-China talks
    answer = engine.ask("What did the Kremlin say about the talks?")
    assert answer.abstained, answer.text


def test_how_someone_reacted_quotes_the_reaction(engine) -> None:
    answer = engine.ask("How did Qin Gang react to the intelligence?")
    assert not answer.hedged and not answer.abstained, answer.text
    assert "skeptical and suspicious" in answer.citations[0].quote, answer.text


def test_the_people_an_article_names_are_listed_once_each_and_cited(engine) -> None:
    answer = engine.ask("Which people are named in the piece?")
    assert not answer.abstained, answer.text
    for name in ("Xi Jinping", "Qin Gang", "Wendy R. Sherman", "Antony J. Blinken", "Hua Chunying"):
        assert answer.text.count(name) == 1, answer.text
    # places and institutions are not people; "Mr. Xi" is Xi Jinping, not a second person
    for other in ("White House", "Chinese Embassy", "State Department", "Mr. Xi"):
        assert other not in answer.text, answer.text
    assert "Wendy R. Sherman, the deputy secretary of state" in answer.text
    # each person is cited to a sentence of the article that names them
    listed = re.findall(r"([A-Z][\w.’' ]+?)(?:, [^;\[]+)? \[(\d+)\]", answer.text)
    assert len(listed) >= 8, answer.text
    for person, marker in listed:
        citation = answer.citations[int(marker) - 1]
        assert any(person.split()[-1] in quote.quote for quote in citation.quotes), person
    _located(engine, answer)


def test_who_is_quoted_lists_the_people_whose_words_the_article_gives(engine) -> None:
    answer = engine.ask("Who is quoted in the article?")
    assert "byline" not in answer.text, answer.text
    assert "Hua Chunying" in answer.text and "Evan Medeiros" in answer.text, answer.text
    assert "Qin Gang" not in answer.text  # he is reported, not quoted


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("Who is Wendy Sherman?", "the deputy secretary of state"),
        ("Who's Medeiros?", "a Georgetown University professor"),
        ("Who was Mr. Qin?", "the ambassador"),
        ("who is Vladimir Putin", "President of Russia"),
    ],
)
def test_who_someone_is_is_the_role_the_article_gives_them(engine, question, role) -> None:
    answer = engine.ask(question)
    assert not answer.abstained and not answer.hedged, answer.text
    assert role in answer.text, answer.text
    # cited to the sentence that names them with that role
    surname = answer.text.split(" as ")[0].split()[-1]
    assert surname in answer.citations[0].quotes[0].quote, answer.text
    _located(engine, answer)


def test_who_someone_the_article_never_names_is_not_answered(engine) -> None:
    answer = engine.ask("Who is Jake Sullivan?")
    assert answer.abstained, answer.text


def test_who_someone_is_in_a_library_names_the_document(library) -> None:
    answer = library.ask("Who is Tom Becker?")
    assert "a second engineer" in answer.text and "bridge-report" in answer.text, answer.text


def test_who_a_library_quotes_is_found_in_the_document_that_quotes_someone(library) -> None:
    from rag.intent_patterns import Intent
    from rag.reader import answer_whole_document, documents, structures

    # the best passages for "Who is quoted?" may be the kettle guide's; the article quotes
    docs = documents(structures(library.manifest), library.nodes())
    kettle = next(d.source for d in docs if "kettle" in d.source)
    answer = answer_whole_document(Intent.people, "Who is quoted?", docs, [kettle], None)
    assert "Hua Chunying" in answer.text, answer.text
    assert "000_" in answer.text  # with several documents, the answer names its document
    # a document the question names is answered for, even when it names no one
    answer = library.ask("Who is quoted in the kettle guide?")
    assert answer.abstained and "quotes no one" in answer.text, answer.text


def test_how_someone_describes_a_thing_quotes_their_words(engine) -> None:
    # the name is in one passage only, which dense search ranks below four others; the quote
    # says "they" for China and never the word "position"
    answer = engine.ask("How does Medeiros describe China's position?")
    assert not answer.hedged and not answer.abstained, answer.text
    assert "They claim neutrality" in answer.citations[0].quote, answer.text


def test_a_topic_everywhere_in_the_article_does_not_hide_what_someone_said(engine) -> None:
    answer = engine.ask("What did Medeiros say about China?")
    assert not answer.abstained, answer.text
    assert "They claim neutrality" in answer.citations[0].quote, answer.text


def test_someone_s_words_on_another_matter_are_not_their_view_of_this_one(engine) -> None:
    # the article names Taiwan once, never with Hua Chunying
    answer = engine.ask("What is Hua Chunying's position on Taiwan?")
    assert answer.abstained or answer.hedged, answer.text


def test_a_yes_no_naming_a_partner_quotes_the_sentence_that_names_it(engine) -> None:
    # the troop-buildup sentence shares more words, but only the Burns sentence names NATO
    answer = engine.ask("Was the intelligence about the troop buildup also passed to NATO?")
    assert "shared their findings with NATO" in answer.citations[0].quote, answer.text


def test_who_said_a_quote_finds_its_speaker_named_in_another_passage(engine) -> None:
    # "If someone keeps pouring oil on the flame…" follows "…,” she said." in a chunk that
    # never names Hua Chunying; the sentence naming her lies in the chunk before
    answer = engine.ask("Who said that pouring oil on the flame is irresponsible?")
    assert answer.text.startswith("Hua Chunying"), answer.text
    assert not answer.abstained and len(answer.citations) == 2, answer.text
    _located(engine, answer)


@pytest.mark.parametrize(
    "question",
    [
        "Who made the comment about pouring oil on the flame?",
        "Which spokeswoman used the phrase about pouring oil on the flame?",
        "Who was quoted as saying someone keeps pouring oil on the flame?",
    ],
)
def test_a_quote_asked_after_in_other_words_finds_its_speaker(engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.text.startswith("Hua Chunying"), answer.text


def test_who_was_told_is_no_question_of_a_speaker() -> None:
    from rag.speakers import asks_who_said

    assert asks_who_said("Which official was quoted saying it?")
    assert not asks_who_said("Who was told about the intelligence?")


def test_who_said_words_of_someone_named_is_answered_by_the_unnamed_speaker(engine) -> None:
    # "Mr. Qin was skeptical and suspicious, an American official said.": the passage answer
    # names Mr. Qin (and others), none of whom said it
    answer = engine.ask("Who characterized Qin Gang as skeptical and suspicious?")
    assert answer.text.startswith("An American official"), answer.text
    _located(engine, answer)


def test_the_speaker_is_the_person_next_to_the_speech_verb() -> None:
    from rag.speakers import _speaker

    text = (
        "On Wednesday, after Mr. Putin ordered troops in, Hua Chunying, a Foreign Ministry "
        "spokeswoman, said that the United States was to blame."
    )
    assert _speaker(text) == "Hua Chunying"
    assert _speaker("“They claim neutrality,” said Evan Medeiros, a professor.") == (
        "Evan Medeiros"
    )
    # officials or a summary are no person, whoever else the sentence names
    assert _speaker("“Keep calm,” said a State Department summary sent to Hong Kong.") is None
    assert _speaker("Mr. Biden spoke to them; “calm,” said State Department officials.") is None
    # one unnamed, set before the verb, is the speaker, not the person named before them
    assert _speaker("Mr. Qin was wary, an American official said.") == "an American official"


def test_a_threat_is_not_taken_for_what_was_actually_done(engine) -> None:
    # the article says the U.S. *would* impose sanctions in the event of an invasion
    answer = engine.ask("What sanctions did Washington actually impose after the invasion?")
    assert answer.abstained, answer.text
    assert "would impose tough sanctions" in answer.text, answer.text  # shown as the closest


def test_the_items_a_sentence_introduces_come_with_it_past_their_own_sentences(
    manual: Engine,
) -> None:
    answer = manual.ask("What rules should ledger entries follow?")
    for item in ("should be dated", "should be positive", "should name a payee"):
        assert item in answer.text, answer.text


def test_a_sentence_in_a_passage_about_other_things_is_found_and_quoted(engine) -> None:
    # "…its global image could suffer if Mr. Putin invaded." closes a passage on sanctions
    answer = engine.ask(
        "According to the Americans, why might China's reputation around the world take a hit "
        "if Russia attacked?"
    )
    assert "global image could suffer" in answer.text, answer.text


def test_a_yes_no_is_not_settled_by_the_occasion_it_names_alone(engine) -> None:
    # "…when Mr. Xi and Mr. Putin met at the opening ceremony of the Winter Olympic Games":
    # the meeting is there, what the question asks was done at it is not
    for question in (
        "Did Xi warn Putin about sanctions when they met at the Olympic Games?",
        "Did Xi pass on the U.S. warnings to Putin while they were together at the Olympics?",
    ):
        answer = engine.ask(question)
        assert not answer.text.startswith(("Yes.", "No.")), answer.text
    # the occasion and the deed in one place still settle it
    answer = engine.ask(
        "Did White House officials describe the encirclement of Ukraine when they met the "
        "ambassador?"
    )
    assert answer.text.startswith("Yes.") and "encirclement" in answer.text, answer.text


def test_what_one_person_told_another_is_not_what_was_said_to_them(engine) -> None:
    # the article has Blinken speak to Mr. Wang, and gives no word of Mr. Wang's reply
    answer = engine.ask("What did Wang Yi say to Antony Blinken when they talked in January?")
    assert answer.abstained, answer.text
    assert "spoke to Mr. Wang" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        ("Did the officials warn Beijing not to help Russia dodge sanctions in future?", "warned"),
        ("Did the Americans want China to tell Russia not to invade Ukraine?", "beseeched"),
    ],
)
def test_a_not_in_what_someone_was_told_is_not_the_answer_no(engine, question, quoted) -> None:
    answer = engine.ask(question)
    assert answer.text.startswith("Yes."), answer.text
    assert quoted in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "For what reason are the people who told the reporters about these talks unidentified?",
        "Where does all this information come from?",
        "Who were the sources behind this report?",
        "How did the newspaper learn of the private meetings?",
    ],
)
def test_where_the_story_s_information_comes_from_is_its_sourcing_sentence(
    engine, question
) -> None:
    # the article says how it was reported in words of its own ("on the condition of
    # anonymity because of the sensitive nature…"), which share little with such questions
    answer = engine.ask(question)
    assert not answer.abstained and not answer.hedged, answer.text
    assert "condition of anonymity" in answer.citations[0].quote, answer.text
    _located(engine, answer)


def test_a_question_about_names_of_people_is_not_about_the_sources(engine) -> None:
    answer = engine.ask("Which Chinese official did Wendy Sherman have a call with?")
    assert "anonymity" not in answer.text, answer.text


def test_sourcing_is_taken_from_the_document_asked_about(library: Engine) -> None:
    answer = library.ask("Why doesn't the article about China and Ukraine name its sources?")
    assert "condition of anonymity" in answer.text, answer.text
    assert "000_" in answer.text  # several documents: the answer names the one it quotes
    # the bridge report never says how it was reported: the article's sentence is not its answer
    answer = library.ask("Where does the information in the bridge report come from?")
    assert "anonymity" not in answer.text, answer.text


def test_a_middle_initial_does_not_cut_a_name_short() -> None:
    from rag.questions import Expect, offers, people

    sentence = "President Richard M. Nixon made a trip to China."
    assert "president richard m. nixon" in people(sentence)
    assert not offers(Expect.person, sentence, "Who did Nixon meet?")
    assert offers(Expect.person, sentence, "Who made a trip?")


def test_what_made_people_think_asks_why_not_for_people() -> None:
    from rag.forms import form_of
    from rag.lists import question_expect
    from rag.questions import Expect

    asked = "What made some reporters doubt the mayor would sign it?"
    assert question_expect(asked, form_of(asked)) is not Expect.person
    asked = "Which reporters doubted the mayor?"
    assert question_expect(asked, form_of(asked)) is Expect.person


def test_why_people_believed_something_gives_the_grounds_the_story_gives_before_it(
    engine,
) -> None:
    # the story states the grounds first ("…had met 37 times…") and the belief after them
    # ("…it was Mr. Xi, went the thinking of some U.S. officials"): a why about the belief
    # quotes both, not a reason given for something else
    answer = engine.ask("Why did some Americans consider Xi the man to talk Putin out of it?")
    assert not answer.abstained, answer.text
    assert "37 times" in answer.text and "think twice" in answer.text, answer.text
    _located(engine, answer)


def test_a_belief_is_concluded_only_where_the_question_asks_the_grounds_of_one() -> None:
    from rag.beliefs import concludes_belief

    belief = "If anyone could calm the crowd, it was the mayor, went the thinking of her aides."
    assert concludes_belief("Why did her aides think the mayor could calm them?", belief)
    assert not concludes_belief("Why did the crowd gather?", belief)
    # a belief that states its own reason needs nothing before it
    reasoned = "Her aides thought she could calm them because the crowd trusted her."
    assert not concludes_belief("Why did her aides think she could calm them?", reasoned)


def test_an_emphatic_adverb_does_not_make_a_question_foreign(engine) -> None:
    # "still" names nothing the article could be about; "skeptical" and "outreach" are its words
    answer = engine.ask("Why did the skeptical officials still support the outreach?")
    assert not answer.abstained, answer.text
    assert "no stone unturned" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "How long did the talk at the Chinese Embassy go on?",
        "How long did the embassy meeting last?",
    ],
)
def test_how_long_a_meeting_went_on_finds_the_span_in_a_passage_about_other_things(
    engine, question
) -> None:
    # the span ("more than one and a half hours") lies in a passage about the sanctions
    # threatened there; "Over three months" is a span too, but of the whole outreach
    answer = engine.ask(question)
    assert not answer.abstained, answer.text
    assert "one and a half hours" in answer.citations[0].quote, answer.text
    _located(engine, answer)


def test_a_span_in_words_answers_how_long() -> None:
    from rag.questions import Expect, expected, offers

    asked = "How long did the hearing run?"
    assert expected(asked) is Expect.number
    assert offers(Expect.number, "The hearing ran two and a half hours.", asked)
    assert offers(Expect.number, "It went on for one and a half days.", asked)
    assert not offers(Expect.number, "The judges had met 37 times.", asked)


def test_what_a_document_said_quotes_the_sentence_that_gives_its_content(engine) -> None:
    # the sentence naming the statement says nothing of what it holds; "In that document, …"
    # after it does
    answer = engine.ask("What did the Feb. 4 statement contain?")
    assert not answer.abstained, answer.text
    assert "no limits" in answer.text, answer.text
    _located(engine, answer)


@pytest.mark.parametrize(
    ("history", "question"),
    [
        (["What did the Americans ask Beijing to do?"], "how did that turn out?"),
        ([], "What was the result of the Americans' appeals to Beijing?"),
    ],
)
def test_how_an_effort_turned_out_quotes_its_outcome(engine, history, question) -> None:
    # "But their entreaties went nowhere." shares no word with "how did that turn out?": it is
    # found as the sentence of an outcome, not as one about the appeals
    turns = [{"role": "user", "content": turn} for turn in history]
    answer = engine.chat(question, history=turns) if turns else engine.ask(question)
    assert not answer.abstained, answer.text
    assert "went nowhere" in answer.text or "efforts failed" in answer.text, answer.text
    _located(engine, answer)


def test_whether_an_effort_worked_is_settled_by_its_outcome(engine) -> None:
    answer = engine.ask("Was the outreach to China a success?")
    assert answer.text.startswith("No."), answer.text
    assert "went nowhere" in answer.text or "efforts failed" in answer.text, answer.text
    _located(engine, answer)
    # the article tells nothing of how the threatened sanctions worked out: neither Yes nor No
    answer = engine.ask("Did the sanctions work?")
    assert not answer.text.startswith(("Yes.", "No.")), answer.text


@pytest.mark.parametrize(
    ("history", "question"),
    [
        ([], "Why wouldn't the Chinese officials believe the American warnings?"),
        (["Did the ambassador accept the warnings?"], "why not?"),
    ],
)
def test_why_someone_did_not_accept_a_warning_gives_the_reason_they_gave(
    engine, history, question
) -> None:
    # "…rebuffed the Americans, saying they did not think an invasion was in the works": the
    # reason given for a refusal, not the Americans' own arguments
    turns = [{"role": "user", "content": turn} for turn in history]
    answer = engine.chat(question, history=turns) if turns else engine.ask(question)
    assert not answer.abstained, answer.text
    assert "did not think an invasion" in answer.citations[0].quote, answer.text
    _located(engine, answer)


def test_the_standard_of_a_comparison_still_answers_what_it_names(engine) -> None:
    # the standard names the Obama administration: it answers who announced the earlier ones;
    # and "going far beyond those" answers a question that compares, Yes or No by its direction
    answer = engine.ask("Which administration announced sanctions after Russia took Crimea?")
    assert not answer.abstained, answer.text
    assert "Obama administration" in answer.text, answer.text
    answer = engine.ask("Would the new sanctions be harsher than the ones after Crimea?")
    assert answer.text.startswith("Yes.") and "far beyond" in answer.text, answer.text
    _located(engine, answer)
    answer = engine.ask("Were the sanctions the officials threatened weaker than the 2014 ones?")
    assert answer.text.startswith("No.") and "far beyond" in answer.text, answer.text


def test_names_only_in_a_standard_are_found_whatever_the_wording() -> None:
    from rag.compare import names_only_as_standard

    sentence = (
        "The council approved a budget of $40 million, well beyond the one passed by the "
        "Smith council in 2019."
    )
    assert names_only_as_standard("What budget did the Smith council pass?", sentence) == {"smith"}
    # the thing asked is what the standard itself names
    assert not names_only_as_standard("Which council passed a budget in 2019?", sentence)
    # the question compares
    assert not names_only_as_standard(
        "What budget did the Smith council pass, compared with this one?", sentence
    )
    # the name is outside the standard too
    assert not names_only_as_standard(
        "What budget did the Smith council pass?", "The Smith council passed a budget. " + sentence
    )


def test_a_role_posted_to_a_place_the_passage_never_names_is_not_answered(engine) -> None:
    # the article's ambassador is met at the Chinese Embassy in a passage about the United
    # States; nothing in it is about a posting to the European Union
    answer = engine.ask("Who serves as China's ambassador to the European Union?")
    assert answer.abstained, answer.text
    answer = engine.ask("Who was China's ambassador to the U.S. at the time?")
    assert not answer.abstained, answer.text
    assert "Qin Gang" in answer.text, answer.text


def test_a_posting_is_looked_for_in_the_whole_passage() -> None:
    from rag.roles import posted_where_unsaid

    passage = "Officials met the ambassador at the French Embassy. Germany was not told."
    assert posted_where_unsaid("Who is France's ambassador to Japan?", passage)
    assert not posted_where_unsaid("Who is France's ambassador to Germany?", passage)
    assert not posted_where_unsaid("Who is France's ambassador?", passage)  # no posting asked


def test_what_someone_decided_quotes_the_decision_with_its_content(engine) -> None:
    # "…American officials decided that the Russian troop buildup… presented the most immediate
    # problem": the decision itself, not a sentence on the summit it followed
    answer = engine.ask("What did the Americans decide once the video summit was over?")
    assert not answer.abstained, answer.text
    assert answer.text.startswith("After the meeting, American officials decided"), answer.text
    _located(engine, answer)


def test_the_asked_deed_is_the_verb_after_the_subject() -> None:
    from rag.rerank import asked_deed

    told = "After the vote, the council members agreed that the bridge should close."
    assert asked_deed("What did the council members agree after the vote?").search(told)
    assert asked_deed("and what did they stress?").search("She stressed that it was late.")
    # a plural subject or a noun after "the" is not the verb; light verbs ask for no content
    assert asked_deed("What did the officials want?") is None
    assert asked_deed("What did the mayor's deputy tell them?") is None  # no verb: "deputy"
    assert asked_deed("What did US officials agree?").pattern.startswith(r"\bagre")
    assert asked_deed("Why did the council agree?") is None


@pytest.mark.parametrize(
    "question",
    ["What was Medeiros's role in the Obama administration?", "what job did evan medeiros hold"],
)
def test_a_person_s_job_is_the_role_the_article_gives_them_whole(engine, question) -> None:
    answer = engine.ask(question)
    assert not answer.abstained, answer.text
    # the role the article sets beside the name, with what he was before
    assert "Georgetown University professor" in answer.text
    assert "senior Asia director" in answer.text
    _located(engine, answer)


@pytest.mark.parametrize("question", ["How did China respond?", "How did Beijing react?"])
def test_how_a_country_reacted_quotes_its_officials_reaction(engine, question) -> None:
    answer = engine.ask(question)
    assert not answer.abstained, answer.text
    assert "rebuffed the Americans" in answer.text, answer.text


def test_a_yes_no_on_being_persuaded_is_settled_by_the_doubt_not_the_meeting(engine) -> None:
    # the meeting sentence shares the question's words; the one telling his doubt settles it
    answer = engine.ask("Was Qin Gang persuaded by the officials who met him at the embassy?")
    assert answer.text.startswith("No."), answer.text
    assert "skeptical" in answer.citations[0].quote, answer.text
    _located(engine, answer)


def test_a_job_asked_at_another_time_than_the_article_tells_is_not_its_role(engine) -> None:
    # the article gives Hua Chunying's role now, nothing of what she did before
    answer = engine.ask("What was Hua Chunying's position prior to her current one?")
    assert answer.abstained, answer.text
    assert answer.text.startswith("The article does not say"), answer.text


def test_what_passed_between_the_headline_s_own_parties_is_the_gist(engine) -> None:
    # both parties are the headline's ("U.S. Officials… Urged China"), named otherwise here
    answer = engine.ask("What was going on between America and Beijing, per the article?")
    assert "Urged China to Help Avert War" in answer.text, answer.text
    _located(engine, answer)
    # Russia and Ukraine are not both the headline's parties: a look-up, not the gist
    answer = engine.ask("What happened between Moscow and Kyiv?")
    assert "Urged China to Help Avert War" not in answer.text, answer.text


def test_what_someone_did_to_help_is_not_answered_by_a_sentence_that_only_mentions_it(engine):
    # "they knew how China had helped Russia evade…" names the help, and tells nothing of it
    answer = engine.ask("What did Beijing do to help Moscow dodge the 2014 sanctions?")
    assert answer.abstained, answer.text
    assert answer.text.startswith("The article does not say"), answer.text


def test_a_job_asked_before_another_is_the_career_the_article_tells(engine) -> None:
    # "…a Georgetown University professor who was senior Asia director…": told, so answered
    answer = engine.ask("What was Medeiros's job before he went to Georgetown?")
    assert not answer.abstained, answer.text
    assert "senior Asia director" in answer.text
