"""Telling question kinds apart: whole-document intents, forms, and the question's constraints.

The phrasings here are written for these tests and are not the eval set's; they cover each
kind with general wording and, as important, the look-up questions that must not be mistaken
for them.
"""

from __future__ import annotations

import pytest

from rag.amounts import counts_what_is_asked, settles_a_bound
from rag.clauses import asked_clause
from rag.constraints import named_dates_present, roles_agree, unmet
from rag.cues import offers_form
from rag.dates import dated_otherwise
from rag.forms import Form, form_of
from rag.idf import Idf
from rag.intent_patterns import Intent, by_pattern
from rag.negation import negated
from rag.questions import Expect, expected, offers


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("Could you sum this up in a couple of lines?", Intent.gist),
        ("tl;dr please", Intent.gist),
        ("What are the main takeaways here?", Intent.gist),
        ("What's this piece about?", Intent.gist),
        ("What is the headline?", Intent.title),
        ("What's the story called?", Intent.title),
        ("When did this report come out?", Intent.date),
        ("Do you know when it was published?", Intent.date),
        ("so when was the piece posted", Intent.date),
        ("What's the publication date?", Intent.date),
        ("Is this article recent?", Intent.date),
        ("Which city was this filed from?", Intent.dateline),
        ("What's the dateline?", Intent.dateline),
        ("Who wrote the article?", Intent.byline),
        ("Is there an author listed?", Intent.byline),
        ("What does the sub-headline say?", Intent.title),
        ("Where was the correspondent based?", Intent.dateline),
        ("Which newspaper ran this?", Intent.publisher),
        ("Who is the publisher?", Intent.publisher),
        ("Who is quoted in the story?", Intent.people),
        ("Which officials does the report name?", Intent.people),
        ("Who are the key players?", Intent.people),
        ("List all the people mentioned in this piece.", Intent.people),
        # a setting before the question names no subject of it
        ("For a quick briefing on the strike, what's the main takeaway of the piece?", Intent.gist),
        # an adverb after "about" is no subject, nor where the reader is before the request
        ("what's this story about basically?", Intent.gist),
        ("too long to read on the train, can u sum it up", Intent.gist),
    ],
)
def test_whole_document_questions_are_recognised(question: str, intent: Intent) -> None:
    assert by_pattern(question) is intent


@pytest.mark.parametrize(
    "question",
    [
        "When did the two leaders meet?",
        "Where was the summit held?",
        "What did the spokeswoman say about sanctions?",
        "Who wrote the joint statement?",
        "What title does the deputy secretary hold?",
        "What is the main point of the joint statement about NATO?",
        "Can you sum it up, focusing on the part on sanctions?",
        "When was the statement issued?",
        "Who is the author of the 2014 sanctions?",
        "Which newspaper did the minister criticise?",
        "What is going on with the sanctions?",
        "Who was named ambassador?",
        "Which officials met the ambassador?",
        "Who are the key players in the sanctions talks?",
        # a leading condition's "that" is no document: the question asks of the loop
        "When a loop exits a block that has a cleanup clause, does the cleanup run first?",
        # "when it's printed" is a clause of a "how" question, not a question of the date
        "How does a date object look when it's printed?",
        "What happens to the buffer when it is written twice?",
    ],
)
def test_questions_about_the_content_are_look_ups(question: str) -> None:
    assert by_pattern(question) is None


@pytest.mark.parametrize(
    "question",
    [
        "What's the big picture here?",
        "What is the central argument?",
        "What's going on here?",
        "Could you furnish me with a brief précis of this report?",
        "What, in a sentence, is the principal contention of the piece?",
    ],
)
def test_a_question_naming_nothing_in_the_document_asks_for_its_gist(question: str) -> None:
    from rag.intents import IntentClassifier

    # vectors unlike every example: only the "names nothing in the document" rule can decide
    classifier = IntentClassifier(lambda texts: [[1.0, 0.0]] * len(texts))
    assert by_pattern(question) is None
    assert classifier.classify(question, [0.0, 1.0]).intent is Intent.gist


def test_a_question_naming_a_thing_is_not_taken_for_a_gist() -> None:
    from rag.intents import names_nothing

    assert not names_nothing("What does break do?")  # "break down" is generic; "break" is not
    assert not names_nothing("What is the central bank's argument?")


@pytest.mark.parametrize(
    ("question", "form"),
    [
        ("Why did the officials keep meeting?", Form.why),
        ("What was the goal of the briefings?", Form.why),
        ("How come the talks failed?", Form.why),
        ("What made the envoys think the mayor could stop the strike?", Form.why),
        ("What made the front page?", Form.other),
        ("then why go ahead with it anyway?", Form.why),
        ("ok, so how did they do it?", Form.how),
        ("well, did they meet again?", Form.yesno),
        ("How did the ministry respond?", Form.how),
        ("How many meetings were there?", Form.other),
        ("Did the ambassador agree?", Form.yesno),
        ("Was the report published before the invasion?", Form.yesno),
        ("Which officials took part?", Form.list),
        ("Name the countries that were mentioned.", Form.list),
        ("What issues did they agree on?", Form.list),
        ("Is the key or the value evaluated first?", Form.other),
        ("Did Oslo or Bergen host the talks?", Form.other),
        ("Did they meet or not?", Form.yesno),
        ("What did Burns tell the Russians?", Form.other),
        ("Which ports does the company treat as hubs?", Form.list),
        ("Which Dutch officials met them?", Form.list),
        ("which city hall aides actually met the mayor", Form.list),  # typed lower case
        ("Which clauses, if present, run after the body?", Form.list),
        ("In which blocks is a name bound?", Form.list),
        ("What class is returned?", Form.other),
        ("What did the workers say?", Form.other),
        ("Which official said that?", Form.other),
        ("Which error gets reported when the file is missing?", Form.other),
        ("Which method returns the size?", Form.other),
        ("What happens when the loop ends?", Form.other),
        # the scene a user sets before asking does not decide the form; the asking clause does
        ("I'm writing a parser — how do I make it accept tabs?", Form.how),
        ("My subclass defines a hook. Why does it run before the parent's?", Form.why),
        ("If the first test is true, does the last branch still run?", Form.yesno),
        ("After the summit, why did the envoys pick that issue?", Form.why),
        ("According to the mayor, why was the ferry late?", Form.why),
        ("From the board's point of view, how did the vote go wrong?", Form.how),
        ("When the board met, which members voted against?", Form.list),
        ("The vote failed, so why did the board try again?", Form.why),
        ("Which Red Cross workers reached the town?", Form.list),
        ("In what areas have the towns grown closer?", Form.list),
        ("In what year did the ferry start?", Form.other),
        # a purpose or a reasoning asked in other words is a why
        ("What was the mayor trying to accomplish with the ferry?", Form.why),
        ("Some doubted the plan but backed it. What was their logic?", Form.why),
        ("What was the ferry doing?", Form.other),
        ("What metaclass is used by default?", Form.other),  # one noun in -s
        ("Which bus was late?", Form.other),
        # a verb in -s before its object: one thing asked, not a plural
        ("which form tells you the fee?", Form.other),
        # an acronym qualifying the plural ("Which US agencies…") is no name
        ("Which US agencies sent aid?", Form.list),
        ("What did NATO say?", Form.other),
        # a counted plural asks for each of them
        ("What do the three ferry routes cost?", Form.list),
        ("What is the difference between the two routes?", Form.other),
        ("Which office gives me a permit?", Form.other),
        # a statement put as a question by a tag asks whether the statement holds
        ("The ferry leaves at noon, right?", Form.yesno),
        ("Closing the file flushes its buffer, doesn't it?", Form.yesno),
        ("The mayor signed the order, is that correct?", Form.yesno),
        ("Where did the ferry go, right?", Form.other),
        ("Is that true?", Form.yesno),
        # a request wrapped around a question asks that question
        ("Could you tell me why the ferry was late?", Form.why),
        ("Can you describe how the vote was counted?", Form.how),
        ("Would you list the towns the ferry stops at?", Form.list),
        ("Do you know if the ferry runs on Sundays?", Form.yesno),
        ("Can you explain what a quorum is?", Form.other),
        ("Can you open a file twice?", Form.yesno),
    ],
)
def test_question_forms(question: str, form: Form) -> None:
    assert form_of(question) is form


def test_a_channel_is_a_manner_a_how_question_accepts() -> None:
    assert offers_form(Form.how, "The mayor announced the closure on television.")
    assert offers_form(Form.how, "She gave the figures in a written statement.")
    assert not offers_form(Form.how, "The mayor announced the closure.")
    # the instrument of a passive: "…is returned by the built-in function…"
    assert offers_form(Form.how, 'A file\'s size is returned by the built-in function "stat()".')
    assert not offers_form(Form.how, "The file's size is stored in its header.")


def test_an_action_done_for_what_a_how_asks_is_its_means() -> None:
    from rag.cues import form_strength

    asked = "How did the inspector get the flood report in front of the mayor?"
    said = "The inspector had driven to Lund on May 2 to confront the mayor with the report."
    assert form_strength(Form.how, said, asked) == 1
    # a purpose about something else is no means of this
    other = "The inspector had driven to Lund on May 2 to meet the harbour crews."
    assert form_strength(Form.how, other, asked) == -1
    # nor is a name that ends like a past participle an action done
    named = "Jensen's outreach to get the flood report to the mayor began in May."
    assert form_strength(Form.how, named, asked) == -1
    # "to" before a noun is no purpose: "assigned to the slot…" is done for nothing asked
    rule = "The value is assigned to the slot named after the key, and the key is stored."
    assert form_strength(Form.how, rule, "How does a slot decide whether the key matches?") == -1


def test_a_reaction_is_asked_by_the_asking_clause_s_own_verb() -> None:
    from rag.cues import ASKS_REACTION

    assert ASKS_REACTION.search("How did the union respond?")
    assert ASKS_REACTION.search("How was the plan received by the board?")
    assert not ASKS_REACTION.search("How does the hook signal that what it received was read?")


def test_reasons_and_negations_are_seen() -> None:
    assert offers_form(Form.why, "They met in hopes that the talks would help.")
    assert not offers_form(Form.why, "They met on Tuesday at the embassy.")
    # a judgment that moved them is their reasoning
    assert offers_form(Form.why, "Others doubted it, but thought it was important to try.")
    # "since" opening a clause gives a reason; after a verb's object it gives a time
    assert offers_form(Form.why, "Since the clause always runs, its return wins.")
    assert offers_form(Form.why, "Its return wins, since the clause always runs.")
    assert not offers_form(Form.why, "The ties are closer than at any time since the war.")
    # "but since…" and "since <subject> is not…" open a reason too
    assert offers_form(Form.why, "Caches help, but since memory is scarce, they are small.")
    assert offers_form(Form.why, "It is kept since the old cache is not reliable.")
    assert not offers_form(Form.why, "The cache has been kept since the last release.")
    # what follows from the sentence before is a consequence, not a reason
    assert not offers_form(Form.why, "This means the value must be copied before the call.")
    assert negated("The ministry refused to call it an invasion.")
    assert not negated("The ministry called it an invasion.")


def test_a_denial_counts_only_when_it_governs_what_the_question_asks() -> None:
    question = "Did the delegates meet the minister in person?"
    beside = "The delegates met the minister twice and urged her not to raise tariffs."
    assert not negated(beside, question)  # "not to raise tariffs" denies something else
    assert negated("The delegates never met the minister in person.", question)
    assert negated("The embassy did not return requests for comment.", "Did the embassy comment?")


def test_a_country_written_with_full_stops_owns_its_role() -> None:
    from rag.roles import roles

    assert roles("Who is the U.S. ambassador to China?") == ((0, "us", "china"),)
    assert roles("Who is Britain's envoy to the U.K.?")[0][2] == "uk"
    said = "Officials met the ambassador, Lu Wen, at the Chinese Embassy."
    assert unmet("Who is the U.S. ambassador to China?", said, Expect.person) == "role"


def test_a_role_of_another_country_does_not_answer() -> None:
    window = "Wang Yi, the Chinese foreign minister, criticized the alliance."
    assert roles_agree("Who is the Chinese foreign minister?", window)
    assert not roles_agree("Who is Russia's foreign minister?", window)
    assert not roles_agree(
        "Who is America's envoy in Beijing?", "Qin Gang, China's ambassador to the United States."
    )
    assert roles_agree("Who is Qin Gang?", "Qin Gang, China's ambassador to the United States.")
    # an ambassador's embassy tells whose ambassador he is
    met = "Days later, officials met with the ambassador, Qin Gang, at the Chinese Embassy."
    assert not roles_agree("Who is America's envoy in Beijing?", met)
    assert roles_agree("Who is China's ambassador to the United States?", met)


def test_a_where_answer_names_a_place_after_in_at_or_to() -> None:
    from rag.questions import offers

    asked = "Where did the two mayors meet?"
    assert offers(Expect.place, "The mayors met at the Grand Hotel in Lyon.", asked)
    assert offers(Expect.place, "Mayor Roux flew to Geneva to meet Mayor Berg.", asked)
    # names of people are not where anything happened
    assert not offers(Expect.place, "Mayor Roux and Mayor Berg had met 37 times.", asked)
    # an institution is a place too: "Where does she teach?"
    asked = "Where does Anna Roux teach?"
    assert offers(Expect.place, "said Anna Roux, a Lyon University professor.", asked)


def test_a_tag_question_asks_about_its_statement_and_the_tag_denies_nothing() -> None:
    assert asked_clause("Closing the file flushes its buffer, doesn't it?") == (
        "Closing the file flushes its buffer"
    )
    assert asked_clause("The ferry leaves at noon, right?") == "The ferry leaves at noon"
    assert not negated(asked_clause("Closing the file flushes its buffer, doesn't it?"))
    assert asked_clause("Is it true?") == "Is it true?"


def test_what_something_does_with_another_verb_asks_no_definition() -> None:
    from rag.definitions import definition_subject

    assert definition_subject("What does the flush() method do?") == "flush() method"
    assert definition_subject("What does a quorum mean?") == "quorum"
    # "what does X receive?" asks what it receives: "X receive" is no subject to define
    assert definition_subject("what does a *rest parameter receive?") is None


