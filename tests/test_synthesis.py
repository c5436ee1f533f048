"""The extractive answerer's rules, on hand-made passages (no model needed)."""

from __future__ import annotations

import numpy as np
import pytest

from rag.answer import Passage
from rag.forms import Form
from rag.questions import Expect, expected, focus_words, offers, people
from rag.sentences import SentenceEmbeddingCache, score_sentences
from rag.synthesis import compose_extractive
from tests.fakes import HashEmbedding


def passage(rank: int, sentences: list[str], offset: int = 0) -> Passage:
    text, spans, cursor = "", [], 0
    for sentence in sentences:
        if text:
            text += " "
            cursor += 1
        spans.append(
            (cursor, cursor + len(sentence), offset + cursor, offset + cursor + len(sentence))
        )
        text += sentence
        cursor += len(sentence)
    return Passage(
        rank=rank,
        chunk_id=f"c{rank}",
        source="seeds/doc.txt",
        text=text,
        start=offset,
        end=offset + len(text),
        score=0.5,
        sentences=spans,
    )


def scored_at(rule: Passage, said: list[str], index: int, score: float):
    """The `index`-th sentence of `rule` (whose sentences are `said`), scored `score`."""
    from rag.sentences import ScoredSentence

    return ScoredSentence(rule, index, rule.sentences[index], said[index], score)


def adjusted(question: str, form, said: list[str], scores: list[float], index: int) -> float:
    """The score of sentence `index` of a passage of `said` (scored `scores`) after the
    re-ranking for the question's form."""
    from rag.rerank import adjust

    rule = passage(1, said)
    scored = [scored_at(rule, said, i, score) for i, score in enumerate(scores)]
    return next(s.score for s in adjust(question, form, scored) if s.index == index)


def decided(question: str, scored: list, idf, window=None, seen=None):
    """What the selection quotes for these scored sentences (threshold 0.2, two sentences), a
    sentence read alone unless `window` says otherwise (`seen`: the corpus's words)."""
    from rag.selection import decide

    return decide(
        question,
        scored,
        threshold=0.2,
        hedge_below=0.0,
        max_sentences=2,
        second_margin=0.1,
        window=window or (lambda sentence: sentence.text),
        idf=idf,
        seen=seen,
    )


def answer_for(question: str, passages: list[Passage], threshold: float = 0.2):
    fake = HashEmbedding()
    cache = SentenceEmbeddingCache(fake.get_text_embedding_batch)
    vector = np.asarray(fake.get_query_embedding(question))
    scored = score_sentences(question, vector, passages, cache)
    return compose_extractive(question, passages, scored, threshold, max_sentences=2)


def test_question_kinds_are_recognised() -> None:
    assert expected("Who is the ambassador?") is Expect.person
    assert expected("What is the name of the ambassador?") is Expect.person
    assert expected("When did they meet?") is Expect.date
    assert expected("On what date did they meet?") is Expect.date
    assert expected("How many meetings were held?") is Expect.number
    assert expected("Where did they meet?") is Expect.place
    assert expected("Why did it fail?") is Expect.anything
    assert focus_words("What did the joint statement say about NATO?") == {"nato"}


def test_people_and_offers() -> None:
    sentence = "Days later, White House officials met with the ambassador, Qin Gang."
    assert "qin gang" in people(sentence)
    assert offers(Expect.person, sentence, "Who is the ambassador?")
    assert not offers(Expect.person, "“It is wrong,” she said.", "Who said it is wrong?")
    assert offers(Expect.date, "They held a video summit on Nov. 15.", "When?")


def test_quotes_the_sentence_that_answers_and_cites_it() -> None:
    passages = [
        passage(1, ["The weather was mild.", "The summit was held in Geneva in June."]),
        passage(2, ["Trade talks stalled."], offset=100),
    ]
    answer = answer_for("Where was the summit held?", passages)
    assert not answer.abstained
    assert answer.text == "The summit was held in Geneva in June. [1]"
    (citation,) = answer.citations
    assert citation.quote == "The summit was held in Geneva in June."
    assert citation.chunk_id == "c1" and citation.number == 1
    assert passages[0].text[citation.start : citation.end] == citation.quote


def test_abstains_below_the_threshold() -> None:
    passages = [passage(1, ["The weather was mild.", "Trade talks stalled."])]
    answer = answer_for("Who won the football final?", passages, threshold=0.3)
    assert answer.abstained and answer.citations == []
    assert answer.text.startswith("The article does not say")


def test_a_quote_that_leans_back_brings_the_sentence_naming_the_speaker() -> None:
    passages = [
        passage(
            1,
            [
                "On Wednesday, Hua Chunying, a spokeswoman, spoke in Beijing.",
                "“The sanctions are irresponsible and immoral,” she said.",
            ],
        )
    ]
    answer = answer_for("Who said the sanctions are irresponsible and immoral?", passages)
    assert "Hua Chunying" in answer.text
    (citation,) = answer.citations
    assert citation.quote.startswith("On Wednesday") and citation.quote.endswith("she said.")


