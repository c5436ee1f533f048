"""The engine over the article with the real model: cited answers, abstention, the Python API."""

from __future__ import annotations

import re
import shutil
import socket
from pathlib import Path

import pytest

from rag.answer import Answer
from rag.engine import Engine
from rag.errors import BadQuestion, IndexUnavailable, RagError
from rag.textutil import collapse
from tests.helpers import ARTICLE, make_settings


def assert_cites(answer: Answer, fact: str) -> None:
    """The answer states the fact and a citation's passage holds it."""
    assert not answer.abstained, answer.text
    assert fact.lower() in answer.text.lower(), answer.text
    assert any(fact.lower() in collapse(c.text).lower() for c in answer.citations), answer


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        (
            "Where did Mr. Xi and Mr. Putin meet on Feb. 4?",
            "opening ceremony of the Winter Olympic Games",
        ),
        ("What has the U.S. been sending to Ukraine, according to Hua Chunying?", "weapons"),
        (
            "Who was senior Asia director at the White House National Security Council "
            "in the Obama administration?",
            "Evan Medeiros",
        ),
        ("What did the joint statement say about NATO?", "North Atlantic Treaty Organization"),
    ],
)
def test_answers_with_a_citation_whose_passage_holds_the_fact(engine, question, fact) -> None:
    answer = engine.ask(question)
    assert_cites(answer, fact)
    assert re.search(r"\[1\]", answer.text)


def test_abstains_when_the_article_does_not_say(engine) -> None:
    answer = engine.ask("Who won the 2022 Super Bowl?")
    assert answer.abstained
    assert answer.citations == []
    assert "does not say" in answer.text


def test_citations_locate_their_sentence_in_the_source(engine) -> None:
    raw = ARTICLE.read_text(encoding="utf-8")
    answer = engine.ask("Who is the Chinese ambassador to the United States?")
    assert answer.citations
    for citation in answer.citations:
        assert citation.source == f"seeds/{ARTICLE.name}"
        assert collapse(raw[citation.start : citation.end]) == collapse(citation.quote)
        assert collapse(citation.quote) in collapse(citation.text)
        assert 0.0 < citation.score <= 1.0
        assert f"[{citation.number}]" in answer.text
        # every citation points at a passage retrieved for this answer
        assert citation.chunk_id in {p.chunk_id for p in answer.passages}
    assert engine.source_text(answer.citations[0].source) == raw


def test_stream_yields_text_then_the_answer(engine) -> None:
    items = list(engine.stream("Who is Qin Gang?"))
    final = items[-1]
    assert isinstance(final, Answer)
    assert "".join(i for i in items[:-1] if isinstance(i, str)) == final.text
    assert set(final.timings) >= {"retrieve_ms", "generate_ms", "total_ms"}


def test_follow_up_uses_the_conversation(engine) -> None:
    history = [
        {"role": "user", "content": "Who is Wang Yi?"},
        {"role": "assistant", "content": "The Chinese foreign minister."},
    ]
    answer = engine.chat("Where did he criticize NATO?", history)
    assert answer.standalone_question == "Where did Wang Yi criticize NATO?"
    assert "Munich Security Conference" in answer.text


def test_follow_up_pronoun_is_resolved_from_the_last_question(engine) -> None:
    history = [{"role": "user", "content": "Who is Hua Chunying?"}]
    answer = engine.chat("What word has she refused to use for Russia's assault?", history)
    assert answer.standalone_question == (
        "What word has Hua Chunying refused to use for Russia's assault?"
    )