def test_a_request_around_a_question_asks_the_question_it_wraps() -> None:
    from rag.definitions import definition_subject

    assert asked_clause("Could you tell me who signed the order?") == "who signed the order?"
    assert expected("Could you tell me who signed the order?") is Expect.person
    assert expected("Do you happen to know when the bridge opened?") is Expect.date
    assert asked_clause("Do you know whether the bridge opened?") == "the bridge opened?"
    assert definition_subject("Could you explain what a quorum is?") == "quorum"
    assert definition_subject("Tell me what the flush() method does.") == "flush() method"
    assert asked_clause("Can you open a file twice?") == "Can you open a file twice?"


def test_months_and_weekdays_typed_in_lower_case_are_read_as_dates() -> None:
    idf = Idf(["The board met on Thursday, and again in March."])
    asked = idf.truecase("did the board meet in december or on thursday?")
    assert asked == "did the board meet in December or on Thursday?"
    said = "The board met on Thursday, and again in March."
    assert unmet(asked, said, Expect.anything) == "date"  # December is not there
    assert idf.truecase("may the board meet?") == "may the board meet?"


def test_where_in_the_present_asks_for_a_step_or_slot_and_in_the_past_for_a_place() -> None:
    assert expected("Where does control go after a skip clause?") is Expect.anything
    assert expected("Where does the returned value end up?") is Expect.anything
    assert expected("Where did the envoys meet?") is Expect.place


def test_a_question_asking_the_date_is_not_answered_by_a_month() -> None:
    asked = "What date was that call?"
    assert unmet(asked, "She called him in December.", Expect.date) == "date"
    assert unmet(asked, "She called him on Dec. 3.", Expect.date) is None
    assert unmet(asked, "She called him on Thursday.", Expect.date) is None
    # "when" takes a month
    assert unmet("When was that call?", "She called him in December.", Expect.date) is None
    # a day of the month asked, not another day
    asked = "On what exact date in January did she call?"
    said = "She called in late January and again on Monday."
    assert unmet(asked, said, Expect.date) == "date"
    assert unmet(asked, "She called on Jan. 21.", Expect.date) is None


def test_a_name_that_only_opens_sentences_is_read_as_a_name_in_lower_case() -> None:
    said = ["Tomas Vidal, the harbour master, spoke first.", "The master spoke again."]
    idf = Idf(said, persons=lambda: frozenset({"tomas", "vidal"}))
    assert idf.truecase("is tomas vidal the mayor") == "is Tomas Vidal the mayor"
    # a word the documents also write in lower case stays as typed
    idf = Idf([*said, "He will tomas the rope."], persons=lambda: frozenset({"tomas", "vidal"}))
    assert idf.truecase("is tomas vidal the mayor") == "is tomas Vidal the mayor"


def test_a_bare_date_line_or_dateline_answers_no_other_question() -> None:
    asked = "Who won the 2019 league?"
    assert unmet(asked, "March 3, 2019", Expect.person, sentence="March 3, 2019") == "date"
    assert unmet("What happened then?", "OSLO —", Expect.anything, sentence="OSLO —") == "name"
    when = "When was it written?"
    assert unmet(when, "March 3, 2019", Expect.date, sentence="March 3, 2019") is None
    said = "The league ended on March 3, 2019."
    assert unmet("What ended in 2019?", said, Expect.anything, sentence=said) is None


def test_a_name_given_for_another_role_the_question_names_is_not_the_asked_name() -> None:
    asked = "What are the names of the inspectors who visited the governor?"
    window = "Two inspectors later visited the governor, Ana Brandt, at her office."
    assert unmet(asked, window, Expect.person) == "name"
    told = "The inspectors, Joe Kell and Ray Ito, later visited the governor at her office."
    assert unmet(asked, told, Expect.person) is None
    own = "What is the name of the governor the inspectors visited?"
    assert unmet(own, window, Expect.person) is None
    owned = "What is the name of Norway's governor to the islands, whom inspectors visited?"
    assert unmet(owned, window, Expect.person) is None


def test_how_many_times_is_counted_by_the_asked_verb_made_a_noun() -> None:
    said = "The two boards held a dozen joint meetings that spring."
    assert counts_what_is_asked("How many times did the boards meet?", said)
    assert not counts_what_is_asked("How many times did the boards vote?", said)
    # a meeting in other words: sessions, talks, audiences
    assert counts_what_is_asked("How many sessions did the two boards hold?", said)
    assert counts_what_is_asked("How many audiences did the boards have?", said)
    assert not counts_what_is_asked("How many letters did the boards send?", said)


def test_a_question_about_cost_wants_a_sentence_that_states_a_cost() -> None:
    asked = "What is the time complexity of deque.rotate()?"
    plain = "Rotate the deque n steps to the right."
    assert unmet(asked, plain, Expect.anything) == "count"
    assert unmet(asked, "Rotating takes O(k) time for k steps.", Expect.anything) is None
    # a cost stated of another operation is not the asked one's
    assert unmet(asked, "Appending takes O(1) time.", Expect.anything) == "count"
    faster = "How much faster is a set lookup than a list scan?"
    assert unmet(faster, "Sets hold unique items; lists keep order.", Expect.anything) == "count"
    assert unmet("What does deque.rotate() do?", plain, Expect.anything) is None


def test_a_version_number_is_no_limit() -> None:
    asked = "What is the maximum number of handlers a logger can have?"
    noted = "Handlers are added with addHandler(). Changed in version 3.7: handlers are kept."
    assert unmet(asked, noted, Expect.anything) == "count"
    assert unmet(asked, "A logger can have up to 64 handlers.", Expect.anything) is None


def test_a_count_the_question_states_must_be_in_the_answer() -> None:
    asked = "Where did most of the mayors' 37 meetings take place?"
    assert unmet(asked, "The mayors met in Lyon.", Expect.anything) == "name"
    assert unmet(asked, "Of their 37 meetings, most were in Lyon.", Expect.anything) is None
    assert unmet("Is x[1:2] a slice?", "A slice is written with a colon.", Expect.anything) is None


def test_a_question_for_the_largest_wants_a_limit_or_a_superlative() -> None:
    asked = "What is the largest file the uploader can take?"
    assert unmet(asked, "The uploader takes text and image files.", Expect.anything) == "count"
    assert unmet(asked, "Files are limited to 20 MB.", Expect.anything) is None
    assert unmet(asked, "There is no limit on the size of a file.", Expect.anything) is None
    assert unmet("Which river is the longest?", "The Nile is the longest.", Expect.anything) is None
    assert unmet("What does the uploader take?", "It takes files.", Expect.anything) is None


def test_dates_and_counts_the_question_names_must_be_there() -> None:
    assert not named_dates_present("What did she say on Feb. 26?", "On Feb. 4, she said no.")
    assert named_dates_present("What did she say on Feb. 4?", "On Feb. 4, she said no.")
    # a year the question names may be the text's "this year" (relative to its date)
    assert named_dates_present("Had they met before 2022?", "They had met before this year.")
    assert not named_dates_present("Had they met before 2022?", "They had met in 2019.")
    # a weekday dates the asked event, unless it only tells which person or thing is meant
    assert not named_dates_present("How did she respond on Monday?", "On Saturday she said no.")
    assert named_dates_present("How did she respond on Monday?", "She said no on Monday.")
    asked = "How often had the envoy who arrived on Monday met her?"
    assert named_dates_present(asked, "The envoy had met her twice.")
    assert counts_what_is_asked("How many times did they meet?", "They had met 37 times.")
    assert counts_what_is_asked("How many words was it?", "the 5,000-word statement")
    assert not counts_what_is_asked(
        "How many troops were massed?", "They held half a dozen meetings over three months."
    )
    assert unmet("How many troops were there?", "There were many meetings.", Expect.number)
    # a text's length is in words or pages
    assert not unmet("How long was the statement?", "It ran to 5,000 words.", Expect.number)
    assert unmet("How long was the statement?", "It came after 3 meetings.", Expect.number)
    # "once" and "twice" are counts of times
    question = "How many times is the key looked up?"
    assert not unmet(question, "The key is only looked up once.", Expect.number)
    assert unmet(question, "The key is looked up in the table.", Expect.number)
    # a digit inside a name is no amount: "2-tuples", "utf-8"; "-1" and "3-year" are
    from rag.questions import offers

    asked = "How much memory does a tuple save?"
    assert not offers(Expect.number, "Tuples hold data, such as 2-tuples.", asked)
    assert not offers(Expect.number, "The buffer holds utf-8 text.", asked)
    assert offers(Expect.number, "Return -1 if it is not found.", asked)
    assert offers(Expect.number, "It was a 3-year term.", asked)


def test_a_month_the_question_asks_within_must_be_there() -> None:
    asked = "On what day in March did the board approve the budget?"
    assert unmet(asked, "The board approved the budget on April 2.", Expect.date) == "date"
    assert unmet(asked, "The board approved the budget on March 9.", Expect.date) is None
    # a month that only names something is no constraint on the answer
    assert named_dates_present("Why did the June meeting fail?", "It failed because no one came.")
    assert named_dates_present("What happened during late Oct.?", "On Oct. 30 the road closed.")


def test_general_stopwords_keep_the_words_that_name_the_subject() -> None:
    from rag.questions import STOPWORDS, content_words
    from rag.textutil import stem

    assert stem("state") in content_words("Who is the deputy secretary of state?")
    # a question's own verbs are content like any other word
    assert {stem("mentioned"), stem("quoted")} <= content_words("Who is mentioned or quoted?")
    # the general list and the framing of a question about a document are dropped
    assert content_words("What does the article say about the sanctions?") == {stem("sanctions")}
    assert {"the", "which", "same", "because"} <= STOPWORDS


def test_irregular_verb_forms_match_their_base_form() -> None:
    from rag.questions import content_words

    asked = content_words("Whom did the officials meet, and what did they seek?")
    said = content_words("The officials met the ambassador and sought his help.")
    assert {"meet", "seek"} <= asked & said


def test_a_dotted_name_holds_the_name_a_question_types_bare() -> None:
    from rag.questions import content_words

    # the entry "str.endswith(suffix…)" is about the "endswith" a question types
    assert "endswith" in content_words("str.endswith(suffix[, start[, end]])")
    assert "endswith" in content_words("can endswith take a tuple?")
    assert "us" in content_words("the U.S. said")  # dotted initials stay one word


def test_a_name_in_code_written_in_camel_case_holds_its_words() -> None:
    from rag.questions import content_words

    # "Which exception is raised when an assertion fails?" is answered by "AssertionError"
    assert content_words("an assertion error") <= content_words('raise "AssertionError"')
    assert content_words("division by zero") <= content_words("ZeroDivisionError")
    assert "mc" not in content_words("McDonald said")  # a piece of two letters is no word


def test_an_operator_the_question_names_is_a_word_of_its_own() -> None:
    from rag.questions import content_words

    asked = content_words("What does the unary ~ operator do?")
    assert "op:~" in asked & content_words('The unary "~" (invert) operator flips the bits.')
    assert "op:~" not in content_words('The unary "-" (minus) operator negates its argument.')
    assert "op:+=" in content_words('A statement like "x += 1" adds one.')
    assert not any(w.startswith("op:") for w in content_words("They met - and talked: at length."))


def test_initials_and_compound_names_match_however_they_are_written() -> None:
    from rag.questions import content_words

    # "US" and "CIA" as a question types them are the text's "U.S." and "C.I.A."
    assert {"us", "cia"} <= content_words("Did the US ask the CIA?")
    assert {"us", "cia"} <= content_words("U.S. officials and the C.I.A. director met.")
    # a compound with a name in it is about that name; "run-time" stays one word
    assert {"us", "china"} <= content_words("U.S.-China relations are at a low point.")
    assert "russia" in content_words("two Russia-backed enclaves")
    assert not {"run", "time"} & content_words("a run-time error")
    # and is the same word written without its hyphen
    assert content_words("built-in types") == content_words("builtin types")


def test_a_sentence_denying_its_own_verb_answers_no_in_other_words() -> None:
    from rag.negation import negated

    # the question's words need not follow the "not": the one clause is the denial
    question = "Did the council answer questions for this report?"
    assert negated("The council did not return requests for comment.", question)
    # a denied infinitive is a wish ("to tell Russia not to invade"), not a denial
    asked = "Did the envoys meet the minister?"
    assert not negated("The envoys met the minister to ask him not to sign the treaty.", asked)
    assert not negated("The envoys met the minister and urged him not to sign.", asked)


def test_a_relative_clause_or_an_either_way_denies_nothing_the_question_asks() -> None:
    from rag.negation import negated

    asked = "Does the cleanup code run even when no error happened?"
    said = "It runs code which does not handle the error, whether one occurred or not in the code."
    assert not negated(said, asked)
    assert not negated("It runs cleanup code that does not handle the error.", asked)
    # a relative clause denying the asked verb still answers
    assert negated("Print is a function that does not return a value.", "Does print return one?")
    assert negated("The cleanup code does not run.", asked)
    # a sentence opening "That is not…" points back: no relative clause
    asked = "is `import spool` a spool statement"
    assert negated("That is not a spool statement; it is an ordinary import.", asked)


def test_a_denial_that_shares_only_a_name_with_the_question_is_about_something_else() -> None:
    asked = "Did the council pass the report on to the Danish ministry?"
    sentence = "The council sent the report to Oslo, saying it would not block Danish plans."
    assert not negated(sentence, asked)
    assert negated("The council did not pass the report on.", asked)


def test_some_answers_a_question_about_all_no() -> None:
    asked = "Were all the board members happy with the merger?"
    assert negated("Some members thought the merger would help the firm.", asked)
    assert negated("Others were more doubtful about the merger.", asked)
    assert not negated("The members welcomed the merger.", asked)
    assert not negated("Some members thought the merger would help.", "Did members like it?")


def test_there_is_none_settles_is_there_any_in_the_questions_own_words() -> None:
    from rag.denials import denies_existence

    asked = "Are there special operations you can perform on type objects?"
    assert denies_existence(asked, "There are no special operations on types.")
    assert not denies_existence(asked, "There are no limits on the length of names.")
    assert not denies_existence(asked, "Type objects have special operations.")
    assert not denies_existence("Can I perform operations on types?", "There are no operations.")


def test_again_answers_a_question_about_only_once_no() -> None:
    asked = "Did the mayor visit the plant only once?"
    assert negated("The mayor visited the plant in May and again in June.", asked)
    assert negated("She toured the plant three times.", "Did she tour it just one time?")
    assert not negated("The mayor visited the plant in May.", asked)
    assert not negated("The mayor visited the plant again.", "Did the mayor visit the plant?")


