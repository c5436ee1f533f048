"""`rag eval --sweep grid`: measure chunk size, top-k and the answerer's weights on the dev split.

Only dev questions choose values; the held-out test split is answered once at the end, with
the current defaults and the chosen values, to show whether the choice carries over.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from evals.dataset import DEFAULT_DATASET, Question, check_evidence, collapse, load_dataset
from evals.metrics import summarize
from evals.runner import engine_records
from rag.errors import RagError
from rag.settings import AnswererMode, Settings

logger = logging.getLogger(__name__)

CHUNK_SIZES = (64, 128, 256, 512)
TOP_KS = (2, 3, 4, 5, 6)
THRESHOLDS = (0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60)
COS_WEIGHTS = (0.5, 0.6, 0.7, 0.8)
MARGINS = (0.0, 0.04, 0.08, 0.12)
SHOWN = (
    "overall",
    "hit_rate",
    "mrr",
    "context",
    "accuracy",
    "citation_precision",
    "abstain_precision",
    "abstain_recall",
    "false_abstention",
)


@dataclass
class Trial:
    """One point of the sweep: the values tried and the dev metrics they gave."""

    values: dict[str, Any]
    metrics: dict[str, float | None]


@dataclass
class Sweep:
    current: dict[str, Any]
    grid: list[Trial] = field(default_factory=list)
    thresholds: list[Trial] = field(default_factory=list)
    margins: list[Trial] = field(default_factory=list)
    best: dict[str, Any] = field(default_factory=dict)
    test: dict[str, dict[str, float | None]] = field(default_factory=dict)


def rank_key(trial: Trial) -> tuple[float, ...]:
    """Best first: most questions handled right, then accuracy, hit rate, least context."""
    m = trial.metrics
    return (
        -(m.get("overall") or 0.0),
        -(m.get("accuracy") or 0.0),
        -(m.get("hit_rate") or 0.0),
        m.get("context") or 0.0,
    )


@contextmanager
def synthesis_constants(cos_weight: float, margin: float) -> Iterator[None]:
    """The extractive answerer's two weights, changed for the duration of a trial only.

    They are module constants, not settings, read at call time where they live:
    `COS_WEIGHT` in `rag.sentences` (sentence scoring), `SECOND_SENTENCE_MARGIN` in
    `rag.synthesis` (composing the answer).
    """
    import rag.sentences as sentences
    import rag.synthesis as synthesis

    saved = sentences.COS_WEIGHT, synthesis.SECOND_SENTENCE_MARGIN
    sentences.COS_WEIGHT, synthesis.SECOND_SENTENCE_MARGIN = cos_weight, margin
    try:
        yield
    finally:
        sentences.COS_WEIGHT, synthesis.SECOND_SENTENCE_MARGIN = saved


class _Trials:
    """Runs one set of values over some questions, reusing one index per chunk size."""

    def __init__(self, settings: Settings, embed_model, root: Path, bar) -> None:
        self._settings = settings
        self._embed_model = embed_model
        self._root = root
        self._bar = bar
        self._built: set[int] = set()
        self.corpus_chars = 0

    def settings_for(self, values: dict[str, Any]) -> Settings:
        base = self._settings
        chunk = values["chunk_size"]
        # Overlap keeps the configured proportion (16 of 128 tokens: an eighth).
        overlap = round(chunk * base.chunk_overlap / base.chunk_size)
        return base.model_copy(
            update={
                "chunk_size": chunk,
                "chunk_overlap": overlap,
                "top_k": values["top_k"],
                "abstain_threshold": values["abstain_threshold"],
                "data_dir": self._root / f"chunk-{chunk}",
            }
        )

    def run(self, values: dict[str, Any], questions: list[Question]) -> dict[str, float | None]:
        from rag.engine import Engine

        engine = Engine(self.settings_for(values), embed_model=self._embed_model)
        if values["chunk_size"] not in self._built:
            engine.reindex()
            self._built.add(values["chunk_size"])
            if not self.corpus_chars:
                texts = [engine.source_text(s.name) for s in engine.sources()]
                problems = check_evidence(questions, texts)
                if problems:
                    raise RagError("the question file does not match the documents: " + problems[0])
                self.corpus_chars = sum(len(collapse(t)) for t in texts) or 1
        with synthesis_constants(values["cos_weight"], values["margin"]):
            records = engine_records(engine, questions)
        self._bar.update(1)
        return summarize(records, self.corpus_chars)


def current_values(settings: Settings) -> dict[str, Any]:
    import rag.sentences as sentences
    import rag.synthesis as synthesis

    return {
        "chunk_size": settings.chunk_size,
        "top_k": settings.top_k,
        "abstain_threshold": settings.abstain_threshold,
        "cos_weight": sentences.COS_WEIGHT,
        "margin": synthesis.SECOND_SENTENCE_MARGIN,
    }


def run_sweep(
    settings: Settings, questions: list[Question], *, embed_model=None, show_progress: bool = True
) -> Sweep:
    """Chunk size × top-k, then COS_WEIGHT × threshold, then the second-sentence margin."""
    from tqdm.auto import tqdm

    from rag.embeddings import build_embed_model

    dev = [q for q in questions if q.split == "dev"]
    test = [q for q in questions if q.split == "test"]
    if not dev:
        raise RagError("the question file has no dev questions to tune on")
    settings = settings.model_copy(update={"llm": AnswererMode.extractive})
    embed_model = embed_model or build_embed_model(settings)
    root = settings.data_dir / "evals" / "sweep"
    current = current_values(settings)
    sweep = Sweep(current=current)
    total = (
        len(CHUNK_SIZES) * len(TOP_KS)
        + len(COS_WEIGHTS) * len(THRESHOLDS)
        + len(MARGINS)
        + (2 if test else 0)
    )
    with tqdm(total=total, desc="Sweeping", disable=None if show_progress else True) as bar:
        trials = _Trials(settings, embed_model, root, bar)
        for chunk in CHUNK_SIZES:
            for top_k in TOP_KS:
                values = current | {"chunk_size": chunk, "top_k": top_k}
                sweep.grid.append(Trial(values, trials.run(values, dev)))
        best = min(sweep.grid, key=rank_key).values
        for cos_weight in COS_WEIGHTS:
            for threshold in THRESHOLDS:
                values = best | {"cos_weight": cos_weight, "abstain_threshold": threshold}
                sweep.thresholds.append(Trial(values, trials.run(values, dev)))
        best = min(sweep.thresholds, key=rank_key).values
        for margin in MARGINS:
            values = best | {"margin": margin}
            sweep.margins.append(Trial(values, trials.run(values, dev)))
        sweep.best = min(sweep.margins, key=rank_key).values
        if test:  # reported once, after choosing: never used to choose
            sweep.test = {
                "current": trials.run(current, test),
                "recommended": trials.run(sweep.best, test),
            }
    return sweep


def _cells(trial: Trial) -> list[str]:
    return ["—" if trial.metrics.get(key) is None else f"{trial.metrics[key]:.2f}" for key in SHOWN]


def _tables(sweep: Sweep) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, parameter columns, rows) of each stage; '*' marks the current defaults."""
    stages = [
        ("Chunk size × top-k (dev)", ["chunk_size", "top_k"], sweep.grid),
        (
            "COS_WEIGHT × abstain_threshold (dev)",
            ["cos_weight", "abstain_threshold"],
            sweep.thresholds,
        ),
        ("SECOND_SENTENCE_MARGIN (dev)", ["margin"], sweep.margins),
    ]
    tables = []
    for title, params, trials in stages:
        rows = []
        for trial in trials:
            mark = "*" if all(trial.values[p] == sweep.current[p] for p in params) else ""
            rows.append(
                [
                    f"{trial.values[p]:g}{mark}" if i == 0 else f"{trial.values[p]:g}"
                    for i, p in enumerate(params)
                ]
                + _cells(trial)
            )
        tables.append((title, params, rows))
    return tables