def test_a_pronoun_two_turns_on_is_the_person_the_first_question_named() -> None:
    from rag.conversation import condense_offline

    turns = ["Who is Maria Lopez?", "What did the council members tell her?"]
    # what was just asked of her is context too: it comes along, its own pronoun resolved
    assert condense_offline("And how did she react?", turns) == (
        "And how did Maria Lopez react? (What did the council members tell Maria Lopez)"
    )
    asked = condense_offline("What did they ask her for?", turns)
    assert asked == (  # and "they" are the council members the question before made its subject
        "What did the council members ask Maria Lopez for? "
        "(What did the council members tell Maria Lopez)"
    )
    # one turn back, a question with its own subject now stands alone
    assert condense_offline("Where does she work?", turns[:1]) == "Where does Maria Lopez work?"
    assert condense_offline("Where does she work?", ["who's Maria Lopez?"]) == (
        "Where does Maria Lopez work?"
    )


def test_a_pronoun_after_a_possessive_is_its_owner_unless_the_owned_is_a_person() -> None:
    from rag.conversation import condense_offline

    # "her" is Maria Lopez, not her title; a deputy or a counterpart is a person of their own
    assert condense_offline("Where does she work?", ["What is Maria Lopez's title?"]) == (
        "Where does Maria Lopez work?"
    )
    assert condense_offline("Did he resign?", ["What did Tom Reed's office announce?"]) == (
        "Did Tom Reed resign?"
    )
    assert condense_offline("Who did she meet?", ["What did Reed's deputy do?"]) == (
        "Who did Reed's deputy meet?"
    )
    assert condense_offline("Who did she meet?", ["Who is Reed's chief of staff?"]) == (
        "Who did Reed's chief of staff meet?"
    )


def test_he_after_she_is_the_other_person_the_question_before_named_by_role() -> None:
    from rag.conversation import condense_offline

    # "she" was Maria Lopez: "he" is the one she met, whom the question names by his role
    turns = ["Who is Maria Lopez?", "did she meet the city governor?"]
    assert condense_offline("what did he keep asking for?", turns) == (
        "what did the city governor keep asking for? (did Maria Lopez meet the city governor)"
    )
    # a question before naming no one gives "he" its role holder too
    asked = condense_offline("and how did he react?", ["What did the council tell the mayor?"])
    assert asked.startswith("and how did the mayor react?"), asked
    # but a group is no "he"
    asked = condense_offline("and how did he react?", ["What did they tell the ambassadors?"])
    assert asked.startswith("and how did he react?"), asked
    # the question before keeps its own "she", whom nothing here names
    assert condense_offline("how did he answer her?", ["What did she tell the mayor?"]) == (
        "how did the mayor answer her? (What did she tell the mayor)"
    )


def test_they_is_the_plural_subject_of_the_question_before() -> None:
    from rag.conversation import condense_offline

    asked = condense_offline("What phrase did they use?", ["How did the union leaders react?"])
    assert asked.startswith("What phrase did the union leaders use?"), asked
    # a question before without a plural subject leaves "they" to the carried question
    asked = condense_offline("What did they say?", ["When did Tom Becker sign the rules?"])
    assert asked.startswith("What did they say?"), asked


def test_a_follow_up_on_a_follow_up_carries_the_question_that_set_the_scene() -> None:
    from rag.conversation import condense_offline

    # "they" and "then" of the second turn lean on the first: "it" of the third needs both
    turns = ["When did the mayor open the new library?", "What did they hand out then?"]
    asked = condense_offline("How long was it?", turns)
    assert asked.startswith("How long was it? (") and "hand out" in asked, asked
    assert "open the new library" in asked, asked
    assert asked.count("(") == 1  # carried once, for retrieval, never nested


def test_a_date_two_turns_back_does_not_date_the_question_asked_now(engine) -> None:
    # "in February" dates the joint statement, not Nixon's trip: the trip's sentence answers
    history = ["What did Beijing and Moscow declare together in February?", "was NATO in it?"]
    answer = engine.chat("So why did Nixon travel to China back then?", history)
    assert not answer.abstained, answer.text
    assert "restart diplomatic relations" in answer.text, answer.text


