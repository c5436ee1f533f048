"""Whether a sentence meets the question's own constraints, beyond sharing its words.

"Who is America's envoy in Beijing?" is not answered by a sentence about China's ambassador in
Washington, "What did Xi say on Feb. 26?" not by a sentence dated Feb. 4, and "How many troops…"
not by a sentence whose only number counts meetings. Each check is general English: roles and
their owners, dates and numbers the question names, what a "how many X" counts, and names that a
"name the…" question asks for. A check that cannot tell (no role in the sentence, say) passes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.amounts import (
    counts_what_is_asked,
    gives_the_extreme,
    measures_what_is_asked,
    states_the_cost,
)
from rag.clauses import split_carried, without_older_turns
from rag.compare import names_only_as_standard
from rag.cues import ASKS_REACTION, REACTION
from rag.dates import (
    gives_new_date,
    gives_the_day,
    named_dates_present,
    numbered_things_present,
    only_a_date,
)
from rag.forms import Form, form_of
from rag.instances import names_the_kind
from rag.negation import misses_the_named_slot, only_possible
from rag.notes import VERSION_NOTE, bare_note
from rag.questions import (
    _POSSESSIVE,
    MEASURES,
    STOPWORDS,
    Expect,
    content_words,
    names,
)
from rag.roles import (
    _country,
    named_for_another_role,
    new_people,
    person_near_role,
    persons,
    roles_agree,
    speaker_and_hearer,
)
from rag.textutil import stem

# The documents' people's names, when first asked for (None: any capitalised subject may be).
PersonNames = Callable[[], frozenset[str] | None]

_NAMES_OF = re.compile(
    r"\b(?:names?\s+of|name\s+(?:the|all|any|two|three))\s+(?:the\s+)?(?:\w+\s+){0,3}?(\w+)",
    re.IGNORECASE,
)

# A news dateline standing alone: "WASHINGTON —", "LONDON, Feb. 3 (Reuters) -".
_DATELINE = re.compile(r"^\W*[A-Z][A-Z .'’-]+(?:,[^()—–-]*)?(?:\s*\([^)]*\))?\s*[—–-]+\s*$")


def names_what_is_asked(question: str, window: str, expect: Expect) -> bool:
    """ "What are the names of the officials who…" needs a name the question does not give
    ("Name the places where…" asks for places, not names)."""
    match = _NAMES_OF.search(question)
    if expect is not Expect.person or not match:
        return True
    # the phrase whose names are asked: "of China's ambassador to the United States", up to
    # a clause about someone else ("…officials who met the ambassador")
    asked = re.split(r"\b(?:who|whom|that|which|when|where)\b", question[match.start() :])[0]
    return any(
        not named_for_another_role(question, window, name, asked)
        for name in new_people(question, window)
    )


# "By what methods did China help…?", "In what ways…": a how in other words.
_ASKS_MEANS = re.compile(
    r"\W*(?:(?:by|in|through)\s+)?what\s+(?:means|methods?|ways?|tactics|steps)\b", re.I
)
_ECHO = re.compile(r"\b(how|why|whether|what)\s+(\w+(?:\s+\w+){0,3})", re.IGNORECASE)


def _echo_words(text: str) -> set[str]:  # "the", "their" are no echo
    return {stem(w) for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in STOPWORDS}


def echoes_question(question: str, window: str) -> bool:
    """The sentence only mentions the question ("they knew how China had helped Russia"): its
    "how/why" is followed by the question's own content words, so it tells neither."""
    asked = _echo_words(question)
    return any(len(_echo_words(match.group(2)) & asked) >= 2 for match in _ECHO.finditer(window))


def echo_adds(question: str, text: str) -> int:
    """How many words of its own the text's echo of the question adds, at the fewest: "how
    China had helped Russia evade some of the 2014 sanctions" adds one ("evade"); "how the
    administration tried to use intelligence and diplomacy to persuade…" tells a means."""

    asked = _echo_words(question)
    clauses = (
        re.split(r"[,;.:]", text[match.start(2) :])[0]
        for match in _ECHO.finditer(text)
        if len(_echo_words(match.group(2)) & asked) >= 2  # an echo, as echoes_question reads it
    )
    return min(
        (len(_echo_words(clause) - asked) for clause in clauses), default=len(_echo_words(text))
    )


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


