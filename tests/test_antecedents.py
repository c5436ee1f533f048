"""A question asking for a person, answered by a sentence that names them only as "him" or
"she": the answer names the person the pronoun stands for, in full, and cites where."""

from __future__ import annotations

import pytest

from rag.antecedents import stands_for_someone
from rag.engine import Engine
from tests.helpers import engine_over
from tests.test_reader_answers import _located

COUNCIL = (
    "River council split over budget\n\n"
    "By the city desk\n\n"
    "Ana Ruiz, the council's treasurer, presented the budget on Monday. "
    "The mayor questioned her about the missing funds for two hours. "
    "Members voted to delay the budget until June.\n"
)


@pytest.fixture(scope="module")
def council(tmp_path_factory: pytest.TempPathFactory, minilm) -> Engine:
    return engine_over(tmp_path_factory, minilm, "council.txt", COUNCIL)


def test_a_person_quoted_only_as_him_is_named_in_full(engine) -> None:
    # "Wendy R. Sherman, the deputy secretary of state, had a call with him.": "him" is
    # Mr. Qin, named sentences before, in the chunk before; the article names him in full
    # elsewhere, and the answer cites all three
    answer = engine.ask("Which Chinese official did the deputy secretary speak to by phone?")
    assert answer.text.startswith("Qin Gang"), answer.text
    quotes = " ".join(q.quote for c in answer.citations for q in c.quotes)
    assert "had a call with him" in quotes and "Qin Gang" in quotes, answer.text
    _located(engine, answer)


def test_a_sentence_naming_another_person_is_answered_by_that_person(engine) -> None:
    # "him" is the envoy asked about; the answer is the sentence's Sherman
    answer = engine.ask("Who had a phone call with the Chinese envoy?")
    assert not answer.text.startswith("Qin Gang, according to"), answer.text
    assert "Wendy R. Sherman" in answer.citations[0].quote, answer.text


def test_the_person_asked_for_named_beside_the_pronoun_is_the_answer(engine) -> None:
    # "Wendy R. Sherman, the deputy secretary of state, had a call with him.": the role asked
    # for is hers, not the "him" she called
    answer = engine.ask("Who is the deputy secretary of state?")
    assert not answer.text.startswith("Qin Gang"), answer.text
    assert "Wendy R. Sherman" in answer.citations[0].quote, answer.text


def test_a_pronoun_for_the_one_the_question_describes_leaves_the_answer_alone(council) -> None:
    # "The mayor questioned her…": "her" is the treasurer the question speaks of
    answer = council.ask("Who questioned the treasurer about the missing funds?")
    assert not answer.text.startswith("Ana Ruiz, according to"), answer.text
    assert "The mayor questioned her" in answer.text, answer.text


def test_the_one_a_pronoun_stands_for_is_named_sentences_before(council) -> None:
    answer = council.ask("Who did the mayor question about the missing funds?")
    assert answer.text.startswith("Ana Ruiz, according to"), answer.text
    _located(council, answer)


def test_a_pronoun_stands_for_a_person_unless_it_speaks_or_owns() -> None:
    assert stands_for_someone("Wendy R. Sherman had a call with him.")
    assert stands_for_someone("She met the ambassador twice.")
    assert not stands_for_someone("“Calm down,” she said.")  # the speaker, not the answer
    assert not stands_for_someone("Her ministry issued a statement.")


@pytest.mark.parametrize(
    "question",
    [
        "What position does the Chinese official Blinken talked to hold?",
        "What's the full name of the Chinese official Blinken spoke with?",
    ],
)
def test_the_role_of_someone_the_question_describes_is_the_one_the_document_gives(
    engine, question: str
) -> None:
    # "Secretary of State Antony J. Blinken spoke to Mr. Wang…"; elsewhere "Wang Yi, the
    # Chinese foreign minister,": his role, or his full name, is asked
    answer = engine.ask(question)
    assert answer.text.startswith("Wang Yi, the Chinese foreign minister"), answer.text
    _located(engine, answer)


def test_the_role_of_someone_the_pronoun_stands_for_is_the_one_the_document_gives(
    engine,
) -> None:
    # the person may be a "him" in the quote: the one named before it
    answer = engine.ask("What's the title of the official Sherman had a call with?")
    assert answer.text.startswith("Qin Gang, the ambassador"), answer.text


