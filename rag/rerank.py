"""Re-ranking the scored sentences for what the question's form asks.

A "why" prefers the sentence that gives a reason ("in hopes that…", "because…"), a "how" one
that gives a means, "What is X?" the sentence whose subject is X, "What is X for?" the one that
gives its use, and "What warnings did they give?" the sentences that report what was said. A
sentence gets a bonus for what it has and loses as much for what it lacks; the order then
decides what rag/selection.py quotes.
"""

from __future__ import annotations

import re
from typing import Protocol

from rag.beliefs import concludes_belief
from rag.clauses import split_carried
from rag.conditions import condition_strength, gives_the_default, persists
from rag.cues import (
    ASKS_PURPOSE,
    EXPLAINS_BEFORE,
    FOLLOWS_FROM_BEFORE,
    OUTCOME,
    PURPOSE,
    REASON,
    asks_outcome,
    form_strength,
    reason_anchored,
)
from rag.definitions import (
    continues_definition,
    defines,
    defines_under_title,
    definition_subject,
)
from rag.forms import Form, without_form_words
from rag.lists import enumerates, items_asked, items_listed
from rag.manner import favour_the_act, favour_the_many, favour_the_only, favour_the_same_lack
from rag.notes import favour_new_notes
from rag.operations import offers_operation, remedied
from rag.questions import Expect, content_words, expected
from rag.quotes import introduces_code, is_term_for, is_term_line
from rag.sentences import asks_code, sentence_text
from rag.speech import ASKS_SAID_ITEMS, REPORTS_SAYING

# Added to a sentence that has what the form asks for (a reason for "why"), taken from one that
# does not. 0.12 both ways on the dev split: the article's why/how as with 0.08/-0.04, pydoc's
# why 2/4 instead of 1/4.
FORM_BONUS = 0.12
DEFINITION_BONUS = 0.08
LIST_BONUS = 0.06
CONDITION_BONUS = 0.06
# The share of FORM_BONUS a why's reason earns when nothing outside its clause is asked about.
ANCHORLESS = 0.5
# A "See also" entry ("**PEP 343** - The “with” statement The specification…") names another
# document: for "what is X" it loses this many definition bonuses.
REFERENCE_ENTRY = re.compile(r"^\W*\*\*[^*]{1,40}\*\*\s+[-–—]\s")
# What introduces a grammar, a list or an example ends with a colon: it defines nothing.
_INTRO = re.compile(r":\W*$")
# A pointer elsewhere ("For full details…, refer to the Yield expressions section.", "See also:
# …") tells where an answer is, not the answer, unless the question asks where to read on.
POINTER = re.compile(
    r"^\W*(?:see\s+(?:also|section|the\s+\w+\s+(?:section|description))\b|"
    r"(?:for\s+(?:full|more|further)\s+(?:details|information)\b[^.]*\b)?refer\s+to\b)|"
    + REFERENCE_ENTRY.pattern[1:],
    re.IGNORECASE,
)
ASKS_POINTER = re.compile(
    r"\b(?:peps?|specifi\w+|spec|documented|documentation|section|details|read\s+(?:more|on|up)|"
    r"learn\s+more|more\s+(?:info\w*)|references?|refer|see\s+also|where\s+can\s+i)\b",
    re.IGNORECASE,
)
REFERENCE_PENALTY = 3.0
ANCHOR_MARGIN = 0.1
# How far below the best a sentence telling the asked deed with its content may lie and still
# be quoted first.
DEED_REACH = 0.4


class Scored(Protocol):
    passage: object
    index: int
    text: str
    score: float


def fold_terms(scored: list, prose_only: bool = True) -> list:
    """A description list's term line ("class.__mro__") states nothing: the description under
    it ("This attribute is a tuple of classes…") takes its score, and the term line drops out,
    even with its description out of reach (it is quoted with the description when the question
    asks about the term). Unless code is asked for, a sentence that only leads into the code
    after it ("…by the following definitions:") drops out too."""
    at = {(s.passage.source, s.passage.sentences[s.index][2]): s for s in scored}
    kept = []
    for sentence in scored:
        passage, index = sentence.passage, sentence.index
        if prose_only and introduces_code(passage, index):
            continue
        if not is_term_line(sentence.text):
            kept.append(sentence)
        elif index + 1 < len(passage.sentences):
            description = at.get((passage.source, passage.sentences[index + 1][2]))
            if description is not None:
                description.score = max(description.score, sentence.score)
    kept.sort(key=lambda s: -s.score)  # a description that took its term's score moves up
    return kept


