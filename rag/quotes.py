"""Which sentences a quote takes in besides the one chosen: those it leans on.

A sentence is quoted so that it reads alone: "“…,” she said." with the sentence naming her, a
"This is for…" with the rule it explains (for a why), "…are:" with the items it introduces.
"""

from __future__ import annotations

import re

from index.lines import LEANS_BACK
from rag.answer import Passage
from rag.beliefs import concludes_belief
from rag.cues import (
    ASKS_REMEDY,
    EXPLAINS_BEFORE,
    FOLLOWS_FROM_BEFORE,
    REMEDIES_BEFORE,
)
from rag.definitions import continues_definition, definition_subject
from rag.forms import Form, form_of
from rag.notes import VERSION_NOTE
from rag.questions import Expect, expected, offers
from rag.sentences import ScoredSentence, sentence_text

_BULLET_BEFORE = re.compile(r"\s*(?:[*\-+•‣◦]|\d{1,3}[.)])\s*")
# At most this many sentences are quoted for one introducing a list ("…are:" and its items).
LIST_ITEMS = 8
# An item's own sentences and examples between two items of a bulleted list, at most.
ITEM_GAP = 6
# "No builtin types implement this operator": a noun named only as "this X" is named before.
# "At what event…", "during which meeting…": an occasion, which "In that document…" leaves to
# the sentence before.
_ASKS_OCCASION = re.compile(
    r"\b(?:at|during|in|on)\s+(?:what|which)\s+(?:event|occasion|meeting|ceremony|summit|"
    r"conference|gathering|visit)\b",
    re.IGNORECASE,
)
# A sentence opening on what the one before named: "In that document, …", "At this meeting…".
OPENS_BACK = re.compile(
    r"^\W*(?:(?:in|at|on|from|during|after|before|by|with|under)\s+)?"
    r"(?:that|this|these|those|such)\s+[a-z]+\b(?!\s+(?:is|was|are|were)\b)",
    re.IGNORECASE,
)
# "What did the joint statement say?" asks what a text or a speech holds, which the sentences
# after the one naming it give ("In that document, the two countries declared…").
_ASKS_CONTENT = re.compile(
    r"^\W*(?:and\s+|so\s+)?what\s+(?:did|does|do|has|have|had)\b.*\b(?:say|state|declare|"
    r"contain|include|mention|announce|propose|set\s+out|lay\s+out|spell\s+out)\b",
    re.IGNORECASE,
)


# "They also pointed out…", "And they argued…", "The officials said the sanctions would also…"
ADDS_ON = re.compile(
    r"^\W*(?:and|moreover|furthermore|in\s+addition|additionally|besides)\b|"
    r"^\W*(?:[\w.’'-]+\s+){0,7}?also\b",
    re.I,
)


def opens_back(text: str) -> bool:
    """The sentence opens on what the one before named: "In that document, …", "They…"."""
    return bool(OPENS_BACK.match(text) or LEANS_BACK.match(text))


# "In either case, it prints…", "Either way…": the cases are the sentence before's.
CASES_BACK = re.compile(
    r"^\W*(?:in\s+(?:either|both|each|any\s+such|such\s+a|that|this)\s+cases?|either\s+way)\b", re.I
)
POINTS_BACK = re.compile(r"\b(?:this|these|such)\s+(?!is\b|was\b|can\b|may\b)[a-z]+\b")


# A term line of a manual's description list: "object.__index__(self)", "class.mro()".
_TERM_LINE = re.compile(r"^(?:\w+\.)*(?P<name>\w+)(?:\([^)]*\))?:?$")


# A term in code with an operator or subscript: "d[key] = value", "s[i:j] = t".
_CODE_TERM = re.compile(r"^[\w.]+\[[^\]]*\](?:\s*=\s*[\w.]+)?$|^[\w.\[\]]+\s*=\s*[\w.\[\]()]+$")


# A command's synopsis: "tbreak [([filename:]lineno | function) [, condition]]", "cl(ear) [arg]".
_SYNOPSIS = re.compile(r"^(?P<name>\w+)(?:\((?P<rest>\w+)\))?\s+\[.*\]$")