def test_he_is_never_an_institution_nor_the_asker_of_a_who_question() -> None:
    from rag.conversation import condense_offline

    # "he" may be the person the question asked for, whom the user has not named: the question
    # is carried along, not guessed
    asked = condense_offline("And how did he react?", ["Who did Tom Becker meet in May?"])
    assert asked == "And how did he react? (Who did Tom Becker meet in May)"
    # an institution is no "he"; the person the question names is
    asked = condense_offline("What did he say?", ["Did City Hall staff meet Tom Becker?"])
    assert asked == "What did Tom Becker say?"


def test_a_bare_it_is_the_thing_the_question_before_ended_on() -> None:
    from rag.conversation import condense_offline

    asked = condense_offline("What did the council decide after it?", ["When was the audit?"])
    assert asked == "What did the council decide after the audit? (When was the audit)"
    # a question ending on no thing leaves "it" to the question carried along
    asked = condense_offline("How long was it?", ["What did they publish?"])
    assert asked == "How long was it? (What did they publish)"
    # nor is "it" the place the question before ended on: what was told there is meant
    turns = ["Who is Maria Lopez?", "What did the council members tell her at the library?"]
    asked = condense_offline("did she believe it?", turns)
    assert "believe it?" in asked and "library?" not in asked, asked


def test_what_about_x_then_a_question_puts_x_in_the_question() -> None:
    from rag.conversation import condense_offline

    turns = ["What did the council decide about the bridge?"]
    asked = condense_offline("What about the mayor? How did she vote?", turns)
    assert asked == "How did the mayor vote?"
    asked = condense_offline("And what about the engineers? What was their advice?", turns)
    assert asked == "What was the engineers’ advice?"


def test_words_that_only_turn_the_conversation_are_not_part_of_the_question() -> None:
    from rag.conversation import without_opener

    assert without_opener("Separate question: who signed it?") == "Who signed it?"
    assert without_opener("Switching gears — what did the summary say?") == (
        "What did the summary say?"
    )
    assert without_opener("By the way, when was it?") == "When was it?"
    # nor do the words of a request wrapped around it
    assert without_opener("Could you tell me who signed it?") == "Who signed it?"
    assert without_opener("Tell me why the vote failed.") == "Why the vote failed?"
    assert without_opener("Do you know if they signed?") == "Do you know if they signed?"
    assert without_opener("Can you sign it twice?") == "Can you sign it twice?"
    # a phrase that places the question is part of it
    assert without_opener("On Feb. 4, what happened?") == "On Feb. 4, what happened?"


def test_a_question_after_an_opener_is_answered_as_asked(engine) -> None:
    history = [{"role": "user", "content": "Who is Wendy Sherman?"}]
    answer = engine.chat("Switching gears — who is the C.I.A. director?", history)
    assert answer.standalone_question == "Who is the C.I.A. director?"
    assert "Burns" in answer.text and not answer.hedged, answer.text


def test_query_engine_is_a_llama_index_query_engine(engine) -> None:
    from llama_index.core.base.base_query_engine import BaseQueryEngine

    query_engine = engine.query_engine
    assert isinstance(query_engine, BaseQueryEngine)
    response = query_engine.query("Who is the C.I.A. director?")
    assert "Burns" in str(response)
    assert response.source_nodes and "Burns" in response.source_nodes[
        0
    ].node.get_content() + " ".join(n.node.get_content() for n in response.source_nodes)


@pytest.mark.parametrize("question", ["", "   \n\t ", "\x00\x01"])
def test_empty_question_is_refused(engine, question) -> None:
    with pytest.raises(BadQuestion, match="empty"):
        engine.ask(question)


def test_overlong_question_is_refused(engine) -> None:
    with pytest.raises(BadQuestion, match="limit is 2,000"):
        engine.ask("why " * 600)


def test_missing_index_says_how_to_build_it(tmp_path: Path, minilm) -> None:
    engine = Engine(make_settings(tmp_path / "empty"), embed_model=minilm)
    with pytest.raises(IndexUnavailable, match="rag index"):
        engine.ask("Who is Qin Gang?")


