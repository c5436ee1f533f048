"""The dates and numbered things a question names or asks for, and whether a sentence has them.

"What did she say on Feb. 26?" is not answered by a sentence dated Feb. 4, "What happened in
December?" not by one in January, "How did he respond on Monday?" not by what he said on
Saturday, and "When did they meet?" not by a sentence giving only the date the question named.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rag.amounts import bounded_counts
from rag.questions import _DATE, MONTH_DAY, content_words
from rag.textutil import stem

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# A month the question asks within ("in December", "during late Jan."), not one that only names
# something ("the November summit"): capitalised, after a preposition of time.
_BARE_MONTH = re.compile(
    r"\b(?:in|during|by|until|since|through|throughout)\s+(?:(?:early|late|mid)-?\s*)?"
    r"(?:(January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b|(Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.(?!\s*\d))"
)
# A weekday the question dates its event by ("on Monday", "last Saturday"): capitalised.
_WEEKDAY = re.compile(
    r"\b(?:on|last|this|next|that|by|since|until)\s+"
    r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


@lru_cache(maxsize=1024)
def _dates_named(
    question: str,
) -> tuple[tuple[re.Pattern[str], ...], tuple[str, ...], tuple[str, ...]]:
    """What `named_dates_present` looks for, once per question: each day and month as a
    pattern, each weekday, each year."""
    patterns = [
        re.compile(rf"\b{month[:3]}[a-z]*\.?\s+{day}\b", re.IGNORECASE)
        for month, day in MONTH_DAY.findall(question)
    ]
    patterns += [
        re.compile(rf"\b{(full or short)[:3]}(?:[a-z]*\b|\.)")
        for full, short in _BARE_MONTH.findall(question)
    ]
    # "the leader who invaded on Thursday" names the leader by the day: it dates no event asked
    own = re.sub(r"\b(?:who|which|that)\b[^,?]*", " ", question)
    return tuple(patterns), tuple(_WEEKDAY.findall(own)), tuple(_YEAR.findall(question))


def named_dates_present(question: str, window: str) -> bool:
    """Every day ("Feb. 26", "on Monday"), month ("in December") and year the question names
    appears in the window too: an answer dated otherwise answers another question."""
    patterns, weekdays, years = _dates_named(question)
    if any(day not in window for day in weekdays):
        return False
    if not all(pattern.search(window) for pattern in patterns):
        return False
    # "before 2022" may be the text's "before this year": a year relative to the document's date
    return all(year in window for year in years) or bool(_RELATIVE_YEAR.search(window))


_RELATIVE_YEAR = re.compile(r"\b(?:this|last|next|that)\s+year\b", re.IGNORECASE)


_DATE_TOKEN = re.compile(
    r"\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|"
    r"(?:1[89]|20)\d\d|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|"
    r"today|tomorrow|(?:last|next|this)\s+(?:week|month|year)|(?:january|february|march|april|"
    r"june|july|august|september|october|november|december))\b",
    re.IGNORECASE,
)


def only_a_date(sentence: str) -> bool:
    """The sentence is a bare date ("Feb. 25, 2022", a document's date line): it answers "when?"
    and nothing else."""
    if len(sentence) > 40:  # a date line is short; a sentence is not read through for one
        return False
    rest, found = _DATE_TOKEN.subn(" ", sentence)
    return bool(found) and not re.search(r"[A-Za-z]", rest)


# A numbered thing the question names: "PEP 562", "Python 3.9", "Article 5", "Flight 17".
_NUMBERED = re.compile(r"\b[A-Z][A-Za-z]*\s+(\d+(?:\.\d+)*)\b")


# A count the question states of a plural noun: "their 37 meetings", "the 12 tools".
_COUNTED = re.compile(r"(?<![\w.+*/%=<>\[:(,'\"-])(\d[\d,]*)\s+(?:[a-z]+\s+)?[a-z]{2,}s\b")


def numbered_things_present(question: str, window: str) -> bool:
    """Every numbered thing the question names is numbered so in the window: a sentence about
    PEP 3129 does not say who wrote PEP 562, nor one about meetings where "the 37 meetings"
    were."""
    bounded = bounded_counts(question)  # "more than 30 times" states no count of its own
    return all(
        re.search(rf"(?<![\w.]){re.escape(number)}(?![\d]|\.\d)", window)  # not "expression2"
        for number in _NUMBERED.findall(question) + _COUNTED.findall(question)
        if number not in bounded
    )


def gives_new_date(question: str, window: str) -> bool:
    """A "when" answer gives a date the question did not already name."""

    def dates(text: str) -> list[str]:  # "May" counts only capitalised (_DATE is case-sensitive)
        return [d.lower() for d in _DATE_TOKEN.findall(text) + _DATE.findall(text) if d]

    asked = set(dates(question))
    # "had met 37 times… before this year" bounds a span; it dates nothing
    window = _BOUND.sub(" ", window)
    return any(d not in asked for d in dates(window))


_BOUND = re.compile(
    r"\b(?:before|until|till|by|since|as\s+of)\s+(?:this|last|next)\s+(?:week|month|year)\b",
    re.IGNORECASE,
)


# A word the question dates: "fly to Moscow on Nov. 17" (the word, the date).
_DATED = re.compile(
    r"([\w’'-]+)\s+on\s+((?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    r"\s+\d{1,2})\b",
    re.IGNORECASE,
)


def dated_otherwise(question: str, text: str) -> bool:
    """The text dates the word the question dates, and to another day: "Did Burns fly to Moscow
    on Nov. 17?" against "had flown to Moscow on Nov. 2…, and on Nov. 17, …" (Nov. 17 is there,
    but for something else); or to another month: "Was the summit held in December?" against
    "…held a video summit on Nov. 15"."""

    def day(date: str) -> tuple[str, str]:
        month, number = MONTH_DAY.match(date).groups()
        return month[:3].lower(), number

    asked = _DATED.findall(question)
    given: dict[str, set[tuple[str, str]]] = {}
    for word, date in _DATED.findall(text) if asked else ():
        given.setdefault(stem(word.lower()), set()).add(day(date))
    if any(day(date) not in given.get(stem(word.lower()), {day(date)}) for word, date in asked):
        return True
    asked_months = _event_months(question)  # (most questions date nothing to a month)
    months = _event_months(text) if asked_months else ()
    for words, month in asked_months:
        same = {m for w, m in months if w & words}
        if same and month not in same:
            return True
    return False


# A month an event is dated to, with the words before it: "…summit held in December", "held a
# video summit on Nov. 15" (a lower-case month only written out, "may" being a verb).
_EVENT_MONTH = re.compile(
    r"((?:[\w’'-]+\s+){1,4})(?:in|during|on)\s+(?:(?:early|late|mid)-?\s*)?"
    r"((?i:january|february|march|april|june|july|august|september|october|november|december)\b|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?)"
)


@lru_cache(maxsize=4096)  # the same sentences come back with every question
def _event_months(text: str) -> tuple[tuple[frozenset[str], str], ...]:
    return tuple(
        (frozenset(stem(w) for w in content_words(m.group(1))), m.group(2)[:3].lower())
        for m in _EVENT_MONTH.finditer(text)
    )


# "What date…", "which day…", "the exact date…": a day is asked, not a month or a year.
_ASKS_DAY = re.compile(
    r"\b(?:what|which|exact|precise|specific)\s+(?:exact\s+|precise\s+|specific\s+)?"
    r"(?:date|day)\b(?!\s+(?:formats?|types?|objects?|strings?|fields?|time))",
    re.IGNORECASE,
)
_DAY = re.compile(
    r"\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|"
    r"\d{4}-\d\d-\d\d|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|"
    r"today|tomorrow)",
    re.IGNORECASE,
)


def gives_the_day(question: str, window: str) -> bool:
    """A question asking the date ("On what exact date in January did he call?") is answered by
    a day ("Nov. 15", "on Thursday"), not by a month ("in late January")."""
    if not _ASKS_DAY.search(question):
        return True
    month = _MONTH_NAMED.search(question)  # "…in January": a day of January
    if month:
        return any(
            day.lower().startswith(month.group(1)[:3].lower()) for day in _DAY.findall(window)
        )
    return bool(_DAY.search(window))


_MONTH_NAMED = re.compile(
    r"\b(january|february|march|april|june|july|august|september|october|november|december)\b",
    re.IGNORECASE,
)
