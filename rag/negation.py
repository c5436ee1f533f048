"""Whether a sentence answers a yes/no question No: it denies what the question asks.

A "not" counts when it governs one of the question's words ("did not return requests for
comment" for "was the embassy willing to comment?"), or when the sentence is one clause that
denies its own verb; an un-/non- form of the question's word is a denial too ("previously
unreported"), and so are doubt for a question on acceptance and failure for one on success.
A sentence that lacks the name the question puts after "to/in/with…" settles neither way.
"""

from __future__ import annotations

import re

from rag.clauses import asked_clause
from rag.countries import country
from rag.opposites import ABSENT, NOT_PRESENT, NOT_UNDONE, PERSISTS, asked_unconditioned, opposed
from rag.questions import content_words

NEGATION = re.compile(
    r"\b(?:not|no|never|nor|neither|none|nothing|cannot|without|\w+n['’]t|refus(?:e|ed|es|ing)|"
    r"declin(?:e|ed|es|ing)|reject(?:ed|s|ing)?|rebuff(?:ed|s|ing)?|den(?:y|ied|ies|ying)|"
    r"dismiss(?:ed|es|ing)?|fail(?:ed|s)?\s+to|unwilling|avoid(?:ed|s)?|instead\s+of)\b",
    re.IGNORECASE,
)


# A negation denies what the question asks only when it governs one of the question's words:
# "did not return requests for comment" answers "was the embassy willing to comment?", but
# "told Russia not to invade" does not answer "did the Americans meet them in person?".
NEGATION_REACH = 6
# The end of a sentence in a window of several (not "Mr. Qin", "U.S."): a denial reaches no further.
_SENTENCE_END = re.compile(r"(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\b[A-Z])[.!?]\s+(?=[A-Z“\"])")
TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*")


# "warned China not to help", "told Russia not to invade": a "not" inside what someone was told
# to do is the content of the telling, not a denial of it.
_DIRECTIVE = re.compile(
    r"\b(?:warn|tell|told|urg|ask|beg|beseech|besought|persuad|press|implor|advis|instruct|"
    r"order|remind|caution|encourag|convinc)\w*\s+(?:[\w.’'-]+\s+){0,3}$",
    re.IGNORECASE,
)


# A "not" that only tells someone not to do a thing ("told Russia not to invade").
def directed(text: str, match: re.Match[str]) -> bool:
    if match.group(0).lower() != "not":
        return False
    before = text[: match.start()]
    if re.match(r"\s+to\b", text[match.end() :]):  # "told Russia not to invade"
        return bool(_DIRECTIVE.search(before))
    split = re.search(r"\bto\s+$", before)  # "told Russia to not invade"
    return bool(split and _DIRECTIVE.search(before[: split.start()]))


def _told_not_to(question: str) -> set[str]:
    """The words a directed "not to" governs in the question ("…tell Russia not to invade")."""
    return {
        word
        for match in NEGATION.finditer(question)
        if directed(question, match)
        for word in content_words(" ".join(TOKEN.findall(question[match.end() :])[:NEGATION_REACH]))
    }


# What a question asks as the other of a thing: "non-ASCII", "other than a string".
_NON_ASKED = re.compile(r"\b(?:non[-\s]|other\s+than\s+(?:an?\s+|the\s+)?)([a-z]{3,})", re.I)


