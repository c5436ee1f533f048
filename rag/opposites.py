"""Words that answer a yes/no question No without a "not": doubt answers acceptance, failure
answers success, "37 times" answers "only once?" and "the first time?", and an error or a rule
allowing a thing only elsewhere answers "Can I…?".
"""

from __future__ import annotations

import re

from rag.clauses import asked_clause

ASKS_PERMISSION = re.compile(
    r"^\W*(?:can|may|could)\s+(?:i|you|we|one|it|they|an?|my)\b|^\W*is\s+it\s+(?:ok|okay|"
    r"allowed|possible|legal|valid|permitted|fine)\b|^\W*(?:am\s+i|are\s+(?:we|you)|is\s+one)\s+"
    r"(?:allowed|permitted)\s+to\b|^\W*(?:is|are)\s+\S+(?:\s+\S+)?"
    r"\s+(?:allowed|permitted|legal|valid)\b",
    re.IGNORECASE,
)
RESTRICTS = re.compile(
    r"\b(?:is|be|raises?|gives?|causes?)\s+an?\s+[\"“]?(?:\w+\s+)?\w*error\b|\berror\s+to\b|"
    r"\braise[sd]?\s+[\"“]?[A-Z]\w*Error\b|"  # 'Order comparisons raise "TypeError".'
    r"\b(?:only|never)\s+(?:be\s+)?(?:allowed|permitted|valid|legal|used|occur)|"
    r"\b(?:illegal|forbidden|prohibited|disallowed)\b",
    re.IGNORECASE,
)
# Done more than once: "again", "twice", "37 times".
_REPEATED = re.compile(
    r"\b(?:again|twice|repeatedly|each\s+time|every\s+time|(?:\d+|two|three|four|"
    r"five|six|seven|eight|nine|ten|many|several|multiple|numerous)\s+times)\b",
    re.IGNORECASE,
)

# A question on whether something lasts ("Is the variable still defined after the loop?", "Does
# the object stay alive…?"), and the words that say it was undone.
PERSISTS = re.compile(
    r"\b(?:still|remains?|stays?|kept|keeps?|survives?|persists?|retained|preserved|"
    r"(?:is|are|be)\s+(?:\w+\s+)?(?:defined|available|accessible|alive|bound|set))\b",
    re.IGNORECASE,
)
_UNDONE = (
    r"(?:deleted|removed|destroyed|discarded|cleared|freed|unbound|lost|reset|erased|"
    r"thrown\s+away|garbage[\s-]collected)\b"
)
# "…are not deleted when the loop is finished": a denial of the undoing, which answers Yes.
NOT_UNDONE = re.compile(
    rf"\b(?:not|never|\w+n[’']t)\s+(?:(?:been|be|being|actually|immediately)\s+)?{_UNDONE}",
    re.IGNORECASE,
)

# "Is it hidden from dir()?": a word that already denies presence, and the denial of presence
# ("…not reported by dir()") that agrees with it, which answers Yes.
ABSENT = re.compile(
    r"\b(?:hidden|hides?|missing|absent|excluded|omitted|invisible|unlisted|left\s+out|"
    r"skipped|ignored|unreported|unavailable)\b",
    re.IGNORECASE,
)
NOT_PRESENT = re.compile(
    r"\b(?:not|never|\w+n[’']t)\s+(?:(?:be|been|being|always|actually|normally)\s+)?(?:reported|"
    r"shown|listed|included|visible|present|displayed|returned|exposed|seen|available)\b",
    re.IGNORECASE,
)

