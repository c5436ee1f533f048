"""Whether a sentence meets the question's own constraints, beyond sharing its words.

"Who is America's envoy in Beijing?" is not answered by a sentence about China's ambassador in
Washington, "What did Xi say on Feb. 26?" not by a sentence dated Feb. 4, and "How many troops…"
not by a sentence whose only number counts meetings. Each check is general English: roles and
their owners, dates and numbers the question names, what a "how many X" counts, and names that a
"name the…" question asks for. A check that cannot tell (no role in the sentence, say) passes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rag.amounts import (
    counts_what_is_asked,
    gives_the_extreme,
    measures_what_is_asked,
    states_the_cost,
)
from rag.antecedents import stands_for_someone
from rag.clauses import split_carried, without_older_turns
from rag.compare import names_only_as_standard
from rag.countries import country
from rag.dates import (
    dated_otherwise,
    gives_new_date,
    gives_the_day,
    named_dates_present,
    numbered_things_present,
    only_a_date,
)
from rag.deeds import only_possible
from rag.forms import Form, form_of
from rag.instances import names_one_unasked, names_the_kind
from rag.negation import misses_the_named_slot
from rag.notes import VERSION_NOTE, bare_note
from rag.questions import (
    MEASURES,
    STOPWORDS,
    Expect,
    content_words,
)
from rag.roles import (
    _country,
    _tokens,
    named_for_another_role,
    new_people,
    person_near_role,
    role_group,
    roles_agree,
)
from rag.speech import PersonNames, names_someone_asked, names_the_occasion, speech_problem
from rag.textutil import stem

_NAMES_OF = re.compile(
    r"\b(?:names?\s+of|name\s+(?:the|all|any|two|three))\s+(?:the\s+)?(?:\w+\s+){0,3}?(\w+)",
    re.IGNORECASE,
)

# A news dateline standing alone: "WASHINGTON —", "LONDON, Feb. 3 (Reuters) -".
_DATELINE = re.compile(r"^\W*[A-Z][A-Z .'’-]+(?:,[^()—–-]*)?(?:\s*\([^)]*\))?\s*[—–-]+\s*$")


def names_what_is_asked(question: str, window: str, expect: Expect) -> bool:
    """ "What are the names of the officials who…" needs a name the question does not give, or
    a "him" for one ("Name the places where…" asks for places, not names)."""
    match = _NAMES_OF.search(question)
    if expect is not Expect.person or not match:
        return True
    # whose names are asked: "of China's ambassador…", up to a clause on another ("…who met…")
    asked = re.split(r"\b(?:who|whom|that|which|when|where)\b", question[match.start() :])[0]
    return any(
        not named_for_another_role(question, window, name, asked)
        for name in new_people(question, window)
    ) or stands_for_someone(window)  # "…had a call with him": named before


# "By what methods did China help…?", "In what ways…": a how in other words.
ASKS_MEANS = re.compile(
    r"\W*(?:(?:by|in|through)\s+)?what\s+(?:means|methods?|ways?|tactics|steps)\b|"
    # "What exactly did China do to help Russia…?" asks how it helped
    r"\W*what\s+(?:exactly\s+)?(?:did|does|do|has|have|had)\s+(?:[\w.’'-]+\s+){1,4}?do\s+to\s",
    re.I,
)
_ECHO = re.compile(r"\b(how|why|whether|what)\s+(\w+(?:\s+\w+){0,3})", re.IGNORECASE)


def _echo_words(text: str) -> set[str]:  # "the", "their" are no echo
    # a country is one word however named: "Beijing" echoes "China"
    return {
        country(w) or stem(w) for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in STOPWORDS
    }


def echoes_question(question: str, window: str) -> bool:
    """The sentence only mentions the question ("they knew how China had helped Russia"): its
    "how/why" is followed by the question's own content words, so it tells neither."""
    asked = _echo_words(question)
    return any(len(_echo_words(match.group(2)) & asked) >= 2 for match in _ECHO.finditer(window))


# An echo adds at most this many words of its own: it tells nothing more.
ECHO_ADDS = 2


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


