"""Small text helpers shared by retrieval, synthesis and citation checks."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})


def collapse(text: str) -> str:
    """The text with every run of whitespace as one space, trimmed."""
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


# English irregular verb forms, so "met" matches "meet" and "sought" matches "seek" (and the
# one noun Snowball leaves apart from its verb, "comparison"): the Snowball stemmer only strips
# regular endings (the bundled NLTK data has no lemmatizer).
_IRREGULAR = {
    form: base.strip()
    for base, forms in (
        line.split(":")
        for line in """be:was were been|begin:began begun|break:broke broken|
        bring:brought|build:built|buy:bought|catch:caught|choose:chose chosen|come:came|
        do:did done|draw:drew drawn|drive:drove driven|eat:ate eaten|fall:fell fallen|
        feel:felt|fight:fought|find:found|fly:flew flown|forbid:forbade forbidden|
        forget:forgot forgotten|freeze:froze frozen|give:gave given|go:went gone|grow:grew grown|
        hear:heard|hide:hid hidden|hold:held|keep:kept|know:knew known|lead:led|
        leave:left|lend:lent|lose:lost|make:made|mean:meant|meet:met|pay:paid|ride:rode ridden|
        rise:rose risen|run:ran|say:said|see:saw seen|seek:sought|sell:sold|send:sent|
        shake:shook shaken|shoot:shot|show:shown|sing:sang sung|sit:sat|speak:spoke spoken|
        spend:spent|stand:stood|steal:stole stolen|strike:struck|swear:swore sworn|take:took taken|
        teach:taught|tear:tore torn|tell:told|think:thought|throw:threw thrown|
        understand:understood|wake:woke woken|wear:wore worn|win:won|write:wrote written|
        override:overrode overridden|overwrite:overwrote overwritten|rewrite:rewrote rewritten|
        arise:arose arisen|bind:bound|undo:undid undone|withdraw:withdrew withdrawn|
        forgive:forgave forgiven|mislead:misled|feed:fed|stick:stuck|bend:bent|deal:dealt|
        sleep:slept|spin:spun|hang:hung|dig:dug|compare:comparison comparisons""".replace(
            "\n", ""
        ).split("|")
    )
    for form in forms.split()
}


# Snowball undoubles these after taking off "-ed"/"-ing" ("rebuffed" → "rebuf") but not in the
# bare word ("rebuff"): the stem's final double is undoubled always, so both forms match.
_DOUBLED = re.compile(r"(bb|dd|ff|gg|mm|nn|pp|rr|tt)$")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The word's Snowball stem, irregular verb forms first taken to their base form and a
    state taken to what it is of ("relationship": "relation", "partnership": "partner")."""
    word = _IRREGULAR.get(word, word)
    if len(word) > 8 and word.endswith(("ship", "ships")):
        word = word[: word.rindex("ship")]
    stemmed = _stemmer().stemWord(word)
    return _DOUBLED.sub(lambda m: m.group(1)[0], stemmed) if len(stemmed) > 2 else stemmed


@lru_cache(maxsize=50_000)
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


def general_stopwords() -> frozenset[str]:
    """NLTK's English stopword list, as llama-index ships it (read as a file: no nltk import)."""
    from importlib.util import find_spec

    spec = find_spec("llama_index.core")
    for folder in spec.submodule_search_locations if spec else ():
        path = Path(folder, "_static", "nltk_cache", "corpora", "stopwords", "english")
        if path.is_file():
            return frozenset(path.read_text(encoding="utf-8").split())
    raise RuntimeError("llama-index's stopword list is missing: reinstall llama-index-core")
