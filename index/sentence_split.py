"""Sentences of a text, located: punkt's split, joined again where it split at an
abbreviation ("Mr.", "Nov.", "e.g.") and split where a sentence's end lost its space
("…invocations of Python.This is intended…")."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1)
def _sentence_tokenizer():
    from llama_index.core.node_parser.text.utils import split_by_sentence_tokenizer

    return split_by_sentence_tokenizer()


# Punkt splits after these; a sentence never ends on them when the next starts as below.
_TITLES = re.compile(
    r"\b(Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Adm|St|Jr|Sr|No|Vol|vs|Gov)\.$"
)
_MONTHS = re.compile(r"\b(Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec)\.$")
_INITIAL = re.compile(r"(^|\s)[A-Z]\.$")
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}")
_LATIN = re.compile(r"(?:^|[\s(])(?:e\.g|i\.e|cf|viz)\.$", re.IGNORECASE)  # "(e.g. "max-temp")"


def _glued(previous: str, following: str) -> bool:
    """True when punkt split `previous|following` at an abbreviation, not a sentence end."""
    if not following:
        return False
    if following[0].islower() or following[0] in ",;:)":
        return True
    if _TITLES.search(previous) or _INITIAL.search(previous) or _ACRONYM.fullmatch(previous):
        return True
    if _LATIN.search(previous):
        return True
    return bool(_MONTHS.search(previous)) and following[0].isdigit()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the sentences of `text` (punkt tokenizer, paragraph breaks always split)."""
    spans: list[tuple[int, int]] = []
    split = _sentence_tokenizer()
    cursor = 0
    for paragraph in text.split("\n"):
        base = text.find(paragraph, cursor) if paragraph else cursor
        cursor = base + len(paragraph)
        if not paragraph.strip():
            continue
        pos = 0
        for sentence in (p for piece in split(paragraph) for p in _GLUED_END.split(piece)):
            sentence = sentence.strip()
            if not sentence:
                continue
            at = paragraph.find(sentence, pos)
            if at < 0:  # tokenizer normalised something; fall back to the rest of the paragraph
                continue
            if (
                spans
                and spans[-1][1] <= base + at
                and _glued(text[spans[-1][0] : spans[-1][1]], sentence)
                and spans[-1][0] >= base
            ):
                spans[-1] = (spans[-1][0], base + at + len(sentence))
            else:
                spans.append((base + at, base + at + len(sentence)))
            pos = at + len(sentence)
    return spans


# A sentence end whose space was lost: a word, its stop, and the next sentence's opening word
# ("Python.This is…"), not a dotted name ("os.path", "U.S.") or an abbreviation ("e.g.The").
_GLUED_END = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]+\s+[a-z])")