# Question verbs, and the words of a sentence that answer them No without a "not": doubt
# answers acceptance, failure answers success.
_WORSE = re.compile(r"\b(?:worse|worsen\w*|deteriorat\w*|soured|weaken\w*|weaker)\b", re.I)
_BETTER = re.compile(
    r"\b(?:better|improv\w*|stronger|strengthen\w*|closer|warm(?:ed|er|ing))\b", re.IGNORECASE
)
_GOOD_STATE = re.compile(
    r"\b(?:good|great|fine|healthy|strong|solid|excellent|decent|sound|stable)\s+(?:shape|state|"
    r"condition|terms|"
    r"health|standing)\b|\b(?:good|healthy|cordial|friendly|warm)\s+(?:relations|relationship|ties)\b",
    re.IGNORECASE,
)
_BAD_STATE = re.compile(
    r"\blow(?:est)?\s+point\b|\b(?:nadir|strained|tense|troubled|rocky|frosty|hostile)\b|"
    r"\bat\s+odds\b",
    re.IGNORECASE,
)
OPPOSITES = [
    (
        re.compile(
            r"\b(?:accept|believ|agree|trust|convinc|persuad|buy|bought|heed|embrac)\w*|"
            r"\b(?:won|win|wins|winning)\s+(?:[\w’']+\s+){0,4}over\b|"
            r"\bchang\w*\s+(?:[\w’']+\s+){0,3}minds?\b",
            re.IGNORECASE,
        ),
        re.compile(
            r"\b(?:skeptic|sceptic|suspicio|doubt|distrust|disbelie|unconvinc|rebuff|reject|"
            r"dismiss|disagree)\w*",
            re.IGNORECASE,
        ),
    ),
    # "Can I use X inside Y?", "Is it OK to…": an error or a rule allowing it only elsewhere
    (ASKS_PERMISSION, RESTRICTS),
    (
        # "Is there more than one ellipsis object?": "There is exactly one…" says No
        re.compile(r"\b(?:more\s+than\s+one|multiple|several|two\s+or\s+more)\b", re.I),
        re.compile(
            r"\b(?:exactly\s+one|only\s+one|a\s+single|just\s+one|one\s+and\s+only|singleton)\b",
            re.IGNORECASE,
        ),
    ),
    (
        # "Besides calling it, is there any other operation on a function?": "The only
        # operation on a function object is to call it" says No
        re.compile(
            r"\b(?:any\s+other|anything\s+else|other\s+than|besides|apart\s+from|aside\s+from)\b",
            re.I,
        ),
        re.compile(r"\b(?:the\s+only|the\s+sole|solely|exclusively)\b", re.I),
    ),
    (
        # "Did they speak only once?": "in late January and again on Monday" says No
        re.compile(r"\b(?:only|just)\s+(?:once|one\s+time|a\s+single\s+time)\b", re.I),
        _REPEATED,
    ),
    (
        # "Were all the officials hopeful?": "Some officials thought…" says not all
        re.compile(r"^\W*(?:were|are|was|is|did|do|does|have|had)\s+(?:all|every|each)\b", re.I),
        re.compile(r"^\W*(?:only\s+)?some\b|\bnot\s+all\b|\bothers\s+(?:were|are|thought)\b", re.I),
    ),
    (
        # "Did they meet in person?": a video summit or a phone call says No
        re.compile(r"\b(?:in[\s-]person|face[\s-]to[\s-]face|personally|physically)\b", re.I),
        re.compile(
            r"\b(?:video|virtual(?:ly)?|online|remotely|by\s+(?:tele)?phone|on\s+the\s+phone)\b",
            re.IGNORECASE,
        ),
    ),
    (
        re.compile(r"\b(?:succeed|success|work(?:s|ed)?\b|pa(?:y|id)\s+off)\w*", re.IGNORECASE),
        re.compile(
            r"\b(?:fail(?:ed|s|ure)?|went\s+nowhere|collaps\w*|fell\s+through)\b", re.IGNORECASE
        ),
    ),
    # "Did relations get worse after that?": "…grew stronger" says No, and the other way round
    (_WORSE, _BETTER),
    (_BETTER, _WORSE),
    # "Were relations in good shape?": "…at its lowest point in decades" says No
    (_GOOD_STATE, _BAD_STATE),
    (
        # "Is the target evaluated twice?": "The target is only evaluated once." says No
        re.compile(r"\b(?:twice|two\s+times|more\s+than\s+once|multiple\s+times)\b", re.I),
        re.compile(r"\b(?:only|just|exactly)\s+(?:\w+\s+)?once\b|\bonce\s+only\b", re.I),
    ),
    (
        # "Was that the first time they met?": "had met 37 times before" says No
        re.compile(r"\b(?:the\s+first\s+time|first[\s-]ever)\b", re.I),
        _REPEATED,
    ),
    (
        # "Is the loop variable still defined after the loop?": "…it is deleted" says No (and
        # "…not deleted" says Yes: see NOT_UNDONE)
        PERSISTS,
        re.compile(rf"(?<!not\s)(?<!never\s)(?<!n[’']t\s)\b{_UNDONE}", re.IGNORECASE),
    ),
    (
        # "Does nan == nan evaluate to True?", "Is [1] == (1,) true?": "…are all false" says No,
        # unless it says true too
        re.compile(
            r"\b(?:evaluates?|returns?|gives?|yields?|is|be)\s+(?:to\s+)?True\b|"
            r"^\W*(?i:is|are)\s.+\s(?i:true)\W*$"
        ),
        re.compile(r"^(?!.*\btrue\b).*\bfalse\b", re.IGNORECASE | re.DOTALL),
    ),
]


