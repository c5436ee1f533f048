"""Settling a yes/no question: which sentence settles it, and whether it says Yes or No.

Of the sentences about as relevant as the best (and a denial a little further down), the one
holding most of the question's words and the people it names settles it. It opens the answer
with "Yes." or "No." only when it holds enough of what is asked (or denies it in fewer of the
question's words); a question on a name the documents never use is not settled, and otherwise the
sentence is quoted as not settling it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from index.lines import LEANS_BACK
from rag.amounts import settles_a_bound, without_bounds
from rag.clauses import asked_clause, split_carried
from rag.compare import COMPARED, EXCEEDS, LESSER
from rag.coverage import _FRAME, asks_only_unseen, coverage
from rag.cues import FAILURE, OUTCOME, asks_outcome
from rag.dates import dated_otherwise
from rag.denials import denies_existence, denies_the_asked_act
from rag.doers import another_doer, unnamed
from rag.lists import people_named
from rag.negation import misses_the_named_slot, negated
from rag.opposites import another_way, opposed, permission_asked, same_acts, unsupposed
from rag.order import misordered
from rag.questions import _DATE, content_words, names
from rag.quotes import POINTS_BACK
from rag.sentences import sentence_text
from rag.textutil import stem

# A yes/no answer says Yes or No only when the sentence holds this share of the question's
# (IDF-weighted) words; below it the sentence is quoted as not settling the question.
SETTLE_COVERAGE = 0.5
DENIAL_COVERAGE = 0.2
# A yes/no question is settled by the sentence, of those within this margin of the best, that
# holds most of the question's words and the people it names (weighed by COVERAGE_WEIGHT).
YESNO_MARGIN = 0.1
COVERAGE_WEIGHT = 0.5
DENIAL_WEIGHT = 0.1
DENIAL_MARGIN = 0.2
# ...and one saying the opposite in words of its own ("was skeptical" of "was he won over?")
OPPOSED_MARGIN = 0.3
# "…instead of defining it as a method?": the alternative a question sets aside.
# and another language it is asked beside: "…, like in C?", "as in JavaScript"
_ALTERNATIVE = re.compile(
    r"\s*\b(?:instead\s+of|rather\s+than)\b[^?,;]*|"
    r"(?:,\s*(?:like|as|unlike)\s+(?:in\s+)?|\s(?:like|as)\s+in\s+)(?-i:[A-Z])\S*\s*(?=\?|$)",
    re.IGNORECASE,
)
# "in the text", "in the document": the one a sentence before names
_IN_THE_TEXT = re.compile(r"\bin\s+the\s+(?:text|document)\b", re.IGNORECASE)
# A sentence that refers back to someone named before it ("She has refused…").
# "For 40 years after that, …": what "that" is, the sentence before says.
_AFTER_THAT = re.compile(r"\b(?:after|before|since|until)\s+(?:that|this)\b(?!\s+[a-z])", re.I)
REFERRING = re.compile(r"\b(?:he|she|his|her|him|they|them|their)\b", re.IGNORECASE)


def settle(
    decision: Any,
    question: str,
    meeting: list,
    best: float,
    window: Callable[[object], str],
    idf: Callable[[str], float] | None,
    seen: Callable[[str], bool] | None,
) -> None:
    """Put the settling sentence first in `decision` and give it its lead ("Yes." or "No."), or
    mark it hedged (or abstained, for a name the documents never use)."""
    chosen = decision.chosen
    # of the sentences about as relevant, the one holding most of what the question asks
    # a follow-up carries the question before it in brackets, for retrieval: what settles
    # it is what the user asks now ("Did they meet again? (What did Qin Gang say back)")
    question = split_carried(question)[0]
    # not the alternative it sets aside: "Could I set it as an attribute instead of a method?"
    question = _ALTERNATIVE.sub("", question).rstrip(" ?") + "?"
    close = [s for s in meeting if s.score >= best - YESNO_MARGIN]
    # and a sentence denying what it asks, a little further down ("She has refused to call
    # Russia's assault an invasion", below the sentence that only uses the word)
    close += [
        s
        for s in meeting
        if best - DENIAL_MARGIN <= s.score < best - YESNO_MARGIN and negated(s.text, question)
    ]
    # a sentence telling the opposite in words of its own settles it before one that only
    # shares its words ("Mr. Qin was skeptical…" over "…officials met with the ambassador")
    # and so does one denying what it asks, not its setting ("The presence of annotations does
    # not change the semantics…" over "Functions may have return annotations…")
    unconditioned = unsupposed(question)
    opposite = [
        s
        for s in meeting
        if (
            (s.score >= best - OPPOSED_MARGIN and opposed(question, s.text))
            or (
                s.score >= best - DENIAL_MARGIN
                and denies_the_asked_act(s.text, unconditioned)
                and negated(s.text, unconditioned)
            )
        )
        and coverage(question, s.text, idf, seen) >= DENIAL_COVERAGE
    ]
    close += [s for s in opposite if s not in close]
    asked = people_named(question)
    if asks_outcome(question):
        # "Did the outreach work?": settled by how it ended, which the sentence telling it says
        # in words of its own ("But their entreaties went nowhere"), not by one naming it
        ended = [s for s in close if OUTCOME.search(s.text)]
        if ended:
            decision.chosen = ended[:1]
            decision.lead = "No." if FAILURE.search(ended[0].text) else "Yes."
            decision.hedged = False
        else:
            decision.hedged = True
        return

    def settles(sentence) -> float:
        text = f"{window(sentence)} {getattr(sentence, 'referent', '')}"  # "She…": who
        named = {w.strip(".,;:”’") for w in text.lower().split()}
        present = sum(bool(name & named) for name in asked) / len(asked) if asked else 1.0
        # "…passed to NATO?": a sentence without NATO cannot settle it, however close
        slot = 0.0 if misses_the_named_slot(question, text) else 1.0
        # a denial of the asked words answers in words of its own ("cannot be compared")
        denies = DENIAL_WEIGHT if negated(sentence.text, question) else 0.0
        # what it holds of the question is its own, unless it leans on the sentence before
        leans = LEANS_BACK.match(sentence.text) or POINTS_BACK.search(sentence.text)
        leans = leans or REFERRING.search(sentence.text) or _AFTER_THAT.search(sentence.text)
        leans = leans or sentence.index in sentence.passage.table_intros
        own = text if leans else f"{sentence.text} {getattr(sentence, 'referent', '')}"
        return (
            sentence.score
            + denies
            + COVERAGE_WEIGHT
            * (coverage(permission_asked(question, own), own, idf, seen) + present + slot)
            # what is asked, past its setting, once more ("If a class defines __eq__ but not
            # __hash__, does its __hash__ become None?": the becoming None)
            + (
                COVERAGE_WEIGHT * coverage(unconditioned, own, idf, seen)
                if unconditioned != question
                else 0.0
            )
        )

    settling = max(opposite or close, key=settles)
    if _ASKS_BOUND.search(question) and not any(_STATES_BOUND.search(window(s)) for s in close):
        # "Is there a maximum number of decorators…?": a sentence stating no bound at all,
        # however close, does not settle it (one saying "no limit" or "at most 255" does)
        decision.chosen, decision.abstained, decision.unmet = [settling], True, "count"
        return
    unbounded = [s for s in close if _ASKS_BOUND.search(question) and _UNBOUNDED.search(s.text)]
    if unbounded and coverage(question, unbounded[0].text, idf, seen) >= DENIAL_COVERAGE:
        # "Is there a maximum length for names?": "Identifiers are unlimited in length."
        decision.chosen, decision.lead, decision.hedged = unbounded[:1], "No.", False
        return
    chosen = [settling, *[s for s in chosen if s is not settling]]
    decision.chosen = chosen
    text = chosen[0].text
    referent = getattr(chosen[0], "referent", "")
    if REFERRING.search(text):  # the sentence before may say who "she" is
        text = " ".join([text, *sorted(names(window(chosen[0]))), referent])
    # "Did Burns brief the FBI?": a name the documents never use is not settled by a
    # sentence about something else, and "Is lambda faster than def?" by no sentence that
    # does not compare so: the documents do not say ("Did they meet more than 30 times?" is
    # settled by a count: "had met 37 times")
    bound = settles_a_bound(question, text)
    asked_words = without_bounds(question) if bound is not None else question
    # (a month or weekday is no name the documents must use: "…held in October?")
    named = [
        w for w in question.split()[1:] if w[:1].isupper() and not _DATE.fullmatch(w.strip("?.,"))
    ]
    compared = COMPARED.findall(asked_words)
    # "…going far beyond those announced…" settles "harsher than the ones before?" in words
    # of its own: Yes, and "milder than…?" No
    exceeds = [c for c in compared if EXCEEDS.search(text)]
    compared = [c for c in compared if c not in exceeds]
    unknown = seen is not None and any(_unseen(name, seen) for name in named + compared)
    unknown = unknown or any(not content_words(c) <= content_words(text) for c in compared)
    subject = _SUBJECT.match(question)
    if subject and seen is not None and not unknown:
        # "Does numpy implement the @ operator?": of what the documents never name, they say
        # nothing, though a sentence on the operator is close
        unknown = _unseen(subject.group(1), seen)
    # "This form may only be used at…" holds the words of the sentence it leans on
    # and so does "No builtin types implement this operator"
    back = LEANS_BACK.match(chosen[0].text) or POINTS_BACK.search(chosen[0].text)
    back = back or _AFTER_THAT.search(chosen[0].text)
    back = back or chosen[0].index in chosen[0].passage.table_intros  # a table's row
    back = back or _IN_THE_TEXT.search(chosen[0].text)  # "…sided with Russia in the text…"
    referring = REFERRING.search(chosen[0].text)  # "…had a call with him": with whom
    whole = f"{window(chosen[0])} {referent}" if back or referring else text
    if _SUBJECTLESS.match(chosen[0].text):  # "Can only be used inside…" under "Await expression"
        whole = f"{getattr(chosen[0].passage, 'section', '')} {whole}"
    # "to Moscow", asked "to Beijing"; "with him" is with the ambassador named before
    elsewhere = misses_the_named_slot(question, whole if referring else text)
    if elsewhere and _MENTIONED_AGAIN.search(chosen[0].text):
        # "Mr. Wang did say…" goes on where the story placed him: "…at the Munich Security
        # Conference", sentences before
        elsewhere = misses_the_named_slot(question, f"{_told_before(chosen[0])} {text}")
    held = coverage(permission_asked(asked_words, text), whole, idf, seen)
    # "Did Xi raise the warnings with Putin when they met in Beijing?": a sentence on that
    # meeting alone does not say what was done at it
    main = _OCCASION.split(asked_words, maxsplit=1)[0]
    if main != asked_words and len(content_words(main)) >= 2:
        held = min(held, coverage(permission_asked(main, text), whole, idf, seen))
    # a denial of the asked words settles in fewer of them ("cannot be directly compared")
    denial = held >= DENIAL_COVERAGE and negated(chosen[0].text, question)
    # "Did Qin Gang buy it?": a sentence naming him, without a denial, does not settle it
    held = 0.0 if asks_only_unseen(asked_words, seen) else held
    control = _CONTROL.match(asked_words)
    if control and not denial and stem(control.group(1)) not in same_acts(content_words(whole)):
        held = 0.0  # "Did China agree to help?": "…how China had helped Russia" is no agreeing
    known = getattr(idf, "persons", None)
    doer = another_doer(asked_words, whole, chosen[0].text, known)
    if doer is not None and known:
        # "Was it Blinken who had the call?" over "Ms. Sherman had a call with him": someone
        # else did what is asked; over a sentence naming no one, it is not settled
        held = coverage(unnamed(asked_words, known), whole, idf, seen) if doer else 0.0
        denial = False
    # the comparison is what is asked: the text need hold less of the rest ("…be harsher than
    # the ones after Crimea?" against "…beyond those announced… Crimean Peninsula")
    compares = bool(exceeds) and held >= DENIAL_COVERAGE
    dated = dated_otherwise(question, text)  # "…issued in January?": "issued on Feb. 4"
    settled = held >= SETTLE_COVERAGE or denial or compares or denies_existence(question, text)
    if settled and not (unknown or (elsewhere and not dated)):  # (a month is no place)
        # and its denial may lie there: "The previously unreported talks… This account…"
        denied = negated(whole, unconditioned) != negated(asked_clause(question))
        no = denied if bound is None else not bound
        no = no or dated  # "…fly to Moscow on Nov. 17?": Nov. 2
        no = no or bool(doer)
        no = no or bool(misordered(question, text))  # "…before a[i] is looked up?": "first…"
        no = no and not another_way(question, text)  # "…but can also be used by…"
        no = no if not exceeds else any(LESSER.match(c) for c in exceeds)
        decision.lead = "No." if no else "Yes."
        decision.chosen = chosen[:1]
        decision.hedged = False
    elif unknown:
        decision.chosen, decision.abstained, decision.unmet = chosen[:1], True, "name"
    else:
        decision.hedged = True


# A person named again by title and surname: "Mr. Wang", "Ms. Hua".
_MENTIONED_AGAIN = re.compile(r"\b(?:Mr|Ms|Mrs|Dr)\.?\s+[A-Z]")
# How many sentences before it the story's setting is read.
SETTING_REACH = 3


def _told_before(sentence: Any) -> str:
    """The sentences of its passage just before a sentence."""
    passage, index = sentence.passage, sentence.index
    return " ".join(sentence_text(passage, i) for i in range(max(0, index - SETTING_REACH), index))


def _unseen(name: str, seen: Callable[[str], bool]) -> bool:
    """The documents never use the name; a compound is known by any of its parts ("Sino-American"
    of a text on American and Chinese officials, "Russia-backed")."""
    words = content_words(name) - _FRAME
    if "-" in name.strip("-"):
        return bool(words) and not any(seen(w) for w in words)
    return any(not seen(w) for w in words)


# "Did they agree (try, refuse…) to help?": the deed asked is the agreeing, not the helping.
_CONTROL = re.compile(
    r"^\W*(?:did|does|do|has|have|had|will|would)\s+(?:\S+\s+){1,4}?(agree|try|tried|want|refuse|"
    r"promise|decide|plan|offer|attempt|manage|intend|choose|pledge|vow)(?:s|d|ed)?\s+to\b",
    re.IGNORECASE,
)
# The subject of a yes/no question, when it is one word: "Does numpy implement…?" (not a gerund
# opening a clause: "Does putting a comma there…?")
_SUBJECT = re.compile(
    r"^\W*(?:does|do|did|is|are|was|were|can|could|will|would|has|have|had)\s+"
    r"(?:the\s+|a\s+|an\s+)?([a-z][\w-]*)(?<!ing)\s+(?!of\b|and\b|or\b)[a-z]+",
    re.IGNORECASE,
)
_BOUND = r"(?:limit|limits|maximum|minimum|max|min|cap|ceiling|bound|bounds)"
# "Is there a limit on…?", "Is there any maximum number of…?": whether a bound exists.
_ASKS_BOUND = re.compile(rf"\b(?:is|are)\s+there\s+(?:an?|any)\s+(?:\w+\s+)?{_BOUND}\b", re.I)
_STATES_BOUND = re.compile(
    # (not "bound": a name is "bound" to its object)
    r"\b(?:limits?|maximum|minimum|max|min|cap|ceiling|limited|unlimited|unbounded|upper\s+bound|"
    r"arbitrar(?:y|ily)|at\s+(?:most|least)|"
    r"up\s+to|no\s+more\s+than|(?:more|fewer|less)\s+than)\b",
    re.IGNORECASE,
)
_UNBOUNDED = re.compile(
    r"\b(?:unlimited|unbounded|no\s+(?:\w+\s+)?(?:limit|maximum|cap|bound)s?)\b", re.IGNORECASE
)
# A manual's sentence going on about its section's subject without naming it.
_SUBJECTLESS = re.compile(
    r"^\W*(?:can|could|may|must|should|cannot)\s+(?:only\s+|not\s+)?be\b", re.I
)
# A clause placing the asked deed in time: what the yes/no asks is before it.
_OCCASION = re.compile(r"\s(?:when|while|whenever|during|as\s+soon\s+as)\s", re.IGNORECASE)
