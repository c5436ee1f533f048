"""Lists and the people they name: when "which officials…" asks for names, and how a list
answer gathers its items (a person per sentence, or a section per item in a manual)."""

from __future__ import annotations

import re

from rag.forms import Form
from rag.questions import TITLE_WORDS, Expect, content_words, expected, name_words
from rag.quotes import is_bullet
from rag.roles import persons, role_group
from rag.sentences import ScoredSentence, sentence_text

# A list answer quotes sentences scoring within this margin of the best one.
LIST_MARGIN = 0.12
LIST_SENTENCES = 4
# A list of people reaches further down for sentences naming someone not yet listed.
LIST_PEOPLE_MARGIN = 0.3
# Nouns for people, as a "which …" question asks for them ("which officials", "which engineers").
_PEOPLE_NOUNS = (
    r"(?:officials?|people|persons?|leaders?|diplomats?|ministers?|officers?|members?|"
    r"men|women|experts?|analysts?|reporters?|journalists?|spokes\w+|presidents?|ambassadors?|"
    r"envoys?|secretar(?:y|ies)|advisers?|advisors?|counterparts?|negotiators?|politicians?|"
    r"lawmakers?|senators?|generals?|figures?|individuals?|engineers?|scientists?|"
    r"researchers?|doctors?|employees?|executives?|artists?|"
    r"authors?|writers?|students?|teachers?|soldiers?|witnesses|victims?|suspects?|"
    r"candidates?|judges?|lawyers?|investors?|founders?|inspectors?|designers?|"
    r"contributors?|maintainers?|volunteers?|residents?|citizens?|staff(?:ers)?|"
    r"colleagues?|rivals?|critics?|"
    # a people by its name: "which Americans", "which Europeans"
    r"(?-i:[A-Z][a-z]+(?:an|ian)s))\b"
)
# Words that end the asked noun phrase: "Name the places where the Americans…" asks for places.
_AUX_WORD = (
    r"(?:did|does|do|is|was|were|are|has|have|had|can|could|will|would|should|"
    r"where|when|who|whom|which|that|while|with|by|for|from|"
    # "What made some officials think…": a verb, whose object the officials are
    r"made|makes|make|led|leads|caused|causes|prompted|drove|convinced|persuaded|got|told)\b"
)
_WHICH_PERSON = re.compile(
    r"^\s*(?:which|what|name\s+the|list\s+the|who\s+(?:were|are)\s+the|"
    r"what\s+(?:is|are|was|were)\s+the\s+names?\s+of(?:\s+the)?)\s+"
    # not "What did American officials decide": there the officials are who acts, not the ask
    rf"(?:(?!{_AUX_WORD})[\w.-]+\s+){{0,3}}?(?={_PEOPLE_NOUNS})",
    re.IGNORECASE,
)


def question_expect(question: str, form: Form) -> Expect:
    """The answer type; "which officials…" or "which diplomat…" asks for names; "who would
    the sanctions target?" for whoever a thing acts on, people named or not."""
    expect = expected(question)
    if expect is Expect.anything and _WHICH_PERSON.match(question):
        return Expect.person
    thing = _WHO_OF_A_THING.match(question)
    words = thing.group(1).lower().split() if thing else []
    if (  # (not "the mayor", "the officials": people)
        expect is Expect.person
        and thing
        and not re.search(_PEOPLE_NOUNS, thing.group(1), re.I)
        and not any(role_group(word) is not None for word in words)
    ):
        return Expect.anything  # "…on Russian companies, officials and businesspeople"
    return expect


# "Who would the threatened sanctions have targeted?": "who" the object of a thing's act.
_WHO_OF_A_THING = re.compile(
    r"^\W*who(?:m)?\s+(?:exactly\s+)?(?:would|will|did|does|do|could|might|can|should)\s+"
    r"(?:the|those|these|this|that)\s+((?:(?-i:[a-z])[\w-]*\s+){1,3})",
    re.IGNORECASE,
)


def people_named(text: str) -> list[frozenset[str]]:
    """The people (not institutions) a text names, each as its name's words."""
    return name_words(persons(text))


def gather_sections(chosen: list, meeting: list, floor: float) -> list:
    """For a list in a sectioned document ("What clauses can follow try?" over sections on
    "except", "else" and "finally"): the best sentence of each further section above `floor`
    (the answer threshold: the first sentence may only echo the question, far above the items),
    as each section is likely one more item. A document of one section gains nothing."""
    sections = {getattr(s.passage, "section", "") for s in meeting}
    if len(sections) < 2:
        return chosen
    have = {getattr(s.passage, "section", "") for s in chosen}
    gathered = list(chosen)
    for candidate in meeting:
        if candidate.score < floor or len(gathered) >= max(LIST_SENTENCES, len(chosen)):
            break
        section = getattr(candidate.passage, "section", "")
        if section and section not in have:
            have.add(section)
            gathered.append(candidate)
    return gathered


