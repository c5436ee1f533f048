"""Roles and the people who hold them: "China's ambassador to the United States", "the
Chinese foreign minister", and which capitalised names are people rather than institutions.

Used by rag/constraints.py to tell whether a sentence answers "Who is <role>?" for the right
country. The tables are general English: country names, demonyms and capitals, and role nouns.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from rag.countries import country as _country
from rag.instances import WORD
from rag.questions import people

# Roles people hold; synonyms share a group.
_ROLE_GROUPS = (
    "ambassador envoy emissary",
    "minister",
    "secretary",
    "president",
    "spokeswoman spokesman spokesperson",
    "director",
    "adviser advisor",
    "general",
    "commander",
    "chairman chairwoman",
    "professor",
    "king queen",
    "governor",
    "mayor",
    "senator",
    "prime-minister premier",
)
_ROLE = {word: index for index, group in enumerate(_ROLE_GROUPS) for word in group.split()}


def role_group(token: str) -> int | None:
    """The role group a token names ("envoys" and "ambassador" are one), or None."""
    return _ROLE.get(token, _ROLE.get(token.rstrip("s")))


_TOKEN = re.compile(r"[A-Za-z][A-Za-z.'’-]*|\d[\d,.]*")


def role_synonyms(text: str) -> list[str]:
    """The other words for each role the text names ("spokesperson" → spokeswoman, spokesman),
    so that a keyword search finds the role however the documents word it."""
    extra: list[str] = []
    for token in _tokens(text):
        group = role_group(token)
        if group is not None:
            extra += [w for w in _ROLE_GROUPS[group].split() if w not in {token, token.rstrip("s")}]
    return list(dict.fromkeys(extra))


@lru_cache(maxsize=8192)  # the same windows are read by several checks
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(
        t.lower().strip(".,'’")
        for t in _TOKEN.findall(text.replace("United States", "united-states"))
    )


@lru_cache(maxsize=4096)
def roles(text: str) -> tuple[tuple[int, str | None, str | None], ...]:
    """Each role mentioned: (role group, owner country, country it is posted to or in).

    "China's ambassador to the United States" → (ambassador, china, us); "the Chinese foreign
    minister" → (minister, china, None); "envoy in Beijing" → (ambassador, None, china).
    """
    tokens = _tokens(text)
    found = []
    for i, token in enumerate(tokens):
        group = role_group(token)
        if group is None:
            continue
        owner = None
        for back in tokens[max(0, i - 3) : i][::-1]:
            owner = _country(back)
            if owner:
                break
        place = None
        if i + 2 < len(tokens) and tokens[i + 1] in {"to", "in", "at", "for"}:
            after = tokens[i + 2 : i + 4]
            place = next((c for c in map(_country, after) if c), None)
        else:  # "the president of Ukraine", "President Xi Jinping of China"
            for j in range(i + 1, min(i + 5, len(tokens) - 1)):
                if tokens[j] == "of":
                    owner = owner or _country(tokens[j + 1])
                    break
        if owner is None and place is None and group == _ROLE["ambassador"]:
            owner = _embassy(tokens)  # "met with the ambassador… at the Chinese Embassy"
        found.append((group, owner, place))
    return tuple(found)


def posted_where_unsaid(question: str, text: str) -> bool:
    """The question asks of a role posted to a place ("China's ambassador to the European
    Union", "the envoy in Beijing") and the text never names that place: whatever role it
    speaks of is posted elsewhere, or nowhere it says."""
    places = {place for _, _, place in roles(question) if place}
    return bool(places) and not places <= {_country(token) for token in _tokens(text)}


def _embassy(tokens: list[str]) -> str | None:
    """The country whose embassy the text names ("the Chinese Embassy"), if it names one."""
    for before, token in itertools.pairwise(tokens):
        if token.rstrip(".,") in {"embassy", "embassies"} and _country(before):
            return _country(before)
    return None


def roles_agree(question: str, window: str, required: bool = True) -> bool:
    """False when the question asks about a role that the window names only for other countries.

    The role (or a synonym) must appear in the window; where the window says whose role it is or
    where it is posted, that must not contradict the question.
    """
    asked = [r for r in roles(question) if r[1] or r[2]]
    if not asked:
        return True
    said = roles(window)
    for group, owner, place in asked:
        same = [r for r in said if r[0] == group]
        if not same:
            if required:
                return False
            continue
        for _, s_owner, s_place in same:
            owner_ok = owner is None or s_owner is None or s_owner == owner
            place_ok = place is None or s_place is None or s_place == place
            if owner and place and s_owner == place and s_place == owner:
                continue  # the other way round: A's envoy to B is not B's envoy to A
            if owner_ok and place_ok:
                break
        else:
            return False
    return True


# Capitalised words that make a name an institution, a place or an event, not a person.
_INSTITUTION = frozenset(
    """house office ministry department council committee commission agency service services
    embassy university college school institute center centre council court congress senate
    parliament assembly party union nations states republic kingdom empire administration
    government army navy force forces police bank company corporation group conference
    summit forum games olympics olympic cup league times post journal news press street
    square palace hall organization organisation treaty alliance peninsula sea ocean river
    mountain island city province state region east west north south""".split()
)


def persons(text: str) -> list[str]:
    """Names of people in the text (lower-cased): names of institutions and places left out."""
    found = []
    for name in people(text):
        words = name.split()
        # "Secretary of State Antony J. Blinken": the office's last word opens the run
        while len(words) > 2 and words[0] in _INSTITUTION:
            words = words[1:]
        bare = " ".join(words).replace(".", " ").split()
        if any(w in _INSTITUTION for w in bare) or all(_country(w) for w in bare):
            continue
        found.append(" ".join(words))
    return found


def new_people(question: str, window: str) -> list[str]:
    """People the window names that the question does not ("Mr. Qin" is not new when the
    question names Qin Gang)."""
    asked = {w.strip(".,?’'").lower() for w in question.split()}
    return [name for name in persons(window) if name.split()[-1].strip(".") not in asked]


def named_for_another_role(question: str, window: str, name: str, asked: str) -> bool:
    """The window gives `name` as the holder of a role the question names outside the `asked`
    phrase (the one whose names it asks for): "the names of the officials who met the
    ambassador" is not answered by "the ambassador, Qin Gang", nor by "Qin Gang, the
    ambassador" (the ambassador's name)."""

    def groups(text: str) -> set:
        return {role_group(t) for t in _tokens(text)} - {None}

    mentioned = groups(question) - groups(asked)
    if not mentioned:
        return False
    tokens = _tokens(window)
    words = [w for w in name.replace(".", " ").split() if len(w) > 1]
    for i, token in enumerate(tokens):
        if token not in words:
            continue
        near = tokens[max(0, i - 3) : i] + tokens[i + 1 : i + 4]
        if any(role_group(t) in mentioned for t in near):
            return True
    return False


def names_someone_new(question: str, sentence: str) -> bool:
    """The sentence names a person the question does not, or, when the question names no one,
    a role someone holds ("the foreign minister"). "Which officials met Qin Gang?" is not
    answered by "the ambassador, Qin Gang" nor by a later "the ambassador" (the same man), and
    "the Chinese Embassy" is no one."""
    if new_people(question, sentence):
        return True
    return not persons(question) and any(
        token in _ROLE or token.rstrip("s") in _ROLE for token in _tokens(sentence)
    )


def person_near_role(question: str, window: str) -> bool:
    """For "who is <role>", a name stands next to that role in the window ("the ambassador,
    Qin Gang," or "Wang Yi, the foreign minister")."""
    asked = {group for group, _, _ in roles(question)}
    if not asked:
        return True
    tokens = _tokens(window)
    names = new_people(question, window)
    name_words = {w for name in names for w in name.replace(".", " ").split() if len(w) > 1}
    for i, token in enumerate(tokens):
        group = role_group(token)
        if group not in asked:
            continue
        for j in range(max(0, i - 12), min(len(tokens), i + 6)):
            # "officials met with the ambassador, Qin Gang": the name is the other role's (not
            # in "Evan Medeiros, a professor who was Asia director")
            between = tokens[i + 1 : j]
            other = {role_group(t) for t in between} - {None, group}
            if tokens[j] in name_words and not other:
                return True
    return False


# "What did Wang Yi tell Blinken…": the one told, after the speech verb.
_TOLD_WHOM = re.compile(
    r"\b(?:tell|say\s+to|said\s+to|write\s+to|reply\s+to|answer)\s+"
    r"((?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)"
)
# Words after which a name is the one spoken to or met, not the one speaking: "spoke to Mr.
# Wang", "met with Mr. Qin", "told Ms. Hua".
_SPOKEN_TO = frozenset(
    "to with told tell tells urged asked pressed warned briefed met meet called phoned "
    "informed showed presented beseeched lobbied".split()
)
_NAME_PART = re.compile(r"(?:(?:Mr|Ms|Mrs|Dr)\.|[A-Z][\w’'-]*\.?)$")


def speaker_and_hearer(asked: set[str], question: str, sentence: str) -> bool:
    """For "What did <asked> tell <hearer>…?": False when the sentence names the asked person
    only as the one spoken to ("Blinken spoke to Mr. Wang about the problem", asked what Wang
    told Blinken), or never names the hearer nor says "him/her/them"."""
    tokens = WORD.findall(sentence)
    mentions = [i for i, t in enumerate(tokens) if t.strip(".,’'").lower() in asked]
    if mentions and all(_spoken_to(tokens, i, asked) for i in mentions):
        return False
    hearer = _TOLD_WHOM.search(question)
    if hearer is None:
        return True
    held = {t.strip(".,’'").lower() for t in tokens}
    wanted = {w.strip(".").lower() for w in hearer.group(1).split()} - {"mr", "ms", "mrs", "dr"}
    return bool(wanted & held) or bool(held & {"him", "her", "them", "he", "she", "they"})


def _spoken_to(tokens: list[str], index: int, asked: set[str]) -> bool:
    at = index - 1
    while at >= 0 and (tokens[at].strip(".,’'").lower() in asked or _NAME_PART.match(tokens[at])):
        at -= 1  # back over the rest of the name and its title: "to Mr. Wang", "to Wang Yi"
    return at >= 0 and tokens[at].lower() in _SPOKEN_TO