# The words of a question on when something came: none of them names the thing that came.
_RELEASE_WORDS = content_words(
    "which what when version python release new first introduced introduce added add changed "
    "deprecated removed since feature syntax exist exists available supported"
)


def note_is_about_the_subject(question: str, window: str, note: str = "") -> bool:
    """ "New in version 3.5." answers "When was Ellipsis added?" only under the entry on
    Ellipsis: its window (the entry it notes) holds most of what the question names."""
    subject = content_words(question) - _RELEASE_WORDS
    # a note that says what changed ("Changed in version 3.7: "await" and "async" are now
    # keywords") speaks for itself: a third of the subject in it will do
    share = 3 if note and not bare_note(note) else 2
    rest = content_words(window) - content_words(note)
    if note and bare_note(note) and rest and rest <= subject:
        return True  # "Coroutines / New in version 3.5.": a section named by the question alone
    return len(subject & content_words(window)) * share > len(subject)


# "Who at State phoned the ambassador?", "Who from the Pentagon…": the askee's affiliation.
_AFFILIATION = re.compile(r"^\W*who\s+(?:at|from)\s+(?:the\s+)?([a-z][\w.-]*)", re.I)
_NO_AFFILIATION = content_words("all least most first last once times length")


_DEEDS = frozenset("met meet spoke speak told tell saw see called call visited visit".split())


def acts_on_role(question: str) -> bool:
    """ "Who phoned the ambassador?": the role is the one acted on, not who is asked for (as in
    "Who is the ambassador?"), so no name need stand next to it."""
    tokens = _tokens(question)
    for i, token in enumerate(tokens):
        if role_group(token) is not None:
            return any(t in _DEEDS or (len(t) > 4 and t.endswith("ed")) for t in tokens[1:i])
    return False


_RANKS = frozenset("deputy vice assistant acting former under associate".split())


@lru_cache(maxsize=1024)
def _unranked_roles(question: str) -> frozenset[int]:
    """The roles a question asks of without a rank (none when it gives a rank anywhere)."""
    asked = _tokens(question)
    if _RANKS & set(asked):
        return frozenset()
    groups = {role_group(t) for i, t in enumerate(asked) if not (i and asked[i - 1] in _RANKS)}
    return frozenset(groups - {None})


def rank_agrees(question: str, window: str) -> bool:
    """False when the question asks of a role without a rank ("the secretary of state") and the
    window gives that role only with one ("the deputy secretary of state"): another office."""
    groups = _unranked_roles(question)
    if not groups:
        return True
    tokens = _tokens(window)
    for group in groups:
        found = [i for i, t in enumerate(tokens) if role_group(t) == group]
        if found and all(i and tokens[i - 1] in _RANKS for i in found):
            return False
    return True


# A name in code with its module or type: "importlib.reload", "str.join" (not "U.S.").
_DOTTED = re.compile(r"(?<![\w.])[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*\.([a-z_][a-z0-9_]+)\b")


def names_the_code_asked(question: str, window: str) -> bool:
    """False when the question asks of a dotted name in code and the window never names its
    attribute: "What does importlib.reload do?" is not told by a sentence on import_module()
    ("list.append" is told by one on "s.append(x)", "deque.rotate()" by "Rotating takes…")."""
    asked = [stem(match.group(1)) for match in _DOTTED.finditer(question)]
    if not asked:
        return True
    held = {stem(word) for word in re.findall(r"[a-z0-9_]+", window.lower())}
    return all(attribute in held for attribute in asked)


def names_the_affiliation(question: str, window: str) -> bool:
    """False when the question asks who at (or from) a place or body and the window never
    names it ("…the deputy secretary of state" is at State; "White House officials" are not)."""
    asked = _AFFILIATION.match(question)
    wanted = content_words(asked.group(1)) - _NO_AFFILIATION if asked else set()
    if not wanted:
        return True
    tokens = re.findall(r"[\w.’']+", window)
    held = content_words(window) | {c for c in map(_country, tokens) if c}
    return bool(wanted & held) or any(_country(w) in held for w in wanted)