def gather_people(question: str, meeting: list, floor: float, limit: int) -> list:
    """For "which officials…": the best sentence, then the next best above `floor` that each
    name someone (a person, not an institution) the ones before did not."""
    chosen = meeting[:1]
    named: set[str] = set().union(*people_named(question), *people_named(meeting[0].text))
    for candidate in meeting[1:]:
        if len(chosen) >= limit or candidate.score < floor:
            break
        new = [
            name
            for name in people_named(candidate.text)
            if not name & named and not _acted_on(name, candidate.text)
        ]
        if new:
            named.update(*new)
            chosen.append(candidate)
    return chosen


# Words before a name that make it what is acted on ("met with Mr. Qin", "hoped that Xi…"):
# "Which officials met him?" asks for those who act.
_ACTED_ON = frozenset("with to met meet by from that told asked presented urged".split())


def _acted_on(name: frozenset[str], text: str) -> bool:
    """True when the name stands after a word making it the object, not the one who acts."""
    words = [w.strip(".’'") for w in re.findall(r"[\w.’'-]+", text.lower())]
    at = next((i for i, w in enumerate(words) if w in name), None)
    if at is None:
        return False
    before = [w for w in words[max(0, at - 3) : at] if w not in _TITLES]
    return any(w in _ACTED_ON for w in before[-2:])


# What stands before a name and is not the act: "met with Secretary of State …"
_TITLES = TITLE_WORDS | {"secretary", "minister", "ambassador", "the"}


# "What three things does every object have?", "Name two…": the number of items asked for.
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_ASKS_COUNT = re.compile(
    r"\b(?:what|which|name|list|give|the)\s+(two|three|four|five|six|[2-6])\s+[a-z]", re.I
)


def items_asked(question: str) -> int | None:
    """How many items a list question asks for, when it says ("the three parts" → 3)."""
    match = _ASKS_COUNT.search(question)
    if not match:
        return None
    word = match.group(1).lower()
    return _COUNT_WORDS.get(word) or int(word)


def items_listed(sentence: str) -> int:
    """The most items one clause of the sentence lists ("an identity, a type and a value" → 3;
    "A or B" → 2); 0 when it lists none."""
    most = 0
    for clause in re.split(r"[;:]", sentence):
        joins = list(re.finditer(r"\s(?:and|or)\s", clause))
        if not joins:
            continue
        before = clause[: joins[-1].start()]
        most = max(most, before.count(",") + (1 if before.rstrip().endswith(",") else 2))
    return most


# The most characters an item of a series may have, but the last ("…and any other name
# registered via codecs.register_error()"): longer pieces are clauses ("Hours later, Mr. Putin
# declared war on television, and…"), not items.
ITEM_CHARS = 40


# A series of single words: "across diplomatic, economic and military realms", '"break",
# "continue" and "return" cannot appear…'.
_ITEM = r"[\"“]?[A-Za-z][\w-]*[\"”]?"  # a word, or a word in quotes: '"break"'
_WORD_SERIES = re.compile(rf"{_ITEM},\s+{_ITEM},?\s+(?:and|or)\s+{_ITEM}")


def lists_short_items(sentence: str) -> bool:
    """One clause of the sentence lists three items or more, each but the last short ("a module,
    a function body, and a class definition"), or a series of single words ("diplomatic,
    economic and military")."""
    if _WORD_SERIES.search(sentence):
        return True
    for clause in re.split(r"[;:]", sentence):
        joins = list(re.finditer(r",?\s(?:and|or)\s", clause))
        if not joins:
            continue
        pieces = [p.strip() for p in clause[: joins[-1].start()].split(",")]
        if len(pieces) >= 2 and all(0 < len(p) <= ITEM_CHARS for p in pieces):
            return True
    return False


# "The list includes…", "They are…": items of what the sentence before names.
_LIST_BACK = re.compile(r"^\W*(?:the\s+list|they|these|this\s+list)\s+(?:include|are)", re.I)


def enumerates(sentence: ScoredSentence, question: str) -> bool:
    """The sentence lists three short items or more ("a module, a function body, and a class
    definition"), or introduces the bulleted items after it, and shares a word with the
    question (a series about something else lists nothing asked)."""
    passage, index = sentence.passage, sentence.index
    words = content_words(sentence.text)
    if index > 0 and _LIST_BACK.match(sentence.text):  # "The list includes…": of the one before
        words |= content_words(sentence_text(passage, index - 1))
    if not words & content_words(question):
        return False
    if lists_short_items(sentence.text):
        return True
    following = index + 1 < len(passage.sentences)
    return sentence.text.rstrip().endswith(":") and following and is_bullet(passage, index + 1)
