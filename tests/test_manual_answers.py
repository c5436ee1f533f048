"""Answers over a small reference manual, end to end with the real model: the kinds of question
a manual's reader asks (the order things happen in, what a thing may hold, why a method
behaves as it does), each with the reader's right answer."""

from __future__ import annotations

import pytest

from tests.helpers import make_settings

MANUAL = """\
Augmented assignment statements
*******************************

Augmented assignment combines a binary operation and an assignment in one statement. The
target is evaluated only once. For example, "a[i] += f(x)" first looks up "a[i]", then it
evaluates "f(x)" and performs the addition, and lastly it writes the result back to "a[i]".

Byte strings
************

Byte strings are written with a "b" prefix and produce "bytes" objects. They may only contain
ASCII characters; bytes with a numeric value of 128 or greater must be written with escapes.

The raise statement
*******************

If no expressions are present, "raise" re-raises the exception that is currently being handled,
which is also known as the active exception. If there isn't currently an active exception, a
"RuntimeError" exception is raised indicating that this is an error.

Class definitions
*****************

Classes can be decorated, just like functions. The decorator expressions are evaluated when
the class is defined, and the class object is bound to the class name.

Integer literals
****************

There is no limit for the length of integer literals apart from what can be stored in memory.

Mutable sequences
*****************

The "reverse()" method reverses the items of a list in place. To remind users that it works
by side effect, it does not return the reversed list. The argument of "pop()" defaults to -1,
so that by default the last item is removed and returned.
"""


@pytest.fixture(scope="module")
def manual(tmp_path_factory: pytest.TempPathFactory, minilm):
    from rag.engine import Engine

    root = tmp_path_factory.mktemp("manual")
    (root / "seeds").mkdir()
    (root / "seeds" / "manual.txt").write_text(MANUAL, encoding="utf-8")
    settings = make_settings(root / "data", llm="extractive").model_copy(
        update={"seeds_dir": root / "seeds"}
    )
    return Engine.from_settings(settings, embed_model=minilm)


def test_a_yes_no_on_order_is_answered_by_the_order_told(manual) -> None:
    answer = manual.ask("For a[i] += f(x), does f(x) get evaluated before a[i] is looked up?")
    assert answer.text.startswith("No."), answer.text
    answer = manual.ask("In a[i] += f(x), is a[i] looked up before f(x) gets evaluated?")
    assert answer.text.startswith("Yes."), answer.text


def test_only_the_thing_answers_no_to_its_other(manual) -> None:
    answer = manual.ask("Can a bytes literal contain non-ASCII characters directly?")
    assert answer.text.startswith("No."), answer.text
    assert "only contain ASCII" in answer.text


def test_a_why_quotes_the_purpose_leading_its_sentence(manual) -> None:
    answer = manual.ask("Why does list.reverse() return None instead of the reversed list?")
    assert not answer.abstained, answer.text
    assert "To remind users" in answer.text.split("[1]")[0], answer.text


def test_the_answer_is_the_one_under_the_asked_condition(manual) -> None:
    answer = manual.ask("What does a bare raise do when no exception is active?")
    assert "RuntimeError" in answer.text.split("[1]")[0], answer.text


def test_whether_a_bound_exists_is_settled_only_by_a_sentence_stating_one(manual) -> None:
    answer = manual.ask("Is there a maximum number of decorators one class can have?")
    assert answer.abstained, answer.text  # the sentences on decorators state no bound
    answer = manual.ask("Is there a limit on the length of integer literals?")
    assert not answer.abstained and "no limit" in answer.text, answer.text


def test_a_yes_no_on_something_the_manual_never_names_is_not_settled(manual) -> None:
    answer = manual.ask("Does numpy reverse the items of a list in place?")
    assert answer.abstained, answer.text  # a sentence on reverse() says nothing of numpy
    answer = manual.ask("Does reverse() return the reversed list?")
    assert answer.text.startswith("No."), answer.text
