"""Whether a sentence names the thing a "which X" question asks for, or only speaks of X.

"Which U.S. intelligence agency detected the buildup?" asks for an agency's name: "They told the
ambassador what U.S. intelligence agencies had detected" speaks of agencies and names none.
"What are the names of the two enclaves…?" is not answered by "two Russia-backed insurgent
enclaves". A name is a capitalised word the question does not give, or a name in code, written
beside the noun ("the Donetsk and Luhansk enclaves", "the agency, the C.I.A.", "Ambassador Qin",
"the rich comparison methods: __lt__…").

"Which/what X" is read so only for kinds of things whose members have proper names (places,
organisations, outlets); any kind is, when the question asks for names outright ("the names of
the…", "name the…").
"""

from __future__ import annotations

import re
from functools import lru_cache

from rag.countries import country

# Kinds of things known by proper names (general English; plural or singular).
_NAMED_KINDS = (
    r"agenc(?:y|ies)|organi[sz]ations?|institutions?|countr(?:y|ies)|nations?|cit(?:y|ies)|"
    r"towns?|villages?|count(?:y|ies)|districts?|islands?|capitals?|regions?|provinces?|"
    r"territor(?:y|ies)|enclaves?|republics?|"
    r"compan(?:y|ies)|corporations?|firms?|banks?|newspapers?|outlets?|networks?|"
    r"universit(?:y|ies)|ministr(?:y|ies)|embass(?:y|ies)|parties|alliances?|councils?|"
    r"committees?"
)
# "Which US intelligence agency…", "what specific cities…": the kind is the first such noun
# among the few words after "which/what".
_VERB = r"(?:did|does|do|is|are|was|were|has|have|had|will|would|can|could|should|may|might)"
_WHICH_KIND = re.compile(
    rf"\b(?:which|what)\s+(?:(?!{_VERB}\b)[\w.’'-]+\s+){{0,3}}?({_NAMED_KINDS})\b",
    re.IGNORECASE,
)  # not past a verb: "By what methods did the firm…" asks no firm
# "the names of the two enclaves", "name the agencies": names asked outright, of any kind.
_NAMES_OF = re.compile(
    r"\b(?:[Nn]ames?\s+of|[Nn]ame\s+(?:the|all|both|two|three))\s+(?:the\s+)?"
    r"(?:[\w.’'-]+\s+){0,3}?([a-z]+?)(?:s|es)?\b"
    r"(?=\s+(?:who|whom|whose|where|when|that|which|did|does|do|were|was|are|is|had|have|has|"
    r"in|on|at|of|from|to|the|a|an|they|he|she|we|you|i)\b|\s*[?.,]|\s*$|"
    # a name after a plural starts what is said of them ("the enclaves Putin recognized"); one
    # after a singular is a word of the kind's own ("the two eastern Ukrainian enclaves")
    r"(?:(?<=s)|(?<=people)|(?<=men)|(?<=children))\s+[A-Z])",
)
# "What are the two enclaves called?"
_CALLED = re.compile(
    r"\bwhat\s+(?:is|are|was|were)\s+(?:the\s+|these\s+|those\s+)?(?:[\w.’'-]+\s+){0,3}?"
    rf"({_NAMED_KINDS})\s+called\b",
    re.IGNORECASE,
)
# A word as written, with its dots, apostrophes and hyphens ("C.I.A.", "Russia-backed").
WORD = re.compile(r"[\w’'.-]+")
# Modifiers that describe rather than name: "Russia-backed", "American-led".
_DESCRIBES = re.compile(r"^[A-Z][\w.]*-[a-z]")
_LINKS = frozenset("the a an , and or including namely such as : of".split())
_NOT_A_NAME = frozenset(
    """the a an and or but in on at of for to by with from as its their his her this that
    these those which who what when where how mr ms mrs dr""".split()
)


def _key(word: str) -> str:
    return word.lower().replace(".", "").strip("’'")


@lru_cache(maxsize=1024)
def asked_kind(question: str) -> str | None:
    """The noun whose member's name a question asks for, as the question writes its stem."""
    if match := _WHICH_KIND.search(question):
        return match.group(1).lower()
    if match := _NAMES_OF.search(question) or _CALLED.search(question):
        return match.group(1).lower()
    return None


@lru_cache(maxsize=65_536)
def _same_kind(word: str, kind: str) -> bool:
    word, kind = word.lower(), kind.lower()
    stem = lambda w: re.sub(r"(?:ies|y|es|s)$", "", w)  # noqa: E731
    return stem(word) == stem(kind) and len(stem(kind)) >= 3


def _a_name(token: str, asked: set[str]) -> bool:
    return (
        (token[:1].isupper() or "_" in token)  # "Qin", "C.I.A.", "__lt__"
        and _key(token) not in asked
        and _key(token) not in _NOT_A_NAME
        and not _DESCRIBES.match(token)
    )


def speaks_of_kind(question: str, sentence: str) -> bool:
    """The sentence speaks of the kind of thing the question asks to name."""
    kind = asked_kind(question)
    return kind is not None and any(_same_kind(w.strip("."), kind) for w in WORD.findall(sentence))


def names_the_kind(question: str, sentence: str) -> bool:
    """The sentence names a member of the kind the question asks for, or never speaks of that
    kind (another check decides then); False when it speaks of the kind and names none."""
    kind = asked_kind(question)
    if kind is None:
        return True
    asked = {_key(w) for w in WORD.findall(question)}
    tokens = re.findall(r"[\w’'.-]+|[,:]", sentence)
    mentions = [i for i, token in enumerate(tokens) if _same_kind(token.strip("."), kind)]
    if not mentions:
        return True
    for i in mentions:
        before = range(max(1, i - 3), i)  # a sentence's first word is capitalised anyway
        if any(_a_name(tokens[j], asked) for j in before):
            return True  # "the Donetsk and Luhansk enclaves"
        after = tokens[i + 1 : i + 5]
        for token in after:
            if _a_name(token, asked):
                return True  # "Ambassador Qin", "the agency, the C.I.A.", "the city of Lund"
            if token.lower() not in _LINKS or (token == "of" and tokens[i].endswith("s")):
                break  # "enclaves of Ukraine" are in Ukraine, not named so
    return False


@lru_cache(maxsize=1024)
def _asked_names(question: str) -> tuple[frozenset[str], frozenset[str]]:
    """The question's words as names are compared, and the countries they name."""
    asked = frozenset(_key(w) for w in WORD.findall(question))
    return asked, frozenset(c for c in map(country, asked) if c)


def names_one_unasked(question: str, text: str) -> bool:
    """Asked "which <kind>", the text names one: it names something the question does not (a
    capitalised word past the first, a name in code; "China" is no new name after "Which
    Chinese banks…?"), or it speaks of the kind."""
    if asked_kind(question) is None:
        return True
    asked, countries = _asked_names(question)
    return any(
        _a_name(token.strip("."), asked) and country(token) not in countries
        for token in WORD.findall(text)[1:]
    ) or speaks_of_kind(question, text)
