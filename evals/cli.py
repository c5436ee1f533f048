"""The bodies of `rag eval` and `rag bench`: run, print the tables, write the reports.

The command line in `ui/cli.py` imports this module only when one of these commands runs.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from evals.dataset import DEFAULT_DATASET, load_dataset
from evals.report import EvalRun, print_table, write_report
from evals.runner import CONFIGS, evaluate, generate_questions
from rag.settings import Settings


def corpus_settings(settings: Settings, name: str) -> Settings:
    """Settings that index a built-in corpus under the data directory, in indexes of its own."""
    from evals.corpora import materialise

    if name == "article":
        return settings
    root = settings.data_dir / "evals" / "corpora" / name
    seeds = materialise(name, root / "seeds")
    return settings.model_copy(
        update={"seeds_dir": seeds, "data_dir": root, "index_name": f"{settings.index}-{name}"}
    )


def run_eval(
    settings: Settings,
    dataset: Path | None = None,
    configs: list[str] | None = None,
    generate: int = 0,
    include_uploads: bool = False,
    corpora: list[str] | None = None,
    seeds: Path | None = None,
) -> list[EvalRun] | None:
    """The `rag eval` command: each corpus (or the user's seeds and questions), side by side."""
    from rich.console import Console

    from evals.corpora import load_questions
    from rag.errors import RagError

    console = Console()  # tables fit the terminal; report.md keeps them whole
    run_dir = settings.data_dir / "evals" / datetime.now().strftime("%Y%m%d-%H%M%S")
    if generate:
        path = generate_questions(settings, generate, run_dir / "generated.jsonl")
        console.print(f"Drafted questions in {path}; review them before adding to a dataset.")
        return None
    if seeds is not None or dataset is not None:
        if seeds is not None and not seeds.is_dir():
            raise RagError(f"the seeds folder {seeds} does not exist")
        plan = [
            (
                "custom",
                settings.model_copy(update={"seeds_dir": seeds}) if seeds else settings,
                load_dataset(dataset or DEFAULT_DATASET),
                dataset or DEFAULT_DATASET,
            )
        ]
    else:
        from evals.corpora import corpus

        plan = [
            (name, corpus_settings(settings, name), load_questions(name), corpus(name).dataset)
            for name in (corpora or ["article", "pydoc"])
        ]
    runs = []
    for name, corpus_run_settings, questions, path in plan:
        console.print(f"[bold]Corpus: {name}[/] ({len(questions)} questions)")
        run = evaluate(
            corpus_run_settings,
            questions,
            configs or list(CONFIGS),
            dataset=path,
            include_uploads=include_uploads,
        )
        run.corpus = name
        if not settings.uses_openai_llm:
            run.judged = {"skipped": "no LLM configured (set OPENAI_API_KEY or OPENAI_BASE_URL)"}
        write_report(run, run_dir / name)
        print_table(run, console)
        runs.append(run)
    if len(runs) > 1:
        print_corpora(runs, console)
    for run in runs:
        console.print(f"Report: {run_dir / run.corpus / 'report.md'}", highlight=False)
    console.print(f"{sum(r.seconds for r in runs):.0f}s in all.", highlight=False)
    return runs


def print_corpora(runs: list[EvalRun], console) -> None:
    """The corpora side by side: the default configuration's headline numbers per split."""
    from rich.table import Table

    keys = [
        ("accuracy", "accuracy"),
        ("abstain_recall", "abst. recall"),
        ("false_abstention", "false abst."),
        ("hit_rate", "hit rate"),
    ]
    table = Table(title="Corpora side by side (default configuration)", title_justify="left")
    table.add_column("corpus")
    for split in ("dev", "test"):
        for _, label in keys:
            table.add_column(f"{split} {label}", justify="right")
    for run in runs:
        metrics = run.metrics.get("default", {})
        cells = []
        for split in ("dev", "test"):
            for key, _ in keys:
                value = metrics.get(split, {}).get(key)
                cells.append("—" if value is None else f"{value:.2f}")
        table.add_row(run.corpus, *cells)
    console.print(table)


def run_bench(
    settings: Settings, quick: bool = False, document: Path | None = None
) -> dict[str, Any]:
    """The `rag bench` command: run, print the tables, write bench.json and bench.md (and the
    whole page to `document` with its figures beside it, as BENCHMARKS.md and .json are)."""
    from rich.console import Console
    from rich.markdown import Markdown

    from evals.bench import run, to_document, to_markdown

    status = Console(stderr=True)
    bench_root = settings.data_dir / "bench"
    bench_root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="work-", dir=bench_root))
    work_settings = settings.model_copy(update={"data_dir": work})
    try:
        results = run(
            work_settings, quick=quick, progress=lambda step: status.print(f"[dim]{step}…[/]")
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = bench_root / datetime.now().strftime("%Y%m%d-%H%M%S")
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    markdown = to_markdown(results)
    (out / "bench.md").write_text(markdown, encoding="utf-8")
    console = Console(width=max(Console().width, 140))
    console.print(Markdown(markdown))
    console.print(f"Written to {out}", highlight=False)
    if document is not None:  # the page, and the figures it was written from beside it
        document.write_text(to_document(results), encoding="utf-8")
        document.with_suffix(".json").write_text(json.dumps(results, indent=2), encoding="utf-8")
        console.print(f"Page written to {document}", highlight=False)
    return results