def negated(text: str, question: str = "") -> bool:
    """True when the text denies: a negation word, or an un-/non- form of a word the question
    uses ("previously unreported" against "had it been reported").

    With a question, a negation word counts only when one of the question's words follows it
    closely (within `NEGATION_REACH` words), so a denial of something else does not flip it.
    """
    if not question:  # (not a relative clause's own: "…a function that isn't a coroutine?")
        text = _RELATIVE_DENIAL.sub(" ", _asserted(text))
        return any(
            not CODE_NONE.match(text, m.start()) and not directed(text, m)
            for m in NEGATION.finditer(text)
        )
    if PERSISTS.search(asked_clause(question)) and NOT_UNDONE.search(text):
        return False  # "Is it still defined?": "…are not deleted" keeps it
    if ABSENT.search(asked_clause(question)) and NOT_PRESENT.search(text):
        return False  # "Is it hidden from dir()?": "…not reported by dir()" agrees
    qualified = _NOT_QUITE.search(text)  # "…a similar, but not exactly equal effect"
    if qualified and re.search(rf"\b{qualified.group(1)}", question, re.I):
        return True  # denies "Is it exactly equivalent…?", in whichever clause it lies
    # the clause is chosen with its conditions ("…; this gets executed only when the function
    # is called" is the clause "only run once it's called?" asks of), then read without them
    text = _asserted(_clause_asked(text, question))
    if _denies_its_verb(text) or _NO_EFFECT.search(text):
        return True  # "…did not return…"; "lower() would do nothing to 'ß'" of "will it convert…?"
    if _affirms_emphatically(text, question):
        return False
    # not a condition after it: "does the else run if the test is false the first time?"
    clause = asked_unconditioned(question)
    if opposed(question, text, undone=True):  # "Did Qin accept it?" — "Mr. Qin was skeptical"
        return True
    for word in _NON_ASKED.findall(clause):
        # "Can a bytes literal hold non-ASCII characters?": "They may only contain ASCII…"
        if re.search(rf"\bonly\s+(?:[a-z]+\s+){{0,2}}{re.escape(word)}(?:e?s)?\b", text, re.I):
            return True
    # what the question has someone told not to do is content, not the asked deed: "Did they
    # ask China to tell Russia not to invade?" is not denied by "…did not think an invasion…"
    asked = content_words(question) - _told_not_to(question)
    prefixes = {w[:4] for w in asked if len(w) >= 4}
    for match in NEGATION.finditer(text):
        if CODE_NONE.match(text, match.start()) or directed(text, match):
            continue
        if _NO_LIMIT.match(text, match.start()) and not _LIMIT.search(question):
            continue  # "There is no limit for the length" answers "Can it be arbitrarily long?"
        rest = text[match.end() :]
        if text.count("(", 0, match.start()) > text.count(")", 0, match.start()):
            rest = rest.split(")", 1)[0]  # "(instead of a source string) to exec()": the brackets'
        end = _SENTENCE_END.search(rest)  # "…had no end. The towns…": nor past its sentence
        following = TOKEN.findall(rest[: end.start()] if end else rest)[:NEGATION_REACH]
        if _RELATIVE.search(text[: match.start()]):
            # "cleanup code which does not handle the exception": the relative clause denies
            # its own verb of its noun, so it answers only a question on that verb
            following = following[:1]
        # a name alone ("would not impede Russian plans") places the denial, it is not the deed
        words = content_words(" ".join(w for w in following if not w[0].isupper()))
        if match.group(0).lower().startswith("instead"):
            # "…a generator function instead of a normal function" denies only what it does
            # not also affirm: the "normal", not the "function"
            words -= content_words(text[: match.start()])
        if words & asked or any(w[:4] in prefixes for w in words if len(w) >= 4):
            return True
    lowered = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", question)}
    for word in re.findall(r"\b(?:un|non|in|im|dis)-?([a-z]{4,})", text.lower()):
        if word in lowered or any(a.startswith(word[:5]) for a in lowered):
            return True
    return False


