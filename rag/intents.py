"""Questions about a whole document (its gist, headline, date, dateline, author) told apart
from questions about its content.

A retriever answers "When did they meet?" from the passages; "When was this published?" or
"What's the gist?" are answered from the document's structure instead. The classifier is
patterns first (they say what the question is about: the article itself), then the question's
similarity to a few examples of each intent with the bundled embedding model, above a threshold
measured on the eval dev split. Nothing in it names a word of any one document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from rag.intent_patterns import ABOUT_SUBJECT, Intent, by_pattern

# A few phrasings of each intent, for questions the patterns miss. General English only.
EXAMPLES: dict[Intent, tuple[str, ...]] = {
    Intent.gist: (
        "What is this article about?",
        "Can you summarize the story for me?",
        "Give me the short version of this document.",
        "What's the main point of the piece?",
        "What are the key takeaways?",
        "Explain what this text is about in a few sentences.",
    ),
    Intent.title: (
        "What is the headline of the article?",
        "What's the title of this piece?",
        "What is the story called?",
    ),
    Intent.date: (
        "When was this article published?",
        "What date is the story from?",
        "On what day did this piece come out?",
    ),
    Intent.dateline: (
        "Where was this story reported from?",
        "What city is the article datelined?",
        "Which city was the piece filed from?",
    ),
    Intent.byline: (
        "Who wrote this article?",
        "Who is the author of the piece?",
        "Which reporter filed this story?",
    ),
}

# Similarity to an intent's examples above which an unmatched question takes that intent; chosen
# by hand on the dev split's whole-document and look-up questions (no command reruns it yet).
SIMILARITY_THRESHOLD = 0.72


@dataclass(frozen=True)
class Classified:
    intent: Intent
    score: float  # 1.0 for a pattern match, else the similarity to the closest example
    by: str  # "pattern", "similarity" or "none"


# Words that ask for an account of a document without naming anything in it.
_GENERIC = frozenset(
    """summar summari summary gist tldr tl dr overview recap synopsis point main key takeaway
    takeaways short shorter version quick quickly brief briefly line lines sentence sentences
    word words bullet bullets few one two three couple boil down distil distill condense
    sum up give tell explain describe happen happened happening go going know need read
    reading article articl stori story piece text document doc report item page post news
    content material basic basics essenti essential highlight highlights rundown plain simple
    english term terms please could would can me us you it this that here there about thing
    things whole entire overall general generally really actually just big picture central
    core crux essence heart argument arguments thesis theme themes message idea ideas premise
    focus topic topics subject angle upshot purpose outline precis furnish principal
    primary chief contention claim conclusion nutshell lesson lessons""".split()
)


def names_nothing(question: str) -> bool:
    """True when the question names nothing in the document ("Boil it down for me?")."""
    from rag.questions import content_words
    from rag.textutil import stem

    generic = {stem(word) for word in _GENERIC} | _GENERIC
    words = content_words(question)
    return bool(question.strip()) and not (words - generic)


class IntentClassifier:
    """Patterns, then similarity to the intents' examples (vectors computed once, lazily)."""

    def __init__(
        self,
        embed_texts: Callable[[list[str]], Sequence[Sequence[float]]],
        threshold: float = SIMILARITY_THRESHOLD,
    ) -> None:
        self._embed_texts = embed_texts
        self.threshold = threshold
        self._matrix: np.ndarray | None = None
        self._labels: list[Intent] = []

    def _examples(self) -> tuple[np.ndarray, list[Intent]]:
        if self._matrix is None:
            labels = [intent for intent, texts in EXAMPLES.items() for _ in texts]
            texts = [text for examples in EXAMPLES.values() for text in examples]
            matrix = np.asarray(self._embed_texts(texts), dtype=np.float32)
            norms = np.linalg.norm(matrix, axis=1, keepdims=True)
            self._labels = labels
            self._matrix = matrix / np.where(norms == 0, 1, norms)
        return self._matrix, self._labels

    def similarity(self, vector: Sequence[float]) -> tuple[Intent, float]:
        """The closest intent by example similarity, and that similarity."""
        matrix, labels = self._examples()
        q = np.asarray(vector, dtype=np.float32)
        q = q / (np.linalg.norm(q) or 1.0)
        scores = matrix @ q
        best = int(np.argmax(scores))
        return labels[best], float(scores[best])

    def classify(self, question: str, vector: Sequence[float] | None = None) -> Classified:
        intent = by_pattern(question)
        if intent is not None:
            return Classified(intent, 1.0, "pattern")
        if vector is None or ABOUT_SUBJECT.search(question):
            return Classified(Intent.lookup, 0.0, "none")
        intent, score = self.similarity(vector)
        if score >= self.threshold:
            return Classified(intent, score, "similarity")
        if names_nothing(question) and not re.match(r"\W*(?:who|when|where)\b", question, re.I):
            return Classified(Intent.gist, 1.0, "generic")
        return Classified(Intent.lookup, score, "none")
