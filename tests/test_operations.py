"""How to do something, asked of a reference manual: the entry for the operation that does it
(its code line, then what it does) answers, over prose that only says "by…" or "using…"."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from rag.engine import Engine
from rag.operations import offers_operation
from tests.helpers import engine_over

SHELVES = """\
Shelf objects
*************

Shelves hold books by topic, and readers browse them by topic. Books are usually put on a
shelf by a librarian using a cart, and taken off by readers through the front desk.

Shelves support the following operations.

shelf | other

   Create a new shelf with the merged books of *shelf* and *other*, which must both be
   shelves.

classmethod fromtitles(titles, copies=1, /)

   Create a new shelf with books from *titles* and the number of each set to *copies*.
"""


@pytest.fixture(scope="module")
def shelves(tmp_path_factory: pytest.TempPathFactory, minilm) -> Engine:
    return engine_over(tmp_path_factory, minilm, "shelves.txt", SHELVES)


@pytest.mark.parametrize(
    ("question", "operation", "entry"),
    [
        ("How do I combine two shelves into a new one?", "shelf | other", "merged books"),
        (
            "how can I build a shelf from a list of titles, each with the same count?",
            "classmethod fromtitles(",
            "books from *titles*",
        ),
    ],
)
def test_how_to_do_a_thing_is_answered_by_the_operation_that_does_it(
    shelves, question: str, operation: str, entry: str
) -> None:
    # the operation's own line, then what it does; not the prose on how shelves are filled
    answer = shelves.ask(question)
    assert not answer.hedged and not answer.abstained, answer.text
    assert answer.text.startswith(operation) and entry in answer.text, answer.text
    assert "librarian" not in answer.text, answer.text


def test_an_operation_is_a_means_only_for_a_question_of_how_to_do_something() -> None:
    passage = SimpleNamespace(code_sentences=[0, 3])
    described = SimpleNamespace(text="Create a new shelf with the books.", index=1, passage=passage)
    coded = SimpleNamespace(
        text='The "shelf.sort()" method sorts in place.', index=0, passage=passage
    )
    prose = SimpleNamespace(text="Shelves hold books by topic.", index=0, passage=passage)
    assert offers_operation(described, "How do I make a new shelf?")
    assert offers_operation(coded, "What's the easiest way to sort a shelf?")
    assert not offers_operation(prose, "How do I make a new shelf?")
    assert not offers_operation(coded, "How does sorting work?")  # how it works, not how to


def test_an_operations_bare_signature_is_not_quoted_as_how_to_use_it(shelves) -> None:
    answer = shelves.ask("How do I use fromtitles?")
    assert "books from *titles*" in answer.text, answer.text