_THEN = re.compile(
    r"\b(?:then|that\s+(?:day|week|month|year|time)|at\s+the\s+time|on\s+that\s+\w+)\b|"
    r"\b(?:when|what\s+day|what\s+date)\b",
    re.IGNORECASE,
)


def unmet(
    question: str,
    window: str,
    expect: Expect,
    person_names: PersonNames | None = None,
    sentence: str | None = None,
) -> str | None:
    """Which of the question's constraints the window fails, or None when it meets them all
    (what was said is looked for in the `sentence` itself, when given, not the one before)."""
    # a follow-up about a thing the turn before dated ("did it take a side on NATO as well?"
    # after "…the Feb. 4 joint statement…") is not dated by it, unless it asks of that time
    own, carried = split_carried(question)
    dated = without_older_turns(question) if not carried or _THEN.search(own) else own
    if not named_dates_present(dated, window) and not (
        form_of(own) is Form.yesno and dated_otherwise(dated, window)
    ):
        return "date"  # (a yes/no dated wrong is a No: "Was the summit in December?")
    if expect is not Expect.date and sentence and only_a_date(sentence):
        return "date"  # "Who won in 2022?" is not answered by the date line "Feb. 25, 2022"
    if expect is not Expect.place and sentence and _DATELINE.match(sentence):
        return "name"  # nor "What happened then?" by the dateline "WASHINGTON —"
    if not roles_agree(question, window, required=expect is Expect.person):
        return "role"
    if not rank_agrees(question, window):
        return "role"  # "Who is the secretary of state?": "the deputy secretary of state"
    if not names_the_affiliation(split_carried(question)[0], window):
        return "role"  # "Who at State phoned him?": "White House officials met with him"
    own = split_carried(question)[0]  # not the earlier question a follow-up carries along
    if not counts_what_is_asked(own, window) or not measures_what_is_asked(own, window):
        return "count"
    if not gives_the_extreme(own, window):
        return "count"  # "What is the largest integer…?": no limit, superlative or number
    if form_of(own) is not Form.yesno and not states_the_cost(own, window):
        return "count"  # "What is the time complexity of popitem()?": no cost is stated
    if not names_what_is_asked(question, window, expect):
        return "name"
    if not names_the_code_asked(own, window):
        return "name"  # "What does importlib.reload do?": a sentence on import_module()
    if expect is not Expect.person and not names_the_kind(own, sentence or window):
        return "unnamed"  # "Which agency…?": "what U.S. intelligence agencies had detected"
    if expect is not Expect.person and not names_one_unasked(own, window):
        return "unnamed"  # "Which Chinese banks helped Russia…?": "…how China had helped Russia…"
    if not numbered_things_present(question, window):  # "PEP 562", "Python 3.9"
        return "name"
    if not names_someone_asked(question, window, person_names):
        return "name"
    if form_of(own) is not Form.yesno and not names_the_occasion(own, window, person_names):
        return "name"  # "How did Wang respond when Blinken raised it?": Wang at Munich
    note = VERSION_NOTE.match(sentence or "") and (expect is Expect.date or bare_note(sentence))
    if note and not note_is_about_the_subject(own, window, sentence or ""):
        return "name"  # "New in version 3.5." under another entry
    if expect is Expect.person and not acts_on_role(own) and not person_near_role(question, window):
        return "role"
    known = person_names() if person_names is not None else None
    problem = speech_problem(question, own, window, sentence, known)
    if problem:
        return problem  # "What did Putin tell Xi…?" is not answered by their meeting
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
        (
            re.match(rf"\W*(?:how|why)\b(?!\s+(?:{MEASURES}))", question, re.I)
            or ASKS_MEANS.match(question)
        )
        and echoes_question(question, sentence or window)
        # (not one telling a means in it: "…show how the administration tried to use
        # intelligence findings and diplomacy to persuade…")
        and echo_adds(question, sentence or window) <= ECHO_ADDS
    ):
        return "echo"
    return None
