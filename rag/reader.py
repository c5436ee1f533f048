"""Whole-document questions, routed: which document, and which answer (summary or a field).

The engine classifies each question (rag/intents.py); a question about the document itself goes
here instead of to the passage answerer. The document is the one the question names, else the
one its best passage comes from; the answer names it when several are indexed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from llama_index.core.schema import BaseNode

from rag.afterwards import asks_what_followed, what_followed
from rag.answer import Answer
from rag.antecedents import (
    asks_role_of_someone,
    named_antecedent,
    needs_antecedent,
    role_of_someone,
)
from rag.clauses import split_carried
from rag.contacts import answer_contacts, asks_contacts
from rag.countries import same_countries
from rag.errors import RagError
from rag.holders import asks_role_holder, role_holder
from rag.intent_patterns import ABOUT_SUBJECT, Intent, by_pattern
from rag.intents import IntentClassifier
from rag.overview import Document, answer_metadata, choose_document, named_document
from rag.people import Person, answer_is_role, answer_people, answer_who, no_one, people_in
from rag.questions import content_words
from rag.sametime import asks_same_time, dated_by_event
from rag.sourcing import answer_sourcing, asks_sourcing, states_sourcing
from rag.speakers import asks_who_said, who_said
from rag.summary import summarize
from rag.topic import without_document_phrases

if TYPE_CHECKING:
    from index.manifest import Manifest


def documents(structures: Mapping[str, Any], nodes: Sequence[BaseNode]) -> list[Document]:
    """Each source with its structure and its chunks in document order."""
    by_source: dict[str, list[BaseNode]] = defaultdict(list)
    for node in nodes:
        by_source[str(node.metadata.get("source", ""))].append(node)
    return [
        Document(
            source=source,
            structure=structures.get(source),
            nodes=sorted(by_source.get(source, []), key=lambda n: int(n.metadata.get("start", 0))),
        )
        for source in sorted(structures)
    ]


def answer_whole_document(
    intent: Intent,
    question: str,
    docs: Sequence[Document],
    ranked_sources: Sequence[str],
    embed_texts: Callable[[list[str]], np.ndarray],
    sentences: int = 3,
) -> Answer:
    """The answer to a question about a whole document (gist, title, date, dateline, byline,
    the people it names)."""
    if not docs:
        raise RagError("no document is indexed; run `rag index`")
    several = len(docs) > 1
    document = docs[choose_document(question, docs, ranked_sources)]
    if intent is Intent.gist:
        return summarize(question, document, several, embed_texts, sentences)
    if intent is Intent.people:
        # the document asked about; when none is, the first that names someone
        answer = answer_people(question, document, several)
        if not answer.abstained or not several or named_document(question, docs) is not None:
            return answer
        for other in docs:
            answer = answer_people(question, other, several)
            if not answer.abstained:
                return answer
        return no_one(question, "The indexed documents", plural=True)
    return answer_metadata(question, intent, document, several)


def find_document(source: str, docs: Sequence[Document]) -> Document:
    """The document called `source` (its full name, file name or stem), or a clear error."""
    wanted = source.strip().lower()
    for document in docs:
        name = document.source.lower()
        base = name.rsplit("/", 1)[-1]
        if wanted in {name, base, base.rsplit(".", 1)[0]}:
            return document
    names = ", ".join(d.source for d in docs) or "none"
    raise RagError(f"no indexed source is called {source!r}; indexed sources: {names}")


def structures(manifest: Manifest) -> dict[str, Any]:
    """Source name → its DocumentStructure (None for sources indexed before it was kept)."""
    from index.structure import DocumentStructure

    return {
        name: DocumentStructure.from_dict(entry.structure) if entry.structure else None
        for name, entry in manifest.sources.items()
    }


class Reader:
    """Answers whole-document questions for the engine; knows each index's documents."""

    def __init__(
        self,
        embed_texts: Callable[[list[str]], Sequence[Sequence[float]]],
        sentence_vectors: Callable[[list[str]], np.ndarray],
    ) -> None:
        self.intents = IntentClassifier(embed_texts)
        self._vectors = sentence_vectors
        self._cached: tuple[str, list[Document]] | None = None
        self._people: dict[str, list[Person]] = {}  # source → its people, for those documents

    def documents(self, manifest: Manifest, nodes: Sequence[BaseNode]) -> list[Document]:
        key = manifest.version
        if self._cached is None or self._cached[0] != key:
            self._cached = (key, documents(structures(manifest), nodes))
            self._people = {}
        return self._cached[1]

    def answer(
        self,
        question: str,
        vector: Sequence[float],
        manifest: Manifest,
        nodes: Sequence[BaseNode],
        retrieved: Sequence[Any],
        uses_llm: bool,
    ) -> Answer | None:
        """The answer to a question about a whole document; None for other questions.

        With a model configured, a request for the gist goes to the model like any question.
        """
        # a follow-up by its own words: "where were they (when did they put out the statement)"
        # asks no date of the document; the search text's vector holds the earlier turn too
        own, carried = split_carried(question)
        intent = self.intents.classify(own, None if carried else vector).intent
        if intent is Intent.gist and uses_llm:
            return None
        docs = self.documents(manifest, nodes)
        if intent is Intent.lookup and not carried and gist_of_its_topic(own, docs):
            intent = Intent.gist  # "Summarize the story about U.S. diplomacy with China…"
            if uses_llm:
                return None
        if intent is Intent.lookup:
            # "Who is Qin Gang?": the role the document gives the person it names
            if uses_llm:
                return None
            several = len(docs) > 1
            return answer_who(question, docs, several, self._people_of) or answer_is_role(
                question, docs, several, self._people_of
            )
        ranked = [str(hit.node.metadata.get("source", "")) for hit in retrieved]
        return answer_whole_document(intent, question, docs, ranked, self._vectors)

    def mend(
        self, question: str, draft: Answer, manifest: Manifest, nodes: Sequence[BaseNode]
    ) -> Answer:
        """The passage answerer's draft, or the whole document's answer where the draft misses
        what the document says elsewhere: the speaker of a quote (rag/speakers.py), the one
        person holding an asked role (rag/holders.py), what happened next (rag/afterwards.py),
        who dealt with the other side (rag/contacts.py), the role or name of a person the quote
        names only in passing or as "him" (rag/antecedents.py), or the sentence saying where
        its information comes from (rag/sourcing.py)."""
        if asks_who_said(question):
            docs = self.documents(manifest, nodes)
            return who_said(question, docs, len(docs) > 1) or draft
        held = None
        if asks_role_holder(question):  # "…Beijing's envoy in Washington?"
            held = role_holder(question, self.documents(manifest, nodes), self._people_of, draft)
        if held is not None:
            return held
        if asks_what_followed(question):  # "What happened hours after…?": the next event
            docs = self.documents(manifest, nodes)
            return what_followed(question, docs, len(docs) > 1) or draft
        if asks_contacts(question):  # "Name the U.S. officials who spoke with…"
            docs = self.documents(manifest, nodes)
            return answer_contacts(question, docs, self._people_of, len(docs) > 1) or draft
        if asks_role_of_someone(question, draft):  # "…title of the official Blinken called?"
            docs = self.documents(manifest, nodes)
            return role_of_someone(question, draft, docs, self._people_of) or draft
        if needs_antecedent(question, draft):
            docs = self.documents(manifest, nodes)
            return named_antecedent(question, draft, docs, self._people_of) or draft
        missed = draft.abstained or draft.hedged or not states_sourcing(draft.text)
        if asks_sourcing(question) and missed:
            docs = self.documents(manifest, nodes)
            # the document asked about, or (none named) the first that says how it was reported
            named = named_document(question, docs)
            if named is not None:
                return answer_sourcing(question, [docs[named]], len(docs) > 1) or draft
            first = choose_document(question, docs, [p.source for p in draft.passages])
            ordered = [docs[first], *(d for i, d in enumerate(docs) if i != first)]
            return answer_sourcing(question, ordered, len(docs) > 1) or draft
        return draft

    def dated_by_event(self, question: str, manifest: Manifest, nodes: Sequence[BaseNode]) -> str:
        """ "On the same day X, what…?" asked with the date the documents give X."""
        if not asks_same_time(question):
            return question
        return dated_by_event(question, self.documents(manifest, nodes))

    def _people_of(self, document: Document) -> list[Person]:
        if document.source not in self._people:
            self._people[document.source] = people_in(document)
        return self._people[document.source]

    def summarize(
        self, manifest: Manifest, nodes: Sequence[BaseNode], source: str | None, sentences: int
    ) -> Answer:
        """An extractive summary of one document, cited (the only one, or `source`)."""
        docs = self.documents(manifest, nodes)
        if source is None:
            if len(docs) != 1:
                names = ", ".join(d.source for d in docs)
                raise RagError(f"several sources are indexed; name one to summarize: {names}")
            document = docs[0]
        else:
            document = find_document(source, docs)
        question = f"Summarize {document.source}"
        return summarize(question, document, len(docs) > 1, self._vectors, max(1, sentences))


