"""The form of a question (why, how, yes/no, list) and what a sentence must show to answer it:
a reason or purpose for "why" (not the question's words again), a settling sentence for a
yes/no, items from several sentences for a list ("which officials…")."""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from rag.clauses import (
    asked_clause,
    asks_whether,
    tagged_statement,
    without_expression_ask,
)
from rag.questions import MEASURES


class Form(StrEnum):
    why = "why"
    how = "how"
    yesno = "yesno"
    list = "list"
    other = "other"


# A follow-up's opening word: "and why…", "then why go ahead…", "ok, so how…"
_CONNECTIVE = r"(?:(?:and|so|but|then|ok|okay|well|also|hmm+|hm|um+|uh|oh)\b,?\s+)*"
_WHY = re.compile(
    rf"^\s*{_CONNECTIVE}(?:why|how\s+come)\b|"
    r"\b(?:for\s+what\s+(?:reason|purpose)|what(?:['’]s|\s+(?:was|is|were|are))\s+(?:the|their|his|her|its)\s+"
    r"(?:\w+\s+)?(?:purpose|reason|reasons|goal|goals|aim|aims|motive|motives|motivation|point|"
    r"rationale|thinking|logic|objective|intent|intention|advantages?|benefits?|upside)|"
    r"what\s+(?:led|prompted|drove|motivated|caused)\b|"
    # "What made them think Xi could stop him?": what brought about a belief or a choice
    r"\bwhat\s+(?:made|makes|make)\s+(?:\S+\s+){1,5}?(?:think|believe|feel|decide|expect|see|"
    r"consider|want|hope|doubt|suspect|conclude|choose|go|do)\b|"
    # "What was Nixon trying to accomplish…?", "What did they hope to gain?": a purpose
    r"\bwhat\s+(?:was|were|is|are|did|do|does)\s+(?:\S+\s+){1,4}?(?:trying|hoping|seeking|"
    r"aiming|wanting|intending|try|hope|seek|aim|want|intend)\s+to\s+(?:accomplish|achieve|"
    r"gain|get\s+out\s+of)\b|"
    r"\bwhat\s+did\s+\w+(?:\s+\w+)?\s+hope\s+to\b|\bin\s+hopes?\s+of\s+what\b|"
    # "What were officials hoping would happen when…?": what they did it for
    r"\bwhat\s+(?:was|were|is|are|did|do|does)\s+(?:\S+\s+){1,4}?(?:hoping|hope|wanting|want)\s+"
    r"(?:would|will|might|to\s+happen|for)\b|"
    r"^\s*what\s+(?:reason|reasons|purpose|motive|justification|explanation|rationale)\b)",
    re.IGNORECASE,
)
_HOW = re.compile(
    rf"^\s*{_CONNECTIVE}how\b(?!\s+(?:{MEASURES}|come)\b)|"
    r"\bin\s+what\s+way|\bby\s+what\s+means\b",
    re.IGNORECASE,
)
_YESNO = re.compile(
    rf"(?:^|,\s*|;\s*){_CONNECTIVE}(?:did|does|do|is|was|were|are|am|has|have|had|can|could|will|"
    r"would|should|may|might|must)(?:n['’]t)?\s",
    re.IGNORECASE,
)
# "Name the…", "List…", "Who were the…", "What were the … issues".
_LIST = re.compile(
    r"^\s*(?:(?:name|list|enumerate|identify)\s+(?:the|all|every|some|any|two|three|several)?\b|"
    r"who\s+(?:were|are)\s+(?:the|all)\b|"
    r"what\s+(?:were|are)\s+(?:the|all)\s+(?:\w+\s+)?[a-z]+s\b)",
    re.IGNORECASE,
)
# "What do the three bitwise operators compute?": what/which of a counted plural.
_COUNTED = re.compile(
    r"^\s*what\s+(?:do|did|does|are|were)\s+(?:the|these|those)\s+(?:two|three|four|five|six)\s+"
    r"(?:[\w-]+\s+){0,2}?[a-z]+s\b",
    re.IGNORECASE,
)
# "Which officials met…", "In what areas have…": which/what, a plural noun, then a verb.
_WHICH_PLURAL = re.compile(
    r"^\s*(?:(?:in|on|at|from|for|across|by)\s+)?(?:which|what)\s+(?:other\s+|two\s+|three\s+|several\s+|"
    r"(?:(?-i:[A-Z])[\w.-]*\s+){2,3}|(?:(?!(?:is|are|was|were|do|does|did|has|have|had|the|a|an)\b)"
    r"[\w.-]+\s+){1,2})??"
    r"([a-z]+s|people|men|women|children)(?:,[^,?]{1,60},)?\s+(\w+)",  # "Which ones, if X, do…"
    re.IGNORECASE,
)
# "Is the key or the value evaluated first?": a choice between two, not a yes/no ("or not" is).
_CHOICE = re.compile(
    r"\b\w+\s+or\s+(?!not\b)(?:(?:the|a|an)\s+\w+|[A-Z]\w+)|\b[A-Z]\w+\s+or\s+[A-Z]\w+"
)
_WH_START = re.compile(r"^\s*(?:who|what|when|where|which|why|how|whom|whose)\b", re.I)
# Words in -s that are a singular subject's verb ("Which exception gets raised"), not a plural.
_NOT_PLURAL = frozenset(
    "is was has does this its his us as plus news gets makes means seems becomes happens causes"
    " lets needs requires allows returns raises stays keeps".split()
)
# A word after "what X" showing X was a verb ("What happens when…", "which function tells you")
# or one noun ("What class is").
_AFTER_VERB = frozenset(
    "when if after before to in on with the a an that this it he she they there is was"
    " you me us them him her whether".split()
)