def test_the_role_asked_of_a_described_person_is_told_by_the_question() -> None:
    from rag.antecedents import _ASKS_ROLE_OF

    assert _ASKS_ROLE_OF.match("What's the job title of the official Blinken called?")
    assert _ASKS_ROLE_OF.match("what role did the man who flew to Moscow have?")
    assert not _ASKS_ROLE_OF.match("What is the role of NATO in this?")  # not someone described
    assert not _ASKS_ROLE_OF.match("What was Qin Gang's position?")  # named: rag/people.py

    # of a person only: "the title of the joint statement" is no one's role
    from types import SimpleNamespace

    from rag.antecedents import asks_role_of_someone

    draft = SimpleNamespace(abstained=False, citations=[object()])
    assert asks_role_of_someone("What's the job title of the official Blinken called?", draft)
    assert not asks_role_of_someone("What is the title of the joint statement?", draft)
    # the full name of someone the question tells a deed of, not of a role alone
    assert asks_role_of_someone("What's the name of the official Blinken called?", draft)
    assert asks_role_of_someone("What is the full name of the envoy who met Burns?", draft)
    assert not asks_role_of_someone("What is the name of the deputy secretary of state?", draft)
    assert not asks_role_of_someone("What's the name of the C.I.A. director?", draft)


def test_the_one_person_given_the_asked_role_is_named(engine) -> None:
    # "met with the ambassador, Qin Gang, at the Chinese Embassy": no word of the question
    answer = engine.ask("what is the name of china's top envoy in the united states?")
    assert answer.text.startswith("Qin Gang, the ambassador"), answer.text
    _located(engine, answer)
    # China's ambassador is no American's: the article names no US envoy in Beijing
    answer = engine.ask("What's the name of America's envoy in Beijing?")
    assert not answer.text.startswith("Qin Gang"), answer.text


def test_a_role_holder_is_asked_by_role_not_by_name() -> None:
    from rag.holders import asks_role_holder

    assert asks_role_holder("Who is the Chinese ambassador?")
    assert asks_role_holder("what's the name of the deputy secretary of state?")
    assert not asks_role_holder("Who is Qin Gang?")  # a name: rag/people.py
    assert not asks_role_holder("Who is to blame?")  # no role
    assert asks_role_holder("Can you tell me the name of the ambassador mentioned here?")
    assert asks_role_holder("Ok — what's the foreign minister's full name?")
    assert asks_role_holder("What is China's ambassador to the United States called?")
    assert not asks_role_holder("What is the joint statement called?")


def test_a_draft_naming_someone_of_another_role_gives_way_to_the_holder(engine) -> None:
    # the passages quote "Wendy R. Sherman, the deputy secretary of state, had a call with him"
    asked = "can you tell me the name of China's ambassador to the United States mentioned here"
    answer = engine.ask(asked)
    assert answer.text.startswith("Qin Gang, the ambassador"), answer.text
    # a draft naming someone who may hold the asked role stays ("…a Georgetown University
    # professor who was senior Asia director…"), though a C.I.A. director is the one director
    answer = engine.ask("Who was the senior Asia director at the National Security Council?")
    assert "Evan Medeiros" in answer.text and "Burns" not in answer.text, answer.text


def test_the_name_of_someone_a_described_person_dealt_with_is_the_one_their_him_means(
    engine,
) -> None:
    # "Wendy R. Sherman, the deputy secretary of state, had a call with him." names the one
    # the question describes by role; "him" is Qin Gang, named sentences before
    asked = (
        "What is the name of the Chinese diplomat with whom the deputy secretary of state "
        "had a call?"
    )
    answer = engine.ask(asked)
    assert answer.text.startswith("Qin Gang, the ambassador"), answer.text
    assert "had a call with him" in answer.text, answer.text
    _located(engine, answer)


def test_names_listed_with_a_country_are_places_not_people() -> None:
    from rag.countries import places_listed
    from rag.questions import Expect, offers

    listed = "They warned others off matters involving Taiwan, Tibet, Xinjiang and Hong Kong."
    assert places_listed(listed) == {"taiwan", "tibet", "xinjiang", "hong kong"}
    assert not places_listed("Wendy Sherman, Antony Blinken and Jake Sullivan met.")
    assert not offers(Expect.person, listed, "Who did they warn?")
    assert offers(Expect.person, "Wendy Sherman and Antony Blinken met.", "Who met?")
