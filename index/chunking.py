"""Sentence-aware chunks with stable ids and sentence spans located in the source."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache

from llama_index.core import Document
from llama_index.core.node_parser import SentenceSplitter
from llama_index.core.schema import TextNode

from index.cleaning import CleanText

# Metadata kept on every chunk; none of it is embedded or shown to the LLM.
META_SOURCE = "source"
META_START = "start"  # offset of the chunk in the source text
META_END = "end"
# JSON list of [start, end, source_start, source_end] of each sentence: offsets in the chunk
# text, then in the source text.
META_SENTENCES = "sentences"
_HIDDEN_KEYS = [META_SOURCE, META_START, META_END, META_SENTENCES]


def chunk_id(source: str, text: str, occurrence: int = 0) -> str:
    """Stable id of a chunk: the same source and text always give the same id."""
    digest = hashlib.sha256(f"{source}\x00{text}\x00{occurrence}".encode()).hexdigest()
    return digest[:32]


@lru_cache(maxsize=1)
def _sentence_tokenizer():
    from llama_index.core.node_parser.text.utils import split_by_sentence_tokenizer

    return split_by_sentence_tokenizer()


# Punkt splits after these; a sentence never ends on them when the next starts as below.
_TITLES = re.compile(
    r"\b(Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Adm|St|Jr|Sr|No|Vol|vs|Gov)\.$"
)
_MONTHS = re.compile(r"\b(Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec)\.$")
_INITIAL = re.compile(r"(^|\s)[A-Z]\.$")
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}")


def _glued(previous: str, following: str) -> bool:
    """True when punkt split `previous|following` at an abbreviation, not a sentence end."""
    if not following:
        return False
    if following[0].islower() or following[0] in ",;:)":
        return True
    if _TITLES.search(previous) or _INITIAL.search(previous) or _ACRONYM.fullmatch(previous):
        return True
    return bool(_MONTHS.search(previous)) and following[0].isdigit()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the sentences of `text` (punkt tokenizer, paragraph breaks always split)."""
    spans: list[tuple[int, int]] = []
    split = _sentence_tokenizer()
    cursor = 0
    for paragraph in text.split("\n"):
        base = text.find(paragraph, cursor) if paragraph else cursor
        cursor = base + len(paragraph)
        if not paragraph.strip():
            continue
        pos = 0
        for sentence in split(paragraph):
            sentence = sentence.strip()
            if not sentence:
                continue
            at = paragraph.find(sentence, pos)
            if at < 0:  # tokenizer normalised something; fall back to the rest of the paragraph
                continue
            if (
                spans
                and spans[-1][1] <= base + at
                and _glued(text[spans[-1][0] : spans[-1][1]], sentence)
                and spans[-1][0] >= base
            ):
                spans[-1] = (spans[-1][0], base + at + len(sentence))
            else:
                spans.append((base + at, base + at + len(sentence)))
            pos = at + len(sentence)
    return spans


def make_splitter(chunk_size: int, chunk_overlap: int) -> SentenceSplitter:
    return SentenceSplitter(
        chunk_size=chunk_size,
        chunk_overlap=min(chunk_overlap, chunk_size // 2),
        include_metadata=False,
        include_prev_next_rel=False,
    )


@dataclass(frozen=True)
class ChunkerConfig:
    chunk_size: int
    chunk_overlap: int

    def as_dict(self) -> dict[str, object]:
        return {
            "splitter": "SentenceSplitter",
            "chunk_size": self.chunk_size,
            "chunk_overlap": min(self.chunk_overlap, self.chunk_size // 2),
        }


def chunk_source(source: str, clean: CleanText, config: ChunkerConfig) -> list[TextNode]:
    """Split a cleaned source into nodes carrying stable ids and source offsets."""
    splitter = make_splitter(config.chunk_size, config.chunk_overlap)
    document = Document(text=clean.text, id_=f"doc:{source}")
    sentences = sentence_spans(clean.text)
    nodes: list[TextNode] = []
    seen: dict[str, int] = {}
    cursor = 0
    for parsed in splitter.get_nodes_from_documents([document]):
        text = parsed.get_content()
        start = parsed.start_char_idx
        if start is None or clean.text[start : start + len(text)] != text:
            start = clean.text.find(text, max(0, cursor - len(text)))
            if start < 0:
                start = clean.text.find(text)
        end = start + len(text)
        cursor = start
        occurrence = seen.get(text, 0)
        seen[text] = occurrence + 1
        # A sentence belongs to the chunk if most of it is inside; clip it to the chunk.
        inside = []
        for s_start, s_end in sentences:
            lo, hi = max(s_start, start), min(s_end, end)
            if hi - lo > 0 and (hi - lo) >= 0.5 * (s_end - s_start):
                inside.append((lo - start, hi - start, *clean.raw_span(lo, hi)))
        raw_start, raw_end = clean.raw_span(start, end)
        node = TextNode(
            id_=chunk_id(source, text, occurrence),
            text=text,
            metadata={
                META_SOURCE: source,
                META_START: raw_start,
                META_END: raw_end,
                META_SENTENCES: json.dumps(inside, separators=(",", ":")),
            },
            excluded_embed_metadata_keys=list(_HIDDEN_KEYS),
            excluded_llm_metadata_keys=list(_HIDDEN_KEYS),
        )
        nodes.append(node)
    return nodes
