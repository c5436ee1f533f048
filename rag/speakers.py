"""Who said a quoted sentence, when the quote runs on past the sentence naming its speaker.

"Hua Chunying, a Foreign Ministry spokeswoman, said… “On the Ukraine issue…,” she said. “If
someone keeps pouring oil on the flame…”": the last sentence names no one, and a chunk
boundary may fall between it and the name. The extractive answerer reads one passage at a
time; here the whole document is walked back from the quoted sentence, through the sentences
that go on quoting ("she said", a sentence opening a quote), to the one naming the speaker,
or one left unnamed ("Mr. Qin was skeptical…, an American official said."). Every "Who said…?"
is answered so when a sentence holds the words; otherwise the passage answer stands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer import Answer
from rag.overview import Citer, Document, _flat, document_sentences
from rag.questions import content_words
from rag.roles import persons

# "Who said…", "Who warned that…", "Who called the U.S. 'the culprit'?"
# "Who made the comment about…", "Which official was quoted saying…", "Who used the phrase…"
_WHO_SAID = re.compile(
    r"^\W*(?:who|which\s+(?:\w+\s+)?(?:official|spokes\w+|diplomat|minister|person|leader|"
    r"expert|analyst))\s+(?:said|says|warned|argued|told|called|described|accused|claimed|"
    r"declared|insisted|remarked|stated|complained|asked|added|characteri[sz]ed|labell?ed|"
    r"branded|dubbed|(?:was|is)\s+quoted(?:\s+as)?(?:\s+saying)?|"
    r"made\s+(?:the|that|this|a)\s+(?:comment|remark|statement|claim|observation)s?|"
    r"used\s+the\s+(?:phrase|words?|expression|term))\b",
    re.IGNORECASE,
)
_SAYS = re.compile(
    r"\b(?:said|says|added|told|wrote|argued|warned|insisted|noted|asked|declared|stated)\b",
    re.IGNORECASE,
)
# A sentence that goes on quoting whoever spoke last: "“…,” she said.", "She added: “…”",
# or one that opens with a quotation mark.
_GOES_ON = re.compile(r"^\W*[“\"]|\b(?:she|he|they)\s+(?:said|added|continued|went\s+on)\b", re.I)
# How many sentences back the speaker is looked for.
REACH = 4
# The share of the question's words (beyond "who said") the quoted sentence must hold.
MIN_OVERLAP = 0.6


def asks_who_said(question: str) -> bool:
    """ "Who said…?": the quote's speaker may be further back, or unnamed ("…, an American
    official said"), whoever else a passage's answer names."""
    return bool(_WHO_SAID.match(question))


def who_said(question: str, docs: Sequence[Document], several: bool) -> Answer | None:
    """ "Who said <words>?": the speaker the document names for the sentence holding the
    words, cited with it; None when no sentence holds them or no speaker is found."""
    asked = content_words(_WHO_SAID.sub("", question))
    if not asked:
        return None
    best: tuple[float, Document, list[tuple[int, int, str]], int] | None = None
    for document in docs:
        sentences = sorted(document_sentences(document))
        for index, (_, _, text) in enumerate(sentences):
            share = len(asked & content_words(text)) / len(asked)
            if share >= MIN_OVERLAP and (best is None or share > best[0]):
                best = (share, document, sentences, index)
    if best is None:
        return None
    _, document, sentences, index = best
    for back in range(index, max(-1, index - 1 - REACH), -1):
        text = sentences[back][2]
        speaker = _speaker(text)
        if speaker:
            return _answer(question, document, sentences, back, index, speaker, several)
        if back != index and not _GOES_ON.search(text):
            return None  # the quote began here, and no one is named saying it
        if back == index and not (_GOES_ON.search(text) or "”" in text or '"' in text):
            return None  # not a quotation: the words are the document's own
    return None


# The name right after a speech verb: "…,” said Evan Medeiros, a professor".
_NAME_AFTER = re.compile(
    r"^\s+((?:(?:Mr|Ms|Mrs|Dr)\.\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})"
)
# One unnamed, right before the speech verb: ", an American official said", ", officials said".
_UNNAMED_BEFORE = re.compile(
    r",\s+((?:an?|the|one|two|three|several|some|other)\s+(?:[\w.’'-]+\s+){0,3}?"
    r"(?:official|officials|diplomat|diplomats|person|people|source|sources|aide|aides))\s*$"
)
# How far before a speech verb its subject may be named ("Hua Chunying, a Foreign Ministry
# spokeswoman, said").
_SUBJECT_REACH = 90


def _speaker(text: str) -> str | None:
    """The person the sentence has speaking: named right after the speech verb, else the
    nearest person named before it; None when the one speaking is no person ("said a State
    Department summary")."""
    for verb in _SAYS.finditer(text):
        unnamed = _UNNAMED_BEFORE.search(text[: verb.start()])
        if unnamed:  # "Mr. Qin was skeptical…, an American official said."
            return unnamed.group(1)
        after = _NAME_AFTER.match(text[verb.end() :])
        if after:
            named = persons(after.group(1))
            if named:
                return _original(after.group(1), named[0])
            continue  # "said a…": a thing, or a person unnamed
        before = text[max(0, verb.start() - _SUBJECT_REACH) : verb.start()]
        found = [(before.lower().rfind(name), name) for name in persons(before)]
        found = [(at, name) for at, name in found if at >= 0]
        if found:
            return _original(before, max(found)[1])
    return None


def _answer(
    question: str,
    document: Document,
    sentences: list[tuple[int, int, str]],
    named_at: int,
    quoted_at: int,
    speaker: str,
    several: bool,
) -> Answer:
    citer = Citer(document)
    start, end, text = sentences[named_at]
    marks = [citer.cite(start, end, text)]
    if quoted_at != named_at:
        start, end, quote = sentences[quoted_at]
        marks.append(citer.cite(start, end, quote))
    where = f"the document {document.label}" if several else "the article"
    said = f"{_flat(text)} {marks[0]}"
    if quoted_at != named_at:
        said += f" … {_flat(sentences[quoted_at][2])} {marks[1]}"
    return Answer(
        question=question,
        text=f"{speaker[:1].upper()}{speaker[1:]}, according to {where}: {said}",
        citations=citer.citations,
        passages=citer.passages,
    )


def _original(text: str, name: str) -> str:
    """The name as the text writes it (`persons` gives it lower-cased)."""
    at = text.lower().find(name)
    return text[at : at + len(name)] if at >= 0 else name.title()
