"""`rag eval --sweep abstention|support`: the tables behind the two thresholds, from the dev split.

The README quotes these tables; this command reprints them. Each built-in corpus is indexed
once, with the default configuration of `rag eval`, and every threshold reads that same index.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from evals.dataset import Question, collapse
from evals.sweep import Trial, rank_key
from rag.errors import RagError
from rag.settings import AnswererMode, Settings

logger = logging.getLogger(__name__)

ABSTAIN_THRESHOLDS = (0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60)
SUPPORT_THRESHOLDS = (0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60)
ABSTAIN_SHOWN = ("accuracy", "abstain_precision", "abstain_recall", "false_abstention", "overall")
ABSTAIN_CAPTION = (
    "Dev split, extractive answerer. abstain precision: share of abstentions that were on "
    "unanswerable questions; abstain recall: share of unanswerable questions abstained on; "
    "false abstention: share of answerable questions abstained on; overall: share of all "
    "questions handled right. * = current default; ← = the dev split's choice (most overall, "
    "then accuracy, as `--sweep grid` ranks)."
)
SUPPORT_CAPTION = (
    "Dev split, answerable questions without history. Claim = the question followed by its "
    "first accepted answer (what a short model answer says). True citation: the claim against "
    "a retrieved passage that holds the question's evidence; wrong citation: the claim against "
    "a retrieved passage that does not (it may still state the fact in other words, so "
    "'rejected' is a lower bound). A citation is kept when its support ≥ the threshold, as "
    "rag/citations.py verify does. * = current default."
)


@dataclass
class Table:
    """One printed table: what the terminal shows and the markdown file keeps."""

    title: str
    caption: str
    columns: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)


@dataclass
class AbstentionSweep:
    corpus: str
    default: float
    trials: list[Trial]
    questions: int

    @property
    def chosen(self) -> float:
        return min(self.trials, key=rank_key).values["abstain_threshold"]


@dataclass
class SupportScores:
    """Support scores of true and wrong citations (see SUPPORT_CAPTION)."""

    corpus: str
    default: float
    true: list[float] = field(default_factory=list)
    wrong: list[float] = field(default_factory=list)
    questions: int = 0

    def kept_true(self, threshold: float) -> float:
        return _share([score >= threshold for score in self.true])

    def rejected_wrong(self, threshold: float) -> float:
        return _share([score < threshold for score in self.wrong])


def _share(flags: Sequence[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def calibration_settings(settings: Settings, corpus_name: str) -> Settings:
    """The settings of `rag eval`'s default configuration on a corpus, extractive answerer."""
    from evals.cli import corpus_settings
    from evals.runner import config_settings

    base = settings.model_copy(update={"llm": AnswererMode.extractive})
    return config_settings(corpus_settings(base, corpus_name), "default")


def build_index(settings: Settings, embed_model) -> None:
    """Index the corpus's seeds (not the user's uploads); unchanged sources embed nothing."""
    from evals.runner import sync_uploads
    from rag.engine import Engine

    sync_uploads(settings, settings, include=False)
    Engine(settings, embed_model=embed_model).reindex()


def abstention_sweep(
    settings: Settings,
    corpus_name: str,
    questions: Sequence[Question],
    *,
    embed_model,
    thresholds: Sequence[float] = ABSTAIN_THRESHOLDS,
) -> AbstentionSweep:
    """Answer the dev questions at each abstention threshold, over one index."""
    from evals.metrics import summarize
    from evals.runner import engine_records
    from rag.engine import Engine

    base = calibration_settings(settings, corpus_name)
    dev = [q for q in questions if q.split == "dev"]
    if not dev:
        raise RagError(f"the {corpus_name} questions have no dev split to calibrate on")
    build_index(base, embed_model)
    default = settings.abstain_threshold
    trials = []
    chars = 0
    for threshold in sorted({*thresholds, default}):
        # The threshold only changes the answerer: the engine opens the same index, unchanged.
        # The hedge starts at or above the abstention (the settings refuse it below).
        engine = Engine(
            base.model_copy(
                update={
                    "abstain_threshold": threshold,
                    "hedge_threshold": max(base.hedge_threshold, threshold),
                }
            ),
            embed_model=embed_model,
        )
        if not chars:
            chars = sum(len(collapse(engine.source_text(s.name))) for s in engine.sources()) or 1
        metrics = summarize(engine_records(engine, dev), chars)
        trials.append(Trial({"abstain_threshold": threshold}, metrics))
        logger.info("%s: threshold %.2f → overall %s", corpus_name, threshold, metrics["overall"])
    return AbstentionSweep(corpus_name, default, trials, len(dev))


def support_scores(engine, corpus_name: str, questions: Sequence[Question]) -> SupportScores:
    """Each dev answerable question's claim, scored against each passage retrieved for it."""
    from rag.citations import best_support
    from rag.passages import to_passages
    from rag.sentences import SentenceEmbeddingCache

    embed = SentenceEmbeddingCache(engine.embed_model.get_text_embedding_batch).get
    scores = SupportScores(corpus_name, engine.settings.support_threshold)
    for question in questions:
        if question.split != "dev" or not question.answerable or question.history:
            continue
        scores.questions += 1
        claim = f"{question.question} {question.answers[0]}"
        evidence = [collapse(span).lower() for span in question.evidence]
        for passage in to_passages(engine.retrieve(question.question)):
            text = collapse(passage.text).lower()
            support = best_support(claim, passage, embed).score
            holds = any(span in text for span in evidence)
            (scores.true if holds else scores.wrong).append(support)
    return scores