def is_term_line(line: str) -> bool:
    """True when the line is only the term of a description list ("class.__mro__", "mro()",
    "d[key] = value", a command's synopsis): it states nothing; the description under it does."""
    line = line.strip()
    if _CODE_TERM.match(line) or _SYNOPSIS.match(line):
        return True
    return bool(_TERM_LINE.match(line)) and bool(re.search(r"[.(]|__", line.rstrip(".:")))


# A line that is only an operation's signature: "classmethod fromkeys(iterable, value=None, /)",
# "d | other", "s[i] = x".
_SIGNATURE = re.compile(
    r"^\s*(?:(?:class|static)method\s+|class\s+|def\s+)?[A-Za-z_][\w.]*\s*"
    r"(?:[(\[].*[)\]](?:\s*=\s*\S+)?|[-+*/%@&|^<>=!]{1,3}\s*[A-Za-z_][\w.]*)\s*$"
)
# "How do I…?", "How can one…?", "How to…?", "What's the easiest way to…?": how to do a thing.
ASKS_INSTRUCTION = re.compile(
    r"\bhow\s+(?:do|can|could|would|should|might|may)\s+(?:i|you|we|one)\b|\bhow\s+to\b|"
    r"\bwhat(?:['’]s|\s+is)\s+the\s+(?:best\s+|right\s+|easiest\s+|simplest\s+)?way\s+to\b",
    re.IGNORECASE,
)


def is_signature(text: str) -> bool:
    """The line is only an operation's signature or a description list's term."""
    return bool(_SIGNATURE.match(text)) or is_term_line(text)


# A sentence that only leads into the code after it: "…by the following definitions:",
# "For example:", "is translated to" (a sentence ending in a colon may say much more: "A list
# display is… enclosed in square brackets:").
_LEADS_IN = re.compile(
    r"^(?:\W*\w+){0,3}\W*:$|\b(?:following(?:\s+[\w-]+){0,2}|as\s+follows|below)\s*:$|"
    r"^[a-z][^.;]{0,40}\b(?:to|as|is|are|by|like)$"
)


def introduces_code(passage: Passage, index: int) -> bool:
    """True when the sentence only leads into a code line that follows it."""
    if index + 1 not in passage.code_sentences:
        return False
    return bool(_LEADS_IN.search(sentence_text(passage, index)))


def is_term_for(subject: str, line: str) -> bool:
    """True when the line is the term a description list describes under it, and the term is
    the subject ("object.__index__(self)" for "What does __index__ do?")."""
    wanted = {w.lower() for w in re.findall(r"\w+", subject)}
    synopsis = _SYNOPSIS.match(line.strip())
    if synopsis:  # "cl(ear) [bpnumber]" is the command "cl" or "clear"
        name = synopsis.group("name")
        return bool({name, name + (synopsis.group("rest") or "")} & wanted)
    match = _TERM_LINE.match(line.strip())
    return bool(match) and match.group("name").lower() in wanted


