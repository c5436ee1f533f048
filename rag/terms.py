"""Words of their own in documentation that plain English reading drops: an operator ("~",
"+=") and a short keyword named as such ('the "for" statement', "`not`")."""

from __future__ import annotations

import re

# An operator standing alone or quoted ('"~"', "the ** operator", "x += 1") is a word of its own
# in documentation: "What does ~ do?" is answered by the sentence about "~", not about "-".
_OPERATOR = re.compile(r"""(?:^|(?<=[\s"“'‘(]))([-+*/%@&|^~<>=!:]{1,3})(?=[\s"”'’),.?]|$)""")
_NOT_OPERATORS = frozenset({"::=", ">>>", ":", "|", "-"})


# A short word used as a keyword of a language is a word of its own in documentation: the quoted
# '"for" statement', or "the for statement", "`not`" in a question.
_SHORT_KEYWORDS = "and|as|for|from|if|in|is|not|or|while|with"
_KEYWORD = re.compile(
    rf"""(?:(?<=["“`'‘])({_SHORT_KEYWORDS})(?=["”`'’*]))|"""
    r"\b(for|if|while|with|not|and|or)(?=\s+(?:statements?|clauses?|keywords?|operators?)\b)"
)
# For the search, also "a while loop", "the with block"
_KEYWORD_LOOSELY = re.compile(
    rf"{_KEYWORD.pattern}|\b(for|if|while|with)(?=\s+(?:loops?|blocks?)\b)"
)


def keywords_named(text: str, loosely: bool = False) -> list[str]:
    """The short keywords a text names as such, each time it does ("for" in '"for" statement',
    not in "for you"); `loosely`, also before "loop" or "block" ("a for loop"), which a search
    may lean on but a sentence need not hold."""
    pattern = _KEYWORD_LOOSELY if loosely else _KEYWORD
    return [next(g for g in m.groups() if g) for m in pattern.finditer(text)]


def keywords(text: str) -> set[str]:
    """The short keywords a text names as such, once each."""
    return set(keywords_named(text))


def operators(text: str) -> set[str]:
    """The operators a text names, as words ("op:~")."""
    return {
        f"op:{m.group(1)}" for m in _OPERATOR.finditer(text) if m.group(1) not in _NOT_OPERATORS
    }