def test_citations_are_numbered_in_order_of_appearance() -> None:
    passages = [
        passage(1, ["Unrelated text about farming."]),
        passage(2, ["The treaty was signed in Lisbon."], offset=50),
        passage(3, ["The treaty was ratified in Lisbon later."], offset=90),
    ]
    answer = answer_for("Where was the treaty signed?", passages)
    assert answer.citations
    assert [c.number for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert answer.citations[0].passage_rank == 2


def test_a_rule_that_leans_on_the_sentence_before_settles_a_can_i_question() -> None:
    # "This form…" holds the words of the sentence it leans on: together they settle it
    rule = passage(
        1,
        [
            'The "stencil ... all" form traces every shape on a sheet onto the card.',
            "This form may only be used at the start of a pattern book.",
        ],
    )
    answer = answer_for(
        "Can I use the stencil all form to trace shapes inside a book's end?", [rule]
    )
    assert answer.text.startswith("No."), answer.text
    assert "may only be used at the start" in answer.text


def test_she_opening_a_passage_is_the_person_named_in_the_text_before_it() -> None:
    # "She has refused…" opens its passage; Maria Lopez is named only in the chunk before it
    earlier = "Maria Lopez has run the city laboratory since 2019. It tests river water."
    refusal = passage(1, ["She has refused to sign the new safety rules.", "The council met."], 900)
    lease = passage(2, ["Maria Lopez has signed the laboratory's lease for the council."], 40)
    fake = HashEmbedding()
    cache = SentenceEmbeddingCache(fake.get_text_embedding_batch)
    question = "Did Maria Lopez sign the new safety rules?"
    vector = np.asarray(fake.get_query_embedding(question))

    def preceding(source: str, start: int) -> str:
        return earlier if start == 900 else ""

    scored = score_sentences(question, vector, [refusal, lease], cache, preceding=preceding)
    assert scored[0].referent == "maria lopez"
    answer = compose_extractive(question, [refusal, lease], scored, 0.2, max_sentences=2)
    assert answer.text.startswith("No."), answer.text
    assert "She has refused to sign" in answer.text


def test_a_comparison_the_documents_never_make_is_not_settled() -> None:
    from rag.idf import Idf

    rule = passage(
        1, ["Functions made with lambda cannot hold statements.", "A def statement binds a name."]
    )
    idf = Idf([rule.text])
    fake = HashEmbedding()
    cache = SentenceEmbeddingCache(fake.get_text_embedding_batch)
    question = "Is lambda faster than def?"  # the text never says "faster"
    vector = np.asarray(fake.get_query_embedding(question))
    scored = score_sentences(question, vector, [rule], cache, idf)
    answer = compose_extractive(question, [rule], scored, 0.2, 2, False, 0.0, idf)
    assert not answer.text.startswith(("Yes.", "No.")), answer.text
    assert answer.abstained, answer.text  # the documents do not say; the closest is shown


def test_a_comparison_is_not_settled_by_a_sentence_that_does_not_make_it() -> None:
    from rag.idf import Idf

    rule = passage(
        1,
        [
            "A lambda function is smaller than a def function.",
            "Loops run faster when names are local.",
        ],
    )
    idf = Idf([rule.text])
    fake = HashEmbedding()
    cache = SentenceEmbeddingCache(fake.get_text_embedding_batch)
    question = "Is a lambda function faster than a def function?"  # "faster" is not said of them
    vector = np.asarray(fake.get_query_embedding(question))
    scored = score_sentences(question, vector, [rule], cache, idf)
    answer = compose_extractive(question, [rule], scored, 0.2, 2, False, 0.0, idf)
    assert answer.abstained and "lambda" in answer.text, answer.text


def test_the_same_sentence_in_two_documents_is_quoted_once() -> None:
    words = "The treaty was signed in Lisbon."
    first = passage(1, [words, "Farming grew."])
    second = passage(2, [words, "Fishing grew."]).model_copy(
        update={"source": "seeds/copy.txt", "chunk_id": "d2"}
    )
    answer = answer_for("Where was the treaty signed?", [first, second])
    assert answer.text.count("signed in Lisbon") == 1, answer.text


def test_a_denial_of_the_asked_words_settles_no_in_fewer_of_them() -> None:
    from rag.idf import Idf
    from rag.yesno import SETTLE_COVERAGE, coverage

    rule = passage(
        1,
        [
            "Renaming a file never moves it within the list.",
            "Deleted files leave a gap.",
            "Old entries come first.",
        ],
    )
    # the corpus uses the question's words elsewhere: it is on topic
    idf = Idf([rule.text, "Uploads push stored items to the back of the listing order."])
    fake = HashEmbedding()
    cache = SentenceEmbeddingCache(fake.get_text_embedding_batch)
    question = "Does renaming a stored file push it to the back of the listing order?"
    # the denial shares too few of the question's words to settle it on them alone
    assert coverage(question, "Renaming a file never moves it within the list.", idf) < (
        SETTLE_COVERAGE
    )
    vector = np.asarray(fake.get_query_embedding(question))
    scored = score_sentences(question, vector, [rule], cache, idf)
    answer = compose_extractive(question, [rule], scored, 0.2, 2, False, 0.0, idf)
    assert answer.text.startswith("No.") and "never moves" in answer.text, answer.text


def test_of_two_close_sentences_a_yes_no_is_settled_by_the_one_denying_its_words() -> None:
    from rag.idf import Idf

    said = [
        "Labels and tags are each sorted by their printed text.",
        "Colours are ignored.",
        "A label cannot be sorted together with a tag.",
    ]
    rule = passage(1, said)
    idf = Idf([rule.text])
    # the denial ranks a little below the sentence that only shares the question's words
    scored = [
        scored_at(rule, said, 0, 0.60),
        scored_at(rule, said, 2, 0.59),
    ]
    question = "Can labels be sorted together with tags by their printed text?"
    decision = decided(question, scored, idf)
    assert decision.lead == "No." and decision.chosen[0].text == said[2], decision


def test_a_sentence_meeting_the_question_only_through_the_one_before_fails_as_it_does() -> None:
    from rag.idf import Idf

    said = [
        "Mara Quist, the port inspector, sailed to Oslo on May 2 to warn the crews.",
        "At the harbour office, safety was the first topic in a talk with Leif Dahl.",
    ]
    rule = passage(1, said)
    scored = [
        scored_at(rule, said, 0, 0.65),
        scored_at(rule, said, 1, 0.64),
    ]

    def window(sentence) -> str:  # a sentence is read with the one before
        return " ".join(said[max(0, sentence.index - 1) : sentence.index + 1])

    def ask(question: str):
        return decided(question, scored, Idf([rule.text]), window)

    # the first names no one she met; the second names Dahl, but only the first is about
    # Quist in Oslo: the documents do not say whom she met there
    assert ask("Who did Mara Quist meet with in Oslo?").abstained
    # asked in the second sentence's own words, it answers
    found = ask("Who was the safety talk at the harbour office with?")
    assert not found.abstained and said[1] in [s.text for s in found.chosen], found


def test_a_list_answer_takes_in_the_best_sentence_that_lists_items() -> None:
    from rag.idf import Idf
    from rag.rerank import LIST_BONUS

    said = [
        "A ledger is a book of accounts kept by a clerk.",
        "Ledgers are closed at the end of each month.",
        "The following are ledgers: a cash book, a sales journal, and a purchase journal.",
    ]
    rule = passage(1, said)
    scored = [
        scored_at(rule, said, 0, 0.70),
        scored_at(rule, said, 1, 0.62),
        scored_at(rule, said, 2, 0.50 - LIST_BONUS),
    ]
    decision = decided("Which books count as ledgers?", scored, Idf([rule.text]))
    chosen = [s.text for s in decision.chosen]
    assert said[2] in chosen, chosen
    assert scored[2].score == pytest.approx(0.50)  # raised for listing what is asked


def test_what_n_prefers_the_sentence_naming_the_n_it_asks_the_value_of() -> None:
    from rag.rerank import adjust, asked_noun

    said = ["The rows are handy to walk through a table.", "Rows come back in insertion order."]
    rule = passage(1, said)
    scored = [
        scored_at(rule, said, 0, 0.53),
        scored_at(rule, said, 1, 0.50),
    ]
    ranked = adjust("In what order does the table hand back its rows?", Form.other, scored)
    assert ranked[0].text == said[1]
    # "what type of…" asks for the type's value, which need not say "type"
    scored = [
        scored_at(rule, said, 0, 0.53),
        scored_at(rule, said, 1, 0.50),
    ]
    ranked = adjust("What type of table hands back rows?", Form.other, scored)
    assert ranked[0].text == said[0]
    # the noun is the one before the verb, not an adjective before it
    assert asked_noun("Which mutable table rows showed up first?") is None
    assert asked_noun("In what order does the table hand back rows?") == "order"


def test_a_why_prefers_the_reason_given_for_the_asked_event() -> None:
    from rag.rerank import adjust

    said = [
        "They argued that because the port was busy, its fees could rise if ships waited.",
        "The message was clear: it would be in the council's interest to persuade the mayor.",
        "Inspectors showed the crews the storm charts in hopes that they would stay in harbour.",
    ]
    rule = passage(1, said)
    question = "What was the point of showing the crews the storm charts?"
    scored = [scored_at(rule, said, i, score) for i, score in enumerate([0.45, 0.44, 0.43])]
    ranked = adjust(question, Form.why, scored)
    assert ranked[0].text == said[2], [s.text for s in ranked]
    # without a reason for the asked event, the other reasons keep their full weight
    scored = [scored_at(rule, said, i, score) for i, score in enumerate([0.45, 0.44])]
    ranked = adjust("Why did the harbour close?", Form.why, scored)
    assert [s.score for s in ranked] == pytest.approx([0.57, 0.56])


def test_a_yes_no_is_settled_by_a_denial_a_little_further_down() -> None:
    from rag.idf import Idf
    from rag.yesno import DENIAL_MARGIN, YESNO_MARGIN

    said = [
        "On Monday, before the full closure, Ana Roux spoke about the closure of the port.",
        "She has refused to call the port's shutdown a closure.",
    ]
    rule = passage(1, said)
    below = (YESNO_MARGIN + DENIAL_MARGIN) / 2  # too far below to be weighed for its words
    scored = [scored_at(rule, said, 0, 0.62), scored_at(rule, said, 1, 0.62 - below)]

    def window(sentence) -> str:  # "She…" is read with the sentence naming her
        return " ".join(said[: sentence.index + 1])

    decision = decided("Does Ana Roux call it a closure?", scored, Idf([rule.text]), window)
    assert decision.lead == "No." and decision.chosen[0].text == said[1], decision


def test_a_yes_no_in_words_the_documents_never_use_is_not_settled_by_a_name() -> None:
    from rag.idf import Idf

    said = ["Days later, inspectors met the harbour master, Ana Roux, at the port office."]
    rule = passage(1, said)
    scored = [scored_at(rule, said, 0, 0.6)]
    idf = Idf([rule.text])
    decision = decided("Did Ana Roux buy it?", scored, idf, seen=idf.seen)
    assert not decision.lead and decision.hedged, decision
    # in the documents' words, the same sentence settles it
    decision = decided("Did Ana Roux meet the inspectors?", scored, idf, seen=idf.seen)
    assert decision.lead == "Yes.", decision


def test_a_date_or_place_left_to_the_sentence_pointed_back_to_is_quoted_with_it() -> None:
    from rag.quotes import with_context

    said = [
        "The two towns issued a joint charter on May 4 at the river fair in Lund.",
        "In that document, the towns declared their pact had no end.",
    ]
    rule = passage(1, said)
    sentence = scored_at(rule, said, 1, 0.6)
    assert with_context(sentence, "When did the towns declare their pact had no end?") == [0, 1]
    assert with_context(sentence, "Where did the towns declare their pact had no end?") == [0, 1]
    asked = "At what event did the towns declare their pact had no end?"
    assert with_context(sentence, asked) == [0, 1]
    # a question it answers itself quotes it alone
    assert with_context(sentence, "What did the towns declare about their pact?") == [1]


def test_a_date_two_sentences_back_through_in_that_document_meets_the_asked_date() -> None:
    said = [
        "The towns signed a charter on May 4 at the river fair.",
        "In that document, the towns pledged lasting peace.",
        "The towns also agreed in the text to share the ferry.",
    ]
    answer = answer_for(
        "In the May 4 charter, did the towns agree to share the ferry?", [passage(1, said)]
    )
    assert not answer.abstained, answer.text
    assert "share the ferry" in answer.text


def test_a_list_goes_on_through_the_sentences_adding_to_it() -> None:
    from rag.quotes import with_context

    said = [
        "The inspectors told the mayor the dam would need new gates.",
        "The engineers said the spillway would also need widening.",
        "They also pointed out the road above it was sinking.",
        "And they argued the work could not wait.",
        "The mayor thanked them.",
    ]
    sentence = scored_at(passage(1, said), said, 0, 0.6)
    asked = "What repairs did the inspectors tell the mayor about?"
    assert with_context(sentence, asked, forward=True) == [0, 1, 2, 3]
    # not past a sentence adding nothing, nor outside a list
    assert with_context(scored_at(passage(1, said), said, 3, 0.6), asked, forward=True) == [3]
    assert with_context(sentence, asked) == [0]


def test_a_yes_no_asked_in_a_document_is_settled_by_the_sentence_on_the_asked_act() -> None:
    from rag.opposites import unsupposed

    # the document it is asked of is where to look; what is asked is the rest
    asked = "In the May 4 joint charter, did the towns back Lund in opposing the dam?"
    assert unsupposed(asked) == "did the towns back Lund in opposing the dam?"
    said = [
        "The points echo the 5,000-word joint charter the towns signed on May 4 at the fair.",
        "In that document, the towns declared their pact had no end.",
        "The towns also explicitly sided with Lund in the text to denounce the dam.",
    ]
    answer = answer_for(asked, [passage(1, said)])
    assert answer.text.startswith("Yes. The towns also explicitly sided with Lund"), answer.text


def test_the_alternative_a_yes_no_sets_aside_is_not_what_it_asks() -> None:
    rule = passage(1, ['"spin()" must be a method; it cannot be a plain attribute:'])
    asked = "Could I set spin() as a plain attribute instead of defining it as a method?"
    assert answer_for(asked, [rule]).text.startswith("No."), answer_for(asked, [rule]).text
    # a denial in brackets reaches no further than them
    said = 'A token is verified by passing it (instead of a raw string) to the "check()" function.'
    asked = "Can I hand a token to check() instead of a raw string?"
    answer = answer_for(asked, [passage(1, [said])])
    assert answer.text.startswith("Yes."), answer.text


def test_a_bound_asked_of_is_denied_by_a_sentence_saying_there_is_none() -> None:
    said = ["Any use of reserved labels is subject to change.", "Labels are unlimited in length."]
    answer = answer_for("Is there a maximum length for label names?", [passage(1, said)])
    assert answer.text.startswith("No. Labels are unlimited in length."), answer.text


def test_an_error_raised_by_name_answers_can_i_no() -> None:
    from rag.opposites import opposed
    from rag.questions import content_words

    said = 'Order comparisons (‘<’, ‘>’) of tickets raise "TypeError".'
    assert opposed("Can you compare two tickets with < ?", said)
    # the quoted operator is a word of its own, and a comparison is what "compare" asks
    assert {"op:<", "compar"} <= content_words(said)
    answer = answer_for(
        "can you compare two tickets with < to see which is older",
        [passage(1, ["Tickets compare equal if they hold the same seat.", said])],
    )
    assert answer.text.startswith("No. Order comparisons"), answer.text


def test_asked_of_what_lacks_a_thing_the_sentence_on_what_lacks_it_moves_up() -> None:
    from types import SimpleNamespace

    from rag.manner import favour_the_same_lack

    asked = "how does the pump start for a tank that has no float_switch?"
    general = SimpleNamespace(score=0.69, text='Every tank should have a "float_switch()".')
    lacking = SimpleNamespace(
        score=0.6, text='For tanks that don’t define "float_switch()", the pump polls the gauge.'
    )
    assert favour_the_same_lack(asked, [general, lacking], 0.12)[0] is lacking
    # a question lacking nothing moves nothing
    general.score, lacking.score = 0.69, 0.6
    plain = "how does the pump start for a tank?"
    assert favour_the_same_lack(plain, [general, lacking], 0.12)[0] is general
    # and the re-ranking for the question's form does it
    from rag.rerank import FORM_BONUS

    said, scores = [general.text, lacking.text], [0.69, 0.6]
    gained = adjusted(asked, Form.how, said, scores, 1) - adjusted(plain, Form.how, said, scores, 1)
    assert gained >= FORM_BONUS - 1e-9


def test_a_sentence_on_either_case_is_quoted_with_the_cases_before_it() -> None:
    from rag.quotes import with_context

    said = [
        "When the kettle boils dry, the heater switches off or the fuse blows.",
        "In either case, the lamp flashes red until it is reset.",
    ]
    sentence = scored_at(passage(1, said), said, 1, 0.6)
    assert with_context(sentence, "What does the lamp do when the kettle boils dry?") == [0, 1]


def test_a_what_question_under_a_condition_favours_the_sentence_naming_its_act() -> None:
    from types import SimpleNamespace

    from rag.manner import favour_the_act
    from rag.rerank import FORM_BONUS

    asked = "What does the kettle display when it boils dry?"
    condition = SimpleNamespace(score=0.6, text="When a kettle boils dry, its heater stops.")
    act = SimpleNamespace(score=0.5, text="It then displays a red warning light.")
    assert favour_the_act(asked, [condition, act], 0.12)[0] is act
    # in the re-ranking for any form, not only "how", it gains the bonus
    said, scores = [condition.text, act.text], [0.6, 0.5]
    plain = "What does it do when it boils dry?"
    assert adjusted(asked, Form.other, said, scores, 1) >= 0.5 + FORM_BONUS
    assert adjusted(plain, Form.other, said, scores, 1) < 0.5 + FORM_BONUS
    # "what does it do": no act to favour
    condition, act = (
        SimpleNamespace(score=0.6, text=condition.text),
        SimpleNamespace(score=0.5, text=act.text),
    )
    assert (
        favour_the_act("What does it do when it boils dry?", [condition, act], 0.12)[0] is condition
    )


def test_a_how_whose_event_is_only_mentioned_is_not_answered_by_sentences_sharing_a_name() -> None:
    from rag.idf import Idf

    said = [
        "They argued that because the mill was seen as a partner of the guild, its name could "
        "suffer.",
        "They knew how the mill had helped the guild dodge the river tolls, and warned the town.",
        "It shows how the mill helped the guild get around the tolls with loans and favours to "
        "the town council.",
    ]
    rule = passage(1, said)
    idf = Idf([rule.text])
    question = "How did the mill help the guild get around the river tolls?"
    scored = [scored_at(rule, said, 0, 0.70), scored_at(rule, said, 1, 0.60)]
    decision = decided(question, scored, idf, seen=idf.seen)
    # the article only says that they knew how: it does not say how
    assert decision.abstained and decision.chosen[0].text == said[1], decision
    # a "how" clause that tells the means answers
    scored = [scored_at(rule, said, 0, 0.70), scored_at(rule, said, 2, 0.60)]
    decision = decided(question, scored, idf, seen=idf.seen)
    assert not decision.abstained, decision


def test_a_far_less_relevant_sentence_does_not_answer_what_the_best_one_fails() -> None:
    from rag.idf import Idf
    from rag.selection import OUTSHONE, decide

    said = [
        "Days later, harbour officials met the inspector, Ana Roux, at the port office.",
        "Tomas Vidal, the harbour master, flew to Oslo on May 2.",
    ]
    rule = passage(1, said)
    idf = Idf([rule.text])

    def ask(top: float, other: float):
        scored = [scored_at(rule, said, 0, top), scored_at(rule, said, 1, other)]
        return decide(
            "Which harbour officials met Ana Roux at the port office?",
            scored,
            threshold=0.3,
            hedge_below=0.45,
            max_sentences=2,
            second_margin=0.1,
            window=lambda sentence: sentence.text,
            idf=idf,
            seen=idf.seen,
        )

    # the sentence on that meeting names no one: the documents do not say who met her
    decision = ask(0.80, 0.40)
    assert decision.abstained and decision.chosen[0].text == said[0], decision
    # a sentence naming someone, about as relevant, is quoted (with a warning when weak)
    decision = ask(0.40 + OUTSHONE / 2, 0.40)
    assert not decision.abstained and decision.hedged, decision
    assert decision.chosen[0].text == said[1], decision


def test_a_version_note_opening_a_section_dates_the_section_s_subject() -> None:
    from rag.idf import Idf
    from rag.quotes import with_context

    said = ["New in version 4.2.", "The fold statement is used for folding lists."]
    rule = passage(1, said).model_copy(update={"section": 'The "fold" statement'})
    question = "When was the fold statement added?"
    scored = [scored_at(rule, said, 1, 0.60), scored_at(rule, said, 0, 0.40)]
    decision = decided(question, scored, Idf([rule.text]))
    assert not decision.abstained, decision
    # the sentence on the statement is quoted with the note dating it
    assert with_context(scored_at(rule, said, 1, 0.6), question) == [0, 1]
    # the note alone is about its section's subject, not about another statement
    scored = [scored_at(rule, said, 0, 0.60)]
    assert not decided(question, scored, Idf([rule.text])).abstained
    asked = "When was the loop statement added?"
    assert decided(asked, scored, Idf([rule.text])).abstained


def test_a_see_also_entry_naming_the_subject_does_not_define_it() -> None:
    from rag.rerank import adjust

    said = [
        "**PEP 999** - The “frob” statement The specification of the frob statement.",
        'The "frob" statement is used to wrap a block with a guard.',
    ]
    rule = passage(1, said)
    scored = [scored_at(rule, said, i, score) for i, score in enumerate([0.8, 0.6])]
    ranked = adjust("what is the frob statement", Form.other, scored)
    assert ranked[0].text == said[1], [s.text for s in ranked]


def test_a_definition_opens_with_its_subject_and_a_list_item_or_an_intro_defines_nothing() -> None:
    from rag.rerank import adjust

    said = [
        "The lines that may come first are:",
        "other frob statements.",
        "The syntax for a frob statement:",
        "Frob statements may be used in loops or in classes.",
        "A *frob statement* tells the parser which rules to apply.",
    ]
    rule = passage(1, said)
    scored = [scored_at(rule, said, i, s) for i, s in enumerate([0.7, 0.78, 0.77, 0.74, 0.7])]
    ranked = adjust("whats a frob statement, strictly speaking?", Form.other, scored)
    # the item and the intro, though closer in meaning, name the subject and no more
    assert [s.text for s in ranked[:2]] == [said[4], said[3]], [s.text for s in ranked]


def test_a_list_leaning_on_the_sentence_before_lists_what_that_one_names() -> None:
    from rag.lists import enumerates

    said = [
        "All old spool modes are still accepted by the reader.",
        'The list includes "fast", "slow", "batch" and "stream".',
    ]
    rule = passage(1, said)
    listing = scored_at(rule, said, 1, 0.6)
    assert enumerates(listing, "Which old spool modes does the reader accept?")
    assert not enumerates(listing, "Which printers does the queue feed?")
    # alone, the items share no word with the question
    alone = passage(1, said[1:])
    assert not enumerates(scored_at(alone, said[1:], 0, 0.6), "Which old modes are accepted?")


def test_a_comparison_needs_each_thing_it_compares_in_the_answer() -> None:
    passages = [
        passage(1, ['The "skip" statement does nothing; it is a placeholder.', "It has ten uses."]),
        passage(2, ['The "halt" statement stops the machine at once.'], offset=100),
    ]
    answer = answer_for("skip vs ... as a placeholder, any difference?", passages)
    assert answer.abstained and "skip" in answer.text, answer.text  # "..." is never described
    # the halt sentence, far less relevant than the skip one, is taken in for the comparison
    answer = answer_for("What is the difference between the placeholder skip and halt?", passages)
    assert not answer.abstained
    assert "does nothing" in answer.text and "stops the machine" in answer.text, answer.text


def test_another_way_to_do_it_answers_whether_it_can_be_done_without() -> None:
    # "…normally wound by the crank…, but can also be wound by hand": Yes, without the crank
    rule = passage(
        1, ["Spools are normally wound by the crank (see Winding), but can also be wound by hand."]
    )
    answer = answer_for("Is it possible to wind a spool without the crank?", [rule])
    assert answer.text.startswith("Yes."), answer.text
    answer = answer_for("Is a spool normally wound by the crank?", [rule])
    assert answer.text.startswith("Yes."), answer.text


def test_a_denial_of_the_undoing_says_a_thing_lasts() -> None:
    kept = passage(1, ["Names bound by the loop are not deleted when the loop has ended."])
    answer = answer_for("Are the loop's names still defined after the loop has ended?", [kept])
    assert answer.text.startswith("Yes."), answer.text
    cleared = passage(1, ["The name bound by the handler is cleared when the handler has ended."])
    answer = answer_for(
        "Is the handler's name still defined after the handler has ended?", [cleared]
    )
    assert answer.text.startswith("No."), answer.text
    # asked whether they are deleted, the "not" denies it
    answer = answer_for("Are the loop's names deleted when the loop has ended?", [kept])
    assert answer.text.startswith("No."), answer.text


def test_a_denial_of_presence_agrees_with_a_question_on_absence() -> None:
    unlisted = passage(1, ["Some of the private fields are not shown by the inspect command."])
    answer = answer_for("Are some private fields hidden from the inspect command?", [unlisted])
    assert answer.text.startswith("Yes."), answer.text
    answer = answer_for("Is any private field missing from what inspect lists?", [unlisted])
    assert answer.text.startswith("Yes."), answer.text
    # asked whether they are shown, the "not" denies it
    answer = answer_for("Are the private fields shown by the inspect command?", [unlisted])
    assert answer.text.startswith("No."), answer.text


def test_a_denial_left_to_the_verb_before_it_denies_what_it_names() -> None:
    rule = passage(
        1, ["The rule applies to ordered piles (e.g. to stacks, but not to bags or heaps)."]
    )
    answer = answer_for("Does the rule apply to ordered bags?", [rule])
    assert answer.text.startswith("No."), answer.text
    answer = answer_for("Does the rule apply to ordered stacks?", [rule])
    assert answer.text.startswith("Yes."), answer.text


def test_how_to_avoid_a_problem_goes_on_to_the_remedy_given_after_it() -> None:
    shelf = passage(
        1,
        [
            "Default piles are built once, when the shelf is made.",
            "This matters when a pile is shared: if a caller adds a book, every later caller "
            "sees that book.",
            "This is generally not what was intended.",
            "A way around this is to give an empty marker as the default.",
        ],
    )
    answer = answer_for("How do I avoid every later caller seeing the book a caller adds?", [shelf])
    assert "A way around this is to give an empty marker" in answer.text, answer.text
    # and so does one asking how to do a thing so that the problem does not happen
    question = "How should I build a shelf so that every later caller doesn't see the book?"
    answer = answer_for(question, [shelf])
    assert "A way around this is to give an empty marker" in answer.text, answer.text
    # a question that asks for no remedy stops at the sentence it quotes
    answer = answer_for("What does every later caller see when a caller adds a book?", [shelf])
    assert "A way around this" not in answer.text, answer.text


def test_a_pointer_elsewhere_is_not_the_answer_unless_where_to_read_is_asked() -> None:
    said = [
        "For full details of the rounding rules, refer to the Numbers section.",
        "A rounded value is stored in the ledger's total field.",
    ]
    rule = passage(1, said)
    question = "Where does a rounded value end up?"
    scored = [scored_at(rule, said, 0, 0.6), scored_at(rule, said, 1, 0.55)]
    assert decided(question, scored, None).chosen[0].text == said[1]
    # asked where to read more, the pointer is the answer
    scored = [scored_at(rule, said, 0, 0.6), scored_at(rule, said, 1, 0.55)]
    asked = "Which section gives the details of the rounding rules?"
    assert decided(asked, scored, None).chosen[0].text == said[0]


def test_a_question_on_what_went_on_prefers_the_sentence_telling_it_going_on() -> None:
    from rag.idf import Idf

    said = [
        "Ms. Ruiz was doubtful, a council member said.",
        "Ms. Ruiz continued to object and said the budget was too small.",
    ]
    rule = passage(1, said)
    scored = [scored_at(rule, said, 0, 0.50), scored_at(rule, said, 1, 0.47)]
    decision = decided("What did Ms. Ruiz keep arguing?", scored, Idf([rule.text]))
    assert decision.chosen[0].text == said[1], decision


def test_a_yes_no_on_agreeing_to_do_something_is_not_settled_by_the_deed_alone() -> None:
    from rag.idf import Idf

    said = [
        "They knew how the council had helped the union win its case.",
        "The mayor met the council in May.",
    ]
    rule = passage(1, said)
    scored = [scored_at(rule, said, 0, 0.60), scored_at(rule, said, 1, 0.40)]
    decision = decided("Did the council agree to help?", scored, Idf([rule.text]))
    assert decision.lead != "Yes." and decision.hedged, decision
    # the deed asked plainly is settled by it
    scored = [scored_at(rule, said, 0, 0.60), scored_at(rule, said, 1, 0.40)]
    decision = decided("Did the council help the union?", scored, Idf([rule.text]))
    assert decision.lead == "Yes.", decision


def test_a_list_of_people_who_acted_skips_people_only_acted_on() -> None:
    from rag.lists import gather_people

    said = [
        "Council members met the mayor's staff several times.",
        "Council members met with Mr. Dahl in Oslo again on Monday.",
        "Board chair Ingrid K. Moe spoke to Mr. Dahl about the plan.",
    ]
    rule = passage(1, said)
    meeting = [scored_at(rule, said, i, score) for i, score in enumerate((0.6, 0.55, 0.5))]
    chosen = gather_people("Name the council members who spoke to the mayor.", meeting, 0.3, 4)
    texts = [s.text for s in chosen]
    assert said[2] in texts and said[1] not in texts, texts  # Dahl is met; Moe acts


def test_a_definition_is_read_where_the_sentence_after_it_is_too() -> None:
    # two overlapping chunks hold the sentence naming the term: one ends with it, the next
    # goes on with what it is
    intro = "A special field of every ticket is the stub."
    first = passage(1, ["Tickets are sold at the gate.", intro])
    second = passage(2, [intro, "This is the part the usher tears off."], offset=30)
    answer = answer_for("What is the stub of a ticket?", [first, second])
    assert "the usher tears off" in answer.text, answer.text


def test_a_yes_no_is_settled_by_the_sentence_denying_what_it_asks_over_one_sharing_more() -> None:
    from rag.idf import Idf

    said = [
        "Parcels travel with a paper label on the lid and a return label on the base.",
        "The presence of labels does not change the way a parcel travels.",
    ]
    rule = passage(1, said)
    idf = Idf([rule.text])
    # the denial ranks below a sentence holding more of the question's words
    scored = [scored_at(rule, said, 0, 0.61), scored_at(rule, said, 1, 0.56)]
    question = "Do paper and return labels change how a parcel travels when it ships?"
    decision = decided(question, scored, idf)
    assert decision.lead == "No." and decision.chosen[0].text == said[1], decision
    # a denial of the question's setting, not of what it asks, does not settle it
    said = [
        "When a courier leaves the depot with a parcel, that parcel is tracked.",
        "The depot log is closed if the van is full, the gate is shut, and no courier leaves "
        "the depot.",
    ]
    rule = passage(1, said)
    scored = [scored_at(rule, said, 0, 0.70), scored_at(rule, said, 1, 0.60)]
    question = "If a courier leaves the depot with a parcel, is the parcel still tracked?"
    decision = decided(question, scored, Idf([rule.text]))
    assert decision.lead == "Yes." and decision.chosen[0].text == said[0], decision


def test_a_clause_leaving_its_subject_to_the_one_before_denies_what_is_asked() -> None:
    from rag.idf import Idf

    said = [
        "An optional blank line may be present after the last entry but does not affect the total."
    ]
    rule = passage(1, said)
    idf = Idf([rule.text, "Entries are summed."])
    scored = [scored_at(rule, said, 0, 0.6)]
    # a gerund opening the question is no name the documents never use
    question = "Does putting a blank line after the last entry change the sum?"
    decision = decided(question, scored, idf, seen=idf.seen)
    assert decision.lead == "No.", decision


def test_of_contrasted_clauses_the_one_with_what_is_asked_settles_it() -> None:
    from rag.negation import negated

    # the question's setting shares more words with the first clause than what it asks does
    sentence = (
        'For a missing value, if "y = None", the checks "y < 0" and "y == 0" are not true, '
        'while "y != 0" is true.'
    )
    assert not negated(sentence, "If y = None for a missing value, is y != 0 true?")
    assert negated(sentence, "If y = None for a missing value, is y == 0 true?")


def test_a_rebuff_by_the_role_the_question_gives_someone_answers_whether_they_came_around():
    from rag.idf import Idf

    said = [
        "Each time, the town officials, including the mayor, rebuffed the French engineers "
        "on the bridge."
    ]
    rule = passage(1, said)
    idf = Idf(
        [rule.text, "The mayor, Ana Roux, took office in May."],
        persons=lambda: frozenset({"ana", "roux"}),  # the people the documents name
    )
    scored = [scored_at(rule, said, 0, 0.6)]
    # "Mayor Roux" is the mayor the sentence names by role; "the French view" is no place
    question = "Did Mayor Roux come around to the French view on the bridge?"
    decision = decided(question, scored, idf, seen=idf.seen)
    assert decision.lead == "No." and not decision.hedged, decision


def test_what_a_yes_no_supposes_is_no_denial_of_what_it_asks() -> None:
    from rag.idf import Idf

    said = [
        'A parcel that carries "label()" and does not carry "stamp()" will have its "stamp()" '
        'set to "None".',
        'If a parcel carries mutable labels, it should not carry "stamp()", since stamps are '
        "fixed.",
        'If a parcel does not carry a "label()" it should not carry a "stamp()" either; if it '
        'carries "label()" but not "stamp()", it will not be accepted.',
    ]
    rule = passage(1, said)
    idf = Idf([rule.text])
    scored = [
        scored_at(rule, said, 0, 0.79),
        scored_at(rule, said, 1, 0.72),
        scored_at(rule, said, 2, 0.66),
    ]
    # the question supposes the "not stamp()" the sentences deny; it asks of the becoming None
    question = "If a parcel carries label but not stamp, does its stamp automatically become None?"
    decision = decided(question, scored, idf)
    assert decision.lead == "Yes." and decision.chosen[0].text == said[0], decision


def test_a_denial_of_the_asked_act_is_of_its_verb_not_of_a_name_in_code() -> None:
    from rag.denials import denies_the_asked_act

    asked = "does its stamp become None?"
    assert denies_the_asked_act("Its stamp does not actually become None.", asked)
    assert not denies_the_asked_act('If it has "label()" but not "stamp()", it is refused.', asked)
    assert not denies_the_asked_act("It should not carry a stamp.", asked)  # another act
    # the asked act, of another thing
    asked = "Can a guest override a rule set by the club?"
    assert denies_the_asked_act("Guests cannot override rules of the club.", asked)
    assert not denies_the_asked_act("Guests cannot override the fees of a pool.", asked)


def test_a_rule_without_its_subject_is_read_under_its_section_title() -> None:
    from rag.idf import Idf

    said = [
        "Pause the running *job* on a *ticket* object.",
        "Can only be used inside a *job function*.",
    ]
    rule = passage(1, said).model_copy(update={"section": "Hold expression"})
    idf = Idf([rule.text, rule.section])
    scored = [scored_at(rule, said, 1, 0.64), scored_at(rule, said, 0, 0.61)]
    # the question's own relative clause ("that isn't a job") is no denial of what it asks
    question = "Is hold allowed inside a plain def function that isn't a job?"
    decision = decided(question, scored, idf)
    assert decision.lead == "No." and decision.chosen[0].text == said[1], decision


def test_a_state_told_the_other_way_in_words_of_its_own_is_opposed() -> None:
    from rag.opposites import opposed

    question = "Were the two towns on good terms after the flood?"
    assert opposed(question, "Ties between the towns were strained after the flood.")
    assert opposed(question, "Their ties were at their lowest point in years.")
    assert not opposed(question, "The towns were on good terms after the flood.")
    assert opposed("Were the towns' ties in decent shape?", "Their ties were at a low point.")


def test_a_relationship_is_the_relations_asked_of() -> None:
    from rag.questions import content_words
    from rag.textutil import stem

    assert stem("relationship") == stem("relations")
    assert stem("partnerships") == stem("partner")
    assert stem("worship") != stem("wor")  # too short to hold a state of something
    assert "relat" in content_words("the relationship between the towns") & content_words(
        "Were relations between the towns good?"
    )


def test_a_person_s_criticism_is_what_they_say() -> None:
    from rag.idf import Idf

    said = [
        "Ana Roux heard criticism at the meeting on the plan.",
        "Boats were moved to the north quay.",
        "“The plan is all about the marina,” said Ana Roux, a local historian.",
    ]
    rule = passage(1, said)
    idf = Idf([rule.text, "Ferries run daily."], persons=lambda: frozenset({"ana", "roux"}))
    fake = HashEmbedding()
    cache = SentenceEmbeddingCache(fake.get_text_embedding_batch)
    question = "What's Ana Roux's criticism of the plan?"
    vector = np.asarray(fake.get_query_embedding(question))
    scored = score_sentences(question, vector, [rule], cache, idf)
    assert scored[0].text == said[2], [(s.text, s.score) for s in scored]


def test_a_definition_may_leave_out_the_kind_its_subject_is_asked_as() -> None:
    from rag.definitions import defines

    # "What is a tidy assignment statement?": "Tidy assignment is…" defines it
    sentence = "Tidy assignment is the pairing, in one go, of a sort and a store:"
    assert defines("tidy assignment statement", sentence) == 1.5


def test_far_below_one_failing_what_n_asks_a_sentence_never_speaking_of_n_does_not_answer():
    from rag.idf import Idf

    said = [
        "The club told members it would charge steep fees on late bookings in the event of a "
        "strike.",
        "But the talks failed, and the strike began on Monday morning.",
    ]
    rule = passage(1, said)
    scored = [scored_at(rule, said, 0, 0.76), scored_at(rule, said, 1, 0.46)]
    question = "What fees did the club actually charge once the strike began?"
    decision = decided(question, scored, Idf([rule.text]))
    # the fees it threatened are not ones it charged; the strike beginning names no fee
    assert decision.abstained and decision.chosen[0].text == said[0], decision


def test_asked_of_the_only_one_the_sentence_saying_what_alone_is_so_ranks_first() -> None:
    from rag.rerank import adjust

    said = [
        "All old gates opened by the pass are in use by the club.",
        "The only gate that needs the pass is the north gate.",
    ]
    rule = passage(1, said)
    scored = [scored_at(rule, said, 0, 0.75), scored_at(rule, said, 1, 0.69)]
    ranked = adjust("Which gate is the only one that still needs the pass?", Form.other, scored)
    assert ranked[0].text == said[1], [s.text for s in ranked]


def test_a_term_in_emphasis_introduced_by_what_comes_before_it_is_defined_there() -> None:
    from rag.definitions import defines

    introduced = "If you open a box through its lid, you get a special space: a *stamp slot*."
    assert defines("stamp slot", introduced) == 1.5
    assert defines("stamp slot", "Can only be used inside a *stamp slot*.") < 1.0


def test_a_question_passing_nothing_favours_the_sentence_giving_the_default() -> None:
    from rag.conditions import gives_the_default
    from rag.rerank import CONDITION_BONUS

    said = ["Return the kettle's reading in degrees.", "*unit* defaults to 'celsius'."]
    scores = [0.6, 0.5]
    for asked in (
        "If I call reading() with no arguments, which unit do I get?",
        "which unit does reading() use when I don't pass one?",
        "reading() without an argument: what unit?",
    ):
        assert gives_the_default(asked, said[1]), asked
        assert adjusted(asked, Form.other, said, scores, 1) >= 0.5 + CONDITION_BONUS, asked
    # a question passing the unit asks no default
    plain = "If I call reading() with unit='kelvin', which unit do I get?"
    assert not gives_the_default(plain, said[1])
    assert adjusted(plain, Form.other, said, scores, 1) < 0.5 + CONDITION_BONUS
    # and a sentence without a default gains nothing
    assert not gives_the_default(
        "reading() with no arguments?", "Return the kettle's reading in degrees."
    )