def test_an_emphatic_did_affirms_the_asked_verb_whatever_a_later_clause_denies() -> None:
    from rag.negation import negated

    question = "Did the mayor say the bridge should be repaired?"
    text = (
        "The mayor did say the bridge should be repaired, but no engineers have mentioned repairs."
    )
    assert not negated(text, question)
    assert negated("The mayor did not say the bridge should be repaired.", question)


def test_doubt_answers_acceptance_and_failure_answers_success() -> None:
    from rag.negation import negated

    assert negated("Mr. Lee was skeptical and suspicious.", "Did Lee accept the evidence?")
    assert negated("But the mediation efforts failed.", "Did the mediation work?")
    assert not negated("Mr. Lee accepted the evidence.", "Did Lee accept the evidence?")
    assert not negated("Mr. Lee was skeptical.", "Did Lee attend the hearing?")


def test_a_negated_form_shares_its_base_word_with_the_question() -> None:
    from rag.negation import negated
    from rag.questions import content_words

    question = "Had the merger been announced before?"
    sentence = "The previously unannounced merger surprised the market."
    assert {"announc", "merger"} <= content_words(question) & content_words(sentence)
    assert negated(sentence, question)  # and the yes/no answer reads it as a denial


def test_a_count_of_earlier_times_and_a_false_result_answer_no_without_a_not() -> None:
    asked = "Was the spring match the first time the two clubs had played each other?"
    assert negated("The two clubs had played each other 12 times before.", asked)
    assert not negated("The two clubs played each other in spring.", asked)
    truth = "Does [] == False evaluate to True?"
    assert negated("Comparisons of an empty list with False are false.", truth)
    assert not negated("Such comparisons are true, and their negations false.", truth)
    asked = "Is [] == False true?"  # the truth asked at the end
    assert negated('For example, "[] == False" is false: the types differ.', asked)
    assert not negated('"[] == False" is true under the old rules, false under the new.', asked)
    # "only once" answers "twice?"
    asked = "In a += b, does the cache get read twice?"
    assert negated("The cache is only read once.", asked)
    assert not negated("The cache is read, then written.", asked)
    # "the first time" inside a condition of the question sets when, it is not what is asked
    run = "Does the fallback run if the check fails the first time?"
    assert not negated("It repeatedly runs the check, and the fallback runs once it fails.", run)


def test_a_contracted_not_is_a_denial() -> None:
    asked = "Does a cache entry keep a reference to its owner?"
    assert negated("Cache entries don’t keep a reference to their owner.", asked)
    assert negated("A cache entry doesn't keep any reference to the owner.", asked)
    assert negated("The entry wasn't kept.")
    assert not negated("Cache entries keep a reference to their owner.", asked)


def test_a_condition_supposes_and_its_denial_is_no_answer() -> None:
    from rag.clauses import asked_clause

    asked = "If a plugin defines load but not start, does the host fall back to load?"
    sentence = "When the start hook is not defined, load() is called, if it is defined."
    assert not negated(sentence, asked)
    assert not negated(asked_clause(asked))
    assert negated("If the start hook is defined, load() is not called.", asked)
    always = "Workers are always pooled, even if they do not share a queue."
    assert not negated(always, "If workers share no queue, are they still pooled?")
    assert not negated("Once the lock is taken without a timeout, is it released?")


def test_a_name_qualifying_a_noun_after_to_or_with_leaves_the_noun_as_the_slot() -> None:
    from rag.negation import misses_the_named_slot

    asked = "Did the mayor meet with the French delegation in June?"
    assert not misses_the_named_slot(asked, "The mayor met the delegation on June 3.")
    assert misses_the_named_slot(asked, "The mayor met the French press on June 3.")
    assert misses_the_named_slot("Did the mayor fly to Lyon?", "The mayor flew to Paris.")
    # a country's capital is the city, or the country however the text names it
    asked = "When did the mayor fly to the French capital?"
    assert not misses_the_named_slot(asked, "The mayor flew to Paris on June 3.")
    assert misses_the_named_slot(asked, "The mayor flew to Berlin on June 3.")
    assert misses_the_named_slot(asked, "The mayor flew to the German capital.")


def test_python_none_denies_nothing() -> None:
    assert not negated("Is it fine for setup() to return something other than None?")
    assert negated("None of the hooks may return a value.")
    assert negated("no non-None value may be returned by setup()", "Can setup() return a value?")


def test_a_subject_put_before_the_question_is_the_one_defined() -> None:
    from rag.definitions import definition_subject

    assert definition_subject("skiplist — what is it?") == "skiplist"
    assert definition_subject("the rewind command: what does it do?") == "rewind command"
    assert definition_subject("__fspath__ - what's that method supposed to do?") == "__fspath__"
    assert definition_subject("object pinning in the cache - what is it") == "object pinning"
    assert definition_subject("I saw a skiplist. What is it?") == "it"  # a scene, not a subject
    # a request to explain or define names its subject bare
    assert definition_subject("explain skip lists") == "skip lists"
    assert definition_subject("Could you define a rewind command?") == "rewind command"
    assert definition_subject("Explain how the rewind works") is None


def test_a_definition_is_the_sentence_whose_subject_the_question_asks_about() -> None:
    from rag.definitions import continues_definition, defines, definition_subject

    subject = definition_subject("What does skip do?")
    assert subject == "skip"
    # opened by the subject and its verb, the sentence defines it most squarely
    assert defines(subject, '"skip" jumps to the next record of the file.') == 1.5
    assert defines(subject, "A *skip* is a jump to the next record of the file.") == 1.5
    assert defines(subject, 'The "skip" keyword causes the reader to move on.') == 1.0
    # a restriction on it, or a clause about when it happens, says less about what it does
    assert defines(subject, '"skip" may only appear inside a loop.') == 0.5
    assert defines(subject, 'When "skip" passes over a header, the count is kept.') < 1.0
    assert defines(subject, "The reader keeps a count of records.") == 0.0
    # the object of a preposition is no subject
    assert defines(subject, "The flow of a loop with a skip follows:") == 0.0
    assert continues_definition("It moves the cursor past the current record.")
    assert not continues_definition("It was added in version 2.")


def test_a_definition_question_s_subject_ends_where_its_afterthought_starts() -> None:
    from rag.definitions import definition_subject

    assert definition_subject("whats a rewind command") == "rewind command"  # no apostrophe
    assert definition_subject("Whats a rewind command, strictly speaking?") == "rewind command"
    assert definition_subject("what is a skiplist? like the linked thing") == "skiplist"
    assert definition_subject("What is Ellipsis, actually? Like what is it for") == "Ellipsis"
    assert definition_subject("What sanctions did they impose?") is None


def test_a_section_opening_with_a_bare_verb_defines_what_its_title_names() -> None:
    from rag.definitions import defines_under_title

    subject = "the await expression"
    title = "Await expression"
    assert defines_under_title(subject, "Suspend the execution of the coroutine.", title)
    assert not defines_under_title(subject, "Suspend the execution of the coroutine.", "Loops")
    assert not defines_under_title(subject, "Functions defined this way are coroutines.", title)
    assert not defines_under_title(subject, "Changed in version 3.7: it is a keyword.", title)
    # a condition opening the sentence is no bare verb
    assert not defines_under_title(subject, "If the task ended, await the result.", title)


def test_one_word_the_corpus_lacks_does_not_make_a_question_off_topic() -> None:
    from rag.topic import unseen_share

    corpus = {"chines", "offici", "ambassador", "meet"}
    seen = corpus.__contains__
    # "named" is a synonym the text never uses, not a sign of another topic
    assert unseen_share("Which Chinese officials are named?", None, seen) == 0.0
    assert unseen_share("Who won the football cup final?", None, seen) == 1.0


def test_everyday_words_the_corpus_lacks_are_foreign_only_when_nothing_is_close() -> None:
    from rag.topic import off_topic

    seen = {"offici", "ambassador", "meet"}.__contains__
    asked = "Why would the officials not reveal their identities?"  # words never written
    assert off_topic(asked, 0.3, None, seen, best_cosine=0.2)
    assert not off_topic(asked, 0.3, None, seen, best_cosine=0.7)
    # a name the documents never write stays foreign, however close the sentence
    assert off_topic("Did Lagarde meet the ambassador?", 0.3, None, seen, best_cosine=0.7)


def test_a_question_for_a_name_in_code_wants_one_the_question_lacks() -> None:
    from rag.questions import expected, offers

    question = "Which exception does a failed lookup raise?"
    assert expected(question) is Expect.identifier
    assert offers(Expect.identifier, "A failed lookup raises KeyError at once.", question)
    assert not offers(Expect.identifier, "The exception is raised by the lookup.", question)
    asked = "Which function returns the exception being handled?"
    assert offers(Expect.identifier, 'Call "sys.exception()" inside the handler.', asked)
    assert expected("Which PEP added the walrus operator?") is Expect.identifier
    assert offers(Expect.identifier, "PEP 572 added it.", "Which PEP added the operator?")
    assert expected("Which officials met the minister?") is not Expect.identifier
    assert expected("Which exception is raised by a bad index?") is Expect.identifier
    assert expected("Which error is more common here?") is not Expect.identifier


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("Which ministers attended the talks?", True),
        ("What are the names of the negotiators?", True),
        ("Which Europeans criticised the plan?", True),
        # the people are who acts here, not what is asked
        ("What did the ministers decide afterwards?", False),
        ("What have the negotiators agreed on?", False),
        ("Name the rooms where the ministers met the press.", False),
    ],
)
def test_which_people_asks_for_names_only_when_the_people_are_the_ask(
    question: str, person: bool
) -> None:
    from rag.lists import question_expect

    assert (question_expect(question, form_of(question)) is Expect.person) is person


def test_words_about_the_document_do_not_make_a_question_off_topic() -> None:
    from rag.topic import unseen_share

    corpus = {"chines", "offici", "ambassador", "meet"}
    seen = corpus.__contains__
    # "named" and "piece" speak of the document, not of another topic
    assert unseen_share("Which Chinese officials are named in the piece?", None, seen) == 0.0
    assert unseen_share("Which Chinese officials were cited by this report?", None, seen) == 0.0
    assert unseen_share("Who won the football cup final?", None, seen) == 1.0


def test_a_why_question_is_not_weighed_down_by_its_own_purpose_noun() -> None:
    from rag.forms import without_form_words

    assert "aim" not in without_form_words("What was the aim of the meetings?")
    assert "meetings" in without_form_words("What was the aim of the meetings?")
    # outside a why-question the noun is content ("the reason code" of a look-up)
    assert "reason" in without_form_words("Which reason code does the server send?")


def test_a_question_about_what_someone_did_needs_a_passage_naming_them() -> None:
    from rag.constraints import unmet

    question = "What did Lopez tell the council about the bridge?"
    assert unmet(question, "The engineers told the council the bridge was safe.", Expect.anything)
    assert unmet(question, "They told the council the cables had rusted.", Expect.anything)
    assert not unmet(question, "Ms. Lopez told the council the cables had rusted.", Expect.anything)
    # "she", named further back, may be her
    assert not unmet(question, "She told the council the cables had rusted.", Expect.anything)
    # a person who only dates the question does not have to be named
    question = "Whom did the council meet on the day Lopez resigned?"
    assert not unmet(question, "The council met the mayor on Friday.", Expect.anything)
    # a capitalised subject the documents never name as a person is not held to be one
    people = lambda: frozenset({"lopez", "maria"})  # noqa: E731
    question = "How does Python decide which names an import binds?"
    text = "The public names are set by a variable called __all__."
    assert unmet(question, text, Expect.anything) == "name"
    assert not unmet(question, text, Expect.anything, people)
    assert unmet("What did Lopez tell them?", text, Expect.anything, people)
    # a possessive names the owner of the thing asked about, not the one who acts
    question = "Where was Lopez's press briefing held?"
    assert not unmet(
        question, "The mayor's aide spoke at a briefing in the town hall.", Expect.anything
    )
    assert not unmet(
        "Why could Norway's standing suffer?", "Its standing could suffer.", Expect.anything
    )


def test_a_question_for_a_word_or_phrase_wants_one_the_text_quotes() -> None:
    from rag.questions import expected, offers

    question = "Which word does the spokesman refuse to use for the walkout?"
    assert expected(question) is Expect.identifier
    assert offers(Expect.identifier, "He will not call it a “strike” in public.", question)
    assert not offers(Expect.identifier, "He spoke about the walkout at length.", question)
    asked = "What phrase describes their alliance?"
    assert offers(Expect.identifier, 'They called the alliance "without limits" in May.', asked)
    # the full stop a sentence ends with may sit inside the quotation marks
    assert offers(Expect.identifier, "They spoke of a “fair trade order.”", "What phrase was used?")


def test_the_words_asking_for_a_phrase_are_not_words_an_answer_must_share() -> None:
    from rag.forms import without_form_words
    from rag.questions import content_words

    asked = without_form_words("What phrase did the union leaders use?")
    assert content_words(asked) == content_words("the union leaders")
    # a question not asking for an expression keeps its words
    kept = "How do I use the word count?"
    assert without_form_words(kept) == kept


def test_a_how_question_prefers_a_means_or_manner_over_a_mere_condition() -> None:
    from rag.cues import form_strength

    means = "Objects can set their size by providing a length method."
    manner = "With several items, the handlers run as if they were nested."
    condition = "The handler yields a value if its argument is empty."
    unrelated = "The handler was added in the third release."
    provided = "The loaders have optional flags to skip the cache."  # a provision for it
    assert form_strength(Form.how, means) == form_strength(Form.how, manner) == 1
    assert form_strength(Form.how, provided, "How can I skip the cache?") == 1
    # a way found, and an instruction for when a thing is wanted
    way = "A workaround for long names is to use a short alias."
    wanted = "If more room is desired, then add a second shelf to the frame."
    assert form_strength(Form.how, way) == form_strength(Form.how, wanted) == 1
    assert form_strength(Form.how, condition) == 0
    assert form_strength(Form.how, unrelated) == -1


def test_the_reason_someone_gave_is_what_they_said_in_refusing() -> None:
    from rag.cues import form_strength

    refusal = "The board rejected the offer, saying the price was too low."
    assert form_strength(Form.why, refusal, "What reason did the board give for the no?") == 1
    assert form_strength(Form.why, refusal, "Why did the board turn the offer down?") == 1
    # a "saying" is no reason for something else the question asks about
    assert form_strength(Form.why, refusal, "Why did the board meet on Monday?") == -1


