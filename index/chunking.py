"""Sentence-aware chunks with stable ids and sentence spans located in the source."""

from __future__ import annotations

import bisect
import hashlib
import json
import re
from dataclasses import dataclass

from llama_index.core import Document
from llama_index.core.node_parser import SentenceSplitter
from llama_index.core.schema import TextNode

from index.cleaning import CleanBlock, CleanText
from index.lines import BULLET, CODE, HEADING, NAMES_BACK, RUBRIC, RULE
from index.sentence_split import sentence_spans
from index.tables import table_intros

# Metadata kept on every chunk; none of it is embedded or shown to the LLM.
META_SOURCE = "source"
META_START = "start"  # offset of the chunk in the source text
META_END = "end"
# JSON list of [start, end, source_start, source_end] of each sentence: offsets in the chunk
# text, then in the source text.
META_SENTENCES = "sentences"
META_SECTION = "section"  # title of the heading the chunk lies under ("" before any heading)
# JSON list of indexes into `sentences` of the lines that are code or grammar, not prose.
META_CODE = "code_sentences"
# JSON object: index into `sentences` of a table's body row → the sentence introducing the table.
META_ROWS = "table_intros"
_HIDDEN_KEYS = [META_SOURCE, META_START, META_END, META_SENTENCES, META_SECTION, META_CODE]
_HIDDEN_KEYS.append(META_ROWS)
# What the sentence before leaves at the start of the next: its footnote mark ("[1]  Here…")
# or the end of its emphasis ("**Values are evaluated….** This means…").
_FOOTNOTE_REF = re.compile(r"(?:\[\d{1,3}\]|\*{1,2}|_{1,2})\s+")
_BULLET_MARK = re.compile(r"(?:[*\-+•‣◦]|\d{1,3}[.)]|[a-z][.)])[ ]+")


def chunk_id(source: str, text: str, occurrence: int = 0) -> str:
    """Stable id of a chunk: the same source and text always give the same id."""
    digest = hashlib.sha256(f"{source}\x00{text}\x00{occurrence}".encode()).hexdigest()
    return digest[:32]


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
            # 2: chunks start and end on sentence bounds, so no quote is cut; 3: a sentence
            # does not start with the footnote mark ("[1]") or emphasis end of the one before;
            # 4: nor does it end on "e.g." or "i.e."; 5: a chunk opening with a sentence that
            # leans back ("This is called…") starts with the one before; 6: a sentence end that
            # lost its space ("…of Python.This is…") still splits
            "sentences": 6,
            # 2: a term with its description indented under it is a definition, not a heading;
            # 3: a version note indented under an entry ("New in version 3.3.") is prose;
            # 4: a table's body row is a sentence read cell by cell (5: with its table's intro);
            # 6: each indented paragraph is code or prose on its own; 7: a rubric
            # ("-[ Footnotes ]-") is a minor heading; 8: a number opening a line that goes on
            # an unfinished one ("…range(0, 3," / "2) == …") is no list item
            "shapes": 8,
        }


def _block_at(blocks: tuple[CleanBlock, ...], starts: list[int], pos: int) -> CleanBlock | None:
    k = bisect.bisect_right(starts, pos) - 1
    return blocks[k] if k >= 0 and blocks[k].start <= pos < blocks[k].end else None


def quotable_sentences(clean: CleanText) -> list[tuple[int, int, bool]]:
    """Sentences of the clean text that may be quoted: (start, end, is_code).

    Headings and underlines are left out (they stay in the chunk text for retrieval), a
    bullet's marker is not part of its sentence, and code or grammar lines are flagged.
    """
    starts = [block.start for block in clean.blocks]
    out: list[tuple[int, int, bool]] = []
    for start, end in sentence_spans(clean.text):
        block = _block_at(clean.blocks, starts, start)
        kind = block.kind if block is not None else None
        if kind in (HEADING, RULE):
            continue
        if kind == BULLET and block is not None and start == block.start:
            mark = _BULLET_MARK.match(clean.text, start)
            if mark and mark.end() >= end:
                continue  # the tokenizer cut "1." off as a sentence: it is only the marker
            if mark:
                start = mark.end()
        footnote = _FOOTNOTE_REF.match(clean.text, start)
        if footnote and footnote.end() < end and kind != CODE:
            start = footnote.end()  # the mark belongs to the sentence before
        out.append((start, end, kind == CODE))
    return out


def _sections(clean: CleanText) -> list[tuple[int, str]]:
    """(clean offset, title) of every heading, in order."""
    return [
        (block.start, clean.text[block.start : block.end])
        for block in clean.blocks
        if block.kind == HEADING
    ]


def _section_at(sections: list[tuple[int, str]], pos: int) -> str:
    k = bisect.bisect_right([at for at, _ in sections], pos) - 1
    title = sections[k][1].lstrip("#").strip() if k >= 0 else ""
    return rubric.group(1) if (rubric := RUBRIC.match(title)) else title  # "-[ Footnotes ]-"


