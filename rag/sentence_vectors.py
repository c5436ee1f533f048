"""Sentence vectors stored with the index, so that answering a new question embeds only it.

At index time each quotable sentence of a chunk, and each sentence read with the one before
it, is embedded into a second collection `{collection}-sentences`, keyed by a hash of
(source, text). The extractive answerer fetches the retrieved passages' vectors in one call.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from typing import Any

import numpy as np

logger = logging.getLogger(__name__)

SENTENCES_SUFFIX = "-sentences"
META_SOURCE = "source"
# Shorter "sentences" (a stray bullet, "A.") are never scored, so never embedded.
MIN_SENTENCE_CHARS = 3


def sentence_collection_name(collection: str) -> str:
    """The collection holding the sentence vectors of the chunk collection `collection`."""
    return f"{collection}{SENTENCES_SUFFIX}"


def sentence_id(source: str, text: str) -> str:
    """Content-addressed id of one sentence (or window) text of one source."""
    return hashlib.sha256(f"{source}\x00{text}".encode()).hexdigest()[:32]


def sentence_texts(text: str, spans: Sequence[Sequence[int]]) -> list[str]:
    """The texts the answerer scores in a chunk: each sentence, and it after the one before.

    They match `rag.sentences.score_sentences` character for character, so its look-ups hit.
    """
    pieces = [text[span[0] : span[1]].strip() for span in spans]
    texts: list[str] = []
    for index, piece in enumerate(pieces):
        if len(piece) < MIN_SENTENCE_CHARS:
            continue
        texts.append(piece)
        if index > 0:
            texts.append(f"{pieces[index - 1]} {piece}")
    return texts


def node_sentence_texts(text: str, metadata: dict[str, Any]) -> list[str]:
    """`sentence_texts` of a chunk node, from its text and its `sentences` metadata."""
    return sentence_texts(text, json.loads(metadata.get("sentences", "[]")))


class StoredSentenceVectors:
    """Reads the sentence vectors of one index; a failed read costs speed, never an answer."""

    def __init__(self, collection: Any) -> None:
        self._collection = collection

    def fetch(self, keys: Sequence[tuple[str, str]]) -> dict[str, np.ndarray]:
        """Text → unit vector for the (source, text) pairs the store holds, in one call."""
        ids = {sentence_id(source, text): text for source, text in keys}
        if not ids:
            return {}
        try:
            got = self._collection.get(ids=list(ids), include=["embeddings"])
        except Exception as exc:  # the answerer embeds what it cannot fetch
            logger.warning("cannot read stored sentence vectors (%s)", type(exc).__name__)
            return {}
        embeddings = got.get("embeddings")
        if embeddings is None or len(got["ids"]) == 0:
            return {}
        vectors = np.asarray(embeddings, dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        vectors = vectors / np.where(norms == 0, 1, norms)
        return {ids[cid]: vector for cid, vector in zip(got["ids"], vectors, strict=True)}