def test_corrupted_manifest_says_how_to_rebuild(fresh_index: Path, minilm) -> None:
    (fresh_index / "manifest.json").write_text("{not json")
    engine = Engine(make_settings(fresh_index), embed_model=minilm)
    with pytest.raises(IndexUnavailable, match=r"corrupted.*rag index"):
        engine.ask("Who is Qin Gang?")


def test_deleted_chroma_directory_is_reported_and_rebuild_recovers(
    fresh_index: Path, minilm
) -> None:
    shutil.rmtree(fresh_index / "chroma")
    settings = make_settings(fresh_index)
    with pytest.raises(RagError, match="rag index"):
        Engine(settings, embed_model=minilm).ask("Who is Qin Gang?")
    report = Engine(settings, embed_model=minilm).reindex()
    assert report.embedded == report.chunks
    assert "Qin Gang" in Engine(settings, embed_model=minilm).ask("Who is Qin Gang?").text


def test_unwritable_data_dir_is_a_clear_error(tmp_path: Path, minilm) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(RagError, match=r"not writable|RAG_DATA_DIR"):
        Engine.from_settings(make_settings(blocker / "data"), embed_model=minilm)


def test_index_and_ask_work_with_the_network_blocked(tmp_path: Path, minilm) -> None:
    # pytest-socket lets sockets reach loopback only; prove the guard is on, then do the work.
    from pytest_socket import SocketConnectBlockedError

    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("93.184.216.34", 80), timeout=1)
    engine = Engine.from_settings(make_settings(tmp_path / "offline"), embed_model=None)
    answer = engine.ask("Where did Mr. Xi and Mr. Putin meet on Feb. 4?")
    assert_cites(answer, "Winter Olympic Games")


def test_engine_is_safe_to_share_across_threads(engine) -> None:
    from concurrent.futures import ThreadPoolExecutor

    questions = [
        "Who is Qin Gang?",
        "Where did Mr. Xi and Mr. Putin meet on Feb. 4?",
        "Who is the C.I.A. director?",
        "Who won the 2022 Super Bowl?",
    ] * 2
    single = {q: engine.ask(q).text for q in set(questions)}
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(engine.ask, questions))
    assert [a.text for a in answers] == [single[q] for q in questions]


def test_a_callback_handler_sees_retrieval_and_synthesis(engine) -> None:
    from llama_index.core.callbacks import CBEventType, LlamaDebugHandler

    query_engine = engine.query_engine
    handler = LlamaDebugHandler()
    query_engine.callback_manager.add_handler(handler)
    try:
        response = query_engine.query("Who is the C.I.A. director?")
    finally:
        query_engine.callback_manager.remove_handler(handler)
    assert "Burns" in str(response)
    assert handler.get_event_pairs(CBEventType.RETRIEVE)  # the hybrid and its retrievers
    (start, end), *_ = handler.get_event_pairs(CBEventType.SYNTHESIZE)
    assert "C.I.A. director" in start.payload["query_str"]
    assert "Burns" in str(end.payload["response"])


def test_a_list_question_reads_more_passages_than_a_look_up(engine) -> None:
    """Items of a list lie apart in the text: "which officials…" reads twice the passages."""
    top_k = engine.settings.top_k
    assert len(engine.retrieve("Who met the ambassador at the embassy?")) == top_k
    assert len(engine.retrieve("Which officials met the ambassador at the embassy?")) == 2 * top_k


def test_it_after_a_question_on_a_thing_is_that_thing_not_the_document() -> None:
    from rag.conversation import condense_offline

    # alone, "When was it issued?" asks for the document's date; here "it" is the report
    turns = ["Tell me about the safety report of the council."]
    assert condense_offline("When was it issued?", turns) == (
        "When was it issued?"  # "report" names a document: the question stays as asked
    )
    turns = ["Tell me about the new charter."]
    assert condense_offline("When was it published?", turns) == (
        "When was the new charter published?"
    )
    assert condense_offline("Can you sum it up?", turns) == "Can you sum it up?"


