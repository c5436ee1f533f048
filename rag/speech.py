"""What someone said or how they reacted: the sentence must give speech (or a reaction), by the
person asked about, not by someone else, nor only the meeting where it was said."""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.cues import ASKS_REACTION, REACTION
from rag.questions import _POSSESSIVE, names
from rag.roles import _country, persons, speaker_and_hearer

# The documents' people's names, when first asked for (None: any capitalised subject may be).
PersonNames = Callable[[], frozenset[str] | None]

# The subject of a question: the words after its first auxiliary ("What did [Xi tell] Putin").
_SUBJECT = re.compile(
    r"^\W*(?:\w+(?:\s+\w+)?\s+)?(?:did|does|do|is|was|were|are|has|have|had|will|would|can|could)"
    r"\s+(?:the\s+)?((?:[\w.’'-]+\s+){0,3}[\w.’'-]+)",
    re.IGNORECASE,
)
# The capitalised words the subject starts with: the person who acts ("Xi" in "Xi tell Putin").
_FIRST_NAME = re.compile(r"(?:(?:Mr|Ms|Mrs|Dr)\.\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*")
_TITLES = frozenset({"mr", "ms", "mrs", "dr"})
_PRONOUN_SUBJECT = re.compile(r"(?:^|[.!?:]\s+)\W*(?:he|she)\b", re.IGNORECASE)


def subject_person(question: str) -> set[str]:
    """The words of the name the question's subject is ("What did Evan Medeiros say…?" →
    {"evan", "medeiros"}), or an empty set."""
    subject = _SUBJECT.search(question)
    named = _FIRST_NAME.match(subject.group(1)) if subject else None
    if not named or _POSSESSIVE.search(named.group(0)):
        return set()  # "Hua's news conference", "China's reputation": a thing, not its owner
    return names(named.group(0)) - _TITLES


def _held(asked: set[str], window: str) -> bool:
    """The window names the asked subject or speaks of someone as "he/she"."""
    held = {w.strip(".,;:”’\"'") for w in window.lower().split()}
    countries = {_country(w) for w in held} - {None}  # "the Chinese officials" are China's
    return bool(asked & held or {_country(w) for w in asked} & countries) or bool(
        _PRONOUN_SUBJECT.search(window)
    )


_QUOTE_SPEAKER = re.compile(r"[”\"],?\s+(?:said|says|wrote|added)\s+([^;”“]{2,80})")
# "Mr. Qin was skeptical and suspicious, an American official said.": whose account it is
_TRAILING_SAYER = re.compile(
    r",\s+((?:an?|the|one|some|two|three|several|other|senior)\s+[^,;“”\"]{2,60}?)\s+"
    r"(?:said|say|says|added|noted|recalled)\W*$",
    re.IGNORECASE,
)


def someone_else_acts(question: str, sentence: str, known: frozenset[str] | None = None) -> bool:
    """The sentence names people (of those the documents name, when known), and not the person
    the question asks about, nor a "he/she" who may be them: what they said is another's."""
    asked = subject_person(question)
    named = {w for name in persons(sentence) for w in name.replace(".", " ").split()}
    named = named & known if known is not None else named
    quoted = _QUOTE_SPEAKER.search(sentence)  # "“…,” said a State Department summary"
    if quoted and not re.match(r"(?:he|she|they)\b", quoted.group(1), re.I):
        named |= set(re.findall(r"[a-z]+", quoted.group(1).lower())) or {"someone"}
    return bool(asked and named) and not (asked & named) and not _PRONOUN_SUBJECT.search(sentence)


def names_someone_asked(
    question: str, window: str, person_names: PersonNames | None = None
) -> bool:
    """A question whose subject is a named person ("What did Xi tell Putin…?") is answered by
    a window that names them, or speaks of someone as "he/she" (named further back). People
    named elsewhere in the question ("…on the day Hua spoke?") only place it in time."""
    asked = subject_person(question)
    if not asked:
        return True
    known = person_names() if person_names is not None else None
    if known is not None and not asked & known:
        return True  # "How does Python decide…": the documents name no person "Python"
    # "Ms. Hua's remarks stunned…" speaks of her words; "Hua said…" gives them
    held = {w.strip(".,;:”’\"'") for w in window.lower().split()}
    if asked & held:
        return True
    # "she" may be the person asked about, named further back, unless the window names
    # someone else ("She has refused… Ms. Hua's remarks…" is about Hua)
    return bool(_PRONOUN_SUBJECT.search(window)) and not persons(window)


# The occasion a question places its deed at: "…respond when Blinken raised it with him?"
_OCCASION = re.compile(r"\S\s+(?:when|while|after|once|as\s+soon\s+as)\s+(.+)", re.IGNORECASE)


def names_the_occasion(question: str, window: str, person_names: PersonNames | None) -> bool:
    """ "How did Wang respond when Blinken raised Ukraine with him?": the occasion is Blinken's,
    and a window naming none of the people of the occasion tells of another one."""
    match = _OCCASION.search(question)
    known = person_names() if match and person_names is not None else None
    if not known:
        return True
    wanted = names(match.group(1)) & known
    held = {w.strip(".,;:”’\"'") for w in window.lower().split()}
    return not wanted or bool(wanted & held)