def adjust(question: str, form: Form, scored: list) -> list:
    """Re-rank for the form: reasons for why, means for how, definitions for "what is X"."""
    scored = fold_terms(scored, prose_only=not asks_code(question))
    scored = favour_the_act(question, scored, FORM_BONUS)  # how it is done, or what is done
    scored = favour_the_only(question, favour_the_many(question, scored, FORM_BONUS), FORM_BONUS)
    scored = favour_the_same_lack(question, scored, FORM_BONUS)
    scored = favour_new_notes(question, scored, FORM_BONUS)
    if not ASKS_POINTER.search(question):
        for sentence in scored:
            if POINTER.match(sentence.text):
                sentence.score = max(0.0, sentence.score - 2 * FORM_BONUS)
        scored.sort(key=lambda s: -s.score)
    subject = definition_subject(question) if form is Form.other else None
    purpose = bool(subject) and bool(ASKS_PURPOSE.search(question))
    said = form is Form.list and bool(ASKS_SAID_ITEMS.search(question))
    wanted = items_asked(question) if form is Form.list else None
    if wanted:  # "What three things does every object have?": "an identity, a type and a value"
        for sentence in scored:
            if items_listed(sentence.text) == wanted:
                sentence.score = min(1.0, sentence.score + FORM_BONUS)
        scored.sort(key=lambda s: -s.score)
    elif form is Form.list and not said:
        # "Which pieces of text are blocks?": "The following are blocks: a module, a function
        # body, and a class definition." lists them; "A block is a piece of text…" does not
        for sentence in scored:
            if enumerates(sentence, question):
                sentence.score = min(1.0, sentence.score + LIST_BONUS)
        scored.sort(key=lambda s: -s.score)
    if said:  # "What warnings did they give him?": sentences reporting what was said
        for sentence in scored:
            bonus = FORM_BONUS if REPORTS_SAYING.search(sentence.text) else -FORM_BONUS
            sentence.score = max(0.0, min(1.0, sentence.score + bonus))
        scored.sort(key=lambda s: -s.score)
    if form is not Form.how and asks_outcome(question):
        # "Did the outreach work?": the sentence telling how it ended (a how is ranked so below)
        for sentence in scored:
            if OUTCOME.search(sentence.text):
                sentence.score = min(1.0, sentence.score + FORM_BONUS)
        scored.sort(key=lambda s: -s.score)
    if form is not Form.yesno:  # "…when no exception is active?": "If there isn't an active…"
        for sentence in scored:
            bonus = CONDITION_BONUS * condition_strength(question, sentence.text)
            bonus += CONDITION_BONUS * persists(question, sentence.text)  # "…keep arguing?"
            bonus += CONDITION_BONUS * gives_the_default(question, sentence.text)  # "no args"
            sentence.score = max(0.0, min(1.0, sentence.score + bonus))
        scored.sort(key=lambda s: -s.score)
    plain = form is Form.other and not subject and expected(question) is Expect.anything
    head = asked_noun(question) if plain else None
    if head:  # "In what order does popitem() return pairs?": "…in LIFO order", not its uses
        for sentence in scored:
            if head in content_words(sentence.text):  # a bonus only: "head" may be "director"
                sentence.score = min(1.0, sentence.score + FORM_BONUS)
        scored.sort(key=lambda s: -s.score)
    deed = asked_deed(question) if plain else None
    if deed is not None and scored:
        # "What did officials decide after it?": the sentence that tells the decision with its
        # content ("…officials decided that the troop buildup…") over ones on the occasion
        top = scored[0].score
        for sentence in scored:
            if top - sentence.score <= DEED_REACH and deed.search(sentence.text):
                sentence.score = min(1.0, max(sentence.score + FORM_BONUS, top + 0.01))
        scored.sort(key=lambda s: -s.score)
    if form in (Form.why, Form.how) or subject:
        asked = content_words(without_form_words(question))
        # a reason given for the asked event outranks the reasons about as relevant given for
        # other things
        reasons = [s for s in scored if REASON.search(s.text)] if form is Form.why else []
        anchoring = any(
            s.score >= reasons[0].score - ANCHOR_MARGIN and reason_anchored(s.text, asked)
            for s in reasons
        )
        for sentence in scored:
            if form in (Form.why, Form.how):
                strength = form_strength(form, sentence.text, question)
                if form is Form.why and strength < 1 and explained(sentence, asked, question):
                    strength = 1  # "Leading zeros are not allowed. This is for…"
                elif form is Form.how and strength < 1 and remedied(sentence, question):
                    strength = 1  # "…shared by all calls. A way around this is to…"
                elif form is Form.how and strength < 1 and offers_operation(sentence, question):
                    strength = 1  # "How do I merge two dicts?": "d | other: Create a new…"
                elif anchoring and not reason_anchored(sentence.text, asked):
                    strength = ANCHORLESS  # a reason, but for something the question never asks
                bonus = FORM_BONUS * strength
                sentence.score = max(0.0, min(1.0, sentence.score + bonus))
            if subject:
                strength = defines(subject, sentence.text)
                if not strength and sentence.index > 0 and continues_definition(sentence.text):
                    # "X may only occur in loops. It terminates the nearest loop."
                    before = sentence_text(sentence.passage, sentence.index - 1)
                    strength = 1.0 if defines(subject, before) else 0.0
                if not strength and sentence.index > 0:
                    # "object.__index__(self)" then "Called to implement…": its description
                    term = sentence_text(sentence.passage, sentence.index - 1)
                    strength = 2.0 if is_term_for(subject, term) else 0.0
                title = getattr(sentence.passage, "section", "")
                if not strength and defines_under_title(subject, sentence.text, title):
                    strength = 2.0  # the section's own opening: its title is the subject
                short = len(sentence.text.split()) <= 4
                if not strength and (short or _INTRO.search(sentence.text)):
                    strength = -1.0  # "other future statements.", "The syntax for a slicing:"
                if REFERENCE_ENTRY.match(sentence.text):
                    strength = -REFERENCE_PENALTY  # another document's title: it defines nothing
                sentence.score = min(1.0, sentence.score + DEFINITION_BONUS * strength)
                if purpose:  # "What is the ellipsis for?": "…commonly used by slicing"
                    bonus = FORM_BONUS if PURPOSE.search(sentence.text) else -FORM_BONUS
                    sentence.score = max(0.0, min(1.0, sentence.score + bonus))
        scored.sort(key=lambda s: -s.score)
    return scored


