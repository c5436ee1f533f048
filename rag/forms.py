"""The form of a question (why, how, yes/no, list) and what a sentence must show to answer it.

A "why" question is answered by the sentence that gives a reason or purpose, not by one that
only repeats the question's words; a yes/no question gets "Yes" or "No" only when the quoted
sentence settles it; a list question ("which officials…") gathers items from several sentences.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from rag.clauses import asked_clause
from rag.questions import MEASURES, content_words


class Form(StrEnum):
    why = "why"
    how = "how"
    yesno = "yesno"
    list = "list"
    other = "other"


_WHY = re.compile(
    r"^\s*(?:and\s+|so\s+|but\s+)?(?:why|how\s+come)\b|"
    r"\b(?:for\s+what\s+(?:reason|purpose)|what(?:['’]s|\s+(?:was|is|were|are))\s+(?:the|their|his|her|its)\s+"
    r"(?:\w+\s+)?(?:purpose|reason|reasons|goal|goals|aim|aims|motive|motives|motivation|point|"
    r"rationale|objective|intent|intention)|what\s+(?:led|prompted|drove|motivated|caused)\b|"
    r"\bwhat\s+did\s+\w+(?:\s+\w+)?\s+hope\s+to\b|\bin\s+hopes?\s+of\s+what\b|"
    r"^\s*what\s+(?:reason|reasons|purpose|motive|justification|explanation|rationale)\b)",
    re.IGNORECASE,
)
_HOW = re.compile(
    rf"^\s*(?:and\s+|so\s+|but\s+)?how\b(?!\s+(?:{MEASURES}|come)\b)|"
    r"\bin\s+what\s+way|\bby\s+what\s+means\b",
    re.IGNORECASE,
)
_YESNO = re.compile(
    r"(?:^|,\s*|;\s*)(?:and\s+|so\s+|but\s+)?(?:did|does|do|is|was|were|are|has|have|had|can|could|will|"
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
# "Which officials met…", "What countries are…": which/what, then a plural noun, then a verb.
_WHICH_PLURAL = re.compile(
    r"^\s*(?:which|what)\s+(?:other\s+|two\s+|three\s+|several\s+|"
    r"(?:(?-i:[A-Z])[\w.-]*\s+){2,3}|[\w.-]+\s+)??"  # "Which White House officials…"
    r"([a-z]+s|people|men|women|children)\s+(\w+)",
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
    return noun not in _NOT_PLURAL and following not in _AFTER_VERB


# Nouns that only say a question asks why ("What was the aim of…"): the form's own words, not
# what the answer must hold.
_PURPOSE_NOUNS = re.compile(
    r"\b(?:purpose|reasons?|goals?|aims?|motives?|motivation|rationale|objectives?|intent|"
    r"intention|justification|explanation)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def without_form_words(question: str) -> str:
    """The question without the words that only ask for a reason, for a why-question."""
    if form_of(question) is not Form.why:
        return question
    return _PURPOSE_NOUNS.sub(" ", question)


@lru_cache(maxsize=4096)
def form_of(question: str) -> Form:
    """The question's form; `other` for plain look-ups (who, when, what…)."""
    text = asked_clause(question)
    if _WHY.search(text):
        return Form.why
    if (_YESNO.match(text) or (_YESNO.search(text) and not _WH_START.match(text))) and not (
        _CHOICE.search(text)
    ):
        return Form.yesno
    if _is_list(text):
        return Form.list
    if _HOW.search(text):
        return Form.how
    return Form.other


