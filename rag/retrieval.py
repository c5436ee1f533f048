"""Hybrid retrieval: dense search and BM25 over the same chunks, fused by reciprocal rank.

llama-index's QueryFusionRetriever fuses with a fixed k and overwrites each retriever's score
with the fused one; the answerer needs the dense similarity and both ranks, so the short
fusion step lives here, over llama-index's own VectorIndexRetriever and BM25Retriever.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Collection, Sequence

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.schema import BaseNode, NodeWithScore, QueryBundle

from rag.clauses import split_carried
from rag.cues import ASKS_REACTION
from rag.dense import SentenceDense
from rag.forms import Form, form_of
from rag.questions import Expect, asks_span, content_words, expected, offers
from rag.roles import role_synonyms
from rag.settings import RetrievalMode
from rag.terms import keywords_named
from rag.textutil import fold

logger = logging.getLogger(__name__)

DENSE_RANK = "dense_rank"
BM25_RANK = "bm25_rank"
DENSE_SCORE = "dense_score"
# A word of the question that at most this many passages hold, and that the embedding model
# has no token of its own for (a name, a command, an identifier: "tbreak", "Medeiros"), marks
# the passage to read: when none of them is among those fused, the best of them is read too.
RARE_PASSAGES = 3
# BM25's best passage is always read when it scores this many times the next one: the question's
# rare words (a name, a term) are in it alone.
BM25_DOMINANCE = 2.0


def build_bm25(nodes: Sequence[BaseNode], top_k: int) -> BaseRetriever | None:
    """A BM25 retriever over the nodes (stemmed English, accents folded); None when empty."""
    if not nodes:
        return None
    import Stemmer
    from llama_index.core.schema import MetadataMode, TextNode
    from llama_index.retrievers.bm25 import BM25Retriever

    # bm25s sets its own logger to DEBUG at import; let the application's level decide.
    logging.getLogger("bm25s").setLevel(logging.NOTSET)

    folded = [
        TextNode(
            id_=node.node_id, text=_bm25_text(node.get_content(metadata_mode=MetadataMode.EMBED))
        )
        for node in nodes
    ]
    bm25 = BM25Retriever.from_defaults(
        nodes=folded,
        similarity_top_k=min(top_k, len(nodes)),
        stemmer=Stemmer.Stemmer("english"),
        language="english",
    )
    return FoldedBM25(bm25, {node.node_id: node for node in nodes})


def _bm25_text(text: str) -> str:
    """What BM25 reads: the folded text, with a word of its own for each keyword it names as
    such ('"for" statement'), which BM25's English stopwords would drop."""
    return " ".join(
        [fold(text), *(f"keyword{word}" for word in keywords_named(text, loosely=True))]
    )


