"""Hybrid retrieval over the real bundled model: what fusion reads for a question."""

from __future__ import annotations

import json

import numpy as np
from llama_index.core.schema import QueryBundle, TextNode

from index.chunking import sentence_spans
from rag.dense import MemoryDense, SentenceDense
from rag.retrieval import HybridRetriever, RareWords, build_bm25


def _manual() -> list[TextNode]:
    """Ten passages heavy with the words "shell" and "session", and one long passage that holds
    the command "zapline" once, under options it does not describe."""
    shell = "The shell prompt shows the shell state; command {} prints the shell session history."
    options = " ".join(
        f"Option {c} sets the colour of margin {c} in the view." for c in "abcdefghijkl"
    )
    texts = [shell.format(i) for i in range(10)]
    texts.append(f"{options} zapline [count]\n\nClears the marked lines.")
    texts += [
        f"Buffers hold the text of file {i}; the editor saves them on exit." for i in range(6)
    ]
    return [TextNode(id_=f"n{i}", text=text) for i, text in enumerate(texts)]


def _retriever(nodes: list[TextNode], minilm, rare: RareWords | None) -> HybridRetriever:
    vectors = minilm.get_text_embedding_batch([node.text for node in nodes])
    return HybridRetriever(
        dense=MemoryDense(nodes, vectors, 15),
        bm25=build_bm25(nodes, 10),
        embed_query=minilm.get_query_embedding,
        served=frozenset(node.node_id for node in nodes),
        top_k=4,
        rare=rare,
    )


def test_a_rare_name_the_model_spells_in_pieces_brings_its_passage(minilm) -> None:
    nodes = _manual()
    question = QueryBundle("shell zapline - what's it do?")
    plain = [hit.node.node_id for hit in _retriever(nodes, minilm, None).retrieve(question)]
    assert "n10" not in plain  # the common words outweigh the one that names the command
    with_rare = _retriever(nodes, minilm, RareWords(nodes, minilm.knows_word))
    hits = [hit.node.node_id for hit in with_rare.retrieve(question)]
    assert hits[:4] == plain and hits[4:] == ["n10"]  # read as one more passage
    # a word the model knows whole ("marked") is no name, however few passages hold it
    assert minilm.knows_word("marked") and not minilm.knows_word("zapline")
    assert len(with_rare.retrieve(QueryBundle("shell marked?"))) == 4


def test_a_short_keyword_asked_as_such_finds_the_passage_that_names_it() -> None:
    nodes = [
        TextNode(id_="with", text='The "with" statement wraps a block with methods of a manager.'),
        TextNode(id_="for", text='The "for" statement is used to iterate over a sequence.'),
        TextNode(id_="if", text='The "if" statement is used for conditional execution.'),
    ]
    hits = build_bm25(nodes, 3).retrieve(QueryBundle("what does the for statement do"))
    assert hits[0].node.node_id == "for", [hit.node.node_id for hit in hits]


