"""Grading one answer honestly: the expected answer must be inside a cited quote that overlaps
the evidence, not just somewhere in a long answer.

Many expected words ("Beijing", "NATO", "weapons") occur all over the article, so a substring
anywhere in the answer proves little. Here a quote counts only when its span in the source
overlaps an evidence span of the question; a yes/no answer must also open with the right word,
and a list answer must name at least `min_items` of the expected items.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class CitedSpan:
    """One quoted span of an answer: where it lies in which source, and its text."""

    source: str
    start: int
    end: int
    text: str


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split()).lower()


@lru_cache(maxsize=4096)
def _pattern(span: str) -> re.Pattern[str]:
    words = [re.escape(word) for word in span.split()]
    return re.compile(r"\s+".join(words))


def locate(span: str, text: str) -> tuple[int, int] | None:
    """Offsets of `span` in `text`, whitespace-insensitive; None when it is not there."""
    match = _pattern(span).search(text)
    return (match.start(), match.end()) if match else None


def evidence_spans(evidence: Sequence[str], texts: Mapping[str, str]) -> list[tuple[str, int, int]]:
    """Every (source, start, end) at which an evidence span of the question lies."""
    found = []
    for span in evidence:
        for source, text in texts.items():
            where = locate(span, text)
            if where is not None:
                found.append((source, *where))
    return found


def supporting_quotes(
    quotes: Sequence[CitedSpan], evidence: Sequence[tuple[str, int, int]]
) -> list[CitedSpan]:
    """The cited quotes whose span overlaps an evidence span."""
    return [
        quote
        for quote in quotes
        if any(
            quote.source == source and quote.start < end and start < quote.end
            for source, start, end in evidence
        )
    ]


_YES_NO = re.compile(r"^\W*(yes|no)\b", re.IGNORECASE)


def grade(
    *,
    kind: str,
    answer: str,
    answers: Sequence[str],
    quotes: Sequence[CitedSpan],
    evidence: Sequence[tuple[str, int, int]],
    min_items: int = 1,
) -> bool:
    """True when the answer gives an accepted answer inside a quote that overlaps the evidence."""
    supporting = supporting_quotes(quotes, evidence)
    if not supporting:
        return False
    if kind == "yesno":
        said = _YES_NO.match(answer)
        return bool(said) and any(said.group(1).lower() == a.strip().lower() for a in answers)
    quoted = " ".join(_fold(q.text) for q in supporting)
    found = sum(1 for expected in answers if _fold(expected) in quoted)
    return found >= (min_items if kind == "list" else 1)
