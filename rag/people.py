"""The people a document names, for "Who is quoted?", "Which officials are mentioned?".

A person is a capitalised name the document treats as one: it calls them "Mr./Ms. <name>"
somewhere, gives them a title ("President Biden", "Secretary of State Antony J. Blinken"), sets
a role beside the name ("Qin Gang, the ambassador" or "the ambassador, Qin Gang") or has them
say something ("said Evan Medeiros"). Institutions and places ("White House", "Chinese
Embassy") are left out. Each person is listed once, in order of first mention, with the role
the document gives and the sentence that first names them fully, cited.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rag.answer import Answer
from rag.overview import Citer, Document, _abstain, _flat, document_sentences
from rag.roles import _INSTITUTION, _country, _tokens, roles, roles_agree

# At most this many people are listed; a long document names many more in passing.
MAX_PEOPLE = 12

_TITLE = (
    r"(?:President|Vice\s+President|Prime\s+Minister|Secretary(?:\s+of\s+[A-Z][a-z]+)?|"
    r"Ambassador|Senator|Sen\.|Representative|Rep\.|Governor|Gov\.|Mayor|Chancellor|"
    r"General|Gen\.|Admiral|Minister|Foreign\s+Minister|Premier|King|Queen|Pope|Judge|"
    r"Justice|Professor|Prof\.|Dr\.|Mr\.|Ms\.|Mrs\.)"
)
# A name: capitalised words, middle initials allowed ("Wendy R. Sherman", "Xi Jinping").
_NAME = r"[A-Z][a-z’'-]+(?:\s+(?:[A-Z]\.\s+)*[A-Z][a-z’'-]+){0,2}"
_TITLED = re.compile(rf"\b{_TITLE}\s+(?P<name>{_NAME})")
_FULL = re.compile(rf"\b(?P<name>{_NAME})\b")
_HONORIFIC = re.compile(r"\b(?:Mr|Ms|Mrs|Dr)\.\s+(?P<surname>[A-Z][a-z’'-]+)")
# "Qin Gang, the ambassador," / "Evan Medeiros, a Georgetown University professor"
_ROLE_AFTER = re.compile(r"^,\s+(?P<role>(?:the|a|an)\s+[^,;]{3,80}?)(?=,|;|\.$|\s+who\b|$)")
# What they are or were besides: "…, a Georgetown professor who was senior Asia director at…"
_CAREER = re.compile(
    r"^\s+(?P<career>who\s+(?:is|was|had\s+been|has\s+been)\s+[^,;]{3,120}?)(?=,|;|\.?$)"
)
# "the ambassador, Qin Gang" / "the C.I.A. director, William J. Burns" (comma-free too)
_ROLE_BEFORE = re.compile(r"(?P<role>\bthe\s+(?:[\w.’'-]+\s+){0,4}[a-z][\w’'-]+),?\s+$")
_OF_PLACE = re.compile(r"^\s+of\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b")
_SAYS = re.compile(
    r"\b(?:said|says|added|told|asked|wrote|argued|insisted|warned|noted)\b", re.IGNORECASE
)
_NOT_A_PERSON = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december cold war olympic winter
    the a an in on at of and but for after before over during this that these those some
    american americans chinese russian russians european europeans""".split()
)


@dataclass
class Person:
    name: str
    role: str
    start: int
    end: int
    sentence: str
    quoted: bool = False
    career: str = ""  # "who was senior Asia director…", after the role


# Words of a title or office written before a name, not part of it.
_TITLE_WORDS = frozenset(
    """president vice secretary state ambassador senator sen representative rep governor gov
    mayor chancellor general gen admiral minister foreign prime premier king queen pope judge
    justice professor prof mr ms mrs dr deputy director spokeswoman spokesman""".split()
)


def _bare(name: str) -> str:
    """The name without a title before it or a possessive after it."""
    words = name.split()
    while len(words) > 1 and words[0].strip(".").lower() in _TITLE_WORDS:
        words = words[1:]
    return re.sub(r"['’]s$", "", " ".join(words))


def _words(name: str) -> list[str]:
    return [w.strip(".").lower() for w in name.split() if len(w.strip(".")) > 1]


def _is_name(name: str) -> bool:
    words = _words(name)
    return bool(words) and not any(w in _INSTITUTION or w in _NOT_A_PERSON for w in words)


