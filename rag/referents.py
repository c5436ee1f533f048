"""Whom a pronoun in a follow-up means: the person or thing a past question was about."""

from __future__ import annotations

import re

from rag.roles import _INSTITUTION, _country, persons, role_group

_NAME_IN_WHO = re.compile(
    r"^\s*(?:who|what)(?:\s+(?:is|was|are|were)|['’]s)\s+(.+?)\s*\??\s*$", re.IGNORECASE
)
# "When did Blinken speak with Wang Yi?": the name right after the auxiliary is who acts.
_DOER = re.compile(
    r"^\W*(?i:(?:(?:and|so)\s+)?(?:(?:when|where|why|how|what)(?:\s+(?:much|many|long|often|"
    r"exactly|else))?\s+)?(?:did|does|do|has|have|had|was|is|will|would)\s+)"
    r"((?:Mr\.|Ms\.|Mrs\.|Dr\.)?\s*[A-Z][\w’'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w’'-]+)*)\s+[a-z]"
)
_ASKS_WHO = re.compile(r"^\W*(?:and\s+)?(?:who|whom)\b", re.IGNORECASE)


# "Wang Yi's job": the person is the owner; "Blinken's deputy" is a person of their own.
_OWNER = re.compile(
    r"((?:[A-Z][\w.-]*\s+)*[A-Z][\w.-]*)['’]s?\s+(?P<owned>[a-z]+(?:\s+[a-z]+){0,2})"
)
_RELATION = frozenset(
    "deputy chief counterpart aide boss wife husband successor predecessor colleague friend".split()
)


def _owner(text: str) -> str | None:
    """The person a possessive phrase opening `text` is about, or None without one."""
    owner = _OWNER.match(text)
    if not owner:
        return None
    words = owner["owned"].split()
    for at, word in enumerate(words):
        if role_group(word) is not None or word in _RELATION:  # "chief of staff" whole
            end = at + 3 if words[at + 1 : at + 2] == ["of"] else at + 1
            return f"{text[: owner.start('owned')]}{' '.join(words[:end])}"
    if any(_country(w) or w in _INSTITUTION for w in owner.group(1).lower().split()):
        return None
    return owner.group(1)


def subject_of(turn: str) -> str | None:
    """Who or what a past question was about: "Who is Hua Chunying?" → "Hua Chunying"."""
    match = _NAME_IN_WHO.match(turn)
    if match:
        return _owner(match.group(1)) or match.group(1)
    if _ASKS_WHO.match(turn):
        return None  # "Who did the officials meet?": "he" next is the one asked for, unnamed
    lowered = turn.lower()
    # a person: "White House officials" are not a "he"
    found = [(lowered.find(name), name) for name in persons(turn) if name in lowered]
    # of two people, the one who acts: "did Blinken speak with Wang Yi" (a surname alone too)
    doer = _DOER.match(turn)
    words = doer.group(1).lower().split() if doer else []
    if words and not any(_country(w) or w in _INSTITUTION for w in words):
        return _owner(turn[doer.start(1) :]) or doer.group(1).strip()
    if not found:
        return None  # "When did China speak to Russia?": countries are no "he"
    at, name = min(found)  # the first name the question mentions
    return turn[at : at + len(name)]


def other_subject(previous: str, question: str) -> str | None:
    """Whom a pronoun in the question means: the subject of the previous question, unless the
    question names that person itself ("When did Blinken speak to Wang Yi?" / "What did Wang
    tell him?": him is Blinken, the other one named)."""
    subject = subject_of(previous)
    own = {w.lower().strip(".,?") for w in question.split()}
    if subject is None or not own & {w.lower() for w in subject.split()}:
        return subject
    for name in re.findall(r"(?<=\s)[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*", previous):
        words = {w.lower() for w in name.split()}
        if not own & words and not any(_country(w) or w in _INSTITUTION for w in words):
            return name  # not a country or a body ("China", "White House"): a person
    return None


_ARTICLE = frozenset({"the", "a", "an"})
_HE = re.compile(r"\b(?:he|him|his)\b", re.IGNORECASE)
_SHE = re.compile(r"\b(?:she|her|hers)\b", re.IGNORECASE)


def role_phrase(turn: str) -> str | None:
    """The first person a past question names by a role ("What did the officials tell the
    Chinese ambassador?" → "the Chinese ambassador"): a "he" or "she" next may mean them."""
    words = turn.rstrip("?.! ").split()
    for start, word in enumerate(words):
        if word.lower() not in _ARTICLE:
            continue
        for end in range(start + 1, min(start + 4, len(words))):  # two words before the role
            if role_group(words[end].lower()) is not None:
                if not words[end].lower().endswith("s"):  # "the officials" are no "he"
                    return " ".join(words[start : end + 1])
                break
    return None


def other_gender(question: str, previous: str) -> bool:
    """The question's "he" cannot be the one the previous question called "she" (nor the
    reverse): "did she speak with the ambassador?" / "what did he keep saying?"."""
    asked_he, asked_she = bool(_HE.search(question)), bool(_SHE.search(question))
    said_he, said_she = bool(_HE.search(previous)), bool(_SHE.search(previous))
    return (asked_he and said_she and not said_he) or (asked_she and said_he and not said_she)