# "What/which N…", "In what N…": the noun whose value is asked, when the answer names it too
# ("order", "exception", "encoding"); not a noun the value stands for ("what type of forces",
# "which year", "what time"), nor a verb ("what happens", "which is").
_ASKED_NOUN = re.compile(
    r"^\W*(?:(?:in|on|at|by|to|with|from)\s+)?(?:what|which)\s+([a-z]{3,})\s+"
    r"(?=(?:does|do|did|is|are|was|were|can|could|will|would|should|has|have|had)\b)",
    re.I,
)
_NOT_ASKED = frozenset(
    """type types kind kinds sort sorts form forms way ways thing things part parts one ones
    time times year years day days date dates month months number numbers amount happens
    happened does did was were are can could will would should has have had""".split()
)


def asked_noun(question: str) -> str | None:
    """The noun a "what N / which N" question asks the value of, as a content word, or None."""
    match = _ASKED_NOUN.match(question)
    if not match or match.group(1).lower() in _NOT_ASKED:
        return None
    words = content_words(match.group(1))
    return next(iter(words)) if len(words) == 1 else None


def explained(sentence: Scored, asked: set[str], question: str = "") -> bool:
    """True when the sentence, which holds some of the `asked` words, has its reason in the one
    after it ("This is for…") or the one before it ("Hence, …", or a belief the sentences before
    it ground): the quote takes that one in (rag/quotes.py `with_context`)."""
    passage, index = sentence.passage, sentence.index
    if not asked & content_words(sentence.text):
        return False  # a reason for something else the question never names
    following = index + 1 < len(passage.sentences) and EXPLAINS_BEFORE.match(
        sentence_text(passage, index + 1)
    )
    before = index > 0 and (
        FOLLOWS_FROM_BEFORE.match(sentence.text) or concludes_belief(question, sentence.text)
    )
    return bool(following or before)


# "What did US officials decide after it?": the deed asked after "what did <someone>", told in
# a sentence with its content ("…officials decided that the Russian troop buildup…").
_ASKS_DEED = re.compile(
    r"^\W*(?:(?:and|so|but|then)\s+)?what\s+(?:did|does|do|will|would|have|has|had)\s+(.+)", re.I
)
_LIGHT_DEEDS = frozenset("mean make want need happen think feel know".split())


def asked_deed(question: str) -> re.Pattern[str] | None:
    """For "what did <someone> <verb>…?", a pattern of the verb with the content it takes ("decided
    that", "agreed to"), or None. The verb is the first word after the subject: lower-case, not
    a pronoun, not after "the/a/his…" or a possessive, not a plural ("officials")."""
    match = _ASKS_DEED.match(split_carried(question)[0])
    if match is None:
        return None
    words = re.findall(r"[A-Za-z]+", match.group(1))
    verb = next(
        (
            word
            for before, word in zip(["", *words], words, strict=False)
            if word.islower()
            and word not in _OPENS_NOUN | _PRONOUNS
            and before.lower() not in _OPENS_NOUN
            and (not word.endswith("s") or word.endswith("ss"))
        ),
        None,
    )
    if verb is None or verb in _LIGHT_DEEDS or len(verb) < 4 or not content_words(verb):
        return None
    stem = verb[:-1] if verb.endswith("e") else verb
    return re.compile(rf"\b{re.escape(stem)}(?:e|es|ed|ing)?\s+(?:that|to|whether)\b", re.I)


# Words that open the subject, or are it (the "s" is a possessive's: "China's ambassador").
_OPENS_NOUN = frozenset("the a an his her their its this that these those our your my s".split())
_PRONOUNS = frozenset("he she they it we you i".split())
