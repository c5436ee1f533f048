"""What a question asks for, and whether a sentence offers it: the extractive answerer's checks.

A sentence that merely repeats the question's words does not answer it; one that answers a
"who" question names someone the question did not, a "when" question gives a date, and so on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum
from functools import lru_cache

from rag.clauses import asked_clause
from rag.codenames import ASKS_IDENTIFIER, IDENTIFIERS, offers_identifier
from rag.countries import places_listed
from rag.terms import keywords, operators
from rag.textutil import fold, general_stopwords, stem

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.-]*[A-Za-z0-9]|[A-Za-z0-9]")
_CAPITALISED = re.compile(r"\b[A-Z][a-zA-Z’'.-]*[a-zA-Z.]|\b[A-Z]\b")
# "Over what period…", "For what stretch of time…": a span of time asked.
_ASKS_DURATION = re.compile(
    r"\b(?:what|which)\s+(?:\w+\s+)?(?:period|span|duration|stretch)\b", re.I
)
_ASKS_SPAN = re.compile(
    r"\bhow\s+long\s+(?:(?:has|have|had)\b.*\bbeen|"
    r"(?:did|does|do|will)\b.*\b(?:take|last|go\s+on|run|continue))\b|" + _ASKS_DURATION.pattern,
    re.I,
)
_SPAN = re.compile(
    r"\b(?:\d[\d,.]*|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|many|few)"
    r"(?:\s+and\s+a\s+half)?\s+"  # "one and a half hours"
    r"(?:more\s+)?(?:second|minute|hour|day|week|month|year|decade)s?\b|\bsince\b",
    re.I,
)


def asks_span(question: str) -> bool:
    """True for "How long did the meeting last?", "How long has she been…": a span of time."""
    return bool(_ASKS_SPAN.search(question))


# A number, not the "2" of "2-tuples" or "utf-8" (part of a name); "3-year" is a measure.
_NUMBER = re.compile(
    r"(?<!\w)(?<!\w-)\d[\d,.]*\b(?!-[A-Za-z]+s\b)|"
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|"
    r"hundred|thousand|million|billion|half|several|first|second|third|once|twice)\b",
    re.IGNORECASE,
)
# A day of a month: "Feb. 4", "November 15" (month and day as groups).
MONTH_DAY = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
    r"(?:1[89]|20)\d\d|(?:last|next|this) (?:week|month|year|spring|summer|fall|autumn|winter))"
    r"\b|\b(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.\s*\d|"
    # a manual dates a change by its release: "New in version 3.5", "Changed in Python 3.7"
    r"\b(?:[Vv]ersion|[Rr]elease|Python)\s+\d+(?:\.\d+)+"
)
# A person's name: a title and a name, or a run of two or more capitalised words.
_PERSON = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof)\.\s+[A-Z][\w’'-]+"
    r"|\b[A-Z][a-z’'-]+(?:(?:\s+[A-Z]\.)*\s+[A-Z][a-z’'-]+)+"
)
# Capitalised words that start sentences or clauses without naming anything.
_NOT_NAMES = frozenset(
    """a an and as at but by for from he her his i if in it its mr mrs ms of on or she so that
    the their them then there these they this those to we what when where which who why with
    you last each after before some other others days hours""".split()
)


# The general list, and the words any question about a document uses to frame its ask ("what
# does the article say about…", "tell me…", "according to…", "what kind of…", "what happened
# on…"): no subject.
STOPWORDS = general_stopwords() | frozenset(
    """could would also article document text say said says tell told according kind kinds
    sort sorts type types happen happens happened happening occur occurs occurred
    still actually exactly really anyway indeed personally particular particularly basically
    ever anyone anybody someone somebody everyone everybody""".split()  # (emphasis, no one named)
)


# "How many/long/tall…": words after "how" that ask for a number, not a manner.
MEASURES = "many|much|long|often|old|tall|far|big|large|high|heavy|wide|deep"


class Expect(Enum):  # the kind of answer a question asks for
    person = "person"
    date = "date"
    number = "number"
    place = "place"
    identifier = "identifier"  # a name in code: an exception, function, keyword, PEP…
    anything = "anything"


# "When is/are/does… X …?" in the present asks under what condition something holds, and "Where
# does control go…?" at what step, as manuals answer; "When/Where did…" asks a date or place.
_WHEN_GENERAL = re.compile(r"(?:when|where)\s+(?:is|are|does|do|can|should|must|will)\b")


@lru_cache(maxsize=4096)
def expected(question: str) -> Expect:
    q = asked_clause(question).lower()
    # "What was the envoy named?" asks for a name; "why did they ask not to be named?" does not
    if re.match(r"(who|whom|whose)\b", q) or re.search(
        r"\b(name of|who (is|was))\b|(?<!\bbe )\bnamed\s*[?.!]*$", q
    ):
        return Expect.person
    if _WHEN_GENERAL.match(q):
        return Expect.anything  # "When is the else clause run?": a condition, not a date
    if re.match(r"when\b", q) or re.search(
        # "what was the exact date of…", "on which day…"
        r"\b(what|which)\s+(?:(?:is|was|were|are)\s+)?(?:the\s+)?(\w+\s+)?"
        r"(date|day|month|year|time(?!\s+(?:complexity|limit|zone|out)\b)|version|release)\b",
        q,
    ):
        return Expect.date
    if re.search(rf"\bhow (?:{MEASURES})\b", q) or _ASKS_DURATION.search(q):
        return Expect.number  # "How long…", "Over what period…": a count of days or months
    if re.match(r"where\b", q) or re.search(r"\b(what|which) (city|country|place|venue)\b", q):
        return Expect.place
    if ASKS_IDENTIFIER.search(q):
        return Expect.identifier
    return Expect.anything


_FOCUS = re.compile(r"\b(?:about|regarding|concerning)\s+(.+?)[?.!]*$", re.IGNORECASE)


def focus_words(question: str) -> set[str]:
    """Content words the question is about ("... say about NATO?" → {"nato"}); may be empty."""
    match = _FOCUS.search(question.strip())
    return content_words(match.group(1)) if match else set()


def _acronyms(text: str) -> set[str]:
    """Initials of runs of three or more capitalised words (North Atlantic Treaty Organization)."""
    found = set()
    for run in re.finditer(r"(?:\b[A-Z][a-z]+\s+){2,}[A-Z][a-z]+", text):
        words = run.group(0).split()
        while words and words[0].lower() in STOPWORDS:  # "Did Xi Jinping call": not D.X.J.
            words = words[1:]
        if len(words) >= 3:
            found.add("".join(w[0] for w in words).lower())
    return found


# "U.S." and "C.I.A." are the "US" and "CIA" a question types.
_DOTTED_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]\.?")


def _word_forms(word: str) -> list[str]:
    """A word (lower-cased) with its dotted initials closed up; a compound with a name in it, as
    its parts ("U.S.-China" is about the US and China, "Russia-backed" about Russia), while
    "run-time" or "built-in" stay one word, written with or without the hyphen ("builtin")."""
    parts = word.split("-")
    if len(parts) > 1 and not any(part[:1].isupper() for part in parts):
        parts = [word.replace("-", "")]
    forms = []
    for part in parts:
        # "AssertionError" is also about an assertion and an error
        if _CAMEL_CASE.match(part):
            forms.extend(piece.lower() for piece in _CAMEL.findall(part) if len(piece) > 2)
        part = part.lower().strip(".'’")
        part = part.replace(".", "") if _DOTTED_INITIALS.fullmatch(part) else part
        if "." in part and len(last := part.rsplit(".", 1)[1]) > 2:
            forms.append(last)  # "str.endswith" is also the "endswith" a question types
        part = _ORDINAL.sub(r"\1", part)  # "the 17th" is the text's "Nov. 17"
        forms.append(_MONTHS.get(part, part))
    return forms


# A month the question spells out is the one the text abbreviates ("November", "Nov."); "March"
# and "May" are also words, so they keep their own spelling.
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")
_MONTHS = {
    **{
        name: name[:3]
        for name in "january february april june july august september october november "
        "december".split()
    },
    "sept": "sep",
}


_POSSESSIVE = re.compile(r"['’]s$")
_CAMEL_CASE = re.compile(r"^(?:[A-Z][a-z]+){2,}$")
_CAMEL = re.compile(r"[A-Z][a-z]+")
# A negated form also carries its base ("unreported" is about being reported): the answerer's
# yes/no check reads the negation, word overlap needs the base.
_NEGATED_FORM = re.compile(r"^(?:un|non-?)([a-z]{5,})$")


@lru_cache(maxsize=65536)
def content_words(text: str) -> frozenset[str]:
    """Stemmed content words of a text (lower-cased, stopwords dropped), plus acronyms.

    Accents and compatibility forms are folded first ("Renée" matches "Renee").
    Cached: the sentences of the corpus come back with every question.
    """
    text = fold(text)
    words = {
        form
        for w in _WORD.findall(text)
        for form in _word_forms(_POSSESSIVE.sub("", w).strip(".'’-"))
    }
    stems = {stem(w) for w in words if w and w not in STOPWORDS}
    bases = {stem(m.group(1)) for w in words if (m := _NEGATED_FORM.match(w))}
    return frozenset(stems | bases | _acronyms(text) | operators(text) | keywords(text))


def names(text: str) -> set[str]:
    """Capitalised words that look like parts of names (lower-cased)."""
    return {
        m.group(0).lower().rstrip(".")
        for m in _CAPITALISED.finditer(text)
        if m.group(0).lower().rstrip(".") not in _NOT_NAMES
    }


@lru_cache(maxsize=8192)  # the same windows are read by several checks
def people(text: str) -> frozenset[str]:
    """Names of people (or organisations) in a text, lower-cased, leading filler dropped."""
    found = set()
    for match in _PERSON.finditer(text):
        words = [w for w in match.group(0).split() if w.lower() not in _NOT_NAMES]
        if len(words) >= 2 or (words and match.group(0)[:3] in {"Mr.", "Ms.", "Mrs", "Dr.", "Pro"}):
            found.add(" ".join(words).lower())
    return frozenset(found)


# Titles before a name; "Mr. Qin" and "Qin Gang" are one person.
TITLE_WORDS = frozenset("mr mrs ms dr prof president".split())


def name_words(names: Iterable[str]) -> list[frozenset[str]]:
    """Each name as the set of its words, titles and dots dropped ("Mr. Qin" is {"qin"})."""
    found = []
    for name in names:
        words = name.replace(".", " ").split()
        found.append(frozenset(w for w in words if w not in TITLE_WORDS) or frozenset(words))
    return found


_LOCATIVE = re.compile(  # or an institution's name: "a Georgetown University professor"
    r"\b(?:in|at|to|from|near|inside|outside|across|into|around|via|toward|towards)\s+"
    r"(?:the\s+)?((?:[A-Z][\w.’'-]*\s*)+)|((?:[A-Z][\w.’'-]*\s+)+(?:University|College|"
    r"Embassy|Ministry|Institute|Hospital|School|Academy|Museum))\b"
)


def offers(expect: Expect, sentence: str, question: str) -> bool:
    """True when the sentence holds something of the expected kind that the question lacks."""
    sentence, question = fold(sentence), fold(question)
    match expect:
        case Expect.person:  # "What is the main module named?": a name in code, unless "who"
            asked = {w.lower().strip(".,?") for w in question.split()}
            coded = "who" not in asked and re.search(IDENTIFIERS["code"], sentence)
            # "Richard M. Nixon" is the "Nixon" asked about, not someone the sentence adds
            named = people(sentence) - places_listed(sentence)  # not "…Tibet and Hong Kong"
            return bool(coded) or any(not name & asked for name in name_words(named))
        case Expect.place:  # a name after "in", "at", "to"…: "met 37 times" says no place
            placed = {m.group(1) or m.group(2) for m in _LOCATIVE.finditer(sentence)}
            return bool(
                names(" ".join(placed))
                - names(question)
                - {w.lower() for w in _WORD.findall(question)}
            )
        case Expect.date:
            return bool(_DATE.search(sentence))
        case Expect.number:  # "how long has he been…" wants a span of time, not "37 times"
            span = not _ASKS_SPAN.search(question) or _SPAN.search(sentence)
            return bool(_NUMBER.search(sentence)) and bool(span)
        case Expect.identifier:
            return offers_identifier(question, sentence)
        case Expect.anything:
            return True