def test_the_passage_of_the_sentence_nearest_the_question_is_read_too(minilm) -> None:
    # the answer is one sentence of a passage about other things
    nodes = [
        TextNode(
            id_="fees",
            text="Harbour fees rise each spring. The harbour master assigns the berths. Fees "
            "are paid monthly at the harbour office.",
        ),
        TextNode(
            id_="moorings",
            text="Moorings are inspected yearly. Owners pay for chain repairs and new buoys. "
            "Inspectors check each buoy, chain and shackle, and owners replace worn chains "
            "before winter. Storms closed the harbour for three days in March. Buoys are "
            "painted yellow. Chains are weighed.",
        ),
        TextNode(
            id_="office",
            text="The harbour is closed on holidays. How long the harbour stays closed is "
            "posted at the harbour office. The harbour closes early in a storm warning.",
        ),
    ]
    for node in nodes:  # the sentence spans the index keeps with each chunk
        node.metadata["sentences"] = json.dumps(sentence_spans(node.text))
    asked: list[str] = []

    def fetch(keys):  # the vectors stored with the index
        asked.extend(text for _, text in keys)
        vectors = minilm.get_text_embedding_batch([text for _, text in keys])
        return {
            text: np.asarray(v) / np.linalg.norm(v)
            for (_, text), v in zip(keys, vectors, strict=True)
        }

    def retriever(with_sentences: bool) -> HybridRetriever:
        near = SentenceDense(nodes, fetch)
        vectors = minilm.get_text_embedding_batch([node.text for node in nodes])
        return HybridRetriever(
            dense=MemoryDense(nodes, vectors, 3),
            bm25=None,  # the chunks' vectors alone rank the passages
            embed_query=minilm.get_query_embedding,
            served=frozenset(node.node_id for node in nodes),
            top_k=1,
            sentences=near if with_sentences else None,
        )

    question = QueryBundle("How long did the storm keep the harbour closed?")
    plain = [hit.node.node_id for hit in retriever(False).retrieve(question)]
    assert plain == ["office"], plain  # a passage on the harbour's closing, as a whole
    hits = [hit.node.node_id for hit in retriever(True).retrieve(question)]
    assert hits == ["office", "moorings"], hits  # read as one more passage
    # the vectors are read once, and then serve the answerer without a second read
    read = len(asked)
    near = SentenceDense(nodes, fetch)
    near.nearest(minilm.get_query_embedding("storm"))
    storm = "Storms closed the harbour for three days in March."
    assert set(near.fetch([("", storm)])) == {storm} and len(asked) == 2 * read


def test_the_passage_of_the_nearest_sentence_naming_code_is_read_for_which_function(minilm):
    # "Which function…": the sentence giving the name lies in a passage about other things
    nodes = [
        TextNode(
            id_="scanning",
            text="The scanner reads each ticket at the gate. Scanning a ticket marks it as used. "
            "A ticket being scanned turns the gate light green.",
        ),
        TextNode(
            id_="staff",
            text="Gates open at noon. Staff wear badges at all times. During a scan, the "
            'ticket at hand is returned by "current_ticket()". Lights are tested weekly.',
        ),
        TextNode(id_="parking", text="Parking is free after six. The car park has two levels."),
    ]
    for node in nodes:
        node.metadata["sentences"] = json.dumps(sentence_spans(node.text))

    def fetch(keys):
        vectors = minilm.get_text_embedding_batch([text for _, text in keys])
        return {
            text: np.asarray(v) / np.linalg.norm(v)
            for (_, text), v in zip(keys, vectors, strict=True)
        }

    retriever = HybridRetriever(
        dense=MemoryDense(nodes, minilm.get_text_embedding_batch([n.text for n in nodes]), 3),
        bm25=None,
        embed_query=minilm.get_query_embedding,
        served=frozenset(node.node_id for node in nodes),
        top_k=1,
        sentences=SentenceDense(nodes, fetch),
    )
    hits = retriever.retrieve(QueryBundle("Which function gives me the ticket being scanned?"))
    assert [hit.node.node_id for hit in hits] == ["scanning", "staff"]
    # a question asking for no name in code reads the usual passages
    hits = retriever.retrieve(QueryBundle("What happens to a ticket being scanned?"))
    assert [hit.node.node_id for hit in hits] == ["scanning"]


def test_why_how_and_list_questions_read_twice_as_many_passages(engine) -> None:
    top_k = engine.settings.top_k  # (the passage of the single nearest sentence may join)
    assert len(engine.retrieve("Who is Qin Gang?")) <= top_k + 1
    # a reaction is told with its event: the usual few passages
    assert len(engine.retrieve("How did China respond?")) <= top_k + 1
    for question in (
        "Why did the Americans share intelligence with China?",
        "How did the Americans try to persuade China?",
        "Which officials met the ambassador?",
    ):
        assert len(engine.retrieve(question)) >= 2 * top_k, question
