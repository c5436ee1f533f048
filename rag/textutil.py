"""Small text helpers shared by retrieval, synthesis and citation checks."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})


def collapse(text: str) -> str:
    """The text with every run of whitespace as one space, trimmed."""
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


def fold(text: str) -> str:
    """Text for matching words, not for showing: NFKC, accents dropped, curly quotes straight.

    "Café Renée" and "Cafe Renee" match, as do "ﬁle" and "file". Quotes and citations keep
    the original text; only word overlap and BM25 see the folded one.
    """
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).translate(_QUOTES)