# The words of a question on when something came: none of them names the thing that came.
_RELEASE_WORDS = content_words(
    "which what when version python release new first introduced introduce added add changed "
    "deprecated removed since feature syntax"
)


def note_is_about_the_subject(question: str, window: str) -> bool:
    """ "New in version 3.5." answers "When was Ellipsis added?" only under the entry on
    Ellipsis: its window (the entry it notes) holds most of what the question names."""
    subject = content_words(question) - _RELEASE_WORDS
    return len(subject & content_words(window)) * 2 > len(subject)


def unmet(
    question: str,
    window: str,
    expect: Expect,
    person_names: PersonNames | None = None,
    sentence: str | None = None,
) -> str | None:
    """Which of the question's constraints the window fails, or None when it meets them all
    (what was said is looked for in the `sentence` itself, when given, not the one before)."""
    if not named_dates_present(without_older_turns(question), window):
        return "date"
    if expect is not Expect.date and sentence and only_a_date(sentence):
        return "date"  # "Who won in 2022?" is not answered by the date line "Feb. 25, 2022"
    if expect is not Expect.place and sentence and _DATELINE.match(sentence):
        return "name"  # nor "What happened then?" by the dateline "WASHINGTON —"
    if not roles_agree(question, window, required=expect is Expect.person):
        return "role"
    own = split_carried(question)[0]  # not the earlier question a follow-up carries along
    if not counts_what_is_asked(own, window) or not measures_what_is_asked(own, window):
        return "count"
    if not gives_the_extreme(own, window):
        return "count"  # "What is the largest integer…?": no limit, superlative or number
    if form_of(own) is not Form.yesno and not states_the_cost(own, window):
        return "count"  # "What is the time complexity of popitem()?": no cost is stated
    if not names_what_is_asked(question, window, expect):
        return "name"
    if expect is not Expect.person and not names_the_kind(own, sentence or window):
        return "unnamed"  # "Which agency…?": "what U.S. intelligence agencies had detected"
    if not numbered_things_present(question, window):  # "PEP 562", "Python 3.9"
        return "name"
    if not names_someone_asked(question, window, person_names):
        return "name"
    note = VERSION_NOTE.match(sentence or "") and (expect is Expect.date or bare_note(sentence))
    if note and not note_is_about_the_subject(own, window):
        return "name"  # "New in version 3.5." under another entry
    if expect is Expect.person and not person_near_role(question, window):
        return "role"
    asks_speech = (
        _ASKS_SPEECH.search(question)
        and not _DOCUMENT_SAYS.search(question)
        and not _IN_DOCUMENT.search(question)
    )
    if asks_speech and not _SPEECH.search(sentence or window):
        return "speech"  # "What did Putin tell Xi…?" is not answered by their meeting
    known = person_names() if person_names is not None else None
    if asks_speech and sentence and someone_else_acts(own, sentence, known):
        return "speech"  # "What did Sherman tell him?" is not what "Mr. Qin… said"
    asked = subject_person(own)
    if asks_speech and asked and sentence and not speaker_and_hearer(asked, own, sentence):
        return "speech"  # "What did Wang tell Blinken?": "Blinken spoke to Mr. Wang…"
    if asks_speech and asked and not _held(asked, sentence or window):
        return "speech"  # "What did the Kremlin say…?": a sentence that never names it
    if asked and ASKS_REACTION.search(own) and not _held(asked, window):
        return "name"  # "How did Taiwan react?" is not answered by how the leaders did
    if ASKS_REACTION.search(own) and not REACTION.search(sentence or window):
        return "reaction"  # "How did NATO respond?": a sentence with no response in it
    if expect is Expect.date and not gives_new_date(question, window):
        return "date"
    if expect is Expect.date and not gives_the_day(own, sentence or window):
        return "date"  # "What date was that call?": "in December" gives a month
    if expect is Expect.date and misses_the_named_slot(own, sentence or window):
        return "date"  # "When did Blinken fly to Beijing?": a date of his talks elsewhere
    if sentence and expect is Expect.anything and names_only_as_standard(own, sentence):
        return "standard"  # "beyond those announced by the Obama administration"
    if only_possible(question, sentence or window):
        return "possible"  # asked what was done: "would impose…" is a threat
    if (
        re.match(rf"\W*(?:how|why)\b(?!\s+(?:{MEASURES}))", question, re.I)
        or _ASKS_MEANS.match(question)
    ) and (echoes_question(question, sentence or window)):
        return "echo"
    return None