def test_how_someone_reacted_is_answered_by_their_reaction() -> None:
    from rag.cues import form_strength

    question = "How did the board respond to the offer?"
    reaction = "The board rejected the offer within a day."
    means = "The offer was sent by courier through the company's lawyers."
    assert form_strength(Form.how, reaction, question) == 1
    assert form_strength(Form.how, means, question) == -1


def test_a_summary_someone_wrote_is_not_a_request_for_the_gist() -> None:
    assert by_pattern("What did the State Department summary say?") is None
    assert by_pattern("What does the White House summary of the call say?") is None
    assert by_pattern("Give me a summary") is Intent.gist


def test_a_name_the_documents_use_rarely_keeps_a_question_on_topic() -> None:
    from rag.topic import unseen_share

    counts = {"medeiro": 1, "china": 19, "stanc": 0}
    seen = lambda w: counts.get(w, 0) > 0  # noqa: E731
    idf = lambda w: 2.5 if counts.get(w, 0) <= 1 else 0.7  # noqa: E731
    # two words the text never uses, but Medeiros is someone it names
    assert unseen_share("How did Medeiros portray China's stance?", idf, seen) == 0.0
    # China is everywhere in a story on China: naming it does not keep this on topic
    assert unseen_share("What is the gross domestic product of China?", idf, seen) > 0.6


def test_a_phrase_of_the_documents_keeps_a_question_in_other_words_on_topic() -> None:
    from rag.idf import Idf
    from rag.topic import unseen_share

    idf = Idf(
        [
            "The alarm reached a new peak with the Ukraine crisis, 50 years after Nixon's trip.",
            "Officials in Ukraine met twice. The crisis began in the east.",
        ]
    )
    asked = "What anniversary did the Ukraine crisis happen to coincide with?"
    assert unseen_share(asked, idf, idf.seen, idf.shares_phrase) == 0.0
    # the same words apart from each other are no phrase of the documents
    other = "What anniversary did a crisis in football happen to coincide with in Ukraine?"
    assert unseen_share(other, idf, idf.seen, idf.shares_phrase) > 0.6
    # a phrase of plain words ("except clause") is any manual's, not a topic of its own
    manual = Idf(["An except clause names the exceptions it handles."])
    assert not manual.shares_phrase("How can I catch several exceptions in one except clause?")


@pytest.mark.parametrize(
    ("question", "window", "met"),
    [
        ("How old is the mayor?", "The mayor, 61 years old, had met them 37 times.", True),
        ("How old is the mayor?", "The mayor had met them 37 times over many years.", False),
        ("How tall is the tower?", "The tower rises 300 meters above the bay.", True),
        ("How tall is the tower?", "The tower was finished in 1931 after 14 months.", False),
        ("How long did the talk last?", "The talk ran more than one and a half hours.", True),
        ("How far is the port?", "The port handled 3 million crates.", False),
        # the extent a description gives is what is asked, not a distance
        ("How did they describe how far the pact goes?", "They said the pact had no limits.", True),
        ("Can you tell me how far the port is?", "The port handled 3 million crates.", False),
    ],
)
def test_a_how_tall_old_far_question_needs_a_number_in_its_units(
    question: str, window: str, met: bool
) -> None:
    from rag.constraints import unmet

    assert (unmet(question, window, Expect.number) is None) is met


def test_when_in_the_present_asks_for_a_condition_and_in_the_past_for_a_date() -> None:
    from rag.questions import expected

    assert expected("When are default values evaluated?") is Expect.anything
    assert expected("When does the loop stop?") is Expect.anything
    assert expected("When did the minister arrive?") is Expect.date
    assert expected("When was the treaty signed?") is Expect.date


def test_a_question_for_the_date_wants_a_date_however_it_is_worded() -> None:
    assert expected("What was the exact date of the second vote?") is Expect.date
    assert expected("On which day did the council meet?") is Expect.date
    assert expected("What is the time complexity of a lookup?") is Expect.anything
    window = "Weeks later, the council met the mayor at city hall."
    assert unmet("What was the exact date of the meeting with the mayor?", window, Expect.date)


def test_a_scene_set_before_the_question_does_not_decide_the_answer_it_wants() -> None:
    # "When…," and "If… named…," set a condition: the asking clause wants neither date nor person
    assert expected("When the parser reads a slice, what fills in the parts left out?") is (
        Expect.anything
    )
    assert expected("If a class is named only with dashes, what happens to it?") is (
        Expect.anything
    )
    assert expected("When did the minister arrive, and who met her?") is Expect.date
    assert expected("In the report, who chaired the panel?") is Expect.person


def test_a_list_of_people_needs_someone_the_question_does_not_name() -> None:
    from rag.roles import names_someone_new

    asked = "Which board members were at the hotel meeting with Ann Lee?"
    assert not names_someone_new(asked, "Board members met the chair, Ann Lee, at the hotel.")
    assert not names_someone_new(asked, "The members told the chairwoman the vote would fail.")
    assert names_someone_new(asked, "Tom Hale and Ann Lee met at the hotel.")
    # a question naming no one is answered by the roles the text gives
    roles = "Each time, the officials, including the foreign minister, said no."
    assert names_someone_new("Which officials said no?", roles)


def test_how_many_of_a_hyphenated_thing_needs_a_number_of_it() -> None:
    asked = "How many built-in tools does the kit ship with?"
    assert counts_what_is_asked(asked, "The kit ships with 12 built-in tools.")
    assert not counts_what_is_asked(asked, "The first time the kit is opened, its tools are oiled.")


def test_how_many_counts_the_noun_just_before_the_verb() -> None:
    asked = "How many nested loops can a function have?"
    assert not counts_what_is_asked(asked, "If two nested handlers exist, the inner one runs.")
    assert counts_what_is_asked(asked, "A function may hold up to twenty nested loops.")
    assert counts_what_is_asked("How many words long was it?", "the 5,000-word statement")
    assert counts_what_is_asked("How many hex digits does it take?", "It takes eight hex digits.")


def test_a_numbered_thing_the_question_names_must_be_the_one_the_sentence_names() -> None:
    asked = "Who wrote RFC 821 on mail transfer?"
    assert unmet(asked, "RFC 5321 - Mail transfer, by the IETF.", Expect.anything) == "name"
    assert unmet(asked, "RFC 821 was written by Jon Postel.", Expect.anything) is None
    # a version: 3.1 is not 3.10
    assert unmet("What changed in Python 3.1?", "New in version 3.10.", Expect.anything)


def test_a_one_letter_placeholder_is_not_a_name_keeping_a_question_on_topic() -> None:
    from rag.idf import Idf
    from rag.topic import unseen_share

    texts = ["The match statement picks a case.", "Each case binds x to its pattern."]
    idf = Idf([*texts, "A loop repeats.", "A function returns.", "A class makes objects."])
    placeholder = "How do guards (case X if cond) behave in a match statement?"
    share = unseen_share(placeholder, idf, idf.seen, idf.shares_phrase)
    assert share > 0
    assert share == unseen_share(placeholder.replace("X", "x"), idf, idf.seen)


def test_what_someone_said_is_not_what_another_named_speaker_said() -> None:
    from rag.speech import someone_else_acts

    known = frozenset({"ann", "lee", "hale"})
    asked = "What did Ann Lee tell the board?"
    assert someone_else_acts(asked, "Mr. Hale said the vote would fail.", known)
    assert not someone_else_acts(asked, "Ann Lee told the board the vote would fail.", known)
    assert not someone_else_acts(asked, "She said the vote would fail.", known)
    assert someone_else_acts(asked, "“No vote,” said a council summary of the call.", known)
    assert not someone_else_acts(asked, "“No vote,” said Ann Lee, the chair.", known)


def test_how_someone_responded_needs_a_response() -> None:
    asked = "How did the board respond to the offer?"
    assert unmet(asked, "The offer reached the board on Monday.", Expect.anything) == "reaction"
    assert unmet(asked, "The board rejected the offer at once.", Expect.anything) is None


def test_how_someone_reacted_needs_a_sentence_about_them() -> None:
    asked = "How did Norway react to the talks?"
    people = lambda: frozenset({"ann", "lee"})  # noqa: E731 - the documents name no "Norway"
    leaders = "The two leaders agreed to cooperate."
    assert unmet(asked, leaders, Expect.anything, people) == "name"
    assert unmet(asked, "Norway rejected the talks at once.", Expect.anything, people) is None
    # who reacted is in the sentence itself: the one before only sets the scene
    scene = "Oslo told the Norway team of the plan."
    other = "Each time, the Danish officials rebuffed the talks."
    assert unmet(asked, f"{scene} {other}", Expect.anything, people, other) == "name"
    they = "They rebuffed the talks."
    assert unmet(asked, f"{scene} {they}", Expect.anything, people, they) is None


def test_a_how_or_why_is_refused_only_when_the_sentence_itself_echoes_the_question() -> None:
    from rag.constraints import echoes_question

    question = "Why wouldn't the administration officials give their names?"
    echo = "Nobody knew why the administration officials gave no names."
    assert echoes_question(question, echo)
    # "how the administration…" shares one content word and "the": no echo
    assert not echoes_question(question, "The talks show how the administration used diplomacy.")
    before = "The talks show why the administration officials met so often."
    reason = "The officials spoke on condition of anonymity because the talks were sensitive."
    assert unmet(question, f"{before} {reason}", Expect.anything, None, reason) is None


def test_a_name_after_another_role_is_that_role_s_holder() -> None:
    from rag.roles import person_near_role

    window = "The envoys met the foreign minister and the ambassador, Qin Gang, at the embassy."
    assert person_near_role("Who is the ambassador?", window)
    assert not person_near_role("Who is the foreign minister?", window)
    # a name before its roles holds each of them
    quoted = "It is anti-U.S., said Evan Medeiros, a professor who was senior Asia director."
    assert person_near_role("Who was the Asia director?", quoted)


def test_a_version_note_saying_something_of_its_own_is_read_as_a_sentence() -> None:
    note = "Changed in version 3.2: Prior to 3.2, a tab was illegal in an indent due to a bug."
    asked = "Why were tabs not allowed in indents in older releases?"
    assert unmet(asked, note, Expect.anything, sentence=note) is None
    # a bare note says only a version: it answers for the entry it lies under, not this one
    bare = "New in version 3.2."
    assert unmet(asked, f"Slices take a step. {bare}", Expect.anything, sentence=bare)
    # and a release dates only what its note is about, however much the note says
    first = "When was the first release of the language?"
    assert unmet(first, note, Expect.date, sentence=note)


def test_indefinite_pronouns_and_ever_do_not_make_a_question_off_topic() -> None:
    from rag.topic import off_topic

    seen = {"pass", "statement", "placeholder"}.__contains__  # "write": a synonym it lacks
    assert not off_topic("Why would anyone ever write pass?", 0.3, None, seen, best_cosine=0.5)
    assert off_topic("Why would anyone ever bake bread?", 0.3, None, seen, best_cosine=0.5)


def test_a_would_the_question_asks_with_is_no_demand_for_a_deed_done() -> None:
    from rag.deeds import only_possible

    said = "The officials said the sanctions would also hurt the port over time."
    assert not only_possible("Why would sanctions on the ferry end up hurting the port?", said)
    assert not only_possible("According to them, why would the ban end up hurting the port?", said)
    # asked what was done, "would also hurt" is only a prediction
    assert only_possible("Did the sanctions actually hurt the port?", said)
    # a deed told in other words is still a deed done: "actually run" is "is executed"
    assert not only_possible("How many elif branches actually run?", "Exactly one is executed.")


def test_a_manual_dates_a_change_by_its_release() -> None:
    from rag.questions import expected, offers

    question = "In which version did the walrus operator appear?"
    assert expected(question) is Expect.date
    assert offers(Expect.date, "New in version 3.8.", question)
    assert not offers(Expect.date, "The operator assigns inside an expression.", question)
    asked = "When did async become a keyword?"
    assert not unmet(asked, "Changed in version 3.7: async is now a keyword.", Expect.date)


def test_the_subject_a_question_names_is_checked_against_the_documents_words() -> None:
    from rag.topic import unseen_name

    seen = {"moscow", "nato", "us", "china", "say", "talk", "grab"}.__contains__
    assert unseen_name("What did the Kremlin say about the talks?", seen) == "Kremlin"
    assert unseen_name("Who is Emmanuel Macron?", seen) == "Emmanuel Macron"
    assert unseen_name("What did the US say about NATO?", seen) is None
    # a name past the subject may be a paraphrase of one the documents use ("Kyiv")
    assert unseen_name("What did Moscow grab from Kyiv?", seen) is None


def test_a_month_or_place_is_known_however_the_text_writes_it() -> None:
    from rag.idf import Idf
    from rag.questions import content_words

    assert "nov" in content_words("Did they meet in November?") & content_words("on Nov. 15")
    assert "march" in content_words("the march on the capital")  # a word as well as a month
    assert "17" in content_words("What happened on the 17th?") & content_words("on Nov. 17")
    idf = Idf(["They seized the Crimean Peninsula.", "The European leaders met."])
    assert idf.seen("crimea") and idf.seen("europ")
    assert not idf.seen("kyiv")


def test_a_sentence_putting_another_name_where_the_question_puts_one_does_not_settle_it() -> None:
    from rag.negation import misses_the_named_slot as elsewhere

    text = "The envoy had flown to Oslo on May 2 to meet the minister."
    assert elsewhere("Did the envoy fly to Bergen?", text)
    assert not elsewhere("Did the envoy fly to Oslo?", text)
    assert not elsewhere("Did the envoy meet the minister?", text)
    assert elsewhere("Was the plan passed to NATO?", text)  # the slot's name is missing
    assert not elsewhere("Did the envoy fly there in May?", text)
    # a setting ("in Python") is missed only where the text names another setting
    assert not elsewhere("Is there more than one envoy in Norway?", text)
    assert elsewhere("Did the envoy meet the minister in Bergen?", f"{text} They met in Oslo.")
    # "according to X" names a source, not a place
    assert not elsewhere("Was the trip planned, according to Reuters?", text)


def test_an_error_or_a_rule_allowing_it_elsewhere_answers_can_i_no() -> None:
    from rag.negation import negated

    question = "Can I use a return statement inside a class body?"
    assert negated('It is a "SyntaxError" to use "return" inside a class body.', question)
    asked = "Is it OK to import inside a function?"
    assert negated("The wild card form is only allowed at the module level.", asked)
    assert not negated("A return statement may appear inside a function body.", question)


