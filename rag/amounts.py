"""What a "how many", "how long" or "what is the largest" question asks of the numbers in an
answer: a count of the asked noun ("37 meetings" does not say how many troops), a measure in its
units ("three months" is not how tall), an extreme or a limit. General English, no corpus words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rag.opposites import same_acts
from rag.questions import MEASURES, MONTH_DAY
from rag.roles import _tokens
from rag.textutil import stem

_NUMBER_WORDS = (
    r"\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|dozens|"
    r"half|several|few|many|multiple|numerous|once|twice"
)
_HOW_MANY = re.compile(r"\bhow\s+many\s+(?:[\w-]+\s+){0,2}?([\w-]+?)(?:\s|\?|$)", re.I)
_HOW_MUCH = re.compile(r"\bhow\s+much\s+([a-z]+)\b", re.IGNORECASE)
_NOT_NOUN = frozenset(
    "did does do is was were are has have had can could will would should may might must "
    "more less longer further money".split()
)
_MODIFIERS = frozenset("urgent senior top other more different separate major small".split())
_FILLERS = frozenset("a of more than about at least".split())  # "at least 37 meetings"


def _counted_noun(question: str) -> str | None:
    """What "how many X" or "how much X" counts (None when it counts nothing named)."""
    match = _HOW_MANY.search(question) or _HOW_MUCH.search(question)
    if not match or match.group(1).lower() in _NOT_NOUN:
        return None
    # "How many nested blocks can…": the noun just before the verb is what is counted
    after = re.findall(r"[\w-]+", question[match.start(1) :].lower())[:4]
    verb = next((i for i, word in enumerate(after) if word in _NOT_NOUN), 0)
    nouns = [word for word in after[:verb] if word not in MEASURES.split("|")]  # "words long"
    return stem(nouns[-1] if verb > 1 and nouns else match.group(1).lower())


# Any amount: "$100 billion", "3 percent", "twice as much", "half".
_ANY_AMOUNT = re.compile(
    r"[$€£¥]|\d|\b(?:percent|per\s+cent|billions?|millions?|thousands?|hundreds?|dozens?|half|"
    r"twice|double|triple|tenfold|all|none|nothing|little|much|more|less)\b",
    re.IGNORECASE,
)
_ASKS_AMOUNT = re.compile(r"^\W*(?:and\s+|so\s+)?how\s+much\b", re.IGNORECASE)
# "How much is the trade worth?", "How much did it cost?": an amount of money.
_ASKS_MONEY = re.compile(
    r"\b(?:worth|costs?|cost|spen[dt]|paid|pay|price|money|budget|revenue|trade|fund\w*|"
    r"invest\w*|sales|income|debt|aid)\b",
    re.IGNORECASE,
)
_MONEY = re.compile(
    r"[$€£¥]|\b(?:dollars?|euros?|yuan|rubles?|roubles?|pounds?|yen|percent|per\s+cent|"
    r"trillions?|billions?|millions?)\b|\d\s*%",
    re.IGNORECASE,
)


_DETERMINERS = frozenset("the a an his her their its my your our this that these those".split())


def counts_what_is_asked(question: str, window: str) -> bool:
    """For "how many X", a number in the window counts X ("37 times", "half a dozen meetings");
    "How much is the trade worth?" needs an amount of some kind."""
    noun = _counted_noun(question)
    if noun is None:
        if not _ASKS_AMOUNT.search(question):
            return True
        wanted = _MONEY if _ASKS_MONEY.search(question) else _ANY_AMOUNT
        return bool(wanted.search(window))
    counted = same_acts({noun})  # "how many audiences…": "half a dozen meetings"
    if noun == "time":  # "How many times did they meet?": "half a dozen meetings" counts them
        words = _tokens(question)  # its verb, not a noun after "the" ("the boards")
        counted |= {
            stem(w)
            for before, w in zip(["", *words], words, strict=False)
            if len(w) > 2 and before not in _DETERMINERS
        }
    tokens = _tokens(window)
    for i, token in enumerate(tokens):
        if not re.fullmatch(_NUMBER_WORDS, token.split("-")[0]):
            continue
        if noun == "time" and token in {"once", "twice"}:  # "evaluated once": one time
            return True
        if "-" in token and stem(token.split("-", 1)[1]) == noun:  # "5,000-word"
            return True
        skipped = 0  # "eight hex digits", "12 built-in tools": a word may describe the noun
        for after in tokens[i + 1 : i + 5]:
            if stem(after) in counted:
                return True
            filler = after in _MODIFIERS or after in _FILLERS or re.fullmatch(_NUMBER_WORDS, after)
            if not filler:
                if stem(after.split("-")[-1]) in counted:
                    return True
                skipped += 1
                if skipped > 1:
                    break
    return False


_LENGTH = (
    r"(?:feet|foot|ft|inch(?:es)?|meters?|metres?|cm|centimet(?:er|re)s?|km|"
    r"kilomet(?:er|re)s?|miles?|yards?)"
)
_TIME = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies))"
# The units a "how <measure>" question's answer comes in ("How tall…" → feet, meters…).
_UNITS = {
    "tall": _LENGTH,
    "high": _LENGTH,
    "wide": _LENGTH,
    "deep": _LENGTH,
    "far": _LENGTH,
    "long": rf"(?:{_TIME}|{_LENGTH}|words?|pages?|lines?|characters?|chapters?)",
    "often": r"(?:times|once|twice|daily|weekly|monthly|yearly|annually|every|each)",
    "heavy": r"(?:pounds?|lbs?|kilo(?:gram)?s?|kg|tons?|tonnes?|grams?|ounces?)",
}
_AMOUNT = (
    r"\b(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|hundred|dozen|several|few|many|half)"
)
_AGE = re.compile(
    r"\b\d{1,3}(?:[\s-]+years?[\s-]+old|-year-old)\b|\baged?\s+(?:of\s+)?\d{1,3}\b", re.I
)
_HOW_MEASURE = re.compile(r"\bhow\s+(tall|high|wide|deep|far|long|old|often|heavy)\b", re.I)


def measures_what_is_asked(question: str, window: str) -> bool:
    """ "How tall/old/far/long…" is answered by a number in that measure's units ("37 times"
    does not say how old someone is)."""
    asked = _HOW_MEASURE.search(question)
    if not asked or asked.start() != question.lower().find("how"):
        return True  # "How did they describe how far it goes?": the extent is embedded, not asked
    if asked.group(1).lower() == "often":  # "twice a year", "every week", "37 times"
        return bool(re.search(rf"\b{_UNITS['often']}\b", window, re.IGNORECASE))
    if asked.group(1).lower() == "old":  # an age: "69 years old", "a 69-year-old", "aged 69"
        return bool(_AGE.search(window))
    # a number then, within a word or two, the unit: "one and a half hours", "12 feet"
    unit = _UNITS[asked.group(1).lower()]
    return bool(re.search(rf"{_AMOUNT}(?:[\s-]+[\w-]+){{0,3}}?[\s-]+{unit}\b", window, re.I))


# "What is the largest integer…?", "the maximum length": an extreme or a limit is asked for.
_EXTREMES = (
    r"largest|biggest|smallest|highest|lowest|maximum|minimum|max|min|longest|shortest|"
    r"greatest|fewest|most|least|fastest|slowest|earliest|latest|deepest|oldest|youngest"
)
_ASKS_EXTREME = re.compile(
    rf"^\W*(?:what|which|how)\b[^?]*?\b(?:{_EXTREMES})\b|^\W*(?:what|which)\s+range\s+of\b", re.I
)
_GIVES_EXTREME = re.compile(
    rf"\b(?:{_EXTREMES}|limit\w*|unlimited|bound\w*|arbitrar\w*|infinite\w*|precision|"
    r"at\s+most|up\s+to|no\s+more\s+than|cap|ceiling)\b|\d",
    re.IGNORECASE,
)


def gives_the_extreme(question: str, window: str) -> bool:
    """ "What is the largest integer Python can store?" is answered by a limit, a superlative or
    a number, not by a sentence that only names integers."""
    if not _ASKS_EXTREME.search(question):
        return True
    # "Changed in version 3.5" gives no limit: a version number is no amount
    return bool(_GIVES_EXTREME.search(_VERSION.sub(" ", window)))


_VERSION = re.compile(r"\b(?:version|python|pep)\s+\d[\d.]*", re.IGNORECASE)
# "What is the time complexity of popitem()?", "Is a list comprehension faster than a loop?":
# a cost (of time or memory), stated only by a sentence that speaks of cost.
_ASKS_COST = re.compile(
    r"\b(?:(?:time|space)\s+complexity|complexity\s+of|big-?o|performance|efficien\w*|overhead|"
    r"how\s+(?:fast|slow)\b|(?:faster|slower|quicker|cheaper)\s+than|speed\s+of|memory\s+"
    r"(?:usage|use|footprint|cost|overhead))",
    re.IGNORECASE,
)
_GIVES_COST = re.compile(
    r"\bO\(|\b(?:complexity|constant|linear|quadratic|logarithmic|amortized|fast\w*|slow\w*|"
    r"quick\w*|efficien\w*|overhead|performance|speed\w*|memory|expensive|cheap\w*|costly|"
    r"optimi[sz]\w*)\b",
    re.IGNORECASE,
)


def states_the_cost(question: str, window: str) -> bool:
    """A question about cost (complexity, speed, memory) is answered only by a sentence that
    speaks of cost, not by one that only describes the operation asked about."""
    if not _ASKS_COST.search(question):
        return True
    # the cost of what is asked: "…of dict.popitem()" is not stated by a dict insertion's cost
    named = [(m.group(1) or m.group(2)).lower() for m in _CALLED.finditer(question)]
    held = {stem(w) for w in re.findall(r"[a-z_]+", window.lower())}
    return bool(_GIVES_COST.search(window)) and all(stem(n) in held for n in named)


# A name in code the question asks about: "popitem" in "dict.popitem()", "sort" in "list.sort".
_CALLED = re.compile(r"(?:\.|\b)([A-Za-z_]\w*)\s*\(\)|\b[A-Za-z_]\w*\.([A-Za-z_]\w*)\b(?!\()")


# A count a yes/no question bounds: "more than 30 times", "at least three meetings", "around
# 20 times" (within APPROXIMATELY of the count the text gives).
_ABOUT = r"about|around|roughly|approximately|nearly|almost|some|close\s+to|like"
APPROXIMATELY = 0.15
_SMALL = "zero one two three four five six seven eight nine ten eleven twelve".split()
_GIVEN = r"half\s+a\s+dozen|a\s+dozen|\d[\d,]*|" + "|".join(_SMALL)  # "half a dozen meetings"
# what the count counts: "30 times", "a dozen of these meetings", "three senior officials"
_COUNTED = (
    rf"(?:\s+of\s+(?:these|those|the|them)?)?\s+((?:(?:{'|'.join(_MODIFIERS)})\s+)?[a-z]{{3,}})\b"
)
_BOUNDED = re.compile(
    rf"\b(more\s+than|over|above|at\s+least|fewer\s+than|less\s+than|under|below|at\s+most|"
    rf"{_ABOUT}|exactly)\s+({_GIVEN}){_COUNTED}",
    re.IGNORECASE,
)
# "Did they meet 37 times?", "a dozen meetings": a plain count asks for that count exactly (a
# year, "in 2014", is no count)
_PLAIN = re.compile(rf"(?<![\w.$€£-])(?!(?:1[89]|20)\d\d\b)({_GIVEN}){_COUNTED}", re.IGNORECASE)
_DOZENS = {"half a dozen": 6, "a dozen": 12}


def _value(number: str) -> int:
    word = " ".join(number.lower().split())
    if word in _DOZENS:
        return _DOZENS[word]
    return _SMALL.index(word) if word in _SMALL else int(word.replace(",", ""))


def settles_a_bound(question: str, text: str) -> bool | None:
    """For "Had they met more than 30 times?", True or False when the text counts the same noun
    ("had met 37 times"); None when the question bounds no count or the text gives none."""
    asked = _BOUNDED.search(question)
    relation = " ".join(asked.group(1).lower().split()) if asked else "exactly"
    bound, noun = (asked.group(2), asked.group(3)) if asked else _plain_count(question)
    if bound is None or noun is None:
        return None
    bound, noun = _value(bound), stem(noun.split()[-1].lower())
    for number, after, word in re.findall(
        rf"(?<![\w.])({_GIVEN})(?:\s+|-)(?:([a-z-]+)\s+)?([a-z]{{3,}})\b", text, re.IGNORECASE
    ):
        if stem(word.lower()) == noun or (after and stem(after.lower()) == noun):
            return _RELATIONS[relation](_value(number), bound)
    return None


def _plain_count(question: str) -> tuple[str | None, str | None]:
    """The count a yes/no question states without a bound ("Did they meet 37 times?"); a day
    of a month counts nothing ("the Feb 4 joint statement")."""
    days = [day.start(2) for day in MONTH_DAY.finditer(question)]
    for match in _PLAIN.finditer(question):
        if match.start(1) not in days:
            return match.group(1), match.group(2)
    return None, None


_RELATIONS = {
    **dict.fromkeys(("more than", "over", "above"), lambda value, bound: value > bound),
    **dict.fromkeys(("fewer than", "less than", "under", "below"), lambda v, b: v < b),
    "at least": lambda value, bound: value >= bound,
    "at most": lambda value, bound: value <= bound,
    "exactly": lambda value, bound: value == bound,
    **dict.fromkeys(
        [*"about around roughly approximately nearly almost some like".split(), "close to"],
        lambda value, bound: abs(value - bound) <= APPROXIMATELY * bound,
    ),
}


@lru_cache(maxsize=256)
def bounded_counts(question: str) -> tuple[str, ...]:
    """The numbers the question only bounds ("more than 30 times"): no answer need state them
    (read once per question, not once per sentence checked)."""
    return tuple(match.group(2) for match in _BOUNDED.finditer(question))


def without_bounds(question: str) -> str:
    """The question with its bounds left out ("met more than 30 times" → "met times"): a count
    settles a bound, so a sentence need not hold the bound's words."""
    question = _BOUNDED.sub(lambda match: match.group(0).split()[-1], question)
    return _PLAIN.sub(lambda match: match.group(0).split()[-1], question)