def _is_list(text: str) -> bool:
    if _LIST.match(text) or _COUNTED.match(text):
        return True
    match = _WHICH_PLURAL.match(text)
    if not match:
        return False
    if match.group(1).isupper() and match.group(2)[:1].islower():
        # "Which US officials…": an acronym qualifies the plural after it
        return _is_list(text[: match.start(1)] + text[match.end(1) :].lstrip())
    if match.group(1)[:1].isupper():  # "What did Medeiros say…": a name, not a plural
        return False
    noun, following = match.group(1).lower(), match.group(2).lower()
    if following in {"is", "was"} and not noun.endswith(("ss", "us", "is")):
        return noun not in _NOT_PLURAL  # "In which constructs is it handled?", not "What class is"
    return noun not in _NOT_PLURAL and following not in _AFTER_VERB


# Nouns that only say a question asks why ("What was the aim of…"), not what an answer holds.
_PURPOSE_NOUNS = re.compile(
    r"\b(?:purpose|reasons?|goals?|aims?|motives?|motivation|rationale|objectives?|intent|"
    r"intention|justification|explanation|advantages?|benefits?|upside)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def without_form_words(question: str) -> str:
    """The question without the words that only ask for a reason (for a why-question) or for
    an expression ("what phrase did they use")."""
    question = without_expression_ask(question)
    if form_of(question) is not Form.why:
        return question
    return _PURPOSE_NOUNS.sub(" ", question)


@lru_cache(maxsize=4096)
def form_of(question: str) -> Form:
    """The question's form; `other` for plain look-ups (who, when, what…)."""
    text = asked_clause(question)
    if _WHY.search(text):
        return Form.why
    if tagged_statement(question) or asks_whether(question):  # "…, right?", "Do you know if…"
        return Form.yesno
    if (_YESNO.match(text) or (_YESNO.search(text) and not _WH_START.match(text))) and not (
        _CHOICE.search(text)
    ):
        return Form.yesno
    if _is_list(text):
        return Form.list
    if _HOW.search(text):
        return Form.how
    return Form.other