def test_a_video_call_answers_did_they_meet_in_person_no() -> None:
    from rag.negation import negated

    question = "Did the two mayors meet face to face in May?"
    assert negated("The two mayors held a video call on May 3.", question)
    assert not negated("The two mayors met in the town hall on May 3.", question)


def test_no_limit_is_an_unbounded_yes_unless_a_limit_is_asked_about() -> None:
    from rag.negation import negated

    text = "There is no limit on name length apart from available memory."
    assert not negated(text, "Can a name be arbitrarily long?")
    assert negated(text, "Is there a limit on how long a name can be?")
    assert negated(text, "is there a max length for names?")


def test_what_someone_said_needs_a_sentence_that_reports_speech() -> None:
    question = "What did the mayor tell the council at the fair?"
    met = "The mayor met the council at the fair on Monday."
    assert unmet(question, met, Expect.anything, sentence=met) == "speech"
    told = "The mayor told the council the bridge would reopen."
    assert not unmet(question, told, Expect.anything, sentence=told)
    quoted = "“The bridge reopens in May,” the mayor said at the fair."
    assert not unmet(question, quoted, Expect.anything, sentence=quoted)
    # the sentence before saying something is not this sentence saying it
    window = f"The mayor's remarks were brief. {met}"
    assert unmet(question, window, Expect.anything, sentence=met) == "speech"
    # what a document says is its content, in whatever words
    asked = "What did the council's report say about the bridge?"
    content = "The bridge needs new cables before winter."
    assert not unmet(asked, content, Expect.anything, sentence=content)


def test_a_contracted_what_s_asks_for_a_definition_too() -> None:
    from rag.definitions import definition_subject

    assert definition_subject("what's the Ellipsis object?") == "Ellipsis object"
    assert definition_subject("What is a bound method?") == "bound method"


def test_what_are_methods_asks_what_they_are_not_for_a_name_in_code() -> None:
    assert expected("What are methods in Python?") is Expect.anything
    assert expected("Which method did they use?") is Expect.identifier


def test_irregular_participles_of_manuals_match_their_verb() -> None:
    from rag.questions import content_words

    assert content_words("Can a metaclass override it?") & content_words("It can be overridden")
    assert "bind" in content_words("a bound method")


def test_words_that_only_lead_into_a_question_are_dropped() -> None:
    from rag.conversation import without_opener

    assert without_opener("In plain terms, what are methods?") == "What are methods?"
    assert without_opener("Hey, who is Qin Gang?") == "Who is Qin Gang?"
    assert without_opener("Briefly: why did the talks fail?") == "Why did the talks fail?"


def test_an_asked_phrase_left_in_place_is_asked_first() -> None:
    from rag.conversation import without_opener

    assert (
        without_opener("every tool has which three parts?") == "Which three parts every tool has?"
    )
    assert without_opener("Ms. Ortiz met which mayor?") == "Which mayor Ms. Ortiz met?"
    assert without_opener("The crank is kept in which drawer?") == (
        "Which drawer the crank is kept in?"
    )
    # a relative "which" after a noun, a request and a question already asking stay as they are
    for question in (
        "Name the clerks which met Ortiz?",
        "The clerks which met Ortiz left early?",
        "Does the crank turn which way?",
        "If the drawer is locked, which key opens it?",
    ):
        assert without_opener(question) == question


def test_a_name_in_code_the_documents_never_use_is_not_their_topic() -> None:
    from rag.topic import off_topic, unseen_identifier

    known = {
        "code",
        "object",
        "attribut",
        "class",
        "getitem",
        "list",
        "sys.except",
        "init",
        "subclass",
    }
    seen = known.__contains__
    asked = "What does the co_varnames attribute of a code object contain?"
    assert unseen_identifier(asked, seen) == "co_varnames"
    assert unseen_identifier("What does asyncio.gather do?", seen) == "asyncio.gather"
    # names the documents use, or a user's own name built of their words, are theirs
    assert unseen_identifier("What does __class_getitem__ return?", seen) is None
    assert unseen_identifier("Which call gives sys.exception()?", seen) is None
    assert unseen_identifier("Is my_list empty after the loop?", seen) is None
    # a name in camel case is asked whole, not as the words it is built of
    seen_camel = (known | {"recurs", "error", "typeerror"}).__contains__
    assert unseen_identifier("When is RecursionError raised?", seen_camel) == "RecursionError"
    assert unseen_identifier("When is TypeError raised?", seen_camel) is None
    # an attribute the documents name, asked with its type in front
    assert unseen_identifier("In what order does list.getitem() hand back items?", seen) is None
    # a special name counts as written, not as the words it is built of
    written = "the __init__ method; __class_getitem__ of a subclass; my list".__contains__
    asked_special = "What does __init_subclass__ do?"
    assert unseen_identifier(asked_special, seen) is None  # its words alone are known
    assert unseen_identifier(asked_special, seen, written) == "__init_subclass__"
    assert unseen_identifier("What does __class_getitem__ return?", seen, written) is None
    assert unseen_identifier("Is my_list empty after the loop?", seen, written) is None
    # one word between double underscores too: "__slots__" is not the "slots" of a call
    slots = "the list of filled slots; the __init__ method".__contains__
    assert unseen_identifier("What is __slots__ for?", (known | {"slot"}).__contains__, slots)
    assert unseen_identifier("What does __init__ do?", seen, slots) is None
    # the answerer abstains for it unless some sentence scores well all the same
    assert off_topic(asked, 0.45, None, seen)
    assert not off_topic(asked, 0.6, None, seen)
    # but a special name no passage writes is never theirs, however well its parts score
    idf = Idf(["The __init__ method runs first.", "Each subclass keeps a list of its bases."])
    assert off_topic(asked_special, 0.9, idf, idf.seen)
    assert not off_topic("What does __init__ do?", 0.9, idf, idf.seen)


def test_a_denial_in_a_contrasted_clause_about_something_else_does_not_answer_no() -> None:
    text = (
        'After "a = 1; b = 1", "a" and "b" may or may not refer to the same object, but after '
        '"c = []; d = []", "c" and "d" are guaranteed to refer to two different, new lists.'
    )
    asked = "Is it guaranteed that c and d are two distinct list objects?"
    assert not negated(text, asked)
    assert negated(text, "Do a and b refer to the same object?")


def test_the_clause_asked_is_chosen_with_its_condition() -> None:
    # the second clause is the one asked of, by its condition ("when the job is queued")
    text = (
        "Creating the job does not start the worker; it gets started only when the job is queued."
    )
    assert not negated(text, "Is the worker only started once the job gets queued?")
    assert negated(text, "Does creating the job start the worker?")


def test_what_would_be_done_does_not_say_what_actually_was() -> None:
    from rag.deeds import only_possible

    asked = "Which sanctions did the U.S. actually impose once the invasion began?"
    assert only_possible(asked, "The United States would impose tough sanctions on Russia.")
    assert only_possible(asked, "The sanctions would also hurt China over time.")
    assert not only_possible(asked, "On Monday the United States imposed sanctions on banks.")
    # "actually" as mere emphasis, with a verb that names no deed
    assert not only_possible("What does id(x) actually give you?", "id(x) is the address.")
    assert not only_possible("Which sanctions did the U.S. impose?", "It would impose some.")
    # a statement of what was done, in other words, is no threat
    assert not only_possible("Did the chief actually travel to Rome?", "The chief flew to Rome.")
    assert only_possible("Did the chief actually travel to Rome?", "The talks went nowhere.")
    # "actually valid" asks a quality, not a deed; "was actually imposed" still asks a deed
    assert not only_possible("Is a < b > c actually valid?", "It is perfectly legal.")
    assert only_possible("Was the ban actually imposed?", "The city would impose a ban.")
    # a question about a prediction is answered by the prediction
    asked = "Did they warn that the ban would end up hurting trade?"
    assert not only_possible(asked, "They said the ban would hurt trade over time.")
    # of a rule in the present, "really" only stresses: the rule stated answers it
    asked = "When I subscript a table with t[k], which hook is really running?"
    assert not only_possible(asked, 'Called to look up "t[k]"; it maps to "type(t).__getitem__".')
    assert only_possible(asked, "A hook might be added to tables later.")


def test_a_verb_and_its_ed_form_share_a_stem_whatever_its_last_consonant() -> None:
    from rag.textutil import stem

    assert stem("rebuff") == stem("rebuffed") == stem("rebuffing")
    assert stem("add") == stem("added")


def test_a_definition_is_searched_without_the_setting_the_documents_speak_of() -> None:
    from rag.clauses import without_setting
    from rag.idf import Idf

    idf = Idf(["Methods are functions called with a dot.", "Python runs the code."])
    assert without_setting("What are methods in Python?", idf.seen) == "What are methods?"
    # a setting the documents never name keeps the question as asked (it is off their topic)
    assert without_setting("What are methods in Java?", idf.seen) == "What are methods in Java?"
    # only a "what is" question: elsewhere the setting may be what is asked
    asked = "Did the methods change in Python?"
    assert without_setting(asked, idf.seen) == asked


def test_a_phrase_placing_a_question_in_the_document_is_not_searched_for() -> None:
    from rag.topic import without_document_phrases

    assert without_document_phrases("Who is the mayor, according to the report?") == (
        "Who is the mayor?"
    )
    assert without_document_phrases("Which tools are named in this manual?") == (
        "Which tools are named?"
    )
    # the document's own words stay when they are what is asked about
    assert without_document_phrases("What does the report say?") == "What does the report say?"


def test_what_someone_said_needs_a_sentence_naming_them() -> None:
    known = lambda: frozenset({"tom becker"})  # noqa: E731 - the documents' people
    window = "Engineers said the river rose two meters overnight."
    asked = "What did the Kremlin say about the flood?"
    assert unmet(asked, window, Expect.anything, known, window) == "speech"
    said = "The Kremlin said the river rose."
    assert unmet(asked, said, Expect.anything, known, said) is None
    # a "he" may be the one asked about; a possessive names a thing, not a speaker
    he = "He said the river rose."
    assert unmet("What did Tom Becker say?", he, Expect.anything, known, he) is None
    asked = "What did the council's report say about the flood?"
    assert unmet(asked, window, Expect.anything, known, window) is None
    # what someone else said of him is their account, not his words
    account = "Mr. Becker was calm and upbeat, a city engineer said."
    asked = "What did Tom Becker keep telling the engineers?"
    assert unmet(asked, account, Expect.anything, known, account) == "speech"
    own = "Mr. Becker was calm and upbeat, Tom Becker said."
    assert unmet(asked, own, Expect.anything, known, own) is None


def test_by_what_means_is_not_answered_by_a_sentence_that_only_mentions_it() -> None:
    echo = "Analysts know how the firm cut its costs so sharply."
    assert unmet("By what methods did the firm cut costs?", echo, Expect.anything) == "echo"
    assert unmet("In what ways did the firm cut costs?", echo, Expect.anything) == "echo"
    means = "The firm cut costs by closing two plants."
    assert unmet("By what methods did the firm cut costs?", means, Expect.anything) is None
    # an echo that goes on to tell the means answers
    told = "Reports show how the firm cut costs through closing two plants and selling its fleet."
    assert unmet("How did the firm cut costs?", told, Expect.anything) is None


def test_a_bound_like_before_this_year_dates_nothing() -> None:
    from rag.dates import gives_new_date

    bound = "They had met 37 times before this year."
    assert not gives_new_date("When did they first meet?", bound)
    assert gives_new_date("When did they meet?", "They met last year in Rome.")


def test_a_permission_asked_after_a_scene_is_settled_by_the_rule() -> None:
    from rag.negation import negated
    from rag.opposites import permission_asked

    asked = "I have a loop and a helper function in it. Can I call stop inside that helper?"
    rule = '"stop" may only occur nested in a loop, not in a function defined within it.'
    assert permission_asked(asked, rule) == "Can I call stop"
    assert negated(rule, asked)


def test_a_numbered_thing_is_not_found_inside_another_word() -> None:
    from rag.dates import numbered_things_present

    assert not numbered_things_present("How did Python 2 write it?", 'It is "expression2".')
    assert numbered_things_present("How did Python 2 write it?", "In Python 2 it was a call.")


def test_a_channel_is_how_people_kept_in_touch() -> None:
    assert offers_form(Form.how, "They spoke three more times, in the office and on the phone.")
    assert offers_form(Form.how, "The two leaders met by video call.")
    assert not offers_form(Form.how, "They spoke three more times in the spring.")


def test_the_question_a_follow_up_carries_does_not_decide_what_it_asks() -> None:
    from rag.forms import Form, form_of

    asked = "and what did he keep saying? (how long did the first meeting with him run)"
    assert expected(asked) is Expect.anything
    assert form_of(asked) is Form.other
    # nor does its "how long" ask for a measure of what was said
    said = "Mr. Roux said the river was rising."
    assert unmet(asked, said, Expect.anything, None, said) is None


def test_what_someone_kept_saying_asks_for_speech() -> None:
    met = "Mr. Roux met the mayor twice."
    assert unmet("What did Mr. Roux keep saying?", met, Expect.anything, None, met) == "speech"


def test_a_count_settles_a_bound_the_question_puts_on_it() -> None:
    said = "The two leaders had met 37 times. Officials held half a dozen urgent meetings."
    assert settles_a_bound("Had they met more than 30 times?", said) is True
    assert settles_a_bound("Had they met fewer than 20 times?", said) is False
    assert settles_a_bound("Did officials hold at least three urgent meetings?", said) is True
    assert settles_a_bound("Did they hold over ten meetings?", said) is False
    # a count the question gives roughly is settled by the count, near or far
    assert settles_a_bound("Had they met around 20 times?", said) is False
    assert settles_a_bound("Had they met about 35 times?", said) is True
    assert settles_a_bound("Had they met exactly 37 times?", said) is True
    assert settles_a_bound("Was the note roughly 10,000 words long?", "a 5,000-word note") is False
    # a count of something else, or no bound at all, settles nothing
    assert settles_a_bound("Did they make more than 30 calls?", said) is None
    assert settles_a_bound("Had they met often?", said) is None
    # a day of a month counts nothing: "the May 4 joint charter" is no count of charters
    charter = "They echo the 5,000-word joint charter the towns signed on May 4."
    assert (
        settles_a_bound("In the May 4 joint charter, did the towns pledge peace?", charter) is None
    )