# The place a permission question asks about: "… inside a function body?"
_PLACE = re.compile(
    r"\s(?:inside|within|outside|in|at|after|before)\s(?!.*\s(?:inside|within|"
    r"outside|in|at|after|before)\s)",
    re.IGNORECASE,
)


def permission_asked(question: str, text: str) -> str:
    """What a sentence must hold to settle the question. For "Is it OK to use X inside Y?"
    against a rule that allows X only elsewhere (or makes it an error), that is X alone: the
    rule says where X may go, so it never names Y."""
    asked = asked_clause(question)  # "I have a loop with a helper in it. Can I break…?"
    if ASKS_PERMISSION.match(asked) and RESTRICTS.search(text):
        return _PLACE.split(asked, maxsplit=1)[0]
    return question


# "Is it possible to use a context manager without a with statement?": "…are normally invoked
# using the with statement, but can also be used by directly invoking their methods" gives
# another way, and so answers Yes.
_WITHOUT = re.compile(r"\bwithout\b", re.IGNORECASE)
_ANOTHER_WAY = re.compile(
    r"\b(?:but|and|or)\s+(?:(?:it|they|one|you)\s+)?(?:can|may|could)\s+also\b|"
    r"\balternatively\b",
    re.IGNORECASE,
)


def another_way(question: str, text: str) -> bool:
    """The question asks whether a thing can be done without something, and the text gives
    another way to do it."""
    return bool(_WITHOUT.search(asked_clause(question)) and _ANOTHER_WAY.search(text))


# One act in other words, as questions and the sentences answering them put it (word stems).
_SAME_ACT = [
    frozenset(group.split())
    for group in (
        "run execut",
        "call invok",
        "exit leav",
        "stop end termin",
        "catch handl",
        "throw rais",
        "skip ignor",
        "start begin",
        "stop imped hinder obstruct",  # "try to stop Russia": "not try to impede Russian plans"
        "meet talk session audienc convers discuss",  # "pressing audiences": "urgent meetings"
        # a term and the short form code documentation also uses ("two dicts": "Dictionaries")
        "dict dictionari",
        "str string",
        "int integ",
        "func function",
        "arg argument",
        "param paramet",
        "attr attribut",
        "expr express",
        "seq sequenc",
        "info inform",
    )
]


def same_acts(words: frozenset[str] | set[str]) -> set[str]:
    """The words (stems), with the other words for each act among them ("run": "execut")."""
    found = set(words)
    for group in _SAME_ACT:
        if group & found:
            found |= group
    return found


def asked_unconditioned(question: str) -> str:
    """The clause the question asks, without a condition after it ("does the else run if the
    test is false the first time?" asks of the else running)."""
    return re.split(r"\s(?:if|when|whenever|unless)\s", asked_clause(question), maxsplit=1)[0]


def unsupposed(question: str) -> str:
    """The question without what it supposes: a condition before it ("If a class defines
    __eq__ but not __hash__, …") or after it, or the place it is asked of ("In the joint
    statement, …"); a time it sets ("Since the invasion began, …") stays, as what is asked
    holds only then."""
    question = _SUPPOSITION.sub("", question, count=1)
    return re.split(r"\s(?:if|when|whenever|unless)\s", question, maxsplit=1)[0]


_SUPPOSITION = re.compile(
    r"^\W*(?:if|when|whenever|unless|once|suppos\w*|assuming|given\s+that)\b[^,?]*,\s*|"
    # where it is asked of: "In the Feb 4 joint statement, did China back Russia…?"
    r"^\W*(?:in|at|inside|within|from)\s+(?:the|this|that|its|their|his|her|a)\s+[^,?]{1,60},\s*",
    re.I,
)


def opposed(question: str, text: str, *, undone: bool = False) -> bool:
    """The text says in words of its own the opposite of what the question asks ("Mr. Qin was
    skeptical" of "Was Qin won over?", "It is a SyntaxError to…" of "Am I allowed to…?").
    Only with `undone` does "…is discarded" answer "does it still run?": what is undone may be
    something else than the asked thing."""
    clause = asked_unconditioned(question)
    return any(
        asks.search(clause) and denies.search(text)
        for asks, denies in OPPOSITES
        if undone or asks is not PERSISTS
    )