def with_context(sentence: ScoredSentence, question: str, forward: bool = False) -> list[int]:
    """Indexes of the sentences to quote for `sentence`: it, and the ones it leans on.

    "“…,” she said." is quoted with the sentence naming her; for a "who" question, the quote
    reaches back (at most two sentences) to the sentence naming the person.
    """
    indexes = [sentence.index]
    passage = sentence.passage
    expect = expected(question)
    why = form_of(question) is Form.why
    subject = definition_subject(question)
    code = set(passage.code_sentences)
    while indexes[0] > 0 and len(indexes) < 3 and indexes[0] - 1 not in code:
        text = sentence_text(passage, indexes[0])
        needs_name = expect is Expect.person and not offers(expect, text, question)
        # "When did they declare…?": "In that document, they declared…" leaves the date to the
        # sentence it points back to
        wanted = expect in (Expect.date, Expect.place) and not offers(expect, text, question)
        wanted = wanted or _ASKS_OCCASION.search(question) is not None
        needs_name = needs_name or (wanted and OPENS_BACK.match(text) is not None)
        # "Hence, …" and "A motivation for this is…" give the reason of the sentence before
        reasoned = why and (FOLLOWS_FROM_BEFORE.match(text) or EXPLAINS_BEFORE.match(text))
        # "…, it was Mr. Xi, went the thinking of some officials": its grounds come before it
        reasoned = reasoned or (why and len(indexes) == 1 and concludes_belief(question, text))
        before = sentence_text(passage, indexes[0] - 1)
        term = bool(subject) and is_term_for(subject, before)  # "object.__index__(self)"
        # "How do I merge two dicts?": the operation ("d | other") over what it does
        term = term or (ASKS_INSTRUCTION.search(question) is not None and is_signature(before))
        note = VERSION_NOTE.match(text)  # "New in version 3.3." under the entry it notes
        # "When was the match statement added?": "New in version 3.10." opens its section
        dated = expect is Expect.date and bool(VERSION_NOTE.match(before))
        dated = dated and not offers(expect, text, question)
        leans = LEANS_BACK.match(text) or CASES_BACK.match(text)  # "In either case, it…"
        if not (needs_name or reasoned or term or note or dated or leans):
            break
        indexes.insert(0, indexes[0] - 1)
    # A quotation goes on in the next sentence ("“…,” she said."); in a list, so does a
    # sentence that leans back; a sentence ending in a colon introduces the ones after it.
    following = indexes[-1] + 1
    if following < len(passage.sentences):
        text = sentence_text(passage, following)
        # (after "…are:" the items come below, quoted or not: '* "array.array"')
        introduces = sentence_text(passage, indexes[-1]).endswith(":")
        if (text[:1] in '“"' and not introduces) or (forward and LEANS_BACK.match(text)):
            indexes.append(following)
        elif _ASKS_CONTENT.search(question) and OPENS_BACK.match(text):
            indexes.append(following)  # "…the joint statement…. In that document, they declared…"
        elif why and EXPLAINS_BEFORE.match(text):
            indexes.append(following)  # "Leading zeros are not allowed. This is for…"
        elif ASKS_REMEDY.search(question) and (remedy := remedy_after(passage, indexes[-1])):
            # "…the default value is in effect modified. This is generally not what was
            # intended. A way around this is to use None…": on to the remedy
            indexes += range(following, remedy + 1)
        elif definition_subject(question) and continues_definition(text):
            indexes.append(following)  # "X may only occur in loops. It terminates the loop."
    while (  # in a list, the account goes on in the sentences adding to it ("They also…")
        forward
        and indexes[-1] + 1 < len(passage.sentences)
        and indexes[-1] + 1 not in code
        and len(indexes) < 4
        and ADDS_ON.match(sentence_text(passage, indexes[-1] + 1))
    ):
        indexes.append(indexes[-1] + 1)
    while (
        sentence_text(passage, indexes[-1]).endswith(":")
        and indexes[-1] + 1 < len(passage.sentences)
        and indexes[-1] + 1 not in code
        and len(indexes) < 5
    ):
        indexes.append(indexes[-1] + 1)
        # "…considered false:" then its bullets: the items it introduces come with it
        if is_bullet(passage, indexes[-1]):
            indexes += later_items(passage, indexes[-1], LIST_ITEMS - len(indexes))
    return indexes


def remedy_after(passage: Passage, index: int) -> int | None:
    """The index of a remedy ("A way around this is to…", "To avoid this, …") given within
    REMEDY_REACH sentences after the one at `index`, or None."""
    for after in range(index + 1, min(index + 1 + REMEDY_REACH, len(passage.sentences))):
        if REMEDIES_BEFORE.match(sentence_text(passage, after)):
            return after
    return None


# How far after a problem its remedy may come: "…is in effect modified. This is generally not
# what was intended. A way around this is…"
REMEDY_REACH = 2


def later_items(passage: Passage, first: int, room: int) -> list[int]:
    """The opening sentence of each further item of the bulleted list whose item opens at
    `first`, past an item's later sentences and examples ("* Comparison should be symmetric.
    In other words, …" then its example lines), until no item follows for ITEM_GAP sentences."""
    found: list[int] = []
    gap, index = 0, first + 1
    while index < len(passage.sentences) and len(found) < room and gap < ITEM_GAP:
        if is_bullet(passage, index):
            found.append(index)
            gap = 0
        else:
            gap += 1
        index += 1
    return found


def is_bullet(passage: Passage, index: int) -> bool:
    """True when the sentence is an item of a bulleted or numbered list in the passage."""
    start = passage.sentences[index][0]
    line = passage.text[passage.text.rfind("\n", 0, start) + 1 : start]
    return bool(_BULLET_BEFORE.fullmatch(line))
