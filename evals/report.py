"""The eval report: a table in the terminal, and report.md, results.json and plot.png on disk."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evals.categories import markdown_categories, print_categories
from evals.metrics import Record, why_failed

if TYPE_CHECKING:
    from rich.console import Console


@dataclass
class EvalRun:
    dataset: Path
    configs: list[str]
    records: dict[str, list[Record]] = field(default_factory=dict)
    metrics: dict[str, dict[str, dict[str, float | None]]] = field(default_factory=dict)
    judged: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    # configuration → split → category → {n, score, hedged} (evals/categories.py)
    categories: dict[str, dict[str, dict[str, dict[str, float | int]]]] = field(
        default_factory=dict
    )
    corpus: str = "article"
    sources: list[str] = field(default_factory=list)  # what the configurations indexed
    left_out: list[str] = field(default_factory=list)  # uploads not evaluated (no --uploads)


COLUMNS = [
    ("hit_rate", "hit rate"),
    ("mrr", "MRR"),
    ("context", "context"),
    ("accuracy", "accuracy"),
    ("followup_accuracy", "follow-ups"),
    ("citation_precision", "cit. prec."),
    ("citation_recall", "cit. recall"),
    ("abstain_precision", "abst. prec."),
    ("abstain_recall", "abst. recall"),
    ("false_abstention", "false abst."),
    ("hedged", "hedged"),
    ("overall", "overall"),
    ("total_ms_p50", "p50 ms"),
    ("total_ms_p95", "p95 ms"),
]


def _cell(key: str, value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.0f}" if key.endswith(("_p50", "_p95")) else f"{value:.2f}"


def table_rows(run: EvalRun, split: str) -> list[list[str]]:
    rows = []
    for name in run.configs:
        metrics = dict(run.metrics[name][split])
        if "total_ms_p50" not in metrics and "retrieve_ms_p50" in metrics:
            metrics["total_ms_p50"] = metrics["retrieve_ms_p50"]
            metrics["total_ms_p95"] = metrics["retrieve_ms_p95"]
        rows.append([name] + [_cell(key, metrics.get(key)) for key, _ in COLUMNS])
    return rows


def comparison(run: EvalRun, split: str) -> str | None:
    """The default against the reference rows on hit rate and context size, a sentence each."""
    lines = [
        line
        for line in (_versus_stock(run, split), _versus_windows(run, split))
        if line is not None
    ]
    return " ".join(lines) or None


def _pair(run: EvalRun, split: str, other: str) -> tuple[dict, dict] | None:
    if "default" not in run.metrics or other not in run.metrics:
        return None
    ours, theirs = run.metrics["default"][split], run.metrics[other][split]
    if ours["hit_rate"] is None or theirs["hit_rate"] is None:
        return None
    return ours, theirs


def _versus_stock(run: EvalRun, split: str) -> str | None:
    pair = _pair(run, split, "stock")
    if pair is None:
        return None
    ours, stock = pair
    return (
        f"On {split}, the default finds the evidence for {ours['hit_rate']:.0%} of answerable "
        f"questions handing the answerer {ours['context']:.0%} of the corpus per question; the "
        f"stock quickstart finds {stock['hit_rate']:.0%} with {stock['context']:.0%} "
        f"(hit rate {ours['hit_rate'] - stock['hit_rate']:+.0%}, context "
        f"{ours['context'] / stock['context']:.2f}× the stock's)."
    )


def _versus_windows(run: EvalRun, split: str) -> str | None:
    pair = _pair(run, split, "sentence-window")
    if pair is None:
        return None
    from evals.sentence_window import WINDOW_SIZE

    ours, windows = pair
    return (
        f"On {split}, llama-index's sentence windows (the top {_passages(run, 'sentence-window')} "
        f"sentences, each widened to {WINDOW_SIZE} sentences either side) find the evidence for "
        f"{windows['hit_rate']:.0%} with {windows['context']:.0%} of the corpus, against the "
        f"default's {ours['hit_rate']:.0%} with {ours['context']:.0%} (MRR {windows['mrr']:.2f} "
        f"against {ours['mrr']:.2f})."
    )


def _passages(run: EvalRun, name: str) -> int:
    """How many passages the row hands on per question (the most it handed on)."""
    return max((len(r.passages) for r in run.records.get(name, [])), default=0)


def sources_line(run: EvalRun) -> str:
    """Which sources the configurations indexed, and which uploads were left out."""
    line = f"Sources evaluated ({len(run.sources)}): {', '.join(run.sources) or 'none'}."
    if run.left_out:
        line += (
            f" Not evaluated: {len(run.left_out)} upload(s) ({', '.join(run.left_out)}); "
            "add --uploads to include them."
        )
    return line


# Column groups for a terminal too narrow for the whole table (report.md keeps it whole).
GROUPS = {
    "retrieval": ["hit_rate", "mrr", "context"],
    "answers": [
        "accuracy",
        "followup_accuracy",
        "citation_precision",
        "citation_recall",
        "overall",
    ],
    "abstention": ["abstain_precision", "abstain_recall", "false_abstention", "hedged"],
    "latency": ["total_ms_p50", "total_ms_p95"],
}


def _table(run: EvalRun, split: str, title: str, keys: list[str]):
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    table.add_column("configuration", no_wrap=True)
    wanted = [index for index, (key, _) in enumerate(COLUMNS) if key in keys]
    for index in wanted:
        table.add_column(COLUMNS[index][1], justify="right")
    for row in table_rows(run, split):
        table.add_row(row[0], *(row[index + 1] for index in wanted))
    return table


def print_table(run: EvalRun, console: Console) -> None:
    """One table per split; split by column group when the terminal is too narrow for it."""
    from rich.measure import Measurement

    console.print(sources_line(run), highlight=False)
    for split in ("dev", "test"):
        title = f"Answer quality — {split} split"
        whole = _table(run, split, title, [key for key, _ in COLUMNS])
        wide = console.options.update_width(100_000)
        if Measurement.get(console, wide, whole).maximum <= console.width:
            console.print(whole)
        else:
            for group, keys in GROUPS.items():
                console.print(_table(run, split, f"{title}: {group}", keys))
        line = comparison(run, split)
        if line:
            console.print(line)
    print_categories(run, console)
    if run.judged:
        console.print(f"LLM judge: {run.judged}")


def _markdown_table(run: EvalRun, split: str) -> str:
    header = "| configuration | " + " | ".join(label for _, label in COLUMNS) + " |"
    rule = "| --- " * (len(COLUMNS) + 1) + "|"
    rows = ["| " + " | ".join(row) + " |" for row in table_rows(run, split)]
    return "\n".join([header, rule, *rows])


def write_report(run: EvalRun, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Answer quality report",
        "",
        f"Dataset: `{run.dataset.name}`; configurations: {', '.join(run.configs)}; "
        f"{run.seconds:.0f}s.",
        "",
        sources_line(run),
        "",
        "Metrics are defined in `evals/metrics.py`. The stock quickstart (SentenceSplitter "
        "defaults, `similarity_top_k=2`, same model) has no answerer of its own: it is compared "
        "on retrieval only, and so is the sentence-window row (llama-index's "
        "`SentenceWindowNodeParser`, window 3, the `top_k` nearest sentences replaced by their "
        "windows by `MetadataReplacementPostProcessor`). `context` is the share of the corpus "
        "handed to the answerer per question. The test split is held out from all tuning.",
    ]
    for split in ("dev", "test"):
        lines += ["", f"## {split} split", "", _markdown_table(run, split)]
        line = comparison(run, split)
        if line:
            lines += ["", line]
    lines += markdown_categories(run)
    lines += ["", "## LLM judge (faithfulness, relevancy)", "", f"{run.judged or 'not run'}"]
    lines += ["", "## Questions the default configuration fails", ""]
    failures = [
        (r, why_failed(r)) for r in run.records.get("default", []) if why_failed(r) is not None
    ]
    if not failures:
        lines.append("None.")
    else:
        lines += ["| id | split | kind | question | expected | answer | why |", "| --- " * 7 + "|"]
        for record, why in failures:
            q = record.question
            answer = (record.answer or "").replace("|", "\\|").replace("\n", " ")
            lines.append(
                f"| {q.id} | {q.split} | {q.kind} | {q.question.replace('|', '/')} | "
                f"{' / '.join(q.answers) or '(abstain)'} | {answer[:160]} | {why} |"
            )
    (out / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = {
        "dataset": str(run.dataset),
        "sources": run.sources,
        "uploads_left_out": run.left_out,
        "seconds": run.seconds,
        "metrics": run.metrics,
        "categories": run.categories,
        "corpus": run.corpus,
        "judge": run.judged,
        "questions": {
            name: [
                {
                    "id": r.question.id,
                    "answer": r.answer,
                    "abstained": r.abstained,
                    "failure": why_failed(r) if r.answer is not None else None,
                    "timings": r.timings,
                }
                for r in records
            ]
            for name, records in run.records.items()
        },
    }
    (out / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    _plot(run, out / "plot.png")


def _plot(run: EvalRun, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    keys = ["hit_rate", "mrr", "context", "accuracy", "citation_precision", "abstain_recall"]
    figure, (bars, latency) = plt.subplots(1, 2, figsize=(13, 4.5), width_ratios=[2, 1])
    width = 0.8 / max(len(run.configs), 1)
    for index, name in enumerate(run.configs):
        values = [run.metrics[name]["all"].get(k) or 0.0 for k in keys]
        bars.bar(np.arange(len(keys)) + index * width, values, width, label=name)
    bars.set_xticks(np.arange(len(keys)) + 0.4 - width / 2, [k.replace("_", " ") for k in keys])
    bars.set_ylim(0, 1.05)
    bars.set_title("Metrics per configuration (all questions)")
    bars.legend(fontsize=8, ncol=2)
    everything = [
        r.timings["total_ms"]
        for n in run.configs
        for r in run.records[n]
        if "total_ms" in r.timings
    ]
    edges = np.geomspace(max(min(everything, default=1), 1), max(everything, default=10) * 1.1, 25)
    for name in run.configs:
        values = [r.timings["total_ms"] for r in run.records[name] if "total_ms" in r.timings]
        if values:
            latency.hist(values, bins=edges, alpha=0.5, label=name)
    latency.set_xscale("log")
    latency.set_title("Answer latency (ms, log scale)")
    latency.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