# Words that carry a reason or purpose.
REASON = re.compile(
    r"\b(?:in\s+hopes?\s+(?:that|of)|hop(?:e|ed|ing)\s+(?:that|to)|because|since|so\s+that|"
    r"in\s+order\s+to|so\s+as\s+to|aim(?:ed|ing|s)?\s+(?:to|at)|sought\s+to|seek(?:ing|s)?\s+to|"
    r"tr(?:y|ied|ying)\s+to\s+(?:persuade|convince|get|stop|prevent|deter)|to\s+persuade|"
    r"to\s+convince|to\s+prevent|to\s+deter|to\s+stop|to\s+avoid|to\s+ensure|to\s+help|"
    r"purpose|reason|goal|intend(?:ed|s)?\s+to|intention|meant\s+to|designed\s+to|"
    r"due\s+to|owing\s+to|as\s+a\s+result|for\s+fear|fear(?:ed|ing|s)?\s+(?:that|of)|"
    r"concern(?:ed)?\s+(?:that|about)|worr(?:y|ied|ies)\s+(?:that|about)|"
    r"motivat\w+|in\s+an\s+(?:effort|attempt)\s+to|so\s+(?:it|they|he|she|we)\s+(?:can|could)|"
    r"to\s+(?:make|keep|show|win|gain|protect|defend|build|isolate|weaken|pressure)|"
    r"(?:is|are|was|were)\s+used\s+(?:to|for)|useful\s+(?:as|for|when)|needed\s+(?:to|for|when)|"
    r"allow(?:s|ed)?\s+\w+\s+to|lets?\s+\w+|which\s+means|this\s+means)\b",
    re.IGNORECASE,
)
# Words that carry a means or manner ("by presenting", "through diplomacy").
MEANS = re.compile(
    r"\b(?:by\s+\w+ing|through|using|via|with\s+the\s+help|by\s+means|as\s+if|"
    r"in\s+the\s+same\s+way|(?:is|are)\s+equivalent\s+to)\b|"
    # an instruction: "To create a complex number with a real part, add a float to it."
    r"^\W*to\s+\w+[^.;]{0,100}?,\s+(?:use|add|call|pass|write|set|define|put|specify|give|"
    r"prefix|wrap|import|create|make|run|type|append|insert|declare|assign|raise|return)\b",
    re.IGNORECASE,
)
# Words of a procedure or condition: a sentence with them may tell how, without saying so.
STEPS = re.compile(
    r"\b(?:in\s+which|(?:is|are|was|were)\s+(?:done|made|written|evaluated|executed|raised|used)|"
    r"first|then|if|until|each\s+time|repeatedly)\b",
    re.IGNORECASE,
)
# "How did X respond (react, reply) to Y?" asks for a reaction, not a means.
ASKS_REACTION = re.compile(
    r"\bhow\b.*\b(?:respond|react|repl(?:y|ied)|answer|receiv|take|took|greet)", re.IGNORECASE
)
# "How does X describe (see, portray) Y?" asks for X's words, not a means.
ASKS_DESCRIPTION = re.compile(
    r"\bhow\b.*\b(?:describ|characteri[sz]|portray|depict|see|saw|view|regard|judg|assess)",
    re.IGNORECASE,
)
SAYS = re.compile(r"[“\"]|\b(?:said|says|told|tells|argued|argues|wrote|writes|called)\b")
# Words that carry a reaction: a refusal, a rebuttal, a doubt, an agreement.
REACTION = re.compile(
    r"\b(?:rebuff|reject|dismiss|refus|declin|respond|react|repl(?:y|ied)|retort|counter|"
    r"insist|den(?:y|ied)|accus|blam|welcom|prais|critici|condemn|skeptic|sceptic|suspicio|"
    r"agree|ignor|brush|rebutt|protest|object)\w*",
    re.IGNORECASE,
)


