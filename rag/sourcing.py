"""Where a document's information comes from: its sourcing sentence, for the questions about it.

A news report says how it was reported in one sentence of its own ("This account is based on
interviews with senior officials who spoke on the condition of anonymity because of…"). People
ask about it in words that sentence does not use: "Why aren't the sources named?", "Where does
the info come from?", "How was this put together?". Retrieval by meaning misses it (names are
not "anonymity"), so the question is recognised by its form and the sentence by the
conventions reporters use to state their sourcing, neither by any one document's words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer import Answer
from rag.overview import Citer, Document, _flat, document_sentences

# A question about the document's sources: why they are not named, who or what they are, where
# its information comes from, how it was reported.
_WHY = r"(?:why|how\s+come|what(?:'s|\s+is|\s+was)?\s+the\s+reason|for\s+what\s+reason)"
_NAMES = (
    r"(?:anonym\w*|unnamed|unidentified|nameless|(?:name|identify)\s+(?:\w+\s+){0,2}sources?|"
    r"not\s+(?:be\s+|being\s+)?(?:named|identified)|(?:isn't|aren't|wasn't|weren't)\s+"
    r"(?:\w+\s+){0,6}(?:named|identified)|"
    r"(?:give|gave|giving|use|used|reveal|revealed|disclose|disclosed|share|shared|provide|"
    r"provided|publish|published|print|printed)\s+(?:\w+\s+){0,2}names?|"
    r"names?\s+(?:\w+\s+){0,2}(?:withheld|kept|left\s+out|used|given|not\s+given|omitted))"
)
_DOC = (
    r"(?:this|the|its|that|your)\s+(?:\w+\s+)?(?:account|story|article|piece|report|reporting|"
    r"info|information|claims?|details|material)"
)
_ASKS = re.compile(
    rf"\b{_WHY}\b.*\b{_NAMES}|\b{_NAMES}\b.*\b(?:why|how\s+come)\b|"
    rf"\bwhere\s+(?:does|did|do)\s+(?:all\s+)?{_DOC}(?:\s+\w+){{0,4}}\s+(?:come\s+from|get\s+"
    rf"(?:its|their)\s+(?:information|info|facts))\b|"
    rf"\bhow\s+(?:was|is|were|did)\s+{_DOC}\s+(?:put\s+together|reported|sourced|researched|"
    rf"compiled|assembled|gathered|obtained|get\s+(?:its|their)\s+information)\b|"
    rf"\bwho\s+(?:are|were)\s+(?:the|its|their)\s+sources\b|\bsources?\s+(?:for|of|behind)\s+"
    rf"{_DOC}|\bwhat\s+(?:is|was|are|were)\s+{_DOC}\s+based\s+on\b|\bsourc(?:ing|ed)\b|"
    # "How did the reporters learn about these talks?": how the writers came to know
    r"\bhow\s+(?:did|do|does|could|would)\s+(?:the\s+)?(?:reporters?|journalists?|writers?|"
    r"authors?|newspaper|paper|press|outlet)\s+(?:learn|find\s+out|know|hear|discover|uncover|"
    r"get\s+(?:wind|hold))\b",
    re.IGNORECASE,
)
# How reporters state their sourcing: anonymity and its reason, what the account rests on.
_SOURCING = re.compile(
    r"\bon\s+(?:the\s+)?condition\s+(?:of\s+anonymity|that\s+(?:he|she|they)\s+not\s+be\s+"
    r"(?:named|identified))|\b(?:asked|requested|declined|refused)\s+(?:not\s+)?to\s+be\s+"
    r"(?:named|identified)|\b(?:spoke|speaking|talked|talking)\s+(?:anonymously|on\s+background)|"
    r"\b(?:granted|requested|asked\s+for)\s+anonymity\b|\bnot\s+authori[sz]ed\s+to\s+"
    r"(?:speak|talk|comment|discuss)|\b(?:is|was|are|were)\s+based\s+on\s+(?:\w+\s+){0,2}"
    r"(?:interviews|conversations|documents|records|accounts|reporting|sources)\b",
    re.IGNORECASE,
)


def asks_sourcing(question: str) -> bool:
    """True when the question asks where the document's information comes from, or why its
    sources are not named ("Why wouldn't the officials give their names?")."""
    return bool(_ASKS.search(" ".join(question.split())))


def states_sourcing(text: str) -> bool:
    """True when the text states how it was reported ("…who spoke on the condition of
    anonymity")."""
    return bool(_SOURCING.search(" ".join(text.split())))


def answer_sourcing(question: str, docs: Sequence[Document], several: bool) -> Answer | None:
    """The sourcing sentences of the first document that has them, quoted in order and cited;
    None when no document states its sourcing."""
    for document in docs:
        found = [s for s in sorted(document_sentences(document)) if states_sourcing(s[2])]
        if not found:
            continue
        citer = Citer(document)
        said = " ".join(
            f"{_flat(text)} {citer.cite(start, end, text)}" for start, end, text in found
        )
        where = f"The document {document.label} says: " if several else ""
        return Answer(
            question=question,
            text=f"{where}{said}",
            citations=citer.citations,
            passages=citer.passages,
        )
    return None
