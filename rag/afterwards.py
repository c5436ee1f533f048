"""What happened next: "What happened just hours after the Americans' last meeting with Qin?"

A story tells events in order and ties the next to the one before by time alone: "American
officials met with Mr. Qin in Washington again on Wednesday… Hours later, Mr. Putin declared
war…". The second sentence shares no word with the question, so no search finds it. Here the
sentence telling the asked event is found by its words, and the answer is the sentence after it
that opens by placing itself later in time, both cited.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer import Answer
from rag.countries import same_countries
from rag.overview import Citer, Document, _flat, document_sentences
from rag.questions import content_words

# "What happened (just) hours after…", "What came right after…", "What followed…"
_ASKS_AFTER = re.compile(
    r"^\W*what\s+(?:happened|happens|came|comes|occurred|followed)\s+(?:next\s+)?"
    r"(?:just\s+|right\s+|only\s+|shortly\s+|soon\s+|immediately\s+)?"
    r"(?:(?:a\s+few\s+|some\s+)?(?P<unit>minutes|hours|days|weeks|months)\s+)?"
    r"(?:after|following)\s+(?P<event>.+?)\s*[?.!]*$",
    re.IGNORECASE,
)
# A sentence placing itself after the one before: "Hours later, …", "The next day, …"
_LATER = re.compile(
    r"^\W*(?:(?P<unit>minutes|hours|days|weeks|months|moments)\s+later\b|"
    r"(?:\w+\s+){0,2}later\b|(?:soon|shortly|right|just)\s+after\b|after\s+that\b|"
    r"afterwards?\b|then\b|the\s+(?:next|following)\s+(?:day|morning|week)\b)",
    re.IGNORECASE,
)
# Words of the question that only place the event in time ("the last meeting").
_PLACING = content_words("last first latest final just again")
# The share of the event's words the sentence telling it holds.
MIN_HELD = 0.6
# How many sentences after the event the next one may follow.
REACH = 2


def asks_what_followed(question: str) -> bool:
    return bool(_ASKS_AFTER.match(question))


def what_followed(question: str, docs: Sequence[Document], several: bool) -> Answer | None:
    """The sentence after the one telling the asked event that places itself later, cited with
    it; None when no sentence tells the event or none follows so."""
    asked = _ASKS_AFTER.match(question)
    if asked is None:
        return None
    told = telling(asked.group("event"), docs)
    if told is None:
        return None
    document, sentences, index = told
    for after in range(index + 1, min(index + 1 + REACH, len(sentences))):
        later = _LATER.match(sentences[after][2])
        unit, told = asked.group("unit"), later and later.group("unit")
        if later and (unit is None or told is None or told.lower() == unit.lower()):
            return _answer(question, document, sentences, index, after, several)
    return None


def telling(
    event: str, docs: Sequence[Document]
) -> tuple[Document, list[tuple[int, int, str]], int] | None:
    """The sentence holding most of the event's words (at least MIN_HELD of them): its document,
    the document's sentences and its index; None when no sentence tells the event."""
    words = content_words(event) - _PLACING
    if not words:
        return None
    best: tuple[float, Document, list[tuple[int, int, str]], int] | None = None
    for document in docs:
        sentences = sorted(document_sentences(document))
        for index, (_, _, text) in enumerate(sentences):
            held = content_words(text)
            share = (len(words & held) + len(same_countries(words, held) - held) / 2) / len(words)
            if share >= MIN_HELD and (best is None or share > best[0]):
                best = (share, document, sentences, index)
    return best[1:] if best is not None else None


def _answer(
    question: str,
    document: Document,
    sentences: list[tuple[int, int, str]],
    event: int,
    after: int,
    several: bool,
) -> Answer:
    citer = Citer(document)
    marks = [citer.cite(*sentences[i][:2], sentences[i][2]) for i in (after, event)]
    where = f"the document {document.label}" if several else "the article"
    text = (
        f"{_flat(sentences[after][2])} {marks[0]} (right after this, according to {where}: "
        f"{_flat(sentences[event][2])} {marks[1]})"
    )
    return Answer(question=question, text=text, citations=citer.citations, passages=citer.passages)