# A sentence that gives the reason for the one before it: "This is for disambiguation with…",
# "A motivation for this default behavior is…", "This behavior is compliant with IEEE 754."
EXPLAINS_BEFORE = re.compile(
    r"^\W*(?:(?:this|that|it)(?:\s+\w+)?\s+(?:is|was)\s+(?:(?:partly|mainly|largely|done|so)\s+)?"
    r"(?:because|for|so|to|due|in\s+order|why|needed|necessary|required|compliant|consistent|"
    r"intended|meant|designed)\b|"
    r"(?:the|a|one|another)\s+(?:\w+\s+)?(?:motivation|reason|rationale|purpose|justification)"
    r"\s+(?:for|behind|of)\s+(?:this|that|these|it)\b)",
    re.IGNORECASE,
)
# A sentence whose reason is the one before it: "Hence, …", "For this reason, …".
FOLLOWS_FROM_BEFORE = re.compile(
    r"^\W*(?:hence|therefore|thus|consequently|as\s+a\s+(?:result|consequence)|"
    r"for\s+(?:this|that|these)\s+reasons?|that\s+is\s+why|this\s+is\s+why)\b",
    re.IGNORECASE,
)


def form_strength(form: Form, text: str, question: str = "") -> int:
    """1 when the text has what the form asks for (a reason for why, a means or manner for
    how, a reaction for "how did they respond"), 0 when it may (steps or a condition, for how),
    -1 when it has not."""
    if form is Form.how and ASKS_REACTION.search(question):
        return 1 if REACTION.search(text) else -1
    if form is Form.how and ASKS_DESCRIPTION.search(question):
        return 1 if SAYS.search(text) else 0  # "How does Medeiros describe…": his words
    if form is Form.how and not (MEANS.search(text) or REASON.search(text)):
        return 0 if STEPS.search(text) else -1
    return 1 if offers_form(form, text) else -1


def offers_form(form: Form, text: str) -> bool:
    """True when the text has what the form asks for (a reason for why, a means for how)."""
    match form:
        case Form.why:
            return bool(REASON.search(text))
        case Form.how:
            return bool(MEANS.search(text) or REASON.search(text) or STEPS.search(text))
        case _:
            return True


# "What is X?", "What does X do?", "What is X used for?", "What does X mean?"
_DEFINITION = re.compile(
    r"^\s*what(?:['’]s|\s+(?:is|are|does|do))\s+(?:an?\s+|the\s+)?(?P<subject>.+?)"
    r"(?:\s+(?:do|does|mean|means|used\s+for|for|stand\s+for))?\s*[?.!]*\s*$",
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
    match = _DEFINITION.match(asked_clause(question))
    if not match:
        return None
    subject = match.group("subject").strip(" \"'“”")
    return subject if 0 < len(subject.split()) <= 6 else None


_SUBORDINATE = frozenset(
    "when whenever if while after before although though unless since because as once".split()
)
_NOT_VERBS = frozenset("this its is was has does us as thus plus".split())


def defines(subject: str, sentence: str) -> float:
    """How squarely the sentence is about the subject as its grammatical subject: 1.0 when a
    verb follows it at once ("X is…", "X terminates…"), 0.5 when a copula or modal follows
    within a few words ("X may only occur…"), 0 otherwise."""
    words = [w.lower() for w in re.findall(r"[\w]+", subject)]
    if not words:
        return 0.0
    head = re.findall(r"[\w]+", sentence)[:12]
    lowered = [w.lower() for w in head]
    positions = [i for i, w in enumerate(lowered) if w in words]
    if not positions:
        return 0.0
    after = lowered[positions[-1] + 1 :]
    if lowered[0] in _SUBORDINATE:  # "When X passes control…" is about the when, not X
        return 0.5 if _COPULA.search(" ".join(after[:5])) or after[:1] else 0.0
    # the verb right after the subject, or after one head noun ("the X statement causes…")
    if any(_is_verb(word) for word in after[:1]) or (len(after) > 1 and _is_verb(after[1])):
        return 1.0
    rest = " ".join(after[:5])
    return 0.5 if _COPULA.search(rest) else 0.0


# "Suspend the execution of…" under the title "Await expression": a manual describes the
# subject its title names with a bare verb.
_BARE_VERB_OPENING = re.compile(
    r"^[A-Z][a-z]+(?<!s)(?<!ed)(?<!ing)\s+(?:the|a|an|its|their|all|each|any)\b"
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
