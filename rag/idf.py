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

    @cached_property
    def _lowered(self) -> str:
        return "\n".join(self._texts).lower()

    def occurs(self, text: str) -> bool:
        """True when some passage holds the text as written (any case): "__init_subclass__"
        does not occur where only "__init__" and "subclass" do."""
        return text.lower() in self._lowered

    @cached_property
    def _lower(self) -> frozenset[str]:
        """Words the passages write in lower case somewhere."""
        return frozenset(
            word for text in self._texts for word in _TOKEN.findall(text) if word.islower()
        )

    @cached_property
    def _names(self) -> dict[str, str]:
        """Words the passages only ever write capitalised, and not only to open a sentence
        ("blinken" → "Blinken"), keyed by their lower case."""
        lower = self._lower
        cased: dict[str, str] = {}
        for line in (line for text in self._texts for line in text.splitlines()):
            words = _TOKEN.findall(line)
            titled = sum(w[0].isupper() for w in words) > 0.6 * len(words)  # a headline
            for match in _TOKEN.finditer(line):
                word = match.group(0)
                if word.islower():
                    continue
                capital = word[0].isupper() and len(word) > 1
                if capital and not titled and not _opens(line, match.start()):
                    cased.setdefault(word.lower(), word)
        return {key: word for key, word in cased.items() if key not in lower}

    def truecase(self, question: str) -> str:
        """The question with the people's names, months and weekdays it types in lower case
        written as the documents write them ("did blinken talk with wang yi…", "in december"),
        so that they are read as names and dates.
        Other names stay as typed: "in python" asks of no place a sentence must name."""
        people = self.persons or frozenset()
        names = {key: word for key, word in self._names.items() if key in people}
        # a name the passages only write to open a sentence ("William J. Burns, the…")
        names |= {
            word: word.capitalize()
            for word in people
            if word.isalpha() and word not in self._lower and word not in names
        }
        names |= _CALENDAR  # "in december", "on thursday": a month or a day, as dates are read
        return _TOKEN.sub(
            lambda m: names.get(m.group(0), m.group(0)) if m.group(0).islower() else m.group(0),
            question,
        )

    def seen(self, word: str) -> bool:
        """True when the word occurs in some indexed passage, a place's name counting as seen
        where the text uses its adjective ("Crimea" in "the Crimean Peninsula")."""
        return word in self._counts or any(form in self._counts for form in _name_forms(word))


_CALENDAR = {
    name.lower(): name
    for name in "January February March April June July August September October November "
    "December Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
}  # not "May": "may" is a verb too


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


def _opens(text: str, start: int) -> bool:
    """Whether a word at `start` opens a sentence, line, quotation or item (its capital says
    nothing of whether it is a name)."""
    before = text[max(0, start - 5) : start].rstrip(" ")
    if re.search(r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St)\.$", before):
        return False  # "Antony J. Blinken", "Mr. Wang": an initial or a title, not a full stop
    return not before or before[-1] in '.!?:;“"(*•-'


def word_pairs(text: str, named: bool = False) -> set[tuple[str, str]]:
    """Adjacent pairs of stemmed content words, stopwords between them skipped: "the Ukraine
    crisis" and "Ukraine's crisis" both give ("ukrain", "crisi"). With `named`, only the pairs
    with a capitalised word: a name's phrase marks a topic, "except clause" is any manual's."""
    tokens = [
        (w.split("'")[0].split("’")[0], w[:1].isupper() and len(w) > 1)  # "X" is a placeholder
        for w in _TOKEN.findall(fold(text))
    ]
    words = [(stem(w.lower()), upper) for w, upper in tokens if w and w.lower() not in STOPWORDS]
    return {(a, b) for (a, up_a), (b, up_b) in pairwise(words) if up_a or up_b or not named}