def test_a_word_the_question_dates_is_dated_otherwise_in_the_text() -> None:
    said = "He had flown to Paris on Nov. 2 to see them, and on Nov. 17, the talks ended."
    assert dated_otherwise("Did he fly to Paris on Nov. 17?", said)
    assert not dated_otherwise("Did he fly to Paris on Nov. 2?", said)
    assert not dated_otherwise("Did he fly to Paris on November 2?", said)
    # a day the text gives for nothing the question names is no other date
    assert not dated_otherwise("Did the talks end on Nov. 17?", said)


def test_a_sentence_naming_the_term_it_describes_defines_it() -> None:
    from rag.definitions import defines

    assert defines("container", "Some objects hold others; these are called *containers*.") == 1
    assert defines("active exception", "It is also known as the *active exception*.") == 1
    assert defines("container", "Examples of containers are tuples and lists.") == 0
    assert defines("container", "These are called *lists*.") == 0


def test_the_count_a_list_question_asks_for_and_the_items_a_sentence_lists() -> None:
    from rag.lists import items_asked, items_listed

    assert items_asked("What three things does every object have?") == 3
    assert items_asked("Name 2 officials who met him") == 2
    assert items_asked("Which officials met him?") is None
    assert items_listed("Every object has an identity, a type and a value.") == 3
    assert items_listed("It saves state, locks resources, and closes files.") == 3
    assert items_listed("Data is held by objects or by relations between them.") == 2
    assert items_listed("Objects are the abstraction for data.") == 0


def test_a_series_of_single_words_lists_items_inside_a_long_sentence() -> None:
    from rag.lists import lists_short_items

    said = (
        "The towns have been close allies for many decades, and they have grown much closer "
        "over the years across trade, sport and art ties."
    )
    assert lists_short_items(said)
    assert lists_short_items("It holds a module, a function body, and a class definition.")
    said = 'Only after the closing of the file in a long session may "seek", "tell" or "read" run.'
    assert lists_short_items(said)  # words in quotes
    assert not lists_short_items("The towns are close allies, and they have grown closer.")


def test_how_much_needs_an_amount_and_money_an_amount_of_money() -> None:
    trade = "For 40 years, the relationship grew stronger as lucrative trade ties developed."
    assert not counts_what_is_asked("How much is annual trade between them worth?", trade)
    assert counts_what_is_asked("How much is the trade worth?", "Trade reached $147 billion.")
    assert counts_what_is_asked("How much did they keep?", "They kept half of it.")
    assert not counts_what_is_asked("How much did they keep?", "They kept the plan.")
    assert counts_what_is_asked("Who kept the plan?", "The plan was debated.")


def test_a_pronoun_means_the_person_last_named_and_not_one_the_question_names() -> None:
    from rag.conversation import condense_offline

    turns = ["who is Qin Gang?", "what did white house officials tell the chinese embassy?"]
    # a question in between names no one: "he" is still Qin Gang, and that question on the
    # embassy is no context for how he reacted
    assert condense_offline("how did he react?", turns) == "how did Qin Gang react?"
    # "wang" is named in the question itself: "him" is the other one
    resolved = condense_offline("what did wang tell him?", ["when did Blinken speak to Wang Yi?"])
    assert resolved == "what did wang tell Blinken?", resolved


def test_a_possessive_whose_owner_the_question_names_leaves_it_standalone() -> None:
    from rag.conversation import is_dependent

    assert not is_dependent("What did China and Russia declare in their joint statement?")
    assert not is_dependent("Did Xi change his plans?")
    assert is_dependent("What did the officials tell his team?")
    assert is_dependent("What did the U.S. officials tell him?")  # him: someone named before


def test_a_quoted_question_with_did_is_no_emphatic_affirmation() -> None:
    text = (
        "Ms. Hua’s remarks stunned some officials. She added: “When the U.S. drove NATO east, "
        "did it ever think about the consequences of pushing a big country to the wall?” She "
        "has refused to call Russia’s assault an “invasion” when pressed by journalists."
    )
    assert negated(text, "Has Hua Chunying called it an invasion?")


def test_it_after_a_question_defining_a_thing_is_that_thing() -> None:
    from rag.conversation import condense_offline

    resolved = condense_offline(
        "does it still run if the loop breaks?", ["what does an else clause do?"]
    )
    assert resolved == "does an else clause still run if the loop breaks?", resolved
    # a question about the document itself keeps its own meaning
    assert "published" in condense_offline("when was it published?", ["Who is Qin Gang?"])


def test_a_short_keyword_named_as_such_is_a_word_of_its_own() -> None:
    from rag.questions import content_words
    from rag.terms import keywords_named

    asked = content_words("What does the for statement do?")
    assert "for" in asked & content_words('The "for" statement is used to iterate over items.')
    assert "for" not in content_words("The statement was written for the press.")
    assert "not" in content_words("what does `not` evaluate to")
    # "a for loop" is searched for, but a sentence on the loop need not say "for"
    assert "for" not in content_words("does a for loop's else run after a break?")
    assert keywords_named("does a for loop's else run after a break?", loosely=True) == ["for"]


def test_a_plain_or_rough_count_in_a_yes_no_is_settled_by_the_count_given() -> None:
    given = "Over three months, officials held half a dozen urgent meetings with them."
    assert settles_a_bound("Were there like a dozen of these meetings?", given) is False
    assert settles_a_bound("Were there six meetings?", given) is True
    assert settles_a_bound("Did they meet 37 times?", "They had met 37 times.") is True
    assert settles_a_bound("Did they meet 40 times?", "They had met 37 times.") is False
    assert settles_a_bound("Did they meet like 36 times?", "They had met 37 times.") is True
    # a year is no count
    assert settles_a_bound("Were the 2014 sanctions lifted?", "the 2014 sanctions") is None


def test_a_subject_put_first_or_asked_after_is_the_one_defined() -> None:
    from rag.definitions import definition_subject

    assert definition_subject("while loop, what is it") == "while loop"
    assert definition_subject("If I call it, what is it?") == "it"  # a clause, not a subject
    assert definition_subject("except* is what?") == "except*"
    assert definition_subject("finally block = ?") == "finally block"
    assert definition_subject("what is `with` in python") == "with"


def test_a_comparison_names_what_only_each_compared_thing_has() -> None:
    from rag.compare import compared

    assert compared("What's the difference between break and continue?") == (
        frozenset({"break"}),
        frozenset({"continu"}),
    )
    assert compared("pass vs ...: any difference?") == (frozenset({"pass"}), frozenset({"..."}))
    # "with" is no content word: "async" is what only the first has
    assert compared("what does async with do differently from with?") == (frozenset({"async"}),)
    assert compared("What is the difference?") == ()


def test_a_definition_asked_with_an_adverb_a_setting_or_meant_by_names_its_subject() -> None:
    from rag.definitions import definition_subject

    assert definition_subject("what exactly is a skiplist?") == "skiplist"
    assert definition_subject('What is meant by the term "soft lock"?') == "soft lock"
    assert definition_subject("What does the rewind command do in a script?") == "rewind command"
    assert definition_subject("What is the spool used for?") == "spool"


def test_a_definition_is_found_at_the_subjects_first_whole_mention_plural_or_singular() -> None:
    from rag.definitions import defines

    # "…defines the runtime context…" later in the sentence is not where its subject stands
    line = "A *soft lock* is a flag that defines the lock state kept while the spool runs."
    assert defines("soft lock", line) == 1.5
    assert defines("soft locks", "Soft locks are flags the spooler sets.") == 1.5
    assert defines("soft lock", "Each soft lock is a flag.") == 1.0  # it does not open it
    # "…of soft locks include…": the subject after a preposition; "named" is no verb of it
    assert defines("soft lock", "Typical uses of soft locks include pausing a queue.") == 0.0
    assert defines("spool object", 'There is one spool object, named "Spools" (a name).') == 0.0


def test_a_function_called_by_a_name_the_documents_never_use_is_off_topic() -> None:
    from rag.idf import Idf
    from rag.topic import off_topic

    idf = Idf(["Breaking out of a skip moves the reader on.", "The skip statement moves on."])
    assert off_topic("How do I use send() on it?", 0.3, idf, idf.seen, best_cosine=0.8)
    assert not off_topic("How do I use skip on it?", 0.3, idf, idf.seen, best_cosine=0.8)
    # but not a method they name on its object ("r.rewind([n])")
    idf = Idf(["r.rewind([n]) moves the reader back n records.", "The skip statement moves on."])
    assert not off_topic("What does rewind() do with no n?", 0.3, idf, idf.seen, 0.8)


def test_a_caution_answers_why_not() -> None:
    from rag.cues import form_strength

    caution = "Log formats are not part of the public interface."
    assert (
        form_strength(Form.why, caution, "Why shouldn't my parser depend on the log format?") == 1
    )
    assert form_strength(Form.why, caution, "why is it a bad idea to parse the logs?") == 1
    # a plain why asks for a reason, which a caution is not
    assert form_strength(Form.why, caution, "Why do the logs have a format?") == -1


def test_a_wish_or_use_the_act_serves_is_a_reason_and_an_advantage_asks_why() -> None:
    from rag.cues import REASON
    from rag.forms import Form, form_of

    assert REASON.search("If the reader wishes to skip the header, it should return true.")
    assert REASON.search("The short form can be used to omit the brackets.")
    assert REASON.search("The long form is used for clarity.")
    # what a thing applies to is no purpose
    assert not REASON.search("If only one margin is given, it is used for both.")
    assert form_of("What's the advantage of the short form over the long one?") is Form.why
    assert form_of("What is the benefit of a soft lock?") is Form.why


def test_asking_not_to_be_named_asks_no_name() -> None:
    from rag.questions import Expect, expected

    assert expected("Why did the sources ask not to be named?") is Expect.anything
    assert expected("What was the new envoy named?") is Expect.person


def test_instead_of_denies_only_what_it_does_not_also_affirm() -> None:
    from rag.negation import negated

    line = "Adding a flag is enough to make the queue a locked queue instead of a plain queue."
    assert not negated(line, "Is a flag enough to make it a locked queue?")
    assert negated(line, "Does a flag make it a plain queue?")


def test_a_bare_if_clause_sets_a_scene_it_does_not_ask_whether() -> None:
    from rag.forms import Form, form_of

    assert form_of("if i leave out the step what does it default to") is not Form.yesno
    assert form_of("Do you know if the spool was flushed?") is Form.yesno
    assert form_of("whether the spool was flushed?") is Form.yesno


def test_a_turn_away_with_but_leaves_the_question_its_own() -> None:
    from rag.conversation import is_dependent, without_opener

    asked = without_opener("unrelated, but who won the relay at the games?")
    assert asked == "Who won the relay at the games?"
    assert not is_dependent(asked)


def test_a_hesitation_before_the_asking_keeps_its_form() -> None:
    from rag.forms import Form, form_of

    assert form_of("hmm and would she call it a closure?") is Form.yesno
    assert form_of("um, why did they close it?") is Form.why


def test_how_long_someone_has_been_something_wants_a_span_of_time() -> None:
    from rag.questions import Expect, offers

    asked = "How long has Ana Roux been harbour master?"
    assert not offers(Expect.number, "She had met them 37 times before this year.", asked)
    assert offers(Expect.number, "She has been harbour master for six years.", asked)
    assert offers(Expect.number, "They had met 37 times.", "How many times had they met?")
    # "Over what period…" asks a span too
    period = "Over what period did the harbour talks take place?"
    assert expected(period) is Expect.number
    assert offers(Expect.number, "Over three months, the harbour held six talks.", period)
    assert not offers(Expect.number, "After one talk in May, the harbour closed.", period)


def test_a_justification_asked_is_the_reason_someone_gave_in_their_own_words() -> None:
    from rag.cues import form_strength
    from rag.forms import Form, form_of

    asked = "What justification did the harbour master give for the closure?"
    assert form_of(asked) is Form.why
    said = "Ms. Roux kept the gates shut and said the quay had been unsafe for weeks."
    assert form_strength(Form.why, said, asked) == 1
    assert form_strength(Form.why, "Ms. Roux kept the gates shut all week.", asked) == -1


def test_a_criterion_is_how_something_is_decided() -> None:
    from rag.cues import form_strength
    from rag.forms import Form

    asked = "How does the reader decide which handler gets a record?"
    chosen = "The handler is chosen depending on the kind of the record."
    assert form_strength(Form.how, chosen, asked) == 1
    assert form_strength(Form.how, "The handler gets a record.", asked) == -1


def test_how_someone_found_out_is_the_source_they_learned_it_from() -> None:
    from rag.cues import form_strength
    from rag.forms import Form

    asked = "How did the council find out that the mill had sold the land?"
    source = "In May the council got records showing the mill had sold the land to a developer."
    means = "The council tried to use its lawyers and the press to stop the sale."
    assert form_strength(Form.how, source, asked) == 1
    assert form_strength(Form.how, means, asked) == -1
    # a how-to is no question of knowledge: its means still answer it
    assert form_strength(Form.how, means, "How did the council stop the sale?") == 1


def test_which_named_thing_is_not_answered_by_a_sentence_naming_nothing_unasked() -> None:
    from rag.constraints import unmet

    asked = "Which Spanish banks helped Italy avoid the 2014 tariffs?"
    # it never speaks of banks and names only what the question does ("Spain" is "Spanish")
    said = "Officials knew how Spain had helped Italy avoid some of the 2014 tariffs."
    assert unmet(asked, said, Expect.anything) == "unnamed"
    named = "Officials knew how Iberbank had helped Italy avoid some of the 2014 tariffs."
    assert unmet(asked, named, Expect.anything) is None
    # a question asking no named kind is for the other checks
    assert unmet("How did Spain help Italy avoid the 2014 tariffs?", said, Expect.anything) != (
        "unnamed"
    )


