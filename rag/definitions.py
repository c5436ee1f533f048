"""Definitions: the subject a "what is X / what does X do" question asks to be defined, and
how squarely a sentence defines it ("X is…", "X terminates…", "…; these are called *X*", or the
opening of the section titled X)."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.clauses import asked_clause, named_to_define, split_carried
from rag.questions import content_words

# "What is X?", "What does X do?", "What is X used for?", "What does X mean?"
_DEFINITION = re.compile(
    # ("What does X receive?" asks what X receives: "does" wants the verb "do" or "mean" after X)
    r"^\s*what(?:\s+(?:exactly|precisely|really|actually))?(?:['’]?s|\s+(?:is|are)|"
    r"\s+(?:does|do)(?=\s.*\b(?:do|does|mean|means|for)\b\W*(?:\s+(?:in|inside|within|with|for|"
    r"to|on)\s+[^?]{1,40}?)?\s*[?.!]*\s*$))\s+"
    # "What is meant by the term X?"
    r"(?:meant\s+by\s+(?:the\s+(?:term|word|phrase|expression)\s+)?)?"
    r"(?:an?\s+|the\s+)?(?P<subject>.+?)"
    r"(?:\s+(?:(?:supposed|meant|there)\s+to\s+do|do|does|mean|means|used\s+for|for|"
    r"stand\s+for)"
    # "What does the break statement do in a loop?": where it does it, not part of the subject
    r"(?:(?<=do)\s+(?:in|inside|within|with|for|to|on)\s+[^?]{1,40}?)?)?\s*[?.!]*\s*$",
    re.IGNORECASE,
)
_COPULA = re.compile(
    r"\b(?:is|are|was|were|does|do|means|refers|denotes|causes|returns|raises|makes|"
    r"evaluates|executes|creates|defines|lets|allows|can|may|must|will|has|have)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def definition_subject(question: str) -> str | None:
    """The subject a "what is / what does X do" question asks to be defined, if it is one."""
    asked = asked_clause(question)
    match = (
        _DEFINITION.match(asked) or _DEFINITION_EMBEDDED.match(asked) or _ASKED_AFTER.match(asked)
    )
    named = match.group("subject") if match else named_to_define(question)
    if named is None:
        return None
    # "What is None, actually? Like what is it for": the subject ends at its comma or mark
    named = re.split(r"\s*[,?]\s*", named, maxsplit=1)[0]
    subject = _SCOPE.sub("", named).strip(" \"'“”`")
    subject = re.sub(r"^(?:an?|the)\s+", "", subject, flags=re.IGNORECASE)
    if _STANDS_IN.match(subject):  # "frozenset — what is it?": the subject is put first
        scene = split_carried(question)[0]
        scene = scene[: scene.rfind(asked)] if asked in scene else ""
        words = scene.lower().split()
        clause = len(words) > 2 and words[0] in _SUBORDINATE  # "If I call it, …", not "while loop"
        if _PUT_FIRST.search(scene) and not clause:
            subject = re.sub(r"^(?:an?|the)\s+", "", scene.strip(" \t—–-:,\"'“”`"), flags=re.I)
            subject = re.sub(r"\s+(?:in|of|for|on|with)\s.*$", "", subject)  # "X in __del__"
    return subject if 0 < len(subject.split()) <= 6 else None


# The same wrapped in a request, in statement order: "(Explain) what a frozenset is".
_DEFINITION_EMBEDDED = re.compile(
    r"^\s*what\s+(?:an?\s+|the\s+)?(?P<subject>.+?)\s+(?:is|are|does|do|means|stands\s+for|"
    r"(?:is|are)\s+(?:used\s+)?for)(?:\s+(?:differently\s+)?(?:from|than)\s+.+?)?\s*[?.!]*\s*$",
    re.IGNORECASE,
)
# The subject first, the asking after it: "except* is what?", "finally block = ?"
_ASKED_AFTER = re.compile(
    r"^\s*(?P<subject>[^?=,]{1,40}?)\s*(?:=|\bis\s+what|\bmeans\s+what)\s*\?*\s*$", re.I
)
# Where the subject is asked about, not part of it: "what is `with` in python"
_SCOPE = re.compile(r"\s+in\s+(?:python|the\s+docs?|this\s+\w+)\s*$", re.IGNORECASE)
# "it", "that method", "this thing": a subject named before the asking clause.
_STANDS_IN = re.compile(r"^(?:it|this|that|these|those|they)(?:\s+\w+)?$", re.IGNORECASE)
_PUT_FIRST = re.compile(r"^[^.?!]{1,60}(?:\s[—–-]|:|,)\s*$")


# The kind a subject's last word names, which a definition may leave out.
_KIND_NOUNS = frozenset("statement statements expression expressions clause clauses".split())
_SUBORDINATE = frozenset(
    "when whenever if while after before although though unless since because as once".split()
)
_NOT_VERBS = frozenset("this its is was has does us as thus plus".split())
_ARTICLES = frozenset("a an the".split())
_PREPOSITIONS = frozenset("of with in on for by from to at about into than".split())


# "…; these are called *containers*", "is known as the active exception": the term defined last.
_NAMED_AS = re.compile(
    r"\b(?:is|are)\s+(?:also\s+|then\s+|often\s+|sometimes\s+)?(?:called|known\s+as|named|"
    r"termed|referred\s+to\s+as)\s+"
    r"(?:an?\s+|the\s+)?\W*([\w-]+(?:\s+[\w-]+)?)",
    re.IGNORECASE,
)


# A term in emphasis introduced by what comes before it: "…: a *bound method*", "…, it is a
# *free variable*", "…denotes *iterable unpacking*".
_INTRODUCED = re.compile(r"(?::|\bis|\bdenotes)\s+(?:an?\s+|the\s+)?\*([^*]{2,40})\*", re.I)


def defines(subject: str, sentence: str) -> float:
    """How squarely the sentence is about the subject as its grammatical subject: 1.5 when the
    sentence opens with it and its verb ("A slicing selects…"), 1.0 when a verb follows it at
    once elsewhere ("The X statement causes…") or the sentence names what it describes X ("…;
    these are called *X*"), 0.5 when a copula or modal follows within a few words ("X may only
    occur…"), 0 otherwise."""
    words = [w.lower() for w in re.findall(r"[\w]+", subject)]
    if not words:
        return 0.0
    if (
        len(words) > 1
        and words[-1] in _KIND_NOUNS
        and _singular(words[-1])
        not in {_singular(w) for w in re.findall(r"\w+", sentence.lower())[: len(words) + 2]}
    ):
        # "augmented assignment statement": "Augmented assignment is the combination…"
        return defines(" ".join(words[:-1]), sentence)
    wanted = content_words(subject)
    # "objects whose value cannot change are called *immutable*" names an immutable object
    held = content_words(sentence)
    for named in map(content_words, _NAMED_AS.findall(sentence)):
        if wanted and wanted & named and wanted <= named | held:
            return 1.0
    for term in _INTRODUCED.findall(sentence):  # "…, you get a special object: a *bound method*"
        if wanted and content_words(term) == wanted:
            return 1.5
    head = re.findall(r"[\w]+", sentence)[:12]
    lowered = [w.lower() for w in head]
    # the subject's first whole mention ("A *context manager* is an object that defines the
    # runtime context…"), its last word singular or plural ("exceptions", "Exceptions are…")
    size = len(words)
    whole = [
        i + size - 1
        for i in range(len(lowered) - size + 1)
        if lowered[i : i + size - 1] == words[:-1]
        and _singular(lowered[i + size - 1]) == _singular(words[-1])
    ]
    positions = whole[:1] or [i for i, w in enumerate(lowered) if w in words]
    if not positions:
        return 0.0
    after = lowered[positions[-1] + 1 :]
    before = [w for w in lowered[: positions[-1]] if w not in _ARTICLES][-1:]
    if before and before[0] in _PREPOSITIONS and len(words) == 1:
        return 0.0  # "The logical flow of a block with a guard follows:" is not about guards
    if lowered[0] in _SUBORDINATE:  # "When X passes control…" is about the when, not X
        return 0.5 if _COPULA.search(" ".join(after[:5])) or after[:1] else 0.0
    # the verb right after the subject, or after one head noun ("the X statement causes…")
    own = {_singular(w) for w in words}  # "…object, named Ellipsis": the subject's own word
    # the whole subject, not one of its words ("The statement is…" for "future statement")
    opens = bool(whole) and all(w in _ARTICLES for w in lowered[: positions[-1] - size + 1])
    if opens and after[:1] and _is_verb(after[0]):
        return 1.5  # "A *future statement* is a directive…", "A slicing selects…": it opens so
    verbs = [_is_verb(word) and _singular(word) not in own for word in after[:2]]
    if any(verbs[:1]) or (len(verbs) > 1 and verbs[1]):
        return 1.0
    rest = " ".join(after[:5])
    return 0.5 if _COPULA.search(rest) else 0.0


# "Suspend the execution of…" under "Await expression": a bare verb describes the title's subject.
_BARE_VERB_OPENING = re.compile(
    r"^(?!(?:If|When|Whenever|While|Unless|Once|After|Before|Although|Though|Since|As|In|On|At|"
    r"For|With|By|From|Only|Then|Otherwise|Note|See|Of|To|Under)\b)"
    r"[A-Z][a-z]+(?<!s)(?<!ed)(?<!ing)\s+(?:the|a|an|its|their|all|each|any)\b"
)


def defines_under_title(subject: str, sentence: str, title: str) -> bool:
    """True when the sentence opens with a bare verb under a section title naming the subject
    ("What does the await expression do?": "Suspend the execution…" under "Await expression")."""
    wanted = content_words(subject)
    return bool(
        title
        and wanted
        and wanted <= content_words(title)
        and _BARE_VERB_OPENING.match(sentence.strip())
    )


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _is_verb(word: str) -> bool:
    """A present-tense verb of a third-person subject, as a definition opens with one."""
    if word in {"is", "are", "means", "refers", "denotes"}:
        return True
    return word.endswith("s") and len(word) > 3 and word not in _NOT_VERBS and word[-2] not in "su"


_PRONOUN_VERB = re.compile(r"^\W*(?:it|this|they)\s+(\w+)", re.IGNORECASE)


# A manual's description goes on without a subject: "Called to implement… Should return…".
_SUBJECTLESS = re.compile(r"^\W*(?:should|must|called|returns?|raises?)\s", re.IGNORECASE)


def continues_definition(sentence: str) -> bool:
    """True when the sentence goes on describing the subject of the one before ("It stops…",
    "Should return an estimated length…")."""
    match = _PRONOUN_VERB.match(sentence)
    return bool(match and _is_verb(match.group(1).lower())) or bool(_SUBJECTLESS.match(sentence))
