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
    named_to_define,
    split_carried,
    tagged_statement,
    without_expression_ask,
)
from rag.questions import MEASURES, content_words


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
    r"^\s*what\s+(?:reason|reasons|purpose|motive|justification|explanation|rationale)\b)",
    re.IGNORECASE,
)
_HOW = re.compile(
    rf"^\s*{_CONNECTIVE}how\b(?!\s+(?:{MEASURES}|come)\b)|"
    r"\bin\s+what\s+way|\bby\s+what\s+means\b",
    re.IGNORECASE,
)
_YESNO = re.compile(
    rf"(?:^|,\s*|;\s*){_CONNECTIVE}(?:did|does|do|is|was|were|are|has|have|had|can|could|will|"
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
# A word after "what X" showing X was a verb ("What happens when…") or one noun ("What class is").
_AFTER_VERB = frozenset(
    "when if after before to in on with the a an that this it he she they there is was".split()
)


def _is_list(text: str) -> bool:
    if _LIST.match(text):
        return True
    match = _WHICH_PLURAL.match(text)
    if not match:
        return False
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


# "What is X?", "What does X do?", "What is X used for?", "What does X mean?"
_DEFINITION = re.compile(
    r"^\s*what(?:\s+(?:exactly|precisely|really|actually))?(?:['’]s|\s+(?:is|are|does|do))\s+"
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


def defines(subject: str, sentence: str) -> float:
    """How squarely the sentence is about the subject as its grammatical subject: 1.0 when a
    verb follows it at once ("X is…", "X terminates…") or the sentence names what it describes
    X ("…; these are called *X*"), 0.5 when a copula or modal follows within a few words ("X may
    only occur…"), 0 otherwise."""
    words = [w.lower() for w in re.findall(r"[\w]+", subject)]
    if not words:
        return 0.0
    wanted = content_words(subject)
    if wanted and any(wanted <= content_words(m) for m in _NAMED_AS.findall(sentence)):
        return 1.0
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