# The opening of a relative clause just before a negation: "…code which does not…" (after a
# word: a sentence opening "That is not…" points back, it is no relative clause).
_RELATIVE = re.compile(
    r"\w[\w,]*\s+(?:which|that|who)\s+(?:[^,;:.]{1,60}?\s(?:and|or)\s+)?(?:\w+\s+)?$", re.I
)
# An act that changes nothing: "would do nothing to", "has no effect on".
# A denial of how far something holds: "not exactly", "not always", "not entirely".
_NOT_QUITE = re.compile(r"\bnot\s+(?:quite\s+)?(exact|always|entire|complete|full|identical)", re.I)
_NO_EFFECT = re.compile(r"\b(?:do|does|did)\s+nothing\b|\bha(?:s|ve|d)\s+no\s+effect\b", re.I)
# "return something other than None": Python's None names a value, it denies nothing ("None of
# them" does).
CODE_NONE = re.compile(r"None\b(?!\s+of\b)")
# A condition ("When this method is not defined, __len__() is called", "…are always coroutine
# functions, even if they do not contain await") supposes, it does not state: its "not" is no
# answer to "does truth testing fall back to…?". Nor is one in the question's own condition.
_SUPPOSED = re.compile(
    r"\b(?:even\s+)?(?:if|when|whenever|unless|once|in\s+case)\b[^,.;:?!]{3,120}?"
    r"(?:,\s*(?:then\b)?|(?=[.;:?!]|$))",
    re.IGNORECASE,
)


# "…is executed whether an exception occurred or not": both ways, no denial.
_EITHER_WAY = re.compile(r"\bwhether\b[^.;:?!]{0,120}?\bor\s+not\b", re.IGNORECASE)


def _asserted(text: str) -> str:
    """The text without the conditions its sentences open with: what it states."""
    return _SUPPOSED.sub(" ", _EITHER_WAY.sub(" either way", text))


# "no limit", "no restriction": an unbounded "yes" unless the question asks about a limit.
_LIMIT_WORDS = r"(?:limit|limits|restriction|restrictions|bound|bounds|max|maximum|cap|ceiling)"
_NO_LIMIT = re.compile(rf"no\s+(?:\w+\s+)?{_LIMIT_WORDS}\b", re.IGNORECASE)
_LIMIT = re.compile(rf"\b{_LIMIT_WORDS}\b", re.IGNORECASE)


# "Mr. Wang did say that…": "did" before the question's own verb affirms it outright, whatever
# a later clause denies of others ("…but no officials have mentioned it since").
_EMPHATIC = re.compile(r"\b(?:did|does|do)\s+([a-z]+)\b")


def _affirms_emphatically(text: str, question: str) -> bool:
    # the question's own words, not "it" ("did it ever think…?" is a question, not emphasis)
    asked = content_words(question)
    return any(content_words(verb) & asked for verb in _EMPHATIC.findall(text))


# A sentence of one clause whose verb is denied ("The Embassy did not return requests for
# comment."): its "not" is what the sentence says, whatever words follow it. "…to tell Russia
# not to invade" denies an infinitive, a wish, not the sentence.
_ONE_CLAUSE_DENIAL = re.compile(
    r"^[^,;:—–]*\b(?:(?:did|does|do|has|have|had|was|were|is|are|will|would|could|can)\s+"
    r"(?:not|never)|\w+n['’]t)\b(?!\s+to\b)[^,;:—–]*[.!?]?$|^[^,;:—–]*\b(?:never|refused|declined)\b[^,;:—–]*$",
    re.IGNORECASE,
)


# "a and b may or may not be the same object, but c and d are guaranteed to be different":
# two clauses that say opposite things of different subjects.
_CONTRAST = re.compile(r",?\s+(?:but|whereas|while)\s+|;\s+", re.IGNORECASE)


def _clause_asked(text: str, question: str) -> str:
    """Of a sentence's contrasted clauses, the one that holds most of the question's words
    (the whole sentence when no clause holds more than the others)."""
    clauses = _CONTRAST.split(text)
    if len(clauses) < 2:
        return text
    # what the question asks counts twice, its setting once ("If x = float('nan'), is x != x
    # true?": "…are all false, while "x != x" is true")
    main = asked_unconditioned(question)
    asked, first = content_words(question), content_words(main)

    # code the question writes ("…by doing m.__dict__ = {}?") marks the clause that writes it
    code = [piece for piece in _CODE_PIECE.findall(question) if len(piece) > 1]
    code += [piece for piece in _CODE_PIECE.findall(main) if len(piece) > 1]

    def holds(i: int) -> int:
        words = content_words(clauses[i])
        if i and _ELLIPTICAL.match(clauses[i]):  # "…to sequences, but not to sets": the verb
            words |= content_words(clauses[i - 1])  # of "not to sets" is the clause's before
        found = len(asked & words) + len(first & words)
        # "X must be a method; it cannot be…": "it" is X, written in the clause before
        back = clauses[i - 1] if i and _OPENS_ON_IT.match(clauses[i]) else ""
        return found + 2 * sum(piece in back + clauses[i] for piece in code)

    held = sorted(((holds(i), c) for i, c in enumerate(clauses)), key=lambda p: -p[0])
    return held[0][1] if held[0][0] > held[1][0] else text


