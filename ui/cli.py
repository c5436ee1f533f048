"""The `rag` command: index, ask, summarize, chat, config, eval and bench.

Heavy libraries (torch, chromadb, gradio) are imported inside the commands that need them,
so `rag --help` stays fast.
"""

from __future__ import annotations

import gc
import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from rag.errors import RagError

MAX_SUMMARY_SENTENCES = 20

app = typer.Typer(
    help="Cited-answer chatbot: answers questions about your documents, citing the passages.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _settings():
    from rag.config import load_settings

    return load_settings()


def _error_line(message: str) -> None:
    """One line on stderr, never wrapped, so scripts and people read it the same."""
    color = sys.stderr.isatty()
    prefix = "\x1b[1;31merror:\x1b[0m" if color else "error:"
    sys.stderr.write(f"{prefix} {' '.join(message.split())}\n")


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
) -> None:
    from rag.offline import ensure_offline

    ensure_offline()
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not verbose:
        for noisy in ("chromadb", "httpx", "sentence_transformers", "transformers", "bm25s"):
            logging.getLogger(noisy).setLevel(logging.ERROR)


@app.command()
def index(
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Build or update the index from the seeds (and uploads) directory."""
    from rich.console import Console

    from rag.engine import Engine

    console = Console()
    engine = Engine(_settings())
    report = engine.reindex(show_progress=not quiet and sys.stderr.isatty())
    if report.rebuilt:
        console.print(f"Rebuilt the index: {report.rebuilt}.")
    for source, reason in sorted(report.skipped.items()):
        console.print(f"[yellow]skipped[/] {source}: {reason}", highlight=False)
    for source, warnings in sorted(report.warnings.items()):
        for warning in warnings:
            console.print(f"[yellow]warning[/] {source}: {warning}", highlight=False)
    console.print(
        f"Indexed {report.sources} source(s): {report.chunks} chunks, "
        f"{report.embedded} embedded, {report.removed} removed in {report.seconds:.1f}s.",
        highlight=False,
    )


def _print_answer(answer, as_json: bool) -> None:
    """An answer as `rag ask` and `rag summarize` print it: text, then one line per citation."""
    from rich.console import Console

    from ui.render import citation_line

    if as_json:
        sys.stdout.write(answer.model_dump_json(indent=2) + "\n")
        return
    console = Console(soft_wrap=True)
    if answer.notice:
        console.print(f"[yellow]notice:[/] {answer.notice}", highlight=False)
    console.print(answer.text, highlight=False, markup=False)
    for citation in answer.citations:
        console.print(
            f"  {citation_line(citation)}",
            highlight=False,
            markup=False,
            style="dim",
        )


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question to answer.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
) -> None:
    """Answer a question with cited passages."""
    from rag.engine import Engine

    engine = Engine.from_settings(_settings())
    _print_answer(engine.ask(question), as_json)


@app.command()
def summarize(
    source: Annotated[
        str | None,
        typer.Argument(help="The source to summarize (name, file name or stem); the only one."),
    ] = None,
    sentences: Annotated[
        int, typer.Option("--sentences", "-n", help="How many sentences (1-20).")
    ] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
) -> None:
    """Summarize a document in its own sentences, each cited."""
    from rag.engine import Engine

    if not 1 <= sentences <= MAX_SUMMARY_SENTENCES:
        raise RagError(
            f"--sentences must be between 1 and {MAX_SUMMARY_SENTENCES}, not {sentences}"
        )

    engine = Engine.from_settings(_settings())
    _print_answer(engine.summarize(source, sentences=sentences), as_json)


@app.command("config")
def config_(
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Print the effective settings and the index stats (secrets are never shown)."""
    from rich.console import Console
    from rich.table import Table

    settings = _settings()
    shown = settings.public_dict()
    shown["answerer"] = "openai" if settings.uses_openai_llm else "extractive"
    stats: dict[str, object]
    try:
        from rag.engine import Engine

        stats = Engine(settings).stats()
    except RagError as exc:
        stats = {"status": str(exc)}
    if as_json:
        sys.stdout.write(json.dumps({"settings": shown, "index": stats}, indent=2) + "\n")
        return
    console = Console()
    for title, rows in (("Settings", shown), ("Index", stats)):
        table = Table(title=title, show_header=False, title_justify="left")
        for key, value in rows.items():
            table.add_row(key, "" if value is None else str(value))
        console.print(table)


app.command("info", help="Same as `rag config`.")(config_)


@app.command()
def chat(
    host: Annotated[str | None, typer.Option(help="Address to bind (RAG_UI_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (RAG_UI_PORT).")] = None,
) -> None:
    """Open the web chat (http://127.0.0.1:7860 by default)."""
    settings = _settings()
    updates = {k: v for k, v in {"ui_host": host, "ui_port": port}.items() if v is not None}
    if updates:
        settings = settings.model_copy(update=updates)
    from ui.app import launch

    launch(settings)


@app.command("eval")
def eval_(
    dataset: Annotated[
        Path | None, typer.Option(help="Question file (JSONL) over your documents (see --seeds).")
    ] = None,
    config: Annotated[
        list[str] | None, typer.Option("--config", help="Configuration(s) to run; repeatable.")
    ] = None,
    generate: Annotated[
        int, typer.Option(help="Draft N candidate questions with the LLM instead.")
    ] = 0,
    sweep: Annotated[
        str | None,
        typer.Option(
            metavar="KIND",
            help="Instead, on the dev split: grid = tune chunk size, top-k and the answerer's "
            "weights; abstention = RAG_ABSTAIN_THRESHOLD's table (accuracy and abstentions per "
            "threshold); support = RAG_SUPPORT_THRESHOLD's table (true citations kept, wrong "
            "ones rejected).",
        ),
    ] = None,
    uploads: Annotated[bool, typer.Option(help="Evaluate the uploaded documents too.")] = False,
    corpus: Annotated[
        list[str] | None,
        typer.Option(
            help="Built-in corpus to evaluate (article, pydoc); repeatable; default both."
        ),
    ] = None,
    seeds: Annotated[
        Path | None,
        typer.Option(help="Your own documents' folder, evaluated with --dataset (your questions)."),
    ] = None,
) -> None:
    """Measure answer quality on the built-in corpora (or your own) and write a report."""
    if sweep is not None:
        _sweep(sweep, dataset=dataset, corpus=corpus, seeds=seeds)
        return
    from evals.cli import run_eval

    options = {"configs": config or [], "generate": generate, "include_uploads": uploads}
    run_eval(_settings(), dataset=dataset, corpora=corpus, seeds=seeds, **options)


SWEEPS = ("grid", "abstention", "support")


def _sweep(kind: str, dataset: Path | None, corpus: list[str] | None, seeds: Path | None) -> None:
    if kind not in SWEEPS:
        raise RagError(f"unknown sweep {kind!r}; choose from {', '.join(SWEEPS)}")
    if kind == "grid":
        from evals.sweep import main as run_sweep

        run_sweep(_settings(), dataset=dataset)
        return
    if dataset is not None or seeds is not None:
        raise RagError(f"--sweep {kind} runs on the built-in corpora; choose them with --corpus")
    from evals.calibrate import main as run_calibration

    run_calibration(_settings(), kind, corpora=corpus)


@app.command()
def bench(
    quick: Annotated[bool, typer.Option(help="A short run (under a minute).")] = False,
    document: Annotated[
        Path | None,
        typer.Option(help="Also write the run as a whole page, e.g. BENCHMARKS.md."),
    ] = None,
) -> None:
    """Run the speed, memory and scale benchmarks."""
    from evals.cli import run_bench

    run_bench(_settings(), quick=quick, document=document)


def main() -> None:
    """Entry point: user errors become one line on stderr and a non-zero exit code."""
    try:
        app()
    except RagError as exc:
        _error_line(str(exc))
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        _error_line("interrupted")
        raise SystemExit(130) from None
    finally:
        # The interpreter's last garbage collections walk every object llama-index and Chroma
        # built: ~0.9 s of each command's exit. The process is ending; nothing needs them.
        gc.freeze()


if __name__ == "__main__":
    main()