def support_sweep(
    settings: Settings, corpus_name: str, questions: Sequence[Question], *, embed_model
) -> SupportScores:
    from rag.engine import Engine

    base = calibration_settings(settings, corpus_name)
    build_index(base, embed_model)
    return support_scores(Engine(base, embed_model=embed_model), corpus_name, questions)


def _mark(value: float, default: float) -> str:
    return f"{value:.2f}" + ("*" if abs(value - default) < 1e-9 else "")


def abstention_table(sweep: AbstentionSweep) -> Table:
    rows = []
    for trial in sweep.trials:
        threshold = trial.values["abstain_threshold"]
        cells = [
            "—" if trial.metrics.get(key) is None else f"{trial.metrics[key]:.2f}"
            for key in ABSTAIN_SHOWN
        ]
        choice = " ←" if threshold == sweep.chosen else ""
        rows.append([_mark(threshold, sweep.default) + choice, *cells])
    chosen = next(t for t in sweep.trials if t.values["abstain_threshold"] == sweep.chosen)
    default = next(t for t in sweep.trials if t.values["abstain_threshold"] == sweep.default)
    if sweep.chosen == sweep.default:
        verdict = f"the dev split chooses {sweep.chosen:.2f}, the default"
    elif rank_key(chosen)[:2] == rank_key(default)[:2]:
        verdict = (
            f"the dev split chooses {sweep.chosen:.2f} (the lowest of the thresholds that tie "
            f"with the default {sweep.default:.2f} on overall and accuracy)"
        )
    else:
        verdict = f"the dev split chooses {sweep.chosen:.2f}, not the default {sweep.default:.2f}"
    return Table(
        title=f"Abstention threshold — {sweep.corpus}, {sweep.questions} dev questions",
        caption=ABSTAIN_CAPTION,
        columns=["threshold", *(key.replace("_", " ") for key in ABSTAIN_SHOWN)],
        rows=rows,
        notes=[f"{sweep.corpus}: {verdict}."],
    )


def support_table(scores: SupportScores, thresholds: Sequence[float] = SUPPORT_THRESHOLDS) -> Table:
    rows = [
        [
            _mark(threshold, scores.default),
            f"{scores.kept_true(threshold):.2f}",
            f"{scores.rejected_wrong(threshold):.2f}",
        ]
        for threshold in sorted({*thresholds, scores.default})
    ]
    return Table(
        title=(
            f"Support threshold — {scores.corpus}, {scores.questions} dev questions: "
            f"{len(scores.true)} true and {len(scores.wrong)} wrong citations"
        ),
        caption=SUPPORT_CAPTION,
        columns=["threshold", "true citations kept", "wrong citations rejected"],
        rows=rows,
    )


def to_markdown(heading: str, tables: Sequence[Table]) -> str:
    lines = [f"# {heading}"]
    for table in tables:
        lines += ["", f"## {table.title}", "", "| " + " | ".join(table.columns) + " |"]
        lines.append("| --- " * len(table.columns) + "|")
        lines += ["| " + " | ".join(row) + " |" for row in table.rows]
        lines += ["", table.caption]
        for note in table.notes:
            lines += ["", note]
    return "\n".join(lines) + "\n"


def print_tables(tables: Sequence[Table], console) -> None:
    from rich.table import Table as RichTable

    for table in tables:
        shown = RichTable(
            title=table.title,
            caption=table.caption,
            title_justify="left",
            caption_justify="left",
            min_width=len(table.title),  # the title on one line, however narrow the columns
        )
        for column in table.columns:
            shown.add_column(column, justify="right")
        for row in table.rows:
            shown.add_row(*row)
        console.print(shown)
        for note in table.notes:
            console.print(note, highlight=False)


def main(settings: Settings, kind: str, corpora: Sequence[str] | None = None) -> list[Table]:
    """The `rag eval --sweep abstention|support` command over the built-in corpora."""
    from rich.console import Console

    from evals.corpora import corpus, load_questions
    from rag.embeddings import build_embed_model

    if kind not in ("abstention", "support"):
        raise RagError(f"unknown calibration {kind!r}; choose abstention or support")
    names = list(dict.fromkeys(corpora or ["article", "pydoc"]))
    for name in names:
        corpus(name)  # an unknown name fails before anything is indexed
    embed_model = build_embed_model(settings)
    console = Console(width=max(Console().width, 120))
    tables = []
    for name in names:
        console.print(f"[bold]Corpus: {name}[/]")
        questions = load_questions(name)
        if kind == "abstention":
            sweep = abstention_sweep(settings, name, questions, embed_model=embed_model)
            tables.append(abstention_table(sweep))
        else:
            scores = support_sweep(settings, name, questions, embed_model=embed_model)
            tables.append(support_table(scores))
        print_tables(tables[-1:], console)
    out = settings.data_dir / "evals" / f"{datetime.now():%Y%m%d-%H%M%S}-{kind}"
    out.mkdir(parents=True, exist_ok=True)
    path: Path = out / f"{kind}.md"
    heading = f"{kind.capitalize()} threshold sweep (dev split)"
    path.write_text(to_markdown(heading, tables), encoding="utf-8")
    console.print(f"Sweep: {path}", highlight=False)
    return tables
