"""Names in code a question asks for: "Which exception…", "what function…", "which PEP…",
"what phrase…", and whether a sentence gives one the question does not already write."""

from __future__ import annotations

import re

# "Which exception…", "what function…", "which PEP…": a name in code, as documentation gives it.
ASKS_IDENTIFIER = re.compile(
    r"\b(?:which|what)\s+(?:(?!(?:is|are|was|were|do|does|did)\b)\w+\s+)?"
    r"(?P<kind>exception|error|warning|function|method|"
    # (not "which built-in types…": kinds of object, which a text names in words)
    r"built-?in(?!\s+(?:types|kinds|sorts|categories)\b)|"
    r"keyword|module|attribute|pep|word|term|phrase|expression)s?\b"
    r"(?!\s+(?:is|are)\b(?!\s+\w+ed\b))"  # "which exception is raised", not "…is best"
)
IDENTIFIERS = {
    # "AssertionError", "StopIteration", "GeneratorExit": a CamelCase name
    "exception": r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b",
    "function": r"\b[A-Za-z_][\w.]*\(\)",
    "pep": r"\bPEP\s+\d+",
    "code": r"[\"“][A-Za-z_]*_\w*[\"”]|\b[A-Za-z_][\w.]*\(\)",  # "__main__", "exec()"
    "name": r"[\"“][A-Za-z_][\w.]*(?:\(\))?[\"”]|\b[A-Za-z_][\w.]*\(\)",
    # "Which word/phrase does X use…": a short expression the text quotes ("invasion")
    "quoted": r"[\"“][\w’'-]+(?:\s+[\w’'-]+){0,5}[.,!?]?[\"”]",  # “…order.” ends a sentence
}


_WORDING = frozenset({"word", "term", "phrase", "expression"})


def identifier_pattern(question: str) -> str:
    match = ASKS_IDENTIFIER.search(question.lower())
    kind = match.group("kind") if match else "name"
    if kind in {"exception", "error", "warning"}:
        return IDENTIFIERS["exception"]
    if kind in {"built-in", "builtin"} and re.match(
        r"\s+(?:\w+\s+)?(?:class|type|object|constant)", question.lower()[match.end() :]
    ):
        return IDENTIFIERS["name"]  # "which built-in class…": '"dict"', not a call
    if kind in {"function", "method", "built-in", "builtin"}:
        return IDENTIFIERS["function"]
    if kind in _WORDING:
        return IDENTIFIERS["quoted"]
    return IDENTIFIERS["pep" if kind == "pep" else "name"]


def offers_identifier(question: str, sentence: str) -> bool:
    """The sentence gives a name of the kind asked that the question does not already write,
    or, asked for a word or phrase, speaks of that wording itself."""
    kind = ASKS_IDENTIFIER.search(question.lower())
    if (
        kind
        and kind.group("kind") in _WORDING
        and re.search(rf"\b{kind.group('kind')}s?\b", sentence, re.I)
    ):
        return True  # "…a summary that used the same phrase as the Chinese readout"
    found = {m.group(0).strip('"“”') for m in re.finditer(identifier_pattern(question), sentence)}
    # (as a word: "id()" is not written by a question on an object's "identity")
    return any(
        not re.search(rf"(?<!\w){re.escape(name.rstrip('()'))}(?![\w])", question, re.I)
        for name in found
    )