def recommendation(sweep: Sweep) -> list[str]:
    """The chosen values against the current ones, one line each."""
    lines = []
    for name, value in sweep.best.items():
        now = sweep.current[name]
        change = "keep" if value == now else f"change from {now:g}"
        lines.append(f"{name} = {value:g} ({change})")
    return lines


def write_sweep(sweep: Sweep, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Tuning sweep (dev split)",
        "",
        "Values are chosen on the dev split only, by `overall` (share of questions handled "
        "right: answered with an accepted answer, or abstained on when unanswerable), then "
        "accuracy, hit rate and least context. One dev question moves `overall` by about 0.02. "
        "`*` marks the current defaults; each stage starts from the best of the one before.",
    ]
    for title, params, rows in _tables(sweep):
        lines += ["", f"## {title}", ""]
        lines.append("| " + " | ".join([*params, *SHOWN]) + " |")
        lines.append("| --- " * (len(params) + len(SHOWN)) + "|")
        lines += ["| " + " | ".join(row) + " |" for row in rows]
    lines += ["", "## Recommendation", ""] + [f"- {line}" for line in recommendation(sweep)]
    if sweep.test:
        lines += ["", "## Held-out test split, answered once after choosing", ""]
        lines.append("| values | " + " | ".join(SHOWN) + " |")
        lines.append("| --- " * (len(SHOWN) + 1) + "|")
        for name, metrics in sweep.test.items():
            lines.append(f"| {name} | " + " | ".join(_cells(Trial({}, metrics))) + " |")
    (out / "sweep.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = {
        "current": sweep.current,
        "best": sweep.best,
        "stages": {
            "grid": [vars(t) for t in sweep.grid],
            "thresholds": [vars(t) for t in sweep.thresholds],
            "margins": [vars(t) for t in sweep.margins],
        },
        "test": sweep.test,
    }
    (out / "sweep.json").write_text(json.dumps(data, indent=2), encoding="utf-8")


def print_sweep(sweep: Sweep, console) -> None:
    from rich.table import Table

    for title, params, rows in _tables(sweep):
        table = Table(title=title, title_justify="left")
        for name in [*params, *SHOWN]:
            table.add_column(name.replace("_", " "), justify="right")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    console.print("Recommended: " + "; ".join(recommendation(sweep)))
    for name, metrics in sweep.test.items():
        shown = ", ".join(f"{k} {metrics[k]:.2f}" for k in SHOWN if metrics.get(k) is not None)
        console.print(f"Test split with the {name} values: {shown}")


def main(settings: Settings, dataset: Path | None = None) -> Sweep:
    """The `rag eval --sweep grid` command."""
    from rich.console import Console

    console = Console(width=max(Console().width, 140))
    out = settings.data_dir / "evals" / (datetime.now().strftime("%Y%m%d-%H%M%S") + "-sweep")
    sweep = run_sweep(settings, load_dataset(dataset or DEFAULT_DATASET))
    write_sweep(sweep, out)
    print_sweep(sweep, console)
    console.print(f"Sweep: {out / 'sweep.md'}")
    return sweep
