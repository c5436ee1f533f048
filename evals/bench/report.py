"""The benchmark report: targets met or missed, and the Markdown tables."""

from __future__ import annotations

from typing import Any

from evals.api_bench import TARGET_RATIO as API_TARGET_RATIO
from evals.bench.memory import memory_lines
from evals.bench.query import REPEATS
from evals.bench.scale_sentences import sentence_store_lines

TARGETS = [
    (
        "warm retrieval p50 ≤ 1.3× bare question embedding",
        ("query_path", "retrieve", "x_embed"),
        1.3,
        "max",
    ),
    (
        "extractive answer p50 ≤ 1.6× bare question embedding",
        ("query_path", "answer", "x_embed"),
        1.6,
        "max",
    ),
    (
        f"`/v1/chat/completions` p50 ≤ {API_TARGET_RATIO}× direct `engine.ask`",
        ("api", "ratio_p50"),
        API_TARGET_RATIO,
        "max",
    ),
    (
        "new question in a warm process (cold sentence cache) p50 ≤ 1.6× bare embedding",
        ("query_path", "new_question", "x_embed_p50"),
        1.6,
        "max",
    ),
    (
        "cold `rag ask` ≤ 0.35× the stock pipeline's fresh process",
        ("cold_start", "rag_ask", "x_stock"),
        0.35,
        "max",
    ),
    (
        "`rag ask` peak memory ≤ 0.6× the stock pipeline's fresh process",
        ("memory", "rag_ask_x_stock"),
        0.6,
        "max",
    ),
    ("`rag --help` < 0.5 s", ("cold_start", "rag_help", "median_s"), 0.5, "max"),
    (
        "ingestion ≥ 0.85× bare embedding throughput (chunks + sentences)",
        ("ingestion", "texts_x_bare_embed"),
        0.85,
        "min",
    ),
    ("re-index of an unchanged corpus < 2 s", ("ingestion", "reindex_unchanged_s"), 2.0, "max"),
    ("store query p50 at 100k chunks < 20 ms", ("scale", "embedded_100000", "p50_ms"), 20.0, "max"),
]


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for label, path, bound, direction in TARGETS:
        value: Any = results
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        met = None if value is None else (value <= bound if direction == "max" else value >= bound)
        rows.append({"target": label, "value": value, "met": met})
    return rows


def _cell(value: Any) -> str:
    return "—" if value is None else str(value)


