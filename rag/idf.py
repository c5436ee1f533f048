"""Corpus statistics the answerer weighs questions by: how rare each word is over the indexed
passages, whether the documents use it at all, and the names of the people they name."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cached_property
from itertools import pairwise

from rag.questions import STOPWORDS, content_words
from rag.textutil import fold, stem


class Idf:
    """Inverse document frequency of stemmed words over the indexed passages."""

    def __init__(
        self, texts: Iterable[str], persons: Callable[[], frozenset[str] | None] | None = None
    ) -> None:
        self._persons = persons
        counts: Counter[str] = Counter()
        self._texts = list(texts)
        for text in self._texts:
            counts.update(content_words(text))
        total = len(self._texts)
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

    @cached_property
    def _pairs(self) -> frozenset[tuple[str, str]]:
        """The passages' adjacent word pairs, worked out the first time a question needs them
        (only the off-topic gate does), not when the index opens."""
        return frozenset(pair for text in self._texts for pair in word_pairs(text))

    def shares_phrase(self, text: str) -> bool:
        """True when two content words stand side by side in the text as in some passage
        ("the Ukraine crisis"): a phrase of the documents' own, whatever the other words."""
        return not self._pairs.isdisjoint(word_pairs(text, named=True))

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


_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


def word_pairs(text: str, named: bool = False) -> set[tuple[str, str]]:
    """Adjacent pairs of stemmed content words, stopwords between them skipped: "the Ukraine
    crisis" and "Ukraine's crisis" both give ("ukrain", "crisi"). With `named`, only the pairs
    with a capitalised word: a name's phrase marks a topic, "except clause" is any manual's."""
    tokens = [(w.split("'")[0].split("’")[0], w[:1].isupper()) for w in _TOKEN.findall(fold(text))]
    words = [(stem(w.lower()), upper) for w, upper in tokens if w and w.lower() not in STOPWORDS]
    return {(a, b) for (a, up_a), (b, up_b) in pairwise(words) if up_a or up_b or not named}
