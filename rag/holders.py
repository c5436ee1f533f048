"""Who holds a role the question names: "What's the name of Beijing's top envoy posted in
Washington?" is Qin Gang, whom the article calls "the ambassador" at "the Chinese Embassy".

The question's words ("envoy", "posted", "Washington") are not the sentence's ("met with the
ambassador, Qin Gang, at the Chinese Embassy"), so the passages may not answer. The roles the
document gives its people are read instead: the one person given a role of the asked kind, of
the same rank, and of no other country or post, is the answer, cited where the document names
them. "Who is America's envoy in Beijing?" finds no one: China's ambassador is no American's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rag.answer import Answer
from rag.antecedents import full_person
from rag.clauses import asked_clause
from rag.overview import Citer, Document, _flat
from rag.people import Person, _rank
from rag.roles import persons, role_group, roles

# "Who is the Chinese ambassador?", "What's the name of Beijing's envoy in Washington?", "(Can
# you tell me) the full name of the ambassador", "What's the foreign minister's name?", "What is
# China's ambassador called?"
_ASKS_HOLDER = re.compile(
    r"^\W*(?:who(?:\s+(?:is|was)|['’]s)|(?:what(?:['’]s|\s+(?:is|was))\s+)?(?:the\s+)?"
    r"(?:full\s+)?name\s+of|name)\s+(?P<role>.+?)\s*[?.!]*$|"
    r"^\W*what(?:['’]s|\s+(?:is|was))\s+(?P<named>.+?)(?:['’]s?\s+(?:full\s+)?name|"
    r"\s+called)\s*[?.!]*$",
    re.IGNORECASE,
)
# Where the question says the role is named: "…mentioned here", "…in the article".
_HERE = re.compile(
    r"(?:\s+(?:mentioned|named|cited|quoted))?\s+(?:here|in\s+(?:the|this)\s+(?:article|piece|"
    r"story|report|text))\s*(?=[?.!]*$)",
    re.IGNORECASE,
)
# A rank before a role: "deputy secretary", "vice president".
_RANKED = re.compile(r"\b(deputy|vice|assistant|acting|former|under|associate)[\s-]+(\w+)", re.I)


def _asked_role(question: str) -> str | None:
    """The role a question asks the holder of, in its words; None when it asks no holder."""
    match = _ASKS_HOLDER.match(_HERE.sub("", asked_clause(question)))
    return (match.group("role") or match.group("named")) if match else None


def asks_role_holder(question: str) -> bool:
    """ "Who is <a role>?": a role, and no name, asked after."""
    asked = _asked_role(question)
    return bool(asked and roles(asked) and not persons(asked))


def role_holder(
    question: str,
    docs: Sequence[Document],
    people_of: Callable[[Document], list[Person]],
    draft: Answer,
) -> Answer | None:
    """The one person a document gives the asked role, cited where it names them; None when
    no one, or several, hold it, or the draft (answering) names them or someone who may."""
    asked = _asked_role(question)
    if asked is None:
        return None
    given = roles(asked)
    if not given:
        return None
    group, owner, place = given[0]
    ranked = {role_group(m[2].lower()): m[1].lower() for m in _RANKED.finditer(asked)}
    rank = frozenset({ranked[group]}) if group in ranked else frozenset()
    found = [
        (document, person)
        for document in docs
        for person in people_of(document)
        if _holds(person, group, owner, place, rank)
    ]
    if len(found) != 1:
        return None
    document, person = found[0]
    answered = not (draft.abstained or draft.hedged)
    if answered and not _answers_otherwise(draft.text, group, people_of(document), person):
        return None  # the draft names the holder, or someone who may hold the role too
    citer = Citer(document)
    where = f"the document {document.label}" if len(docs) > 1 else "the article"
    mark = citer.cite(person.start, person.end, person.sentence)
    return Answer(
        question=question,
        text=f"{person.name}, {_flat(person.role)}, according to {where}: "
        f"{_flat(person.sentence)} {mark}",
        citations=citer.citations,
        passages=citer.passages,
    )


def _answers_otherwise(text: str, group: int | None, people: list[Person], holder: Person) -> bool:
    """The draft names no one, or only people the document gives a role of another kind
    ("Wendy R. Sherman, the deputy secretary of state…" for "China's ambassador?")."""
    named = [full_person(name, people) for name in persons(text)]
    return all(
        p is not None
        and p is not holder
        and bool(p.role)
        and all(r[0] != group for r in roles(f"{p.role} {p.career}"))
        for p in named
    )


def _holds(
    person: Person, group: int, owner: str | None, place: str | None, rank: frozenset[str]
) -> bool:
    """The person's role is the asked one: its group and rank, and no other country."""
    if not person.role or _rank(person.role) != rank:  # "deputy secretary" is not "secretary"
        return False
    given = next((r for r in roles(person.role) if r[0] == group), None)
    if given is None:
        return False
    # where the role names no country, the sentence naming them may ("the ambassador, Qin
    # Gang, at the Chinese Embassy")
    named = next((r for r in roles(person.sentence) if r[0] == group), given)
    given_owner, given_place = given[1] or named[1], given[2] or named[2]
    if owner and given_owner and owner != given_owner:
        return False  # "the Russian foreign minister" is not China's
    return not (place and given_place and place != given_place)