# "What did X say/tell/warn…?" asks for what was said: a window without a word of speech or a
# quotation does not give it.
_ASKS_SPEECH = re.compile(
    r"^\W*(?:and\s+)?what\s+(?:exactly\s+|precisely\s+)?(?:did|does|do|has|have|had|will|would)\s+(?:\S+\s+){1,5}?"
    r"(?:say|tell|claim|argue|warn|write|announce|declare|state|reply|answer|add|promise)"
    r"(?:ing)?\b",  # "What did he keep saying…?"
    re.IGNORECASE,
)
# "What did the joint statement say about NATO?": what a document says is its content.
_DOCUMENT_SAYS = re.compile(
    r"\b(?:statement|report|document|text|summary|article|letter|paper|study|law|treaty|"
    r"agreement|declaration|communiqu[eé]|memo|book|manual|guide|section|page|documentation|"
    r"docs?|story|piece)s?\s+(?:say|tell|claim|argue|warn|state|add)\b",
    re.IGNORECASE,
)
# "What did they declare in their joint statement?": what a document holds, not speech.
_IN_DOCUMENT = re.compile(
    r"\b(?:in|by|through|with)\s+(?:the|their|its|his|her|a|an|that|this)\s+(?:[\w.-]+\s+){0,3}"
    r"(?:statement|report|document|declaration|treaty|letter|communiqu[eé]|memo|agreement|"
    r"text|paper|summary)s?\b",
    re.IGNORECASE,
)
_SPEECH = re.compile(
    r"[“\"]|\b(?:said|says|say|told|tell|tells|warn\w*|argu\w*|claim\w*|add(?:ed|s)|declar\w*|"
    r"stated|announc\w*|wrote|writes|ask(?:ed|s)|repl(?:ied|ies)|answer\w*|"
    r"suggest\w*|call(?:ed|s)|urg\w*|accus\w*|insist\w*|according\s+to|remarks?|summary|"
    r"promis\w*|criticiz\w*|criticis\w*|blam\w*|den(?:y|ied|ies)|acknowledg\w*|agreed|"
    r"express\w*|underscor\w*|pointed\s+out|heard|language|message|rebuff\w*|skeptic\w*|"
    r"confront\w*|inform\w*|brief\w*|present(?:ed|s|ing))\b",
    re.IGNORECASE,
)


_OPENS_WITH_PRONOUN = re.compile(r"\W*(?:they|he|she|it|this|that|these|those)\b", re.I)


def speech_problem(
    question: str, own: str, window: str, sentence: str | None, known: frozenset[str] | None
) -> str | None:
    """ "speech" when the question asks what someone said and the sentence does not give it
    (or gives another's words), "name" or "reaction" when it asks how someone reacted and the
    sentence is not about them or tells no reaction; None when it meets them (`own`: the
    question without the earlier turn a follow-up carries)."""
    asks_speech = (
        _ASKS_SPEECH.search(question)
        and not _DOCUMENT_SAYS.search(question)
        and not _IN_DOCUMENT.search(question)
    )
    if asks_speech and not _SPEECH.search(sentence or window):
        return "speech"  # "What did Putin tell Xi…?" is not answered by their meeting
    if asks_speech and sentence and someone_else_acts(own, sentence, known):
        return "speech"  # "What did Sherman tell him?" is not what "Mr. Qin… said"
    asked = subject_person(own)
    sayer = _TRAILING_SAYER.search(sentence or "")
    if asks_speech and asked and sayer and not asked & set(sayer.group(1).lower().split()):
        return "speech"  # "Mr. Qin was skeptical…, an American official said": not Qin's words
    if asks_speech and asked and sentence and not speaker_and_hearer(asked, own, sentence):
        return "speech"  # "What did Wang tell Blinken?": "Blinken spoke to Mr. Wang…"
    if asks_speech and asked and not _held(asked, sentence or window):
        return "speech"  # "What did the Kremlin say…?": a sentence that never names it
    # who reacted is in the sentence itself, unless it opens with "they/he/she…" (then before)
    told = window if not sentence or _OPENS_WITH_PRONOUN.match(sentence) else sentence
    if asked and ASKS_REACTION.search(own) and not _held(asked, told):
        return "name"  # "How did Taiwan react?" is not answered by how the leaders did
    if ASKS_REACTION.search(own) and not REACTION.search(sentence or window):
        # "How did Beijing react after the exchange?": "After one exchange, … Beijing had
        # shared the information with Moscow" tells what they did next, in deeds
        followed = asked and _held(asked, told) and _AFTERWARDS.search(sentence or window)
        return None if followed else "reaction"  # "How did NATO respond?": no response
    return None


# A deed told as what came next: "After the talks, …", "…, then…", "in response", "in turn".
_AFTERWARDS = re.compile(
    r"^\W*(?:after|following)\b|\b(?:in\s+(?:response|reply|turn)|afterwards?|then)\b", re.I
)


# "What warnings and arguments did they put to him?": a list of things said.
ASKS_SAID_ITEMS = re.compile(
    r"\b(?:warnings?|arguments?|points|messages?|demands?|requests?|claims?|promises?|threats?|"
    r"assurances?|appeals?|pleas?)\b",
    re.IGNORECASE,
)
# A sentence that reports something said: "told the ambassador that…", "pointed out…" (not a
# closing "…, an official said.", which only names the source).
REPORTS_SAYING = re.compile(
    r"\b(?:told|tells|argued|argues|warned|warns|pointed\s+out|urged|urges|insisted|demanded|"
    r"asked|promised|threatened|cautioned|stressed|noted|(?:said|says)(?!\W*$))\b",
    re.IGNORECASE,
)