def to_markdown(results: dict[str, Any]) -> str:
    """The run as BENCHMARKS.md-ready sections (### headings, tables, the profile)."""
    q, c, i, s, m = (
        results[k] for k in ("query_path", "cold_start", "ingestion", "scale", "memory")
    )
    lines = [
        f"Measured {results['when']} on {results['machine']}; "
        f"`rag bench{' --quick' if results['quick'] else ''}` took {results['total_s']} s.",
        "",
        "### Query path (warm process, questions not seen before)",
        "",
        f"{q['questions']} questions × {REPEATS} rewordings each; p50/p95 over all calls.",
        "",
        "| step | p50 ms | p95 ms | × bare embedding | × stock retrieval |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name in (
        "embed_question",
        "retrieve",
        "answer",
        "retrieve_cached_question",
        "stock_retrieve",
    ):
        row = q[name]
        lines.append(
            f"| {name} | {row['p50_ms']} | {row['p95_ms']} | {row.get('x_embed', 1.0)} "
            f"| {_cell(row.get('x_stock'))} |"
        )
    lines += _api_lines(results.get("api"))
    new = q.get("new_question")
    if new:
        lines += [
            "",
            "New question in a warm process: a fresh engine (model loaded, index open, no "
            "sentence vector cached), each question reworded as no other row asks it.",
            "",
            "| step | p50 ms | p95 ms | × bare embedding p50 | × bare embedding p95 |",
            "| --- | --- | --- | --- | --- |",
            f"| embed_question | {new['embed_question']['p50_ms']} "
            f"| {new['embed_question']['p95_ms']} | 1.0 | 1.0 |",
            f"| new_question | {new['new_question']['p50_ms']} "
            f"| {new['new_question']['p95_ms']} | {new['x_embed_p50']} | {new['x_embed_p95']} |",
        ]
    lines += [
        "",
        "### Cold start (fresh processes, index built)",
        "",
        "| command | median s | × stock process | peak RSS MB | runs |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name in ("rag_ask", "stock_process", "rag_help", "python_startup"):
        row = c[name]
        lines.append(
            f"| {name} | {row['median_s']} | {row['x_stock']} | {row['peak_mb']} | {row['n']} |"
        )
    lines += [
        "",
        "### Ingestion (CPython's pydoc topics)",
        "",
        "| sources | chunks | MB of text | index s | chunks/s | bare embedding chunks/s "
        "| × bare embedding |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        f"| {i['sources']} | {i['chunks']} | {i['megabytes']} | {i['index_s']} "
        f"| {i['chunks_per_s']} | {i['bare_embed_chunks_per_s']} | {i['x_bare_embed']} |",
        "",
        f"Re-indexing the unchanged corpus: {i['reindex_unchanged_s']} s "
        f"({i['reindex_x_index']}× the first indexing), "
        f"{i['reindex_unchanged_embedded']} chunks embedded. "
        f"On disk: {i['index_disk_mb']} MB for this corpus, "
        f"{i['article_index_disk_mb']} MB for the article's index.",
        "",
        f"With the sentence vectors: {i.get('sentences', '—')} sentences and windows embedded "
        f"besides the chunks, {i.get('texts_per_s', '—')} texts/s against "
        f"{i.get('bare_embed_texts_per_s', '—')} texts/s of bare embedding "
        f"({i.get('texts_x_bare_embed', '—')}×); "
        f"{i.get('index_disk_mb_per_1k_chunks', '—')} MB on disk per 1k chunks.",
        "",
        "### Store scale (Chroma, synthetic 384-d vectors, top 10)",
        "",
        "| store | chunks | p50 ms | p95 ms | × embedded at smallest | fill s | on disk MB |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for key, row in s.items():
        kind, size = key.split("_")
        lines.append(
            f"| {kind} | {int(size):,} | {row['p50_ms']} | {row['p95_ms']} "
            f"| {row['x_embedded_smallest']} | {row['fill_s']} | {_cell(row.get('disk_mb'))} |"
        )
    lines += sentence_store_lines(results.get("scale_sentences"))
    lines += memory_lines(m)
    lines += [
        "",
        "### Targets",
        "",
        "| target | measured | met |",
        "| --- | --- | --- |",
    ]
    for row in results["targets"]:
        met = "—" if row["met"] is None else ("yes" if row["met"] else "no")
        lines.append(f"| {row['target']} | {_cell(row['value'])} | {met} |")
    lines += [
        "",
        "### Profile of the query path (cProfile, answers to new questions, by own time)",
        "",
        "```",
    ]
    lines += q["profile"]
    lines += ["```"]
    return "\n".join(lines) + "\n"


PREAMBLE = """# Benchmarks

Written by `rag bench --document BENCHMARKS.md` (`make bench`), as it is here: nothing below is
edited by hand. `--quick` gives a smoke run of a few minutes; every run also writes `bench.json`
and `bench.md` under `data/bench/<timestamp>/`. The machines are shared and noisy: read the ratios,
which compare steps measured interleaved in the same run, rather than the absolute times.

References: `embed_question` is the bare time to embed a question with the same MiniLM model
(the floor of any query); `stock` is the llama-index + Chroma quickstart on the same article
and model (`SentenceSplitter` defaults, `similarity_top_k=2`); ingestion is compared with the
bare batch-embedding throughput of the same texts. What the figures mean for the code, and the
levers left, are in docs/performance.md.
"""


def to_document(results: dict[str, Any]) -> str:
    """The whole BENCHMARKS.md page: the preamble, then the run's sections one level up."""
    body = to_markdown(results).replace("### ", "## ")
    return PREAMBLE + "\n" + body


def _api_lines(api: dict[str, Any] | None) -> list[str]:
    """The chat API's added latency: the same answers through `/v1` and through `engine.ask`."""
    if not api:
        return []
    direct, served = api["direct"], api["api"]
    return [
        "",
        "### OpenAI-compatible API (`/v1/chat/completions` against `engine.ask`)",
        "",
        f"{served['n']} calls each way, interleaved, questions not seen before; the API side "
        "through the `openai` client and the real server on 127.0.0.1.",
        "",
        "| path | p50 ms | p95 ms | calls |",
        "| --- | --- | --- | --- |",
        f"| engine.ask | {direct['p50_ms']} | {direct['p95_ms']} | {direct['n']} |",
        f"| /v1/chat/completions | {served['p50_ms']} | {served['p95_ms']} | {served['n']} |",
        "",
        f"The API adds {api['added_p50_ms']} ms at p50: {api['ratio_p50']}× at p50 and "
        f"{api['ratio_p95']}× at p95 (target ≤ {api['target_ratio']}× at p50).",
    ]
