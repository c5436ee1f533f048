"""Who did what a yes/no question asks: the people it names against the ones a sentence names,
a person the question gives a title ("Ambassador Qin") being the one a sentence names by it."""

from __future__ import annotations

import re

from rag.roles import role_group

_WORD = re.compile(r"[a-z]+")


def another_doer(
    question: str, whole: str, sentence: str, known: frozenset[str] | None
) -> frozenset[str] | None:
    """None when the sentence (with what it leans on) names every person the question asks
    about, or the documents' people are not known; else the words of the other people the
    sentence names (empty: it names no one else)."""
    if not known:
        return None
    held = set(_WORD.findall(whole.lower()))
    asked: list[set[str]] = []  # each person as the words of the name ("wang yi")
    titles: list[int | None] = []  # the role the question gives each ("Ambassador Qin")
    after_name, before = False, ""
    for word in _WORD.findall(question.lower()):
        if word in known:
            if not after_name:
                asked.append(set())
                titles.append(role_group(before))
            asked[-1].add(word)
        after_name, before = word in known, word
    # "…the ambassador to the United States, rebuffed…" is about "Ambassador Qin"
    held_roles = {role_group(word) for word in held} - {None}
    if all(name & held or title in held_roles for name, title in zip(asked, titles, strict=True)):
        return None
    return frozenset(set(_WORD.findall(sentence.lower())) & known - set().union(*asked))


def unnamed(question: str, known: frozenset[str]) -> str:
    """The question without the people's names it holds: what was done."""
    return " ".join(w for w in question.split() if not set(_WORD.findall(w.lower())) & known)
