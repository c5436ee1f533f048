"""Choosing what the extractive answerer quotes, and how it frames it.

Sentences arrive scored for relevance (rag/synthesis.py). Here the question's form and its own
constraints decide: a "why" prefers the sentence that gives a reason, a list gathers several
sentences, a yes/no opens with "Yes" or "No" only when the sentence settles it, and when no
sentence meets what the question asks (its role, date, count or answer type) the answerer says
the article does not say, pointing at the closest passage rather than passing it off as the
answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from index.lines import LEANS_BACK
from rag.amounts import settles_a_bound, without_bounds
from rag.clauses import asked_clause, split_carried
from rag.constraints import PersonNames, unmet
from rag.cues import VERSION_NOTE
from rag.dates import dated_otherwise
from rag.forms import (
    Form,
    form_of,
)
from rag.lists import (
    LIST_MARGIN,
    LIST_PEOPLE_MARGIN,
    LIST_SENTENCES,
    gather_people,
    gather_sections,
    people_named,
    question_expect,
)
from rag.negation import denies_existence, misses_the_named_slot, negated, permission_asked
from rag.questions import Expect, content_words, names, offers
from rag.quotes import POINTS_BACK
from rag.rerank import adjust, enumerates
from rag.roles import names_someone_new
from rag.topic import AUXILIARY, off_topic

# A yes/no answer says Yes or No only when the sentence holds this share of the question's
# (IDF-weighted) words; below it the sentence is quoted as not settling the question.
SETTLE_COVERAGE = 0.5
DENIAL_COVERAGE = 0.2
# A yes/no question is settled by the sentence, of those within this margin of the best, that
# holds most of the question's words and the people it names (weighed by COVERAGE_WEIGHT).
YESNO_MARGIN = 0.1
COVERAGE_WEIGHT = 0.5
DENIAL_WEIGHT = 0.1
# A list answer takes in the best sentence that lists items, this far below the best sentence.
LIST_REACH = 0.25
# A sentence that refers back to someone named before it ("She has refused…").
_REFERRING = re.compile(r"\b(?:he|she|his|her|him|they|them|their)\b", re.IGNORECASE)
# Words that only frame a yes/no ("Is it OK to … inside a function?"): a rule allowing the thing
# elsewhere settles it without them.
_FRAME = content_words("ok okay fine inside within")
# The comparison a yes/no asks about: "faster than", "more readable than".
_COMPARED = re.compile(r"\b(\w+er|(?:more|less)\s+\w+)\s+than\b", re.IGNORECASE)


def refers_back(text: str) -> bool:
    """The sentence leans on the one before: "They told…", "This account…", "…with him", or
    notes the entry above it ("New in version 2.4.")."""
    return bool(
        LEANS_BACK.match(text)
        or POINTS_BACK.search(text)
        or _REFERRING.search(text)
        or VERSION_NOTE.match(text)
    )


@dataclass
class Decision:
    """What to quote and how: the chosen sentences (best first), or an abstention."""

    chosen: list = field(default_factory=list)
    abstained: bool = False
    hedged: bool = False
    lead: str = ""  # words before the quotes: "Yes:", "No:", a hedge, or "does not say"
    unmet: str | None = None  # the constraint no sentence met, when abstaining for it
    form: Form = Form.other


def coverage(
    question: str,
    text: str,
    idf: Callable[[str], float] | None,
    seen: Callable[[str], bool] | None = None,
) -> float:
    """IDF-weighted share of the question's words (those the corpus has) that the text holds;
    the words of a person's name count as held when the text names that person."""
    words = [
        w
        for w in content_words(question)
        if w not in AUXILIARY and w not in _FRAME and (seen is None or seen(w))
    ]
    if not words:
        return 1.0
    weigh = idf or (lambda word: 1.0)
    have = set(content_words(text))
    # a person the text names as "Mr. Wang" is the question's "Wang Yi", whole
    for name in people_named(question):
        if name & have:
            have |= content_words(" ".join(name))
    return sum(weigh(w) for w in words if w in have) / (sum(weigh(w) for w in words) or 1.0)