def people_in(document: Document) -> list[Person]:
    """The people the document names, once each, in order of first mention."""
    sentences = sorted(document_sentences(document))
    whole = " ".join(text for _, _, text in sentences)
    honoured = {m.group("surname").lower() for m in _HONORIFIC.finditer(whole)}
    found: list[Person] = []
    for start, end, text in sentences:
        titled = {_bare(m.group("name")): m for m in _TITLED.finditer(text)}
        for match in _FULL.finditer(text):
            name = _bare(match.group("name"))
            words = _words(name)
            if not _is_name(name):
                continue
            after, before = text[match.end() :], text[: match.start()]
            role_after = _ROLE_AFTER.match(after)
            role_before = _ROLE_BEFORE.search(before)
            title = next((t for n, t in titled.items() if n == name), None)
            rest = after[role_after.end() :] if role_after else after
            says = bool(_SAYS.search(rest[:12]) or _SAYS.search(before[-12:]))
            if not (
                (len(words) > 1 and (honoured & set(words) or role_after or role_before or says))
                or title
            ):
                continue
            known = next((p for p in found if set(_words(p.name)) & set(words)), None)
            quoted = says or "“" in text or '"' in text
            if known is not None:
                if len(words) > len(_words(known.name)):  # "Mr. Xi", then "Xi Jinping"
                    known.name = name
                known.quoted = known.quoted or (quoted and says)
                continue
            role = ""
            if role_after:
                role = role_after.group("role")
            elif title:
                role = _flat(title.group(0)[: title.start("name") - title.start()]).strip()
                country = _OF_PLACE.match(after)  # "President Vladimir V. Putin of Russia"
                role = f"{role} of {country.group(1)}" if country else role
            elif role_before:
                role = role_before.group("role")
            career = _CAREER.match(after[role_after.end() :]) if role_after else None
            found.append(Person(name, role, start, end, text, quoted and says))
            found[-1].career = career.group("career") if career else ""
    return found


_QUOTED = re.compile(r"\b(?:quoted|quotes?|cited|interviewed|speaks?|spoke)\b", re.IGNORECASE)


def no_one(question: str, subject: str, plural: bool) -> Answer:
    """The honest answer when nobody is named (or quoted): "The article names no one."."""
    quoted = bool(_QUOTED.search(question))
    verb = ("quote" if quoted else "name") + ("" if plural else "s")
    return _abstain(question, f"{subject} {verb} no one{' by name' if quoted else ''}.")


def answer_people(question: str, document: Document, several: bool) -> Answer:
    """The people the document names (or quotes, when that is asked), each cited."""
    what = "The document" if several else "The article"
    prefix = f"{document.label}: " if several else ""
    people = people_in(document)
    quoted = bool(_QUOTED.search(question))
    if quoted:
        people = [p for p in people if p.quoted]
    if not people:
        return no_one(question, f"{prefix}{what}", plural=False)
    citer = Citer(document)
    listed = []
    for person in people[:MAX_PEOPLE]:
        mark = citer.cite(person.start, person.end, person.sentence)
        role = f", {_flat(person.role)}" if person.role else ""
        listed.append(f"{_flat(person.name)}{role} {mark}")
    lead = "quotes" if quoted else "names"
    more = len(people) - MAX_PEOPLE
    tail = f"; and {more} more" if more > 0 else ""
    text = f"{prefix}{what} {lead} {len(people)}: " + "; ".join(listed) + tail + "."
    return Answer(question=question, text=text, citations=citer.citations, passages=citer.passages)


# "Who is Hua Chunying?", "Who was Mr. Qin?", "Who's Medeiros?": a person asked about by name.
_WHO_IS = re.compile(
    r"^\W*(?i:who)(?:\s+(?:is|was)|['’]s)\s+(?P<name>(?:(?:Mr|Ms|Mrs|Dr)\.\s+)?[A-Z][\w.’'-]*"
    r"(?:\s+[A-Z][\w.’'-]*){0,3})\s*[?.!]*\s*$"
)
# "What was Evan Medeiros's job in the Obama White House?", "What position did Medeiros hold?"
_ASKS_JOB = re.compile(
    r"^\W*what(?:\s+(?:is|was)|['’]s)\s+(?P<name>(?:[\w.’'-]+\s+){0,2}?[\w.-]+)['’]s?\s+"
    r"(?:job|role|position|title|post|occupation|profession)\b"
    r"(?!\s+(?:on|about|regarding|towards?|over|concerning)\b)|"  # "position on Taiwan": a view
    r"^\W*what\s+(?:job|role|position|title|post|office)\s+(?:does|did|do|has|had)\s+"
    r"(?P<holder>(?:[\w.’'-]+\s+){0,2}?[\w.’'-]+)\s+(?:have|hold|held|had|occupy|fill)\b",
    re.IGNORECASE,
)

_PAST_CAREER = re.compile(r"who\s+(?:was|had\s+been)\b")
# "…before he became ambassador", "…after leaving the post": a job at another time than told.
_ANOTHER_TIME = re.compile(
    r"\b(?:before|prior\s+to|previous(?:ly)?|earlier|formerly|after|until|used\s+to)\b", re.I
)


