"""Yes/no questions on a news story settled by the sentence that says it, read with the story
around it: a place set sentences before, a compound name one of whose parts the story uses."""

from __future__ import annotations

import pytest

from rag.engine import Engine
from tests.helpers import engine_over

FORUM = (
    "Trade minister speaks at forum\n\n"
    "Last week, Carla Mendes, the Brazilian trade minister, spoke at the Lisbon Economic Forum. "
    "Delegates from several countries pressed her on tariffs during the session. "
    "Ms. Mendes did say that tariffs on steel should be lowered, but no Brazilian official has "
    "repeated the pledge since.\n\n"
    "The previously unreported talks between Brazilian and Portuguese officials covered "
    "shipping quotas and port fees.\n"
)


@pytest.fixture(scope="module")
def forum(tmp_path_factory: pytest.TempPathFactory, minilm) -> Engine:
    return engine_over(tmp_path_factory, minilm, "forum.txt", FORUM)


def test_a_place_the_story_set_before_a_second_mention_settles_the_question(forum) -> None:
    answer = forum.ask("Did Carla Mendes, at Lisbon, say that steel tariffs should be lowered?")
    assert answer.text.startswith("Yes."), answer.text
    assert "Ms. Mendes did say" in answer.text, answer.text


def test_a_compound_name_is_known_by_a_part_the_story_uses(forum) -> None:
    answer = forum.ask("Had the Luso-Brazilian talks been reported before?")
    assert answer.text.startswith("No."), answer.text
    assert "previously unreported" in answer.text, answer.text
