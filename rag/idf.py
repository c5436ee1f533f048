"""Corpus statistics the answerer weighs questions by: how rare each word is over the indexed
passages, whether the documents use it at all, and the names of the people they name."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cached_property

from rag.questions import content_words


class Idf:
    """Inverse document frequency of stemmed words over the indexed passages."""

    def __init__(
        self, texts: Iterable[str], persons: Callable[[], frozenset[str] | None] | None = None
    ) -> None:
        self._persons = persons
        counts: Counter[str] = Counter()
        total = 0
        for text in texts:
            counts.update(content_words(text))
            total += 1
        self._counts = counts
        self._total = max(total, 1)

    def __call__(self, word: str) -> float:
        # Words never seen in the corpus weigh most: a question about them is likely off-topic.
        return math.log(1 + (self._total + 1) / (self._counts.get(word, 0) + 0.5))

    @cached_property
    def persons(self) -> frozenset[str] | None:
        """The words of the people's names the documents give (None: not known), worked out
        the first time a question's subject may be a person."""
        return self._persons() if self._persons is not None else None

    def seen(self, word: str) -> bool:
        """True when the word occurs in some indexed passage, a place's name counting as seen
        where the text uses its adjective ("Crimea" in "the Crimean Peninsula")."""
        return word in self._counts or any(form in self._counts for form in _name_forms(word))


# "Crimea"/"Crimean", "Europe"/"European", "Canada"/"Canadian": stems of a name and its adjective.
_ADJECTIVE_ENDINGS = ("ian", "ean", "an", "n")


def _name_forms(word: str) -> set[str]:
    forms = {word + ending for ending in _ADJECTIVE_ENDINGS}
    forms |= {
        word[: -len(ending)]
        for ending in _ADJECTIVE_ENDINGS
        if word.endswith(ending) and len(word) - len(ending) >= 4
    }
    return forms