def answer_who(
    question: str,
    docs: Sequence[Document],
    several: bool,
    people_of: Callable[[Document], list[Person]] = people_in,
) -> Answer | None:
    """ "Who is <name>?" answered with the role a document gives that person, cited to the
    sentence naming them; None when the question is not one or no document gives a role.
    `people_of` may be a cache of `people_in` (its walk over a document costs per question)."""
    asked = _WHO_IS.match(question.strip())
    job = _ASKS_JOB.match(question.strip()) if not asked else None
    if not asked and not job:
        return None
    # "What was Qin Gang's job before he became ambassador?": the role given is not the one asked
    other_time = bool(job) and bool(_ANOTHER_TIME.search(question))
    name = asked.group("name") if asked else job.group("name") or job.group("holder")
    words = {w.lower() for w in _words(_bare(name))}
    for document in docs:
        for person in people_of(document):
            # every word asked is one of theirs ("Medeiros", "Mr. Qin", "Xi Jinping")
            own = {w.lower() for w in _words(person.name)}
            if not person.role or not words or not words <= own:
                continue
            citer = Citer(document)
            mark = citer.cite(person.start, person.end, person.sentence)
            what = f"The document {document.label}" if several else "The article"
            role = _flat(f"{person.role} {person.career}".strip())
            text = f"{what} names {_flat(person.name)} as {role} {mark}."
            other_time = other_time and not _PAST_CAREER.match(person.career)  # "who was…"
            if other_time:
                text = f"{what} does not say; it names {_flat(person.name)} as {role} {mark}."
            return Answer(
                question=question,
                text=text,
                citations=citer.citations,
                passages=citer.passages,
                abstained=other_time,
            )
    return None


# "Is Qin Gang the Chinese foreign minister?", "Was Burns the deputy director?": a role asked of
# a person by name.
_IS_ROLE = re.compile(
    r"^\W*(?i:is|was)\s+(?P<name>(?:(?:Mr|Ms|Mrs|Dr)\.\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)"
    r"{0,3})\s+(?P<role>(?i:the|a|an)\s+[^?]{3,60}?|[A-Z]\w+['’]s\s+[^?]{3,60}?)\s*\?*\s*$"
)
# A rank within a role: "deputy secretary of state" is not "secretary of state".
_RANK = frozenset("deputy vice assistant acting former under associate".split())
# Words of a role that weigh nothing: "the director of the FBI".
_ARTICLES = frozenset("the a an of to in at for".split())


def _rank(role: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z]+", role.lower())) & _RANK


def answer_is_role(
    question: str,
    docs: Sequence[Document],
    several: bool,
    people_of: Callable[[Document], list[Person]] = people_in,
) -> Answer | None:
    """ "Is Qin Gang the Chinese foreign minister?" answered from the role a document gives the
    person: "No. The article names Qin Gang as the ambassador [1]." None when the question is not
    one, the document gives them no role, or the roles differ only in words it cannot weigh."""
    asked = _IS_ROLE.match(question.strip())
    asked_roles = roles(asked.group("role")) if asked else ()
    if not asked_roles:
        return None
    words = set(_words(_bare(asked.group("name"))))
    group = asked_roles[0][0]
    for document in docs:
        for person in people_of(document):
            own = {w.lower() for w in _words(person.name)}
            if not person.role or not words or not words <= own:
                continue
            given = roles(person.role)
            if not given:
                return None  # "a Georgetown University professor": no role word to weigh
            role, said = asked.group("role"), f"{person.role} {person.sentence}"
            same = given[0][0] == group and _rank(person.role) == _rank(role)
            if same and not roles_agree(role, said):
                same = False  # "Is Wang Yi the Russian foreign minister?"
            # (tokens as roles reads them: "United States" is one country)
            held = set(_tokens(said))
            other = [t for t in _tokens(role) if t not in held and not _country(t)]
            names = {w.lower().strip(".,'’") for w in re.findall(r"[A-Z][\w.’'-]*", role)}
            if same and names & set(other):
                same = False  # "the director of the FBI": the document names him for another
            elif same and set(other) - _ARTICLES:
                return None  # "the defense ministry spokeswoman": a word it cannot weigh
            citer = Citer(document)
            mark = citer.cite(person.start, person.end, person.sentence)
            what = f"The document {document.label}" if several else "The article"
            lead = "Yes." if same else "No."
            text = f"{lead} {what} names {_flat(person.name)} as {_flat(person.role)} {mark}."
            return Answer(
                question=question, text=text, citations=citer.citations, passages=citer.passages
            )
    return None


def person_words(docs: Sequence[Document]) -> frozenset[str]:
    """The words of every person's name the documents give ("xi", "jinping", "qin"…): a
    question's subject that is one of them is a person; "China" or "Python" is not."""
    return frozenset(
        word for document in docs for p in people_in(document) for word in _words(p.name)
    )
