"""How to do something, in a manual: the operation that does it, or the remedy after a problem.

"How do I merge two dicts into a new one?" is answered in a reference by an entry: the operation
("d | other", "fromkeys()") and what it does ("Create a new dictionary with the merged keys…"),
not by a sentence saying "by…" or "using…". For a question asking how to do something, a
sentence naming an operation in code, or describing the one written just before it, offers
the means. "How do I avoid…?" is answered by the remedy the sentence after a problem gives.
"""

from __future__ import annotations

import re
from typing import Any

from rag.cues import ASKS_REMEDY
from rag.quotes import ASKS_INSTRUCTION, is_signature, remedy_after
from rag.sentences import sentence_text

# An operation written as code: a quoted piece with code punctuation ('"d | other"',
# '"s.insert(i, x)"') or a call ("importlib.import_module()").
NAMES_OPERATION = re.compile(r"\"[^\"\s]*[(\[|=.][^\"]*\"|\b[A-Za-z_][\w.]*\([^)]*\)")


def offers_operation(sentence: Any, question: str) -> bool:
    """For "How do I…?": the sentence names an operation in code, or describes the one on the
    code line just before it ("classmethod fromkeys(…)" then "Create a new dictionary…")."""
    if not ASKS_INSTRUCTION.search(question) or is_signature(sentence.text):
        return False  # (a term alone, "fromkeys(iterable)", states nothing: its description does)
    if NAMES_OPERATION.search(sentence.text):
        return True
    before = sentence.index - 1
    return before in sentence.passage.code_sentences or (
        before >= 0 and is_signature(sentence_text(sentence.passage, before))
    )


def remedied(sentence: Any, question: str) -> bool:
    """For "How do I avoid…?": a sentence just after this one gives a remedy for what it says
    ("A way around this is to…"); the quote goes on to it (rag/quotes.py `with_context`)."""
    return (
        ASKS_REMEDY.search(question) is not None
        and remedy_after(sentence.passage, sentence.index) is not None
    )
