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
from rag.overview import Citer, Document, _flat
from rag.people import Person, _rank
from rag.roles import persons, role_group, roles

# "Who is the Chinese ambassador?", "What's the name of Beijing's envoy in Washington?"
_ASKS_HOLDER = re.compile(
    r"^\W*(?:who(?:\s+(?:is|was)|['’]s)|what(?:['’]s|\s+(?:is|was))\s+the\s+(?:full\s+)?name\s+"
    r"of|name)\s+(?P<role>.+?)\s*[?.!]*$",
    re.IGNORECASE,
)
# A rank before a role: "deputy secretary", "vice president".
_RANKED = re.compile(r"\b(deputy|vice|assistant|acting|former|under|associate)[\s-]+(\w+)", re.I)


def asks_role_holder(question: str) -> bool:
    """ "Who is <a role>?": a role, and no name, asked after."""
    match = _ASKS_HOLDER.match(question)
    return bool(match and roles(match.group("role")) and not persons(match.group("role")))


def role_holder(
    question: str, docs: Sequence[Document], people_of: Callable[[Document], list[Person]]
) -> Answer | None:
    """The one person a document gives the asked role, cited where it names them; None when
    no one, or several, hold it."""
    match = _ASKS_HOLDER.match(question)
    if match is None:
        return None
    asked = match.group("role")
    ranked = {role_group(m[2].lower()): m[1].lower() for m in _RANKED.finditer(asked)}
    found = []
    for document in docs:
        for person in people_of(document):
            for group, owner, place in roles(asked)[:1]:
                rank = frozenset({ranked[group]}) if group in ranked else frozenset()
                if _holds(person, group, owner, place, rank):
                    found.append((document, person))
    if len(found) != 1:
        return None
    document, person = found[0]
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