def decide(
    question: str,
    scored: list,
    *,
    threshold: float,
    hedge_below: float,
    max_sentences: int,
    second_margin: float,
    window: Callable[[object], str],
    idf: Callable[[str], float] | None = None,
    seen: Callable[[str], bool] | None = None,
    persons: PersonNames | None = None,
) -> Decision:
    """Which sentences answer the question, or why none does."""
    form = form_of(question)
    expect = question_expect(question, form)
    scored = adjust(question, form, scored)
    nearest = max((s.cosine for s in scored), default=0.0)
    if seen is not None and scored and off_topic(question, scored[0].score, idf, seen, nearest):
        return Decision(abstained=True)
    if expect is Expect.identifier and not any(offers(expect, s.text, question) for s in scored):
        # "what method did they use", "which warnings did they give": plain words here, not
        # names in code, when no passage gives such a name
        expect = Expect.anything
    meeting = []
    failed: str | None = None
    # "Which officials…", "the names of…": each item is a name the sentence itself gives
    own_names = form is Form.list and expect is Expect.person

    def problem_of(sentence, alone: bool = False) -> str | None:
        text = sentence.text if own_names or alone else window(sentence)
        if expect is not Expect.anything and not offers(expect, text, question):
            return "type"
        if own_names and not names_someone_new(question, text):
            return "type"
        problem = unmet(question, text, expect, persons, sentence.text)
        if not problem and form is not Form.yesno and dated_otherwise(question, text):
            problem = "date"  # "Who flew to Moscow on Nov. 17?": "flown to Moscow on Nov. 2"
        return problem

    problems = {(s.passage.chunk_id, s.index): problem_of(s) for s in scored}
    for sentence in scored:
        problem = problems[(sentence.passage.chunk_id, sentence.index)]
        before = problems.get((sentence.passage.chunk_id, sentence.index - 1))
        if (
            not problem
            and before
            and not refers_back(sentence.text)
            and sentence.index not in sentence.passage.table_intros  # a table's row
            and problem_of(sentence, alone=True)
        ):
            # "Burns… had flown to Moscow" fails "Who did Burns meet in Moscow?"; the sentence
            # after it, about the embassy talks, fails it too: read together they only seem to
            # meet it (a sentence that refers back, "They told him…", is read with its source)
            problem = before
        if problem:
            failed = failed or problem
            continue
        meeting.append(sentence)
    if not meeting or meeting[0].score < threshold:
        closest = scored[0] if scored and scored[0].score >= hedge_below else None
        if closest is not None and failed in {
            "role",
            "date",
            "count",
            "name",
            "echo",
            "speech",
            "possible",
            "reaction",
        }:
            return Decision(chosen=[closest], abstained=True, unmet=failed)
        return Decision(abstained=True)
    best = meeting[0].score
    if form is Form.list:
        limit, margin = max(LIST_SENTENCES, max_sentences), LIST_MARGIN
    else:
        limit, margin = max_sentences, second_margin
    if form is Form.list and expect is Expect.person:
        chosen = gather_people(question, meeting, max(threshold, best - LIST_PEOPLE_MARGIN), limit)
    else:
        chosen = [meeting[0]]
        for candidate in meeting[1:]:
            if len(chosen) >= limit:
                break
            if candidate.score >= max(threshold, best - margin):
                chosen.append(candidate)
        if form is Form.list:
            chosen = gather_sections(chosen, meeting, threshold)
            floor = max(threshold, best - LIST_REACH)
            listing = next(
                (s for s in meeting if s.score >= floor and enumerates(s, question)), None
            )
            if listing is not None and not any(enumerates(s, question) for s in chosen):
                chosen.append(listing)  # "Other possible values are 'ignore', 'replace'…"
    decision = Decision(chosen=chosen, hedged=best < hedge_below, form=form)
    if form is Form.yesno:
        # of the sentences about as relevant, the one holding most of what the question asks
        close = [s for s in meeting if s.score >= best - YESNO_MARGIN]
        # a follow-up carries the question before it in brackets, for retrieval: what settles
        # it is what the user asks now ("Did they meet again? (What did Qin Gang say back)")
        question = split_carried(question)[0]
        asked = people_named(question)

        def settles(sentence) -> float:
            text = f"{window(sentence)} {getattr(sentence, 'referent', '')}"  # "She…": who
            named = {w.strip(".,;:”’") for w in text.lower().split()}
            present = sum(bool(name & named) for name in asked) / len(asked) if asked else 1.0
            # "…passed to NATO?": a sentence without NATO cannot settle it, however close
            slot = 0.0 if misses_the_named_slot(question, text) else 1.0
            # a denial of the asked words answers in words of its own ("cannot be compared")
            denies = DENIAL_WEIGHT if negated(sentence.text, question) else 0.0
            return (
                sentence.score
                + denies
                + COVERAGE_WEIGHT
                * (coverage(permission_asked(question, text), text, idf, seen) + present + slot)
            )

        settling = max(close, key=settles)
        chosen = [settling, *[s for s in chosen if s is not settling]]
        decision.chosen = chosen
        text = chosen[0].text
        referent = getattr(chosen[0], "referent", "")
        if _REFERRING.search(text):  # the sentence before may say who "she" is
            text = " ".join([text, *sorted(names(window(chosen[0]))), referent])
        # "Did Burns brief the FBI?": a name the documents never use is not settled by a
        # sentence about something else, and "Is lambda faster than def?" by no sentence that
        # does not compare so: the documents do not say ("Did they meet more than 30 times?" is
        # settled by a count: "had met 37 times")
        bound = settles_a_bound(question, text)
        asked_words = without_bounds(question) if bound is not None else question
        named = [w for w in question.split()[1:] if w[:1].isupper()]
        compared = _COMPARED.findall(asked_words)
        unknown = seen is not None and any(
            not seen(w) for name in named + compared for w in content_words(name) - _FRAME
        )
        unknown = unknown or any(not content_words(c) <= content_words(text) for c in compared)
        # "This form may only be used at…" holds the words of the sentence it leans on
        # and so does "No builtin types implement this operator"
        back = LEANS_BACK.match(chosen[0].text) or POINTS_BACK.search(chosen[0].text)
        back = back or chosen[0].index in chosen[0].passage.table_intros  # a table's row
        referring = _REFERRING.search(chosen[0].text)  # "…had a call with him": with whom
        whole = f"{window(chosen[0])} {referent}" if back or referring else text
        # "to Moscow", asked "to Beijing"; "with him" is with the ambassador named before
        elsewhere = misses_the_named_slot(question, whole if referring else text)
        held = coverage(permission_asked(asked_words, text), whole, idf, seen)
        # a denial of the asked words settles in fewer of them ("cannot be directly compared")
        denial = held >= DENIAL_COVERAGE and negated(chosen[0].text, question)
        if (held >= SETTLE_COVERAGE or denial or denies_existence(question, text)) and not (
            unknown or elsewhere
        ):
            # and its denial may lie there: "The previously unreported talks… This account…"
            denied = negated(whole, question) != negated(asked_clause(question))
            no = denied if bound is None else not bound
            no = no or dated_otherwise(question, text)  # "…fly to Moscow on Nov. 17?": Nov. 2
            decision.lead = "No." if no else "Yes."
            decision.chosen = chosen[:1]
            decision.hedged = False
        elif unknown:
            decision.chosen, decision.abstained, decision.unmet = chosen[:1], True, "name"
        else:
            decision.hedged = True
    return decision


def framed(decision: Decision, quotes: Sequence[str], several_sources: bool) -> str:
    """The answer's text: the lead, then the quoted sentences with their markers."""
    subject = "The indexed documents" if several_sources else "The article"
    body = " ".join(quotes)
    if decision.abstained:
        if decision.chosen:
            return f"{subject} does not say; the closest passage says: {body}".replace(
                "documents does", "documents do"
            )
        verb = "do" if several_sources else "does"
        return f"{subject} {verb} not say: no passage retrieved for this question answers it."
    if decision.lead:
        return f"{decision.lead} {body}"
    if decision.hedged:
        return f"{subject} may not answer this directly; the closest passage says: {body}"
    return body
