"""People of one side who dealt with the other: "Name the U.S. officials who spoke with their
Chinese counterparts" lists the people the whole article has doing so, each cited."""

from __future__ import annotations

import pytest

from rag.contacts import _CONTACT, _party, asks_contacts
from rag.engine import Engine
from tests.helpers import engine_over
from tests.test_reader_answers import _located

TRADE = (
    "Trade talks stall in Geneva\n\n"
    "Ana Ruiz, the French foreign minister, spoke with Chinese officials on Monday. "
    "Li Wei, the Chinese trade minister, met Chinese and French negotiators on Tuesday. "
    "Tom Becker, the German ambassador, met Chinese officials too. "
    "Marc Dubois, the French trade minister, met reporters on Friday, and Chinese officials "
    "later objected.\n"
)


@pytest.fixture(scope="module")
def trade(tmp_path_factory: pytest.TempPathFactory, minilm) -> Engine:
    return engine_over(tmp_path_factory, minilm, "trade.txt", TRADE)


def test_only_the_asked_side_is_listed_and_only_for_dealing_with_the_other(trade) -> None:
    answer = trade.ask("Which French officials spoke with Chinese officials?")
    assert answer.text.startswith("The article names 1: Ana Ruiz"), answer.text
    # Li Wei is Chinese, Tom Becker German; Marc Dubois met reporters (the Chinese objected
    # in another clause)
    assert "Li Wei" not in answer.text and "Becker" not in answer.text, answer.text
    assert "Dubois" not in answer.text, answer.text
    # asked of no side, anyone but the other side's own
    answer = trade.ask("Which officials met Chinese officials?")
    assert "Ana Ruiz" in answer.text and "Tom Becker" in answer.text, answer.text
    assert "Li Wei" not in answer.text, answer.text


def test_the_people_who_spoke_with_the_other_side_are_named_from_the_whole_article(
    engine,
) -> None:
    # "Secretary of State Antony J. Blinken spoke to Mr. Wang…" and "Wendy R. Sherman… had a
    # call with him" (him: Mr. Qin, named before) lie in different passages
    answer = engine.ask("Which American officials talked with their Chinese counterparts?")
    assert "Wendy R. Sherman" in answer.text and "Antony J. Blinken" in answer.text, answer.text
    # the Chinese they spoke with, and Burns, who went to Moscow, are not listed
    assert "Qin Gang" not in answer.text and "Wang Yi" not in answer.text, answer.text
    assert "Burns" not in answer.text and "Hua" not in answer.text, answer.text  # "spokeswoman"
    _located(engine, answer)


def test_the_side_dealt_with_decides_who_is_listed(engine) -> None:
    # Burns "had flown to Moscow… to confront the Russians"
    answer = engine.ask("Which officials talked to the Russians?")
    assert "William J. Burns" in answer.text and "Sherman" not in answer.text, answer.text


def test_an_office_the_roles_cannot_tell_is_left_to_the_passages(engine) -> None:
    # the article names no White House official who met Qin Gang
    answer = engine.ask("Which White House officials met with the Chinese ambassador?")
    assert "Sherman" not in answer.text and "Blinken" not in answer.text, answer.text


def test_a_contact_question_is_told_by_its_side_deed_and_party() -> None:
    assert asks_contacts("Name the U.S. officials who spoke with their Chinese counterparts.")
    assert asks_contacts("Which senior American officials met Chinese officials?")
    assert not asks_contacts("Which officials are quoted in the article?")  # no contact
    assert not asks_contacts("Which officials spoke at the meeting?")  # with no side
    assert not _CONTACT.search("Ms. Hua, a Foreign Ministry spokeswoman")  # no speaking
    # the party is who was dealt with, not the topic
    assert _party("talked to the Chinese about Russia") == {"china"}
    assert _party("raised the Russia issue with Chinese diplomats") == {"china"}