def _segments(
    text: str, sections: list[tuple[int, str]], sentences: list[tuple[int, int, bool]]
) -> list[tuple[int, int]]:
    """Spans of `text` cut at headings, so that no chunk straddles two sections; a heading
    with no sentence under it joins the section that follows."""
    cuts = sorted({0, *(at for at, _ in sections if at > 0), len(text)})
    segments: list[tuple[int, int]] = []
    begin = 0
    for end in cuts[1:]:
        if any(begin <= s < end for s, _, _ in sentences) or end == len(text):
            segments.append((begin, end))
            begin = end
    return segments


def _chunks(source, text, splitter, sections, sentences):
    """(start, end, text) of each chunk of `text`, section by section."""
    for seg_start, seg_end in _segments(text, sections, sentences):
        segment = text[seg_start:seg_end].rstrip()
        if not segment.strip():
            continue
        document = Document(text=segment, id_=f"doc:{source}:{seg_start}")
        cursor = 0
        for parsed in splitter.get_nodes_from_documents([document]):
            chunk = parsed.get_content()
            start = parsed.start_char_idx
            if start is None or segment[start : start + len(chunk)] != chunk:
                start = segment.find(chunk, max(0, cursor - len(chunk)))
                if start < 0:
                    start = segment.find(chunk)
            cursor = start
            yield seg_start + start, seg_start + start + len(chunk), chunk


def _whole_ends(
    chunks: list[tuple[int, int, str]],
    text: str,
    sentences: list[tuple[int, int, bool]],
) -> list[tuple[int, int, str]]:
    """Chunks never cut a sentence: one whose last sentence was cut ("... the same day Mr.")
    runs on to its end, one whose first sentence was cut starts at its start. One opening with
    a sentence that leans back ("This is called…") starts with the sentence before (a section's
    first chunk starts at its heading, so this never reaches into another section)."""
    starts = [s_start for s_start, _, _ in sentences]
    out = []
    for start, end, chunk in chunks:
        k = bisect.bisect_left(starts, end) - 1
        if k >= 0 and sentences[k][0] >= start and sentences[k][0] < end < sentences[k][1]:
            end = sentences[k][1]
            chunk = text[start:end]
        j = bisect.bisect_right(starts, start) - 1
        if j >= 0 and sentences[j][0] < start < sentences[j][1] and sentences[j][1] <= end:
            start = sentences[j][0]  # an overlap that begins mid-sentence starts at its start
            chunk = text[start:end]
        j = bisect.bisect_left(starts, start)
        if 0 < j < len(sentences) and sentences[j][0] == start:
            before = sentences[j - 1]  # "This is called…" starts with what it names
            if NAMES_BACK.match(text[start:end]) and not before[2]:
                start = before[0]
                chunk = text[start:end]
        out.append((start, end, chunk))
    return out


def chunk_source(source: str, clean: CleanText, config: ChunkerConfig) -> list[TextNode]:
    """Split a cleaned source into nodes carrying stable ids and source offsets."""
    splitter = make_splitter(config.chunk_size, config.chunk_overlap)
    sentences = quotable_sentences(clean)
    sections = _sections(clean)
    intros = table_intros(clean.text, clean.blocks, sentences)
    starts = [s_start for s_start, _, _ in sentences]
    ends = [s_end for _, s_end, _ in sentences]
    nodes: list[TextNode] = []
    seen: dict[str, int] = {}
    chunks = _whole_ends(
        list(_chunks(source, clean.text, splitter, sections, sentences)),
        clean.text,
        sentences,
    )
    for start, end, text in chunks:
        occurrence = seen.get(text, 0)
        seen[text] = occurrence + 1
        # A sentence belongs to the chunk if most of it is inside; chunks start and end on
        # sentence bounds (_whole_ends), so only a sentence longer than a chunk is clipped.
        inside, code, rows = [], [], {}
        # sentences are sorted and disjoint: only those between these two indexes overlap
        first, last = bisect.bisect_right(ends, start), bisect.bisect_left(starts, end)
        for s_start, s_end, is_code in sentences[first:last]:
            lo, hi = max(s_start, start), min(s_end, end)
            if hi - lo > 0 and (hi - lo) >= 0.5 * (s_end - s_start):
                if is_code:
                    code.append(len(inside))
                if s_start in intros:
                    rows[len(inside)] = intros[s_start]
                inside.append((lo - start, hi - start, *clean.raw_span(lo, hi)))
        # the section a chunk lies in: the last heading before its first quotable sentence
        anchor = start + inside[0][0] if inside else end - 1
        raw_start, raw_end = clean.raw_span(start, end)
        node = TextNode(
            id_=chunk_id(source, text, occurrence),
            text=text,
            metadata={
                META_SOURCE: source,
                META_START: raw_start,
                META_END: raw_end,
                META_SENTENCES: json.dumps(inside, separators=(",", ":")),
                META_SECTION: _section_at(sections, anchor),
                META_CODE: json.dumps(code, separators=(",", ":")),
                META_ROWS: json.dumps(rows, separators=(",", ":"), ensure_ascii=False),
            },
            excluded_embed_metadata_keys=list(_HIDDEN_KEYS),
            excluded_llm_metadata_keys=list(_HIDDEN_KEYS),
        )
        nodes.append(node)
    return nodes