def test_which_named_thing_is_not_answered_by_a_sentence_naming_none() -> None:
    from rag.instances import names_the_kind

    asked = "Which city agency inspected the dam before the flood?"
    assert not names_the_kind(asked, "Inspectors from two city agencies had seen the dam.")
    assert names_the_kind(asked, "The Water Board, a city agency, had inspected the dam.")
    assert names_the_kind(asked, "Inspectors from the Harbour and Water agencies had seen it.")
    # a sentence that never speaks of agencies is for the other checks to judge
    assert names_the_kind(asked, "The dam was inspected in March.")
    # the kind is the asked noun's, not a noun past the verb
    means = "By what methods did the city agency inspect the dam?"
    assert names_the_kind(means, "Inspectors from two city agencies had seen the dam.")
    # a describing compound is no name; names asked outright, of any kind, are looked for
    named = "What are the names of the two villages the river flooded?"
    assert not names_the_kind(named, "The river flooded two Lund-owned villages in the valley.")
    assert names_the_kind(named, "The river flooded the Alby and Berga villages.")
    # villages "of" a county lie in it; a town "of" a name is called so
    where = "What are the names of the villages where the river rose?"
    assert not names_the_kind(where, "The river rose into the villages of Lund county.")
    assert names_the_kind("Which town did it reach?", "It reached the town of Alby.")
    called = "What are the two villages called?"
    assert not names_the_kind(called, "The river flooded two villages in the valley.")
    # a name in code is a name
    code = "What are the names of the hook methods?"
    assert names_the_kind(code, "The hook methods: __enter__ and __exit__ run around it.")
    assert not names_the_kind(code, "The hook methods run around the block.")
    # a name the question gives itself is not the one asked for
    given = "Which Lund agency inspected the dam?"
    assert not names_the_kind(given, "A Lund agency had inspected the dam in March.")


def test_what_someone_told_another_needs_them_speaking_not_spoken_to() -> None:
    window = "The mayor told Ms. Roux about the flood in May and again in June."
    asked = "What did Ana Roux tell the mayor about the flood?"
    assert unmet(asked, window, Expect.anything, None, window) == "speech"
    asked = "What exactly did Ana Roux tell the mayor?"  # however the question is put
    assert unmet(asked, window, Expect.anything, None, window) == "speech"
    said = "Ms. Roux told the mayor the quay was unsafe."
    assert unmet("What did Ana Roux tell the mayor?", said, Expect.anything, None, said) is None
    # said to someone else than the one asked about
    other = "Ms. Roux said the quay was unsafe, speaking to reporters."
    asked = "What did Ana Roux tell Jensen?"
    assert unmet(asked, other, Expect.anything, None, other) == "speech"
    told = "Ms. Roux warned Jensen that the quay was unsafe."
    assert unmet(asked, told, Expect.anything, None, told) is None


def test_a_not_inside_what_someone_was_told_to_do_denies_nothing() -> None:
    # the question's own "not to" is what was asked of them, not a denial of the asking
    asked = "Did the council warn the mill not to sell the land?"
    assert not negated(asked)
    assert not negated("The council told the mill to not sell the land.")
    assert negated("The council did not warn the mill.")
    # a sentence's "not to" is what was urged, not a denial of the question's deed
    urged = "The council urged the mayor to tell the mill not to sell the land."
    assert not negated(urged, "Did the mill sell the land?")
    # and a denial of the deed the question has them told not to do is no denial of the telling
    doubt = "Each time, the owners rebuffed them, saying they did not think a sale was near."
    assert not negated(doubt, "Did the council ask the mayor to tell the mill not to make a sale?")
    assert negated(doubt, "Did the owners think a sale was near?")


def test_not_exactly_denies_exactly_and_a_language_asked_beside_is_no_unknown_name() -> None:
    from types import SimpleNamespace

    from rag.questions import content_words
    from rag.selection import Decision
    from rag.yesno import settle

    text = 'A rerun with "make -B" rebuilds all to a similar, but not exactly equal effect.'
    known = content_words(text) | content_words("clean all")
    sentence = SimpleNamespace(
        text=text, score=0.6, index=1, passage=SimpleNamespace(table_intros={}), referent=""
    )
    for question, lead in [
        ('Is a rerun with "make -B" exactly equivalent, like in Ant?', "No."),
        ('Does a rerun with "make -B" rebuild all, as in Gradle?', "Yes."),
    ]:
        decision = Decision(chosen=[sentence])
        settle(decision, question, [sentence], 0.6, lambda s: s.text, None, known.__contains__)
        assert (decision.lead, decision.abstained) == (lead, False), question


def test_a_yes_no_is_settled_by_what_the_sentence_itself_holds() -> None:
    from types import SimpleNamespace

    from rag.selection import Decision
    from rag.yesno import settle

    passage = SimpleNamespace(table_intros={})
    before = "A member may book the pool and the sauna on any weekday."
    texts = [
        "No guest pays a fee on holidays.",  # denies, and its window holds the question's words
        "It is not possible to book the pool and the sauna for the same hour.",
    ]
    meeting = [
        SimpleNamespace(text=text, score=0.6, index=1, passage=passage, referent="")
        for text in texts
    ]
    decision = Decision(chosen=list(meeting))
    question = "Can a guest book both the pool and the sauna for the same hour?"
    settle(decision, question, meeting, 0.6, lambda s: f"{before} {s.text}", None, None)
    assert decision.lead == "No."
    assert decision.chosen[0].text == texts[1]


def test_an_error_the_manual_names_denies_that_a_thing_can_be_done() -> None:
    rule = "A non-empty return statement is a syntax error in a coroutine."
    assert negated(rule, "Can a coroutine return a value?")
    assert negated(rule, "Is `return x` allowed in a coroutine?")
    assert not negated(rule, "Did the coroutine return a value?")  # a deed, not a permission


def test_a_yes_no_is_settled_by_a_sentence_telling_the_same_act_in_other_words() -> None:
    from rag.yesno import coverage

    asked = "Does the cleanup clause run?"
    assert coverage(asked, "The cleanup clause is executed on the way out.", None) == 1.0
    caught = "Is the error caught by the handler?"
    assert coverage(caught, "The handler handles the error.", None) == 1.0
    assert coverage(asked, "The cleanup clause is declared last.", None) < 1.0
    halted = "Did the council try to stop the merger?"
    assert coverage(halted, "The council did not try to impede the merger.", None) == 1.0


def test_a_term_and_its_short_form_in_code_documentation_are_one_word() -> None:
    from rag.yesno import coverage

    assert coverage("Are two dicts equal?", "Two dictionaries compare equal.", None) == 1.0
    assert coverage("Is the dictionary empty?", "The dict is empty.", None) == 1.0
    assert coverage("Does it take a str?", "It takes a string argument.", None) == 1.0
    assert coverage("Are two dicts equal?", "Two sets compare equal.", None) < 1.0


def test_getting_better_answers_getting_worse_no_and_the_other_way_round() -> None:
    assert negated("For years the ties grew stronger.", "Did the ties get worse?")
    assert negated("Then the ties soured.", "Did the ties improve?")
    assert not negated("The ties grew stronger.", "Did the ties improve?")


def test_a_sentence_going_on_after_that_is_read_with_the_one_before() -> None:
    from types import SimpleNamespace

    from rag.selection import Decision
    from rag.yesno import settle

    before = "The mayor opened the harbour bridge in 1990."
    after = "For 30 years after that, the harbour trade grew stronger."
    passage = SimpleNamespace(table_intros={})
    sentence = SimpleNamespace(text=after, score=0.6, index=1, passage=passage)
    # a sentence holding the question's words itself, settling nothing it asks
    other = "A new alarm rang 30 years after the mayor opened the bridge."
    beside = SimpleNamespace(text=other, score=0.6, index=5, passage=passage)
    decision = Decision(chosen=[beside, sentence])
    asked = "Did things get worse after the mayor opened the bridge?"
    window = {after: f"{before} {after}", other: f"It was quiet. {other}"}
    settle(decision, asked, [beside, sentence], 0.6, lambda s: window[s.text], None, None)
    assert decision.lead == "No.", decision
    assert decision.chosen[0].text == after


def test_a_name_asked_of_a_thing_may_be_a_name_in_code() -> None:
    asked = "What is the spooler's control file always named?"
    assert expected(asked) is Expect.person
    assert offers(Expect.person, 'The control file is always called "__spool__".', asked)
    assert offers(Expect.person, "The control file is read by spool_open().", asked)
    assert not offers(Expect.person, "The control file is always called the spool.", asked)
    # "who" asks for a person: a name in code is none
    who = "Who named the control file?"
    assert not offers(Expect.person, 'The control file is called "__spool__".', who)


def test_the_docs_a_question_cites_are_the_documents_not_its_topic() -> None:
    from rag.idf import Idf
    from rag.intent_patterns import without_document_words
    from rag.topic import unseen_share

    kept = without_document_words("per the docs, what is a spool?").split()
    assert kept == [",", "what", "is", "a", "spool?"], kept
    assert "ref" not in without_document_words("what is a spool, per the language ref?")
    idf = Idf(["A spool holds 12 records.", "The spool is flushed when full."])
    assert unseen_share("per the docs, what does a spool hold?", idf, idf.seen) == 0.0


def test_a_purpose_leading_its_sentence_or_a_gain_sought_is_a_reason() -> None:
    from rag.cues import REASON

    assert REASON.search("To guard against typos, the parser rejects unknown keys.")
    assert REASON.search("The buffer is reused in place for economy of memory.")
    assert REASON.search("The flag stays for backward compatibility with old scripts.")
    # an instruction is a means, and "To date", "To be sure" lead no purpose
    assert not REASON.search("To create a frozen set, call frozenset() on an iterable.")
    assert not REASON.search("To date, the table is kept sorted.")
    assert not REASON.search("To the reader, the table looks sorted.")


def test_a_rule_stated_with_will_answers_what_actually_happens_now() -> None:
    from rag.deeds import only_possible

    rule = 'The name "__key" in a class "Box" will be transformed to "_Box__key".'
    assert not only_possible("What does the compiler actually rename __key to?", rule)
    # asked what was done, "will impose" is a promise, not the deed
    promise = "The officials said the country will impose tariffs on the goods."
    assert only_possible("Did the country actually impose the tariffs?", promise)


def test_a_version_note_telling_its_change_answers_which_release_made_it() -> None:
    note = 'Changed in version 3.12: "match" and "case" are now hard keywords; before, soft.'
    asked = "Which release made match and case real reserved keywords?"
    assert unmet(asked, note, Expect.date, sentence=note) is None
    # a bare note under another entry still dates only that entry
    bare = "New in version 3.12."
    aliases = f"Match and case blocks are keywords of their own. {bare}"
    assert unmet(asked, aliases, Expect.date, sentence=bare)


def test_a_name_in_code_the_documents_write_keeps_a_question_on_topic() -> None:
    from rag.topic import unseen_share

    idf = Idf(['"remove()" raises "ValueError" when *x* is not found.', "Lists are sequences."])
    asked = "Which exception does list.remove(x) throw for a missing value?"
    assert unseen_share(asked, idf, idf.seen, idf.shares_phrase) == 0.0
    other = "Which exception does socket.shutdown(x) throw for a missing value?"
    assert unseen_share(other, idf, idf.seen, idf.shares_phrase) > 0.6


def test_only_the_thing_denies_its_other() -> None:
    line = "Keys may only contain ASCII letters; other bytes must be escaped."
    assert negated(line, "Can a key contain non-ASCII letters?")
    assert negated("Keys may only be strings.", "Can a key be something other than a string?")
    # only something else says nothing of it
    assert not negated("Keys may be any value other than a list.", "Can a key be other than a str?")


def test_a_sentence_telling_the_other_order_answers_no() -> None:
    from rag.order import misordered

    told = "The call x.f(y) first evaluates x, then it looks up f and calls it with y."
    assert misordered("Is f looked up before x is evaluated?", told) is True
    assert misordered("Is x evaluated before f is looked up?", told) is False
    assert misordered("Is f looked up after x is evaluated?", told) is False
    # "After A, B" and "Before B, A" both tell A first
    after = "After the vote in May, the council published the report."
    assert misordered("Did the council publish the report before the vote?", after) is True
    before = "Before the report was published, the council held a vote."
    assert misordered("Was the vote held before the report was published?", before) is False
    # no order told, or none asked
    assert misordered("Was the vote held before the report?", "The council met twice.") is None
    assert misordered("Was the vote held in May?", after) is None


def test_a_sentence_naming_the_term_defines_it_with_its_head_noun() -> None:
    from rag.definitions import defines

    named = "Boxes whose lid cannot be opened again are called *sealed*; the rest are open."
    assert defines("sealed boxes", named) == 1
    assert defines("sealed box", named) == 1
    # the term it names must be the asked one, and the rest of the subject must be there
    assert defines("open boxes", named) == 0
    assert defines("sealed crates", named) == 0


def test_what_someone_did_next_is_how_they_reacted() -> None:
    asked = "How did Oslo react after the offer in May?"
    deed = "After the offer in May, Oslo moved its savings to another bank."
    assert unmet(asked, deed, Expect.anything, sentence=deed) is None
    # a deed of theirs not told as what came next, or someone else's, is no reaction
    plain = "Oslo moved its savings to another bank in May."
    assert unmet(asked, plain, Expect.anything, sentence=plain) == "reaction"
    other = "After the offer in May, Bergen moved its savings abroad."
    assert unmet(asked, other, Expect.anything, sentence=other) is not None


def test_the_sentence_under_the_asked_condition_is_preferred() -> None:
    from rag.conditions import condition_strength

    asked = "What does pop() give back when the queue is empty?"
    assert condition_strength(asked, "If the queue is empty, pop() raises an error.") == 1
    assert condition_strength(asked, "When a timeout is given, pop() waits for it.") == -1
    assert condition_strength(asked, "pop() removes the first item.") == 0  # no condition set
    assert condition_strength("What does pop() give back?", "If empty, it raises.") == 0
    # a follow-up's own condition, with the question it carries along for retrieval
    carried = "and if the queue is empty? (what does pop() give back)"
    assert condition_strength(carried, "If the queue is empty, pop() raises an error.") == 1


def test_who_at_a_body_needs_a_sentence_naming_that_body() -> None:
    asked = "who at treasury phoned the french ambassador"
    other = "Days later, White House officials met the ambassador at the French Embassy."
    assert unmet(asked, other, Expect.person, sentence=other) == "role"
    # and whoever phoned the ambassador need not stand next to the word "ambassador"
    phoned = "Ann Lee, the deputy secretary of the treasury, had a call with him."
    before = "Officials spoke with the ambassador three more times, in person or by phone."
    window = f"{before} {phoned}"
    assert unmet(asked, window, Expect.person, sentence=phoned) is None
    # "who is the ambassador" still needs the name beside the role
    assert unmet("Who is the French ambassador?", window, Expect.person, sentence=phoned)


