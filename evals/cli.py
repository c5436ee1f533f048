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


def run_eval(
    settings: Settings,
    dataset: Path | None = None,
    configs: list[str] | None = None,
    generate: int = 0,
    include_uploads: bool = False,
) -> EvalRun | None:
    """The `rag eval` command."""
    from rich.console import Console

    console = Console()  # tables fit the terminal; report.md keeps them whole
    run_dir = settings.data_dir / "evals" / datetime.now().strftime("%Y%m%d-%H%M%S")
    if generate:
        path = generate_questions(settings, generate, run_dir / "generated.jsonl")
        console.print(f"Drafted questions in {path}; review them before adding to a dataset.")
        return None
    dataset = dataset or DEFAULT_DATASET
    questions = load_dataset(dataset)
    run = evaluate(
        settings,
        questions,
        configs or list(CONFIGS),
        dataset=dataset,
        include_uploads=include_uploads,
    )
    if not settings.uses_openai_llm:
        run.judged = {"skipped": "no LLM configured (set OPENAI_API_KEY or OPENAI_BASE_URL)"}
    write_report(run, run_dir)
    print_table(run, console)
    console.print(f"Report: {run_dir / 'report.md'} ({run.seconds:.0f}s)")
    return run


def run_bench(settings: Settings, quick: bool = False) -> dict[str, Any]:
    """The `rag bench` command: run, print the tables, write bench.json and bench.md."""
    from rich.console import Console
    from rich.markdown import Markdown

    from evals.bench import run, to_markdown

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
    return results