# A piece of code: a word with dots, underscores, brackets or an operator in it ("m.__dict__").
_OPENS_ON_IT = re.compile(r"^\W*(?:it|they|this)\b", re.IGNORECASE)
_CODE_PIECE = re.compile(r"[\w.]*[_.(){}\[\]=<>!*+%/-][\w.(){}\[\]=<>!*+%/-]*")

# A clause of a denial alone, its verb left to the clause before: "…, but not to sets"; or its
# subject: "…may be present…, but does not affect the semantics".
_ELLIPTICAL = re.compile(
    r"\s*(?:not|never|(?:does|do|did|is|are|was|were|can|could|may|will|would)(?:\s+not|n[’']t))\b",
    re.IGNORECASE,
)


def _denies_its_verb(text: str) -> bool:
    # not a relative clause's own denial: "…cleanup code which does not handle the exception"
    return bool(_ONE_CLAUSE_DENIAL.match(_RELATIVE_DENIAL.sub(" ", text).strip()))


_RELATIVE_DENIAL = re.compile(
    # (and its second verb: "A class that overrides __eq__() and does not define __hash__()…")
    r"\b(?:which|who|that)\s+(?:[^,;:—–.]{1,60}?\s(?:and|or)\s+)?"
    r"(?:(?:did|does|do|has|have|had|was|were|is|are|will|would|could|"
    r"can)\s+(?:not|never)|\w+n['’]t|never|refused|declined)\b[^,;:—–]*",
    re.IGNORECASE,
)


# "to Beijing", "in Munich", "with NATO": a name as the object of a place-or-partner preposition.
_NAMED_SLOT = re.compile(
    r"\b(?<!according\s)(to|in|from|at|into|with|against|toward|towards)\s+(?:the\s+)?"
    r"([A-Z][\w.’'-]*)"
)


def misses_the_named_slot(question: str, text: str) -> bool:
    """The text lacks the name the question puts after "to/in/with…" ("flown to Moscow" for
    "Did Burns fly to Beijing?", nothing of NATO for "…passed to NATO?"): it does not settle
    the question, whatever else it shares."""
    held = content_words(text)
    for match in _NAMED_SLOT.finditer(question):
        word, name = match.groups()
        # "to the Chinese ambassador": a name before a noun qualifies it; the noun is the slot
        qualified = _QUALIFIES.match(question, match.end())
        wanted = content_words(qualified.group(1) if qualified else name)
        if qualified and qualified.group(1).lower() in _VIEWS:
            continue  # "come around to the American view": a view is no place or partner
        if qualified and qualified.group(1).lower() in _SEATS and country(name):
            # "to the Russian capital": Moscow, or Russia however the text names it
            if country(name) in {country(w) for w in re.findall(r"[\w.’'-]+", text)}:
                continue
            return True
        # "Is there more than one X in Python?": "in" a setting is missed only for another one
        if word == "in" and not re.search(r"\bin\s+(?:the\s+)?[A-Z]", text):
            continue
        if not wanted <= held:
            return True
    return False


_SEATS = frozenset("capital capitals".split())
_VIEWS = frozenset(
    "view views position side thinking idea ideas belief beliefs opinion assessment way".split()
)
_QUALIFIES = re.compile(
    r"\s+(?!(?:on|in|at|and|or|to|for|from|by|with|before|after|during|"
    r"about|last|this|that|when|while|as|but)\b)([a-z]{3,})"
)