def test_an_office_asked_without_a_rank_is_not_met_by_its_deputy() -> None:
    deputy = "Ann Lee, the deputy governor of the bank, spoke to the press."
    assert unmet("Who is the governor of the bank?", deputy, Expect.person, sentence=deputy) == (
        "role"
    )
    # the office itself, or a question asking for the deputy, is met
    governor = "Tom Roe, the governor of the bank, spoke to the press."
    assert (
        unmet("Who is the governor of the bank?", governor, Expect.person, sentence=governor)
        is None
    )
    asked = "Who is the deputy governor of the bank?"
    assert unmet(asked, deputy, Expect.person, sentence=deputy) is None


def test_a_dotted_name_in_code_is_met_only_by_a_sentence_naming_its_attribute() -> None:
    asked = "What does shutil.rmtree do to a folder?"
    other = '"shutil.copytree()" copies a whole folder, with its files.'
    assert unmet(asked, other, Expect.anything, sentence=other) == "name"
    told = '"rmtree()" deletes a folder and everything in it.'
    assert unmet(asked, told, Expect.anything, sentence=told) is None
    # abbreviations and versions are no names in code
    dated = "The U.S. released Python 3.11 in October."
    assert (
        unmet("When did the U.S. get Python 3.11?", dated, Expect.anything, sentence=dated) is None
    )


def test_an_office_written_before_a_name_is_not_part_of_it() -> None:
    from rag.roles import persons

    found = persons("Secretary of State Ann Lee spoke to Mr. Roe.")
    assert sorted(found) == ["ann lee", "mr. roe"]
    assert persons("State Department officials met them.") == []  # an office alone is no one


def test_the_occasion_a_question_names_must_be_the_one_told() -> None:
    known = lambda: frozenset({"ann", "lee", "tom", "roe"})  # noqa: E731 - the documents' people
    asked = "How did Ann Lee respond when Roe raised the budget with her?"
    other = "Last week, Ann Lee criticized the plan in a speech to the council."
    assert unmet(asked, other, Expect.anything, known, sentence=other) == "name"
    from rag.speech import names_the_occasion

    assert not names_the_occasion(asked, other, known)
    assert names_the_occasion(asked, "Mr. Roe raised it with her. She was skeptical.", known)
    assert names_the_occasion("How did Ann Lee respond to the plan?", other, known)


def test_a_surname_acting_in_the_question_before_is_who_a_pronoun_means() -> None:
    from rag.conversation import condense_offline

    turns = ["When did Roe speak to the finance minister?"]
    assert condense_offline("what did Lee tell him?", turns) == "what did Lee tell Roe?"
    # a country acting is no "he": the question before is carried instead
    carried = condense_offline("what did he say?", ["When did France speak to Spain?"])
    assert carried == "what did he say? (When did France speak to Spain)"


def test_what_someone_hoped_would_happen_asks_for_a_purpose() -> None:
    from rag.forms import Form, form_of

    assert form_of("What were the staff hoping would happen when they sent the memo?") is Form.why
    assert form_of("what did the council want to happen by sharing it?") is Form.why
    assert form_of("What did the staff want to know?") is Form.other  # a thing, not a purpose


def test_numbers_asked_about_are_values_not_words_of_another_topic() -> None:
    from rag.idf import Idf
    from rag.topic import unseen_share

    idf = Idf(["The // operator yields the floor of the quotient of its operands."])
    assert unseen_share("What is 17 // 5?", idf, idf.seen) == 0.0
    assert unseen_share("Who won the football cup final?", idf, idf.seen) == 1.0


def test_code_the_question_writes_marks_the_clause_it_asks_of() -> None:
    text = (
        "Changing this mapping will change the registry's whole entry table, but direct "
        'assignment to the "entries" attribute is not possible (you can’t write '
        '"reg.entries = {}").'
    )
    assert negated(
        text, "Could I swap out the registry's whole entry table by doing reg.entries = {}?"
    )
    assert not negated(text, "Does changing this mapping change the registry's entry table?")


def test_a_country_is_held_by_its_demonym_or_capital() -> None:
    from rag.countries import same_countries
    from rag.questions import content_words

    asked = content_words("Why did the U.S. share its findings with France?")
    held = content_words("American officials gave the French ministry their findings.")
    assert same_countries(asked, held) == {"us", "franc"}  # "U.S." and "France", in other words
    assert same_countries(asked, content_words("Officials in Madrid read the findings.")) == set()


def test_a_sentence_saying_the_opposite_in_words_of_its_own_answers_no() -> None:
    from rag.opposites import opposed

    # "am I allowed to…" is a yes/no question on permission; an error answers it
    assert form_of("Am I allowed to put a return inside a class body?") is Form.yesno
    allowed = "Am I allowed to put a return inside a class body?"
    assert opposed(allowed, 'It is a "SyntaxError" to use "return" outside a function.')
    assert not opposed(allowed, "A class body is executed in a new namespace.")
    # "anything besides…" is answered No by "the only…"
    other = "Besides reading it, is there any other operation on a token?"
    assert opposed(other, "The only operation on a token is to read it.")
    assert not opposed(other, "Reading a token is cheap.")
    # doubt answers "was she won over?" and "did it change his mind?"
    assert opposed("Was the minister won over by the report?", "The minister was skeptical.")
    assert opposed("Did the report change the minister's mind?", "She dismissed the report.")
    # "still" is undone only of its own subject: the sentence may undo something else
    still = "Does the cleanup step still run after a break?"
    assert not opposed(still, "If the cleanup step returns, the saved error is discarded.")


def test_everyday_verbs_and_the_question_s_own_code_names_make_no_question_foreign() -> None:
    from rag.topic import unseen_share

    words = {"class", "direct", "subclass", "item", "target", "first", "last", "assign", "op:="}
    seen = words.__contains__  # ("op:=": the documents write "=" too)
    # "get hold of" is how people ask; "child" alone is a synonym, not another topic
    assert (
        unseen_share("how can I get hold of the direct child classes of a class?", None, seen) == 0
    )
    # "*rest" and "= seq" are the question's own placeholders, not words of another topic
    asked = "with first, *rest, last = seq, how do the items split between the targets?"
    assert unseen_share(asked, None, seen) == 0
    assert unseen_share("Who won the football cup final?", None, seen) == 1.0


def test_a_sentence_speaking_of_the_asked_wording_offers_it_quoted_or_not() -> None:
    from rag.questions import expected, offers

    asked = "What phrase did the ministry use in its account of the call?"
    assert expected(asked) is Expect.identifier
    said = "The account stressed the need for calm, echoing the phrase the mayor likes to use."
    assert offers(Expect.identifier, said, asked)
    assert offers(Expect.identifier, "The ministry warned of “grave risks” ahead.", asked)
    assert not offers(Expect.identifier, "The ministry spoke to the mayor on Monday.", asked)


def test_a_passive_how_question_favours_the_sentence_naming_its_act() -> None:
    from types import SimpleNamespace

    from rag.manner import asked_act, favour_the_act

    asked = "How are two keys with accented letters compared?"
    assert asked_act(asked) is not None
    assert asked_act("How are you?") is None
    about_keys = SimpleNamespace(score=0.6, text="Keys may hold accented letters of any script.")
    compares = SimpleNamespace(score=0.5, text="Comparison of keys is based on their folded form.")
    ranked = favour_the_act(asked, [about_keys, compares], 0.12)
    assert ranked[0] is compares
    # a range of letters or digits is no means: "A" through "Z"
    assert not offers_form(Form.how, 'Keys may use the letters "A" through "Z".')
    assert not offers_form(Form.how, "Keys may use the digits 0 through 9.")
    assert offers_form(Form.how, "Keys are matched through their folded form.")


def test_asked_of_several_of_a_thing_the_sentence_on_more_than_one_moves_up() -> None:
    from types import SimpleNamespace

    from rag.manner import favour_the_many

    asked = "How is a build with several targets run?"
    one = SimpleNamespace(score=0.7, text="A build is run with the targets its file names.")
    many = SimpleNamespace(score=0.6, text="With more than one target, each is run in turn.")
    assert favour_the_many(asked, [one, many], 0.12)[0] is many
    # "how many" asks a count, not of several things
    one.score, many.score = 0.7, 0.6
    assert favour_the_many("How many targets can a build have?", [one, many], 0.12)[0] is one


def test_asked_when_a_thing_came_in_its_own_new_in_version_note_moves_up() -> None:
    from types import SimpleNamespace

    from rag.notes import favour_new_notes

    def sentence(text: str, score: float, section: str) -> SimpleNamespace:
        return SimpleNamespace(
            text=text, score=score, passage=SimpleNamespace(section=section, text=text)
        )

    asked = "Which release introduced generators?"
    changed = sentence("Changed in version 3.7: generators may now be nested.", 0.5, "Generators")
    mention = sentence("Generators can be paused at many points.", 0.48, "Generators")
    new = sentence("New in version 2.2.", 0.3, "Generators")
    other = sentence("New in version 3.1.", 0.3, "Decorators")
    ranked = favour_new_notes(asked, [changed, mention, new, other], 0.12)
    assert ranked[0] is new  # the note under the section on generators
    assert ranked.index(other) > ranked.index(mention)  # another entry's note stays low
    assert changed.score < 0.5  # a later change is not when it came in
    # a later change ranked well above the note still falls below it
    changed = sentence("Changed in version 3.7: generators may now be nested.", 0.66, "Generators")
    new = sentence("New in version 2.2.", 0.3, "Generators")
    assert favour_new_notes(asked, [changed, new], 0.12)[0] is new
    # unless the change is the addition asked of
    added = sentence("Changed in version 3.7: added generators to the sandbox.", 0.66, "Sandbox")
    new = sentence("New in version 2.2.", 0.3, "Generators")
    assert favour_new_notes(asked, [added, new], 0.12)[0] is added


def test_a_new_in_version_note_opening_a_section_the_question_names_dates_it() -> None:
    from rag.constraints import note_is_about_the_subject

    # the section is named by the question's subject alone, its note says when it came in
    asked = "Which version first added generators with yield from?"
    assert note_is_about_the_subject(asked, "Generators New in version 2.2.", "New in version 2.2.")
    asked = "Since which version does __slots__ exist?"
    window = "Slots __slots__ Lets a class declare its fields. New in version 2.2."
    assert note_is_about_the_subject(asked, window, "New in version 2.2.")
    # a note under another entry is no answer
    other = "Decorators Wraps a function in another. New in version 2.4."
    assert not note_is_about_the_subject(asked, other, "New in version 2.4.")


def test_an_act_that_changes_nothing_denies_the_change_asked() -> None:
    asked = "Will trim() turn the tab into a space?"
    said = 'Since it is not a margin, "trim()" would do nothing to the tab; "expand()" turns it.'
    assert negated(said, asked)
    assert negated("Calling trim() on a tab has no effect.", asked)
    assert not negated('"trim()" turns the tab into a space.', asked)


def test_a_name_in_code_the_question_only_holds_inside_a_longer_word_is_offered() -> None:
    from rag.codenames import offers_identifier

    sentence = 'A ticket’s number is read with the "num()" function.'
    assert offers_identifier("Which function tells me a ticket's number?", sentence)
    assert not offers_identifier("What does the num() function give?", sentence)
    # a built-in class is named as it is, not called
    named = 'An example of a builtin queue class is the "deque" class.'
    assert offers_identifier("Which built-in class is the example of a queue?", named)
    assert offers_identifier("Which builtin queue classes are named?", named)


def test_built_in_types_asked_as_kinds_may_be_named_in_words() -> None:
    from rag.questions import Expect, expected

    # "Which built-in types are ordered?": "lists and tuples" answers, no name in code needed
    assert expected("Which built-in types are ordered?") is not Expect.identifier
    assert expected("which builtin kinds of queue are there?") is not Expect.identifier
    assert expected("Which built-in type is returned?") is Expect.identifier


def test_the_kind_whose_names_are_asked_is_the_noun_not_a_word_before_it() -> None:
    from rag.instances import asked_kind

    assert asked_kind("What are the names of the two Alpine passes Roux crossed?") == "pass"
    assert asked_kind("What were the names of the people Roux met?") == "people"
    assert asked_kind("Name the guards Roux hired.") == "guard"


def test_who_a_thing_acts_on_may_be_a_group_not_a_named_person() -> None:
    from rag.lists import question_expect

    for question, expect in [
        ("Who would the new tolls have hit?", Expect.anything),
        ("who exactly will those fines target?", Expect.anything),
        ("Who did the mayor meet?", Expect.person),
        ("Who did the harbour officials call?", Expect.person),
    ]:
        assert question_expect(question, form_of(question)) is expect, question


def test_there_in_a_follow_up_is_the_place_the_question_before_named() -> None:
    from rag.conversation import condense_offline

    resolved = condense_offline("who did he see there?", ["What did Roux do in Lyon in May?"])
    assert resolved.startswith("who did Roux see in Lyon?"), resolved
    resolved = condense_offline("what happened there?", ["Who met at the Town Hall on Friday?"])
    assert resolved.startswith("what happened at the Town Hall?"), resolved
    # "is there…" asks whether a thing exists: no place
    assert condense_offline("is there room for two?", ["Why did Roux go to Lyon?"]).startswith(
        "is there room for two?"
    )


def test_verbs_worded_otherwise_about_a_thing_few_passages_name_keep_a_question_on_topic() -> None:
    from rag.idf import Idf
    from rag.topic import unseen_share

    texts = [
        "The council would impose tough fines on ferry firms.",
        "The ferry runs daily.",
        "The harbour opened in May.",
        "Boats were moved to the quay.",
        "The ferry was moved.",
    ]
    idf = Idf(texts)
    # "fines" lies in one passage of five: the question is about it, in verbs of its own
    assert unseen_share("Who would the threatened fines have targeted?", idf, idf.seen) == 0.0
    # about a thing most passages name ("ferry"), such verbs are another topic
    assert unseen_share("Who painted and varnished the ferry?", idf, idf.seen) > 0.6
    # nouns the documents never use are another topic, whatever they share
    assert unseen_share("Who won the fines cup final?", idf, idf.seen) > 0.6


def test_a_follow_up_on_a_thing_the_turn_before_dated_is_not_dated_by_it() -> None:
    sentence = "The rule also banned dogs from the lawns."
    asked = "did it ban dogs as well? (What did the May 3 park rule say about bikes)"
    assert unmet(asked, sentence, Expect.anything) != "date"
    # asked of that time, the date holds
    asked = "what did they ban then? (What did the council decide on May 3)"
    assert unmet(asked, sentence, Expect.anything) == "date"
