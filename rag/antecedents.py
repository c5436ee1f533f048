"""Whom a quoted "him" or "she" means, for a question asking for a person; and the role of a
person a question only describes.

"What's the name of the Chinese diplomat the deputy secretary of state phoned?" is answered by
"Wendy R. Sherman, the deputy secretary of state, had a call with him.": the sentence holds the
answer only as a pronoun, and the person it stands for is named sentences before, perhaps in
the passage before. The extractive answerer reads one passage at a time; here the document is
walked back from the quoted sentence to the nearest person named, and the answer opens with
that person's full name, both sentences cited. A pronoun standing for someone the question
itself names or describes ("Who had a call with the ambassador?") leaves the answer as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rag.answer import Answer
from rag.forms import Form, form_of
from rag.lists import question_expect
from rag.overview import Citer, Document, _flat, document_sentences
from rag.people import Person
from rag.questions import Expect, content_words
from rag.roles import persons, role_group, roles

# A person as a pronoun: "had a call with him", "she said", "He told…". "her" before a noun
# is a possessive ("her ministry") and names no one by itself.
_PRONOUN = re.compile(
    r"\b(?:him|he|she)\b|\bher\b(?=\s*[.,;:!?”\"]|\s+(?:in|on|at|to|about|by|for|with|that|and|but)\b)",
    re.IGNORECASE,
)
# A pronoun speaking ("…,” she said."): the one quoted, not the one the question asks for.
_SPEAKING = re.compile(
    r"\b(?:he|she)\s+(?:said|says|added|told|wrote|argued|warned|insisted|noted|asked)\b", re.I
)
# "What's the job title of the Chinese official Blinken spoke with?", "What position did the
# official who met Burns hold?": the role of someone the question describes by a deed.
_ASKS_ROLE_OF = re.compile(
    r"^\W*what(?:['’]s|\s+(?:is|was))\s+the\s+(?:job\s+)?(?:title|job|position|role|post|rank)"
    r"\s+of\s+(?:the|that|this)\b|"
    r"^\W*what\s+(?:job\s+)?(?:title|job|position|role|post|rank)\s+(?:does|did|do)\s+"
    r"(?:the|that|this)\b",
    re.IGNORECASE,
)
# "What's the full name of the Chinese official (with whom Blinken spoke)?"
_ASKS_NAME_OF = re.compile(
    r"^\W*what(?:['’]s|\s+(?:is|was))\s+the\s+(?:full\s+)?name\s+of\s+(?:the|that|this)\b", re.I
)
# "Who is the deputy secretary of state?", "What's the name of the Chinese diplomat (that)…":
# the person asked for, before what the question tells of them.
_ASKED_HEAD = re.compile(
    r"^\W*(?:who(?:\s+(?:is|was|are|were)|['’]s)|what(?:['’]s|\s+(?:is|was))\s+the\s+"
    r"(?:full\s+)?name\s+of|which|name)\s+(?:the\s+|a\s+|an\s+)?(?P<head>.+)$",
    re.IGNORECASE,
)
_HEAD_END = re.compile(r"\s+(?:that|who|whom|which|whose|the|a|an|he|she|did|does|was)\b|[,?]")
# How many sentences back the person is looked for.
REACH = 4


def needs_antecedent(question: str, draft: Answer) -> bool:
    """True when a question asking for one person is answered by a sentence that names the
    answer only as a pronoun."""
    if draft.abstained or not draft.citations:
        return False
    form = form_of(question)
    if form is not Form.other or question_expect(question, form) is not Expect.person:
        return False
    return stands_for_someone(draft.citations[0].quote)


def stands_for_someone(text: str) -> bool:
    return bool(_PRONOUN.search(_SPEAKING.sub("", text)))


def named_antecedent(
    question: str,
    draft: Answer,
    docs: Sequence[Document],
    people_of: Callable[[Document], list[Person]],
) -> Answer | None:
    """The draft led by the person its quoted pronoun stands for, cited where the document
    names them; None when no one is named close enough before it, or that person is the one
    the question speaks of."""
    found = _referent(question, draft, docs, people_of)
    if found is None:
        return None
    document, sentences, at, person = found
    return _answer(question, document, sentences, at, person, len(docs) > 1)


def _referent(
    question: str,
    draft: Answer,
    docs: Sequence[Document],
    people_of: Callable[[Document], list[Person]],
) -> tuple[Document, list[tuple[int, int, str]], tuple[int, int], Person] | None:
    """The person the draft's quoted pronoun stands for: its document, sentences, the indexes
    of the sentence naming them and of the one quoted, and the person."""
    quote = draft.citations[0].quotes[0] if draft.citations[0].quotes else None
    document = next((d for d in docs if d.source == draft.citations[0].source), None)
    if quote is None or document is None:
        return None
    sentences = sorted(document_sentences(document))
    quoted = [
        i
        for i, (start, end, text) in enumerate(sentences)
        if quote.start <= start < quote.end and stands_for_someone(text)
    ]
    if not quoted:
        return None
    at = quoted[-1]
    asked = content_words(question)
    people = people_of(document)
    named_here = [p for p in (full_person(n, people) for n in persons(sentences[at][2])) if p]
    if any(not _is_asked(p, asked) for p in named_here):
        return None  # the sentence names someone besides the pronoun: "Burns told him…"
    head = content_words(_head(question))
    if any(head & (content_words(p.name) | content_words(p.role)) for p in named_here):
        return None  # "Who is the deputy secretary of state?": Sherman, named there
    for back in range(at - 1, max(-1, at - 1 - REACH), -1):
        text = sentences[back][2]
        named = sorted(persons(text), key=text.lower().rfind)  # the last named, nearest
        if not named:
            continue
        person = full_person(named[-1], people)
        if person is None or _is_asked(person, asked):
            return None
        return document, sentences, (back, at), person
    return None


def _head(question: str) -> str:
    """The person a question asks for, as it names them ("the Chinese diplomat"); "" when it
    asks of a deed ("Who did Sherman call?")."""
    match = _ASKED_HEAD.match(question)
    return _HEAD_END.split(match.group("head"), maxsplit=1)[0] if match else ""


def full_person(name: str, people: list[Person]) -> Person | None:
    """The document's person whose name holds the last word of `name` ("mr qin" → Qin Gang)."""
    surname = name.replace(".", " ").split()[-1]
    return next((p for p in people if surname in p.name.lower().replace(".", " ").split()), None)


