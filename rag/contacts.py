"""Which people dealt with another side: "Name the U.S. officials who spoke with their Chinese
counterparts."

A story names those people one sentence each, often far apart and each in words of its own:
"Secretary of State Antony J. Blinken spoke to Mr. Wang…", "Wendy R. Sherman, the deputy
secretary of state, had a call with him." (him: Mr. Qin, named before). No one passage holds
them all, and the sentences on the talks in general name no one. Here the whole document is
read: a person is listed when a sentence has them speaking, calling or meeting (the contact
asked) with someone of the other side after the verb, a person of that country or the person a
"him" stands for. Their own side is checked by the country their role gives, when it gives one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rag.answer import Answer
from rag.antecedents import full_person
from rag.countries import country
from rag.overview import Citer, Document, _flat, document_sentences
from rag.people import Person
from rag.roles import persons, roles

# "Name the U.S. officials who spoke with…", "Which American officials talked to the Chinese…",
# "Who were the officials that met…": the side, the people, what they did.
_PEOPLE_WHO = re.compile(
    r"^\W*(?:(?:name|list|identify)\s+(?:all\s+)?(?:the\s+)?|which\s+|who\s+(?:were|are)\s+the\s+)"
    r"(?P<side>(?:[\w.’'-]+\s+){0,3}?)(?:officials|diplomats|people|leaders|policymakers|envoys)"
    r"\s+(?:who\s+|that\s+)?(?P<deed>\w.*?)\s*[?.!]*$",
    re.IGNORECASE,
)
# Speaking, calling, meeting: a contact between people.
_CONTACT = re.compile(
    r"\b(?:speak\w*|spoken?|talk\w*|call\w*|phon\w*|met|meet\w*|discuss\w*|rais\w*|"
    r"brief\w*|confront\w*|warn\w*|told|tell\w*|press\w*|urg\w*|contact\w*)\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(?:him|her)\b", re.IGNORECASE)
# Where the party dealt with ends: the topic ("about Russia"), the next clause.
_PARTY_END = re.compile(r"\s(?:about|on|over|regarding|concerning)\s|[,;:]|\s(?:and|but)\s", re.I)
# How many sentences back a "him" is looked for.
REACH = 4


def asks_contacts(question: str) -> bool:
    """ "Name the U.S. officials who spoke with their Chinese counterparts": people of one side
    who spoke with, called or met the other."""
    match = _PEOPLE_WHO.match(question)
    return bool(match and _CONTACT.search(match.group("deed")) and _party(match["deed"]))


def _party(deed: str) -> set[str]:
    """The countries of those dealt with: "spoke with their Chinese counterparts" (not the
    topic: "talked to the Chinese about Russia")."""
    dealt = re.search(r"\b(?:with|to)\s", deed)  # "raised the Russia issue with Chinese…"
    return _countries(_PARTY_END.split(deed[dealt.end() :] if dealt else deed, maxsplit=1)[0])


# Words of a side that narrow no one down: "the two senior U.S. officials".
_LOOSE = frozenset(
    "the senior top high-ranking high level other some two three several all key".split()
)


def _affiliation(side: str) -> bool:
    """The side is named by more than its country: "White House officials", "military leaders"."""
    return any(w.lower() not in _LOOSE and not country(w) for w in side.split())


def _countries(text: str) -> set[str]:
    return {c for c in map(country, re.findall(r"[\w.’'-]+", text)) if c}


def answer_contacts(
    question: str,
    docs: Sequence[Document],
    people_of: Callable[[Document], list[Person]],
    several: bool,
) -> Answer | None:
    """The people of the asked side the document has in contact with the other side, each with
    the sentence saying so, cited; None when it names no one so."""
    match = _PEOPLE_WHO.match(question)
    if match is None:
        return None
    if _affiliation(match.group("side")):
        return None  # "Which White House officials…": an office no role here may give
    side, other = _countries(match.group("side")), _party(match.group("deed"))
    for document in docs:
        people = people_of(document)
        sentences = sorted(document_sentences(document))
        found = []
        for person in people:
            own = _country_of(person)
            if own & other or (side and own and not own & side):
                continue  # the other side's own, or a third country's
            at = _contact(person, sentences, people, other)
            if at is not None:
                found.append((at, person))
        if found:
            return _answer(
                question, document, sentences, sorted(found, key=lambda f: f[0]), several
            )
    return None


def _country_of(person: Person) -> set[str]:
    """The country the person's role gives ("the Chinese foreign minister"; "the ambassador" at
    "the Chinese Embassy"), as a set of one or none."""
    given = [owner for _, owner, _ in roles(f"{person.role} {person.sentence}") if owner]
    return {given[0]} if given else set()


def _contact(
    person: Person,
    sentences: list[tuple[int, int, str]],
    people: list[Person],
    other: set[str],
) -> int | None:
    """The index of the first sentence having the person in contact with the other side."""
    surname = person.name.split()[-1]
    named = re.compile(rf"\b{re.escape(surname)}\b(?!\s+administration)")
    for index, (_, _, text) in enumerate(sentences):
        mention = named.search(text)
        verb = _CONTACT.search(text, mention.end()) if mention else None
        if verb is None:
            continue
        after = _PARTY_END.split(text[verb.end() :], maxsplit=1)[0]  # with whom, in its clause
        if _countries(after) & other or _others_named(after, people, other):
            return index
        pronoun = _PRONOUN.search(after)
        if pronoun and _antecedent_of(index, sentences, people, other):
            return index
    return None


def _others_named(text: str, people: list[Person], other: set[str]) -> bool:
    """The text names a person of the other side ("spoke to Mr. Wang")."""
    found = (full_person(name, people) for name in persons(text))  # "Mr. Wang" is Wang Yi
    return any(person is not None and _country_of(person) & other for person in found)


def _antecedent_of(
    index: int, sentences: list[tuple[int, int, str]], people: list[Person], other: set[str]
) -> bool:
    """The nearest person named before the sentence is of the other side ("Mr. Qin…")."""
    for back in range(index - 1, max(-1, index - 1 - REACH), -1):
        text = sentences[back][2]
        if persons(text):
            return _others_named(text, people, other)
    return False


def _answer(
    question: str,
    document: Document,
    sentences: list[tuple[int, int, str]],
    found: list[tuple[int, Person]],
    several: bool,
) -> Answer:
    citer = Citer(document)
    listed = []
    for index, person in found:
        start, end, text = sentences[index]
        role = f", {_flat(person.role)}" if person.role else ""
        listed.append(f"{_flat(person.name)}{role}: {_flat(text)} {citer.cite(start, end, text)}")
    what = f"The document {document.label}" if several else "The article"
    text = f"{what} names {len(found)}: " + "; ".join(listed)
    return Answer(question=question, text=text, citations=citer.citations, passages=citer.passages)
