"""Choosing what the extractive answerer quotes, and how it frames it.

Sentences arrive scored for relevance (rag/synthesis.py). Here the question's form and its own
constraints decide: a "why" prefers the sentence that gives a reason, a list gathers several
sentences, a yes/no opens with "Yes" or "No" only when the sentence settles it, and when no
sentence meets what the question asks (its role, date, count or answer type) the answerer says
the article does not say, pointing at the closest passage rather than passing it off as the
answer.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from index.lines import LEANS_BACK
from rag.compare import compared, holds, names_only_as_standard
from rag.constraints import ASKS_MEANS, ECHO_ADDS, PersonNames, echo_adds, unmet
from rag.coverage import coverage
from rag.dates import dated_otherwise
from rag.forms import (
    Form,
    form_of,
)
from rag.instances import speaks_of_kind
from rag.lists import (
    LIST_MARGIN,
    LIST_PEOPLE_MARGIN,
    LIST_SENTENCES,
    enumerates,
    gather_people,
    gather_sections,
    question_expect,
)
from rag.notes import VERSION_NOTE
from rag.questions import Expect, content_words, offers
from rag.quotes import POINTS_BACK
from rag.rerank import adjust, asked_noun
from rag.roles import names_someone_new, posted_where_unsaid
from rag.topic import off_topic
from rag.yesno import REFERRING, settle

# A list answer takes in the best sentence that lists items, this far below the best sentence.
LIST_REACH = 0.25
# A question whose most relevant sentence fails what it asks is not answered by a sentence this
# much less relevant, that would only be quoted with a warning.
OUTSHONE = 0.2
# A why/how whose event a sentence among the best few only mentions ("they knew how…"), holding
# this share of its words and twice what the best answering sentence holds, is not answered.
ECHO_REACH = 4
ECHO_COVERAGE = 0.5
# The best of many passages that do not answer scores higher than the best of a few: over an
# index of more than REFERENCE_PASSAGES passages, the abstention and hedge thresholds rise by
# RISE_PER_DOUBLING for each doubling of its size (measured on questions about 10, 20 and 36
# Python documentation topics, 70 to 260 passages, against the article's 19: 0.05 abstained on
# answerable questions whose best sentence scored 0.40-0.45 over the larger indexes).
REFERENCE_PASSAGES = 20
RISE_PER_DOUBLING = 0.03


def scaled_threshold(threshold: float, passages: int) -> float:
    """A relevance threshold set for a small index, for an index of `passages` passages."""
    if passages <= REFERENCE_PASSAGES:
        return threshold
    return min(1.0, threshold + RISE_PER_DOUBLING * math.log2(passages / REFERENCE_PASSAGES))


def refers_back(text: str) -> bool:
    """The sentence leans on the one before: "They told…", "This account…", "…with him", or
    notes the entry above it ("New in version 2.4.")."""
    return bool(
        LEANS_BACK.match(text)
        or POINTS_BACK.search(text)
        or REFERRING.search(text)
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
        if VERSION_NOTE.match(sentence.text):  # "New in version 3.10." under its section's title
            text = f"{getattr(sentence.passage, 'section', '')} {text}"
        if expect is not Expect.anything and not offers(expect, text, question):
            return "type"
        if own_names and not names_someone_new(question, text):
            return "type"
        problem = unmet(question, text, expect, persons, sentence.text)
        if not problem and posted_where_unsaid(question, sentence.passage.text):
            problem = "role"  # "…ambassador to the European Union": a passage without the EU
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
    echo = _echoed(question, form, scored, problems, meeting, idf, seen)
    if echo is not None:  # "they knew how China had helped Russia evade…", and no more
        return Decision(chosen=[echo], abstained=True, unmet="echo")
    top = scored[0] if scored else None
    missed = problems[(top.passage.chunk_id, top.index)] if top is not None else None
    noun = asked_noun(question)
    if (
        missed
        and meeting
        and threshold <= meeting[0].score
        and hedge_below <= top.score
        and top.score - meeting[0].score >= OUTSHONE
        and (
            meeting[0].score < hedge_below
            # "What sanctions did the US actually impose?": the ones it threatened; the next
            # sentences, far below, never speak of sanctions
            or (noun in content_words(top.text) and noun not in content_words(window(meeting[0])))
        )
    ):
        # "Which White House officials met Qin Gang?": the sentence on that meeting names no
        # one; the ones naming someone, far less relevant, are about other things
        return Decision(chosen=[top], abstained=True, unmet=missed)
    measured = (
        names_only_as_standard(question, top.text)
        if top is not None and expect is Expect.anything
        else set()
    )
    if measured and meeting and not measured & content_words(meeting[0].text):
        # the one sentence naming the Obama administration measures new sanctions against
        # those it announced; one on the new sanctions alone does not say what they were
        return Decision(chosen=[top], abstained=True, unmet="standard")
    if missed == "unnamed" and not any(speaks_of_kind(question, s.text) for s in meeting):
        # "Which two enclaves…?": the sentence on them names none, and no other speaks of them
        return Decision(chosen=[top], abstained=True, unmet=missed)
    if not meeting or meeting[0].score < threshold:
        closest = scored[0] if scored and scored[0].score >= hedge_below else None
        if closest is not None and failed in {
            "role",
            "date",
            "count",
            "name",
            "unnamed",
            "echo",
            "speech",
            "possible",
            "reaction",
            "standard",
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
    sides = compared(question)
    if sides:  # "pass vs ...": each thing compared, from the sentences above the threshold
        for side in sides:
            if not any(holds(side, window(s)) for s in chosen):
                found = next((s for s in meeting if holds(side, window(s))), None)
                if found is None or found.score < threshold:
                    return Decision(chosen=chosen[:1], abstained=True, unmet="compared")
                chosen.append(found)
    decision = Decision(chosen=chosen, hedged=best < hedge_below, form=form)
    if form is Form.yesno:
        settle(decision, question, meeting, best, window, idf, seen)
    return decision


def _echoed(
    question: str,
    form: Form,
    scored: list,
    problems: dict[tuple[str, int], str | None],
    meeting: list,
    idf: Callable[[str], float] | None,
    seen: Callable[[str], bool] | None,
):
    """For a why or how: the sentence near the top that only mentions the asked event ("they
    knew how China had helped Russia evade the sanctions"), when it holds far more of the
    question's words than the best sentence answering does: the others only share a few words
    with it, and the documents do not say."""
    asks_how = form in (Form.why, Form.how) or bool(ASKS_MEANS.match(question))
    if not asks_how or not meeting:  # ("What did China do to help…?" asks how it helped)
        return None
    answered = coverage(question, meeting[0].text, idf, seen)
    for sentence in scored[:ECHO_REACH]:
        if problems[(sentence.passage.chunk_id, sentence.index)] == "echo":
            held = coverage(question, sentence.text, idf, seen)
            bare = echo_adds(question, sentence.text) <= ECHO_ADDS
            if bare and held >= ECHO_COVERAGE and held >= 2 * answered:
                return sentence
    return None


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