def _is_asked(person: Person, asked: set[str]) -> bool:
    """The question names the person, or the role the document gives them."""
    return bool(asked & (content_words(person.name) | content_words(person.role)))


def _answer(
    question: str,
    document: Document,
    sentences: list[tuple[int, int, str]],
    at: tuple[int, int],
    person: Person,
    several: bool,
) -> Answer:
    """The person's full name, then the sentence naming them and the one quoted, cited; and
    where the first gives only part of the name ("Mr. Qin"), the sentence giving it whole."""
    citer = Citer(document)
    marks = []
    for index in at:
        start, end, text = sentences[index]
        marks.append(f"{_flat(text)} {citer.cite(start, end, text)}")
    where = f"the document {document.label}" if several else "the article"
    joint = " " if at[1] == at[0] + 1 else " … "
    text = f"{person.name}, according to {where}: {joint.join(marks)}"
    if person.name not in sentences[at[0]][2]:
        mark = citer.cite(person.start, person.end, person.sentence)
        text += (
            f" {where.capitalize()} names {person.name} in full: {_flat(person.sentence)} {mark}"
        )
    return Answer(
        question=question,
        text=text,
        citations=citer.citations,
        passages=citer.passages,
    )


def asks_role_of_someone(question: str, draft: Answer) -> bool:
    """ "What's the job title (or the full name) of the official Blinken spoke with?", answered
    by a passage (of a person: not "the title of the joint statement"; and a name asked of
    someone the question tells a deed of, not "the name of the deputy secretary of state")."""
    named = _ASKS_NAME_OF.match(question)
    asked = _ASKS_ROLE_OF.match(question) or named
    if asked is None or draft.abstained or not draft.citations:
        return False
    head, *deed = _HEAD_END.split(question[asked.end() :].strip(), maxsplit=1)
    words = head.split()
    nouns = [i for i, w in enumerate(words) if _is_person_noun(w)]
    if not nouns:
        return False
    # the deed: a clause after the person ("…with whom Blinken spoke"), or a subject and verb
    # right after the noun ("…official Blinken spoke with"), not the role's own "of state"
    after = words[nouns[-1] + 1 :]
    told = bool(after) and after[0].lower() not in _ROLE_LINKS
    return (
        not named
        or bool(deed and content_words(deed[0]))
        or (told and bool(content_words(" ".join(after))))
    )


def _asked_of(person: Person, asked: set[str] | frozenset[str], question: str) -> bool:
    """The question names the person, or gives their kind of role ("…with whom the deputy
    secretary of state had a call": not Sherman, but the one she called)."""
    groups = {group for group, _, _ in roles(question)}
    return bool(content_words(person.name) & asked) or any(
        group in groups for group, _, _ in roles(person.role)
    )


def _is_person_noun(word: str) -> bool:
    return word.lower() in _PERSON_NOUNS or role_group(word.lower()) is not None


_ROLE_LINKS = frozenset("of to in at for from on".split())


# Nouns for a person a question describes: "the official who…", "the man Blinken called".
_PERSON_NOUNS = frozenset(
    """official officials diplomat diplomats man woman person people leader envoy aide officer
    politician counterpart spokesperson""".split()
)


def role_of_someone(
    question: str,
    draft: Answer,
    docs: Sequence[Document],
    people_of: Callable[[Document], list[Person]],
) -> Answer | None:
    """The role the document gives the person the draft's quote names besides those the
    question names ("…Blinken spoke to Mr. Wang…": Wang Yi, the Chinese foreign minister), or
    the one its pronoun stands for, cited where it gives it; None without such a person."""
    citation = draft.citations[0]
    document = next((d for d in docs if d.source == citation.source), None)
    if document is None or not citation.quotes:
        return None
    asked = content_words(question)
    people = people_of(document)
    person, quote = None, citation.quotes[0]
    for quoted in citation.quotes:  # the first quote naming someone besides those asked
        text = quoted.quote.lower()
        named = (full_person(name, people) for name in sorted(persons(quoted.quote), key=text.find))
        person = next(
            (p for p in named if p is not None and p.role and not _asked_of(p, asked, question)),
            None,
        )
        if person is not None:
            quote = quoted
            break
    if person is None:
        found = _referent(question, draft, docs, people_of)  # "…had a call with him"
        person = found[3] if found is not None and found[3].role else None
    if person is None:
        return None
    citer = Citer(document)
    where = f"the document {document.label}" if len(docs) > 1 else "the article"
    text = f"{person.name}, {_flat(person.role)}, according to {where}: {_flat(person.sentence)}"
    text += f" {citer.cite(person.start, person.end, person.sentence)}"
    if _flat(quote.quote) not in _flat(person.sentence):  # and the quote that needed it
        text += f" … {_flat(quote.quote)} {citer.cite(quote.start, quote.end, quote.quote)}"
    return Answer(
        question=question,
        text=text,
        citations=citer.citations,
        passages=citer.passages,
    )