def test_it_after_a_question_on_a_thing_answers_about_the_thing(engine) -> None:
    history = [{"role": "user", "content": "Tell me about the joint statement."}]
    answer = engine.chat("When was it issued?", history)
    assert "joint statement" in answer.standalone_question, answer.standalone_question
    assert "Feb. 4" in answer.text, answer.text
    assert "Feb. 25, 2022" not in answer.text


def test_the_in_memory_search_finds_what_chromas_query_finds(engine) -> None:
    """An embedded index is searched in memory; the chunks and cosines are Chroma's own."""
    import math

    from llama_index.core import VectorStoreIndex
    from llama_index.core.schema import QueryBundle
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from rag.dense import MemoryDense
    from rag.store import get_collection, open_client

    engine.ask("Who is Qin Gang?")  # opens the index
    state = engine._state
    dense = state.query_engine.retriever._dense
    assert isinstance(dense, MemoryDense)
    collection = get_collection(open_client(engine.settings), state.manifest.collection)
    chroma = VectorStoreIndex.from_vector_store(
        ChromaVectorStore(chroma_collection=collection), embed_model=engine.embed_model
    ).as_retriever(similarity_top_k=5)
    for question in ("Who did Sherman call?", "What did NATO hear on Nov. 17?", "sanctions"):
        bundle = QueryBundle(question, embedding=engine.embed_question(question))
        ours = dense.retrieve(bundle)[:5]
        theirs = chroma.retrieve(bundle)
        assert [h.node.node_id for h in ours] == [h.node.node_id for h in theirs]
        for mine, other in zip(ours, theirs, strict=True):
            assert abs(mine.score - (1.0 + math.log(other.score))) < 1e-4


def test_a_question_is_embedded_once_even_when_searched_without_its_document_words(
    fake_settings,
) -> None:
    from rag.engine import Engine
    from tests.fakes import HashEmbedding

    calls: list[str] = []

    class Counting(HashEmbedding):
        def _get_query_embedding(self, query: str) -> list[float]:
            calls.append(query)
            return super()._get_query_embedding(query)

    engine = Engine.from_settings(fake_settings, embed_model=Counting())
    engine.ask("What did the officials say?")
    calls.clear()
    # "according to the article" is left out of the search; the answer reuses that embedding
    engine.ask("What did the envoy say, according to the article?")
    assert len(calls) == 1, calls


def test_he_after_a_question_on_two_people_is_the_one_who_acted() -> None:
    from rag.conversation import condense_offline

    # "When did Okafor phone Li Wei?" is about what Okafor did: "he" is Okafor, not the last
    # name the question gives
    asked = condense_offline("What did he promise on that call?", ["When did Okafor phone Li Wei?"])
    assert asked.startswith("What did Okafor promise"), asked
    asked = condense_offline("Did he agree?", ["Why did Mr. Dube write to Anna Berg?"])
    assert asked.startswith("Did Mr. Dube agree"), asked
    # a country or an institution is no "he": the person named is
    asked = condense_offline("What did he say?", ["What did China tell Li Wei?"])
    assert asked.startswith("What did Li Wei say"), asked


def test_a_follow_up_on_what_someone_raised_is_settled_from_their_call(engine) -> None:
    history = [{"role": "user", "content": "When did Blinken talk to Wang Yi?"}]
    answer = engine.chat("Did he raise Ukraine's sovereignty?", history)
    assert "Blinken" in (answer.standalone_question or ""), answer.standalone_question
    assert not answer.abstained and not answer.text.startswith("No."), answer.text
    assert "sovereignty" in answer.citations[0].quote, answer.text