_PHRASE_END = re.compile(r"[,;?!]|$")


def gist_of_its_topic(question: str, docs: Sequence[Document]) -> bool:
    """ "Summarize the story about U.S. diplomacy with China…": a request for the gist of the
    document's own topic (most of the subject's words are in a headline, deck or lede), not of
    one thing in it ("the main point about NATO")."""
    question = without_document_phrases(question)  # "…according to this report"
    between = _BETWEEN.match(question)
    if between:  # "What went on between Washington and Beijing?": both parties in a headline
        return any(
            all(_of_topic(content_words(side), document, ("title",)) for side in between.groups())
            for document in docs
        )
    about = ABOUT_SUBJECT.search(question)
    if about is None:
        return False
    end = _PHRASE_END.search(question, about.end())
    rest = f"{question[: about.start()]} {question[end.start() :]}"
    subject = content_words(question[about.start() : end.start()]) - {"about", "regard", "concern"}
    if not subject or by_pattern(rest) is not Intent.gist:
        return False
    return any(_of_topic(subject, document) for document in docs)


# "What happened between X and Y?", "what went on between…": an account of what passed between.
_BETWEEN = re.compile(
    r"^\W*what\s+(?:went\s+on|happened|has\s+happened|(?:is|was)\s+(?:going\s+on|happening))\s+"
    r"between\s+(.+?)\s+and\s+(.+?)\W*$",
    re.IGNORECASE,
)


def _of_topic(
    subject: frozenset[str], document: Document, parts: tuple[str, ...] = ("title", "deck", "lede")
) -> bool:
    """Most of the subject's words are in the document's headline, deck or lede (a country
    counting when named otherwise: "Beijing" for "Chinese officials")."""
    fields = [getattr(document.structure, f, None) for f in parts]
    topic = content_words(" ".join(span.text for span in fields if span is not None))
    shared = subject & topic | same_countries(subject, topic)
    return bool(subject) and 2 * len(shared) >= len(subject)
