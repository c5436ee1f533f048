"""What happened next: the sentence after the one telling the asked event, placing itself later
in time ("Hours later, …"), found though it shares no word with the question."""

from __future__ import annotations

import pytest

from rag.engine import Engine
from tests.helpers import engine_over
from tests.test_reader_answers import _located

STORM = (
    "Storm hits the coast\n\n"
    "The storm reached the harbor on Monday night. Hours later, the bridge closed. "
    "Days later, the mayor declared an emergency.\n"
)


@pytest.fixture(scope="module")
def storm(tmp_path_factory: pytest.TempPathFactory, minilm) -> Engine:
    return engine_over(tmp_path_factory, minilm, "storm.txt", STORM)


def test_what_happened_after_an_event_is_the_sentence_placed_later(engine) -> None:
    # "American officials met with Mr. Qin in Washington again on Wednesday… Hours later,
    # Mr. Putin declared war…": the second shares no word with the question
    answer = engine.ask("What happened only hours after US officials met Mr. Qin in Washington?")
    assert answer.text.startswith("Hours later, Mr. Putin declared war"), answer.text
    assert "met with Mr. Qin in Washington" in answer.text, answer.text
    _located(engine, answer)


def test_the_time_asked_picks_the_sentence_placed_so(storm) -> None:
    answer = storm.ask("What happened hours after the storm reached the harbor?")
    assert answer.text.startswith("Hours later, the bridge closed."), answer.text
    answer = storm.ask("What happened days after the storm reached the harbor?")
    assert answer.text.startswith("Days later, the mayor declared"), answer.text
    answer = storm.ask("What came right after the bridge closed?")
    assert answer.text.startswith("Days later, the mayor declared"), answer.text
    _located(storm, answer)


def test_an_event_the_document_does_not_tell_gets_no_sequel(storm) -> None:
    answer = storm.ask("What happened after the parade ended?")
    assert "right after this" not in answer.text, answer.text


def test_a_question_dated_by_another_event_is_asked_with_that_events_date(engine) -> None:
    # "American officials met with Mr. Qin in Washington again on Wednesday…"; "On Wednesday,
    # … Hua Chunying… said… the United States was “the culprit of current tensions…”"
    answer = engine.ask(
        "What did the Foreign Ministry spokeswoman call the U.S. on the same day that American "
        "officials met Mr. Qin in Washington again?"
    )
    assert answer.standalone_question.endswith("on Wednesday?"), answer.standalone_question
    assert "culprit" in answer.text, answer.text
    _located(engine, answer)


def test_an_event_no_sentence_dates_leaves_the_question_as_asked(storm) -> None:
    answer = storm.ask("On the same day the storm reached the harbor, what closed?")
    assert answer.standalone_question == "What closed on Monday?", answer.standalone_question
    answer = storm.ask("On the very day the storm reached the harbor, what closed?")
    assert answer.standalone_question == "What closed on Monday?", answer.standalone_question
    # the bridge closed "hours later", on no day the document gives
    answer = storm.ask("On the same day the bridge closed, what did the mayor declare?")
    assert answer.standalone_question is None, answer.standalone_question