class FoldedBM25(BaseRetriever):
    """BM25 over accent-folded text that hands back the original nodes (accents kept)."""

    def __init__(self, bm25: BaseRetriever, originals: dict[str, BaseNode]) -> None:
        super().__init__()
        self._bm25 = bm25
        self._originals = originals

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return self.search(query_bundle)

    def search(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        """`retrieve` without llama-index's instrumentation, for `HybridRetriever`, whose own
        call is instrumented."""
        hits = self._bm25.retrieve(QueryBundle(query_str=_bm25_text(query_bundle.query_str)))
        return [
            NodeWithScore(node=self._originals[hit.node.node_id], score=hit.score)
            for hit in hits
            if hit.node.node_id in self._originals
        ]


def reciprocal_rank_fusion(
    rankings: dict[str, list[NodeWithScore]],
    k: int,
    top_k: int,
    keep: str | None = None,
    among: Collection[str] | None = None,
) -> list[NodeWithScore]:
    """Fuse rankings by sum of 1/(k + rank); keeps each retriever's rank in the node's metadata.
    The node `keep` (an id) takes the last place when it would not make the `top_k` otherwise;
    with `among` (ids), only those nodes are ranked."""
    fused: dict[str, float] = {}
    by_id: dict[str, NodeWithScore] = {}
    ranks: dict[str, dict[str, float]] = {}
    for name, ranking in rankings.items():
        for rank, hit in enumerate(ranking, start=1):
            node_id = hit.node.node_id
            fused[node_id] = fused.get(node_id, 0.0) + 1.0 / (k + rank)
            by_id.setdefault(node_id, hit)
            ranks.setdefault(node_id, {})[name] = rank
            if name == "dense":
                ranks[node_id][DENSE_SCORE] = hit.score or 0.0
    ids = fused if among is None else [nid for nid in fused if nid in among]
    order = sorted(ids, key=lambda nid: (-fused[nid], ranks[nid].get("dense", math.inf)))
    chosen = order[:top_k]
    if keep in fused and keep not in chosen and chosen:
        chosen[-1] = keep
    fused_hits = []
    for node_id in chosen:
        info = ranks[node_id]
        extra = {
            DENSE_RANK: info.get("dense"),
            BM25_RANK: info.get("bm25"),
            DENSE_SCORE: info.get(DENSE_SCORE),
        }
        fused_hits.append(
            _with_extra(NodeWithScore(node=by_id[node_id].node, score=fused[node_id]), extra)
        )
    return fused_hits


def _with_extra(hit: NodeWithScore, extra: dict[str, float | None]) -> NodeWithScore:
    node = hit.node.model_copy()
    node.metadata = {**hit.node.metadata, **{k: v for k, v in extra.items() if v is not None}}
    return NodeWithScore(node=node, score=hit.score)


class HybridRetriever(BaseRetriever):
    """Dense (Chroma) ∪ BM25 candidates, reciprocal-rank fused, restricted to served chunks."""

    def __init__(
        self,
        dense: BaseRetriever | None,
        bm25: BaseRetriever | None,
        embed_query: Callable[[str], list[float]],
        served: frozenset[str],
        top_k: int,
        rrf_k: int = 60,
        mode: RetrievalMode = RetrievalMode.hybrid,
        wide_top_k: int | None = None,
        rare: RareWords | None = None,
        sentences: SentenceDense | None = None,
    ) -> None:
        super().__init__()
        self._rare = rare
        self._sentences = sentences
        self._wide_top_k = wide_top_k or top_k
        self._dense = dense
        self._bm25 = bm25
        self._embed_query = embed_query
        self._served = served
        self._top_k = top_k
        self._rrf_k = rrf_k
        self._mode = mode

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        rankings: dict[str, list[NodeWithScore]] = {}
        if self._dense is not None and self._mode in {RetrievalMode.hybrid, RetrievalMode.dense}:
            if query_bundle.embedding is None:
                query_bundle = QueryBundle(
                    query_str=query_bundle.query_str,
                    embedding=self._embed_query(query_bundle.query_str),
                )
            hits = _search(self._dense, query_bundle)
            for hit in hits:
                if getattr(self._dense, "cosine_scores", False):
                    hit.score = max(0.0, min(1.0, hit.score or 0.0))
                # Chroma's llama-index store reports exp(-distance); give back the cosine.
                elif hit.score is not None and hit.score > 0:
                    hit.score = max(0.0, min(1.0, 1.0 + math.log(hit.score)))
            rankings["dense"] = [h for h in hits if h.node.node_id in self._served]
        if self._bm25 is not None and self._mode in {RetrievalMode.hybrid, RetrievalMode.bm25}:
            # "spokesperson" finds "a Foreign Ministry spokeswoman": a role's other words count
            synonyms = role_synonyms(query_bundle.query_str)
            keywords = QueryBundle(query_str=" ".join([query_bundle.query_str, *synonyms]))
            hits = _search(self._bm25, keywords if synonyms else query_bundle)
            rankings["bm25"] = [h for h in hits if h.node.node_id in self._served]
        # a list gathers items that lie apart, and a reason or a means often lies a passage away
        # from the event it explains: those read twice as many passages (a reaction is told
        # with its event: "How did China respond?" reads the usual few)
        form = form_of(query_bundle.query_str)
        wide = form in (Form.list, Form.why) or (
            form is Form.how and not ASKS_REACTION.search(query_bundle.query_str)
        )
        top_k = self._wide_top_k if wide else self._top_k
        # ranks hide how far ahead BM25's best is: "How does Medeiros describe…" matches one
        # passage on a name no other holds, which dense search ranks seventh
        dominant = _dominant(rankings.get("bm25", []))
        fused = reciprocal_rank_fusion(rankings, self._rrf_k, top_k, keep=dominant)
        if self._sentences is not None and query_bundle.embedding is not None:
            # "How long did the embassy meeting last?": the one sentence saying so lies in a
            # passage about other things, which neither search ranks high: one more passage
            near = self._sentences.nearest(query_bundle.embedding)
            taken = {hit.node.node_id for hit in fused}
            if near is not None and near.node.node_id in self._served - taken:
                fused.append(_with_extra(near, {}))
                taken.add(near.node.node_id)
            # "How long did the embassy meeting last?": the nearest sentence that gives a span
            # of time, when the nearest of all does not (not a date or a name: the nearest of
            # those is as often another occasion's)
            # and so for a name in code ("Which function gives me the exception being
            # handled?": the sentence naming "sys.exception()" lies in a passage on "except")
            asked, _ = split_carried(query_bundle.query_str)
            kind = Expect.number if asks_span(asked) else expected(asked)
            if asks_span(asked) or kind is Expect.identifier:
                typed = self._sentences.nearest(
                    query_bundle.embedding,
                    accept=lambda text: offers(kind, text, asked),
                )
                if typed is not None and typed.node.node_id in self._served - taken:
                    fused.append(_with_extra(typed, {}))
        rare = self._rare.passages(query_bundle.query_str) if self._rare is not None else []
        rare_ids = {node.node_id for node in rare}
        if rare_ids and not rare_ids & {hit.node.node_id for hit in fused}:
            # read as one more passage: the one of them the fusion ranks best
            rankings["rare"] = [NodeWithScore(node=node, score=1.0) for node in rare]
            fused += reciprocal_rank_fusion(rankings, self._rrf_k, 1, among=rare_ids)
        return fused


def _search(retriever: BaseRetriever, query_bundle: QueryBundle) -> list[NodeWithScore]:
    """A retriever's hits, through its uninstrumented `search` when it has one (instrumenting
    each inner call costs about a tenth of a millisecond, a tenth of an answer's own work)."""
    search = getattr(retriever, "search", None)
    return search(query_bundle) if search is not None else retriever.retrieve(query_bundle)


def _dominant(ranking: Sequence[NodeWithScore]) -> str | None:
    """The id of BM25's best passage when it scores BM25_DOMINANCE times the next one."""
    if len(ranking) < 2 or not ranking[0].score:
        return None
    if ranking[0].score >= BM25_DOMINANCE * max(ranking[1].score or 0.0, 1e-9):
        return ranking[0].node.node_id
    return None


class RareWords:
    """The passages holding each rare word of the corpus, for `HybridRetriever`: a question's
    rarest word that the embedding model spells in pieces (so its vector barely sees it) and few
    passages hold, while common words ("pdb" in "pdb tbreak - what's it do?") outweigh it in
    BM25's sum."""

    def __init__(self, nodes: Sequence[BaseNode], known: Callable[[str], bool]) -> None:
        holders: dict[str, list[BaseNode]] = {}
        for node in nodes:
            for word in content_words(node.get_content()):
                holders.setdefault(word, []).append(node)
        self._holders = {w: ns for w, ns in holders.items() if len(ns) <= RARE_PASSAGES}
        self._known = known

    def passages(self, question: str) -> list[BaseNode]:
        """The passages of the question's rarest unknown word ([] when it has none)."""
        found: list[BaseNode] = []
        for token in re.findall(r"[A-Za-z_]\w*", split_carried(question)[0]):
            if self._known(token.lower()):
                continue
            for word in content_words(token):
                held = self._holders.get(word, [])
                if held and (not found or len(held) < len(found)):
                    found = held
        return found
