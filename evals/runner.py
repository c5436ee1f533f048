"""`rag eval`: run the question set through each configuration, side by side, and report."""

from __future__ import annotations

import json
import logging
import random
import time
from pathlib import Path
from typing import Any

from evals.categories import by_category
from evals.dataset import DEFAULT_DATASET, Question, check_evidence, collapse
from evals.grading import CitedSpan, evidence_spans
from evals.metrics import Record, correct, summarize
from evals.report import EvalRun
from rag.errors import RagError
from rag.settings import Settings

logger = logging.getLogger(__name__)

STOCK = "stock"
SENTENCE_WINDOW = "sentence-window"
# Retrieval-only rows built by llama-index's own recipes (evals/stock.py, evals/sentence_window.py).
REFERENCES = (STOCK, SENTENCE_WINDOW)
# The ablation: each configuration is a set of setting overrides; the references take none.
CONFIGS: dict[str, dict[str, Any]] = {
    "default": {},
    "dense-only": {"retrieval_mode": "dense"},
    "bm25-only": {"retrieval_mode": "bm25"},
    "chunk-64": {"chunk_size": 64, "chunk_overlap": 8},
    "chunk-256": {"chunk_size": 256, "chunk_overlap": 32},
    STOCK: {},
    SENTENCE_WINDOW: {},
}


def _history(question: Question) -> list[dict[str, str]]:
    return [{"role": "user", "content": turn} for turn in question.history]


def engine_records(engine, questions: list[Question], bar=None) -> list[Record]:
    """Ask the engine every question (follow-ups through `chat` with their history)."""
    texts = {source.name: engine.source_text(source.name) for source in engine.sources()}
    records = []
    for question in questions:
        try:
            if question.history:
                answer = engine.chat(question.question, history=_history(question))
            else:
                answer = engine.ask(question.question)
        except RagError as exc:
            records.append(Record(question, passages=[], answer="", error=str(exc)))
            if bar is not None:
                bar.update(1)
            continue
        records.append(
            Record(
                question,
                passages=[p.text for p in answer.passages],
                answer=answer.text,
                abstained=answer.abstained,
                # One pair per quoted span: citation precision grades every quote.
                cited_passages=[c.text for c in answer.citations for _ in c.quotes],
                quotes=[q.quote for c in answer.citations for q in c.quotes],
                timings=answer.timings,
                hedged=answer.hedged,
                cited=[
                    CitedSpan(c.source, q.start, q.end, q.quote)
                    for c in answer.citations
                    for q in c.quotes
                ],
                evidence_at=evidence_spans(question.evidence, texts),
            )
        )
        if bar is not None:
            bar.update(1)
    return records


def _reference_pipeline(settings: Settings, embed_model, name: str):
    """The stock quickstart or the sentence-window recipe over the seeds, in its own folder."""
    folder = settings.data_dir / "evals" / name
    if name == STOCK:
        from evals.stock import StockPipeline

        return StockPipeline(settings.seeds_dir, embed_model, folder)
    from evals.sentence_window import SentenceWindowPipeline

    return SentenceWindowPipeline(settings.seeds_dir, embed_model, folder, top_k=settings.top_k)


def _reference_records(pipeline, questions: list[Question], bar) -> list[Record]:
    """Retrieval only: the passages the recipe would hand an answerer, and how long it took."""
    records = []
    for question in questions:
        started = time.perf_counter()
        hits = pipeline.retrieve(" ".join([*question.history, question.question]))
        elapsed = (time.perf_counter() - started) * 1000
        records.append(
            Record(question, passages=[h.text for h in hits], timings={"retrieve_ms": elapsed})
        )
        bar.update(1)
    return records


def _seed_sources(seeds_dir: Path) -> dict[str, str]:
    """The seed files' names and texts as the index reads them (unreadable files left out)."""
    from index.loaders import SUPPORTED_SUFFIXES, UnreadableSource, load_source

    sources = {}
    for path in sorted(p for p in seeds_dir.rglob("*") if p.is_file()):
        if path.suffix.lower() in SUPPORTED_SUFFIXES and not path.name.startswith("."):
            try:
                text = load_source(path).text
            except UnreadableSource:
                continue
            sources[f"{seeds_dir.name}/{path.relative_to(seeds_dir).as_posix()}"] = text
    return sources


def config_settings(settings: Settings, name: str) -> Settings:
    """The settings of one configuration: its own data directory and its own index name.

    The name `{index}-eval-{config}` keeps the configurations' collections apart from the
    user's index and from each other on a shared Chroma server; each removes only its own.
    """
    overrides = dict(CONFIGS[name])
    overrides["data_dir"] = settings.data_dir / "evals" / "indexes" / name
    overrides["index_name"] = eval_index_name(settings.index, name)
    return settings.model_copy(update=overrides)


def eval_index_name(index: str, config: str) -> str:
    """`{index}-eval-{config}`, shortened with a hash when it would pass Chroma's limit."""
    import hashlib

    from rag.settings import INDEX_NAME_MAX

    name = f"{index}-eval-{config}"
    if len(name) > INDEX_NAME_MAX:
        digest = hashlib.sha256(name.encode()).hexdigest()[:8]
        head = index[: INDEX_NAME_MAX - len(config) - 15].rstrip("-_.")
        name = f"{head}-{digest}-eval-{config}"
    return name


def sync_uploads(settings: Settings, config: Settings, include: bool) -> None:
    """Make a configuration's uploads folder a copy of the user's, or empty it."""
    import shutil

    shutil.rmtree(config.uploads_dir, ignore_errors=True)
    if include and settings.uploads_dir.is_dir():
        shutil.copytree(settings.uploads_dir, config.uploads_dir)


def evaluate(
    settings: Settings,
    questions: list[Question],
    configs: list[str],
    *,
    embed_model=None,
    dataset: Path = DEFAULT_DATASET,
    show_progress: bool = True,
    include_uploads: bool = False,
) -> EvalRun:
    """Answer every question with every configuration; metrics per configuration and split.

    The configurations index the seeds, plus the user's uploads when `include_uploads`.
    """
    from tqdm.auto import tqdm

    from rag.embeddings import build_embed_model
    from rag.engine import Engine

    unknown = [name for name in configs if name not in CONFIGS]
    if unknown:
        raise RagError(f"unknown configuration(s) {unknown}; choose from {list(CONFIGS)}")
    started = time.perf_counter()
    embed_model = embed_model or build_embed_model(settings)
    run = EvalRun(dataset=dataset, configs=configs)
    if not include_uploads and settings.uploads_dir.is_dir():
        run.left_out = sorted(
            f"{settings.uploads_dir.name}/{p.relative_to(settings.uploads_dir).as_posix()}"
            for p in settings.uploads_dir.rglob("*")
            if p.is_file() and not p.name.startswith(".")
        )
    texts: list[str] = []
    bar = tqdm(
        total=len(questions) * len(configs),
        desc="Evaluating",
        disable=None if show_progress else True,
    )
    with bar:
        for name in configs:
            bar.set_postfix_str(name)
            if name in REFERENCES:
                pipeline = _reference_pipeline(settings, embed_model, name)
                run.records[name] = _reference_records(pipeline, questions, bar)
                continue
            engine = Engine(config_settings(settings, name), embed_model=embed_model)
            sync_uploads(settings, engine.settings, include_uploads)
            engine.reindex()
            if not texts:
                run.sources = [s.name for s in engine.sources()]
                texts = [engine.source_text(s.name) for s in engine.sources()]
                problems = check_evidence(questions, texts)
                if problems:
                    raise RagError("the question file does not match the documents: " + problems[0])
            run.records[name] = engine_records(engine, questions, bar)
            if name == "default" and settings.uses_openai_llm:
                run.judged = judge(engine, run.records[name])
    if not texts:  # only reference rows ran: measure context against the seeds as loaded
        seeds = _seed_sources(settings.seeds_dir)
        run.sources, texts = list(seeds), list(seeds.values())
    corpus_chars = sum(len(collapse(text)) for text in texts) or 1
    for name, records in run.records.items():
        run.metrics[name] = {
            split: summarize(
                [r for r in records if split == "all" or r.question.split == split], corpus_chars
            )
            for split in ("dev", "test", "all")
        }
        run.categories[name] = {
            split: by_category([r for r in records if r.question.split == split], correct)
            for split in ("dev", "test")
        }
    run.seconds = time.perf_counter() - started
    return run


def judge(engine, records: list[Record]) -> dict[str, Any]:
    """llama-index's faithfulness and relevancy evaluators, with the configured LLM as judge."""
    from llama_index.core.evaluation import FaithfulnessEvaluator, RelevancyEvaluator

    faithfulness = FaithfulnessEvaluator(llm=engine.llm)
    relevancy = RelevancyEvaluator(llm=engine.llm)
    scores: dict[str, list[bool]] = {"faithfulness": [], "relevancy": []}
    try:
        for record in records:
            if record.answer is None or record.abstained or not record.passages:
                continue
            for key, evaluator in (("faithfulness", faithfulness), ("relevancy", relevancy)):
                result = evaluator.evaluate(
                    query=record.question.question,
                    response=record.answer,
                    contexts=list(dict.fromkeys(record.cited_passages)) or record.passages,
                )
                scores[key].append(bool(result.passing))
    except Exception as exc:  # the judge is optional; say why it stopped
        return {"skipped": f"the LLM judge failed ({type(exc).__name__})"}
    return {key: (sum(v) / len(v) if v else None) for key, v in scores.items()} | {
        "judged": len(scores["faithfulness"])
    }


def generate_questions(settings: Settings, count: int, out: Path) -> Path:
    """Draft `count` questions from random indexed passages with the LLM, for a person to review."""
    from rag.engine import Engine

    if not settings.uses_openai_llm:
        raise RagError("`rag eval --generate` needs a model: set OPENAI_API_KEY or OPENAI_BASE_URL")
    engine = Engine.from_settings(settings)
    nodes = engine.nodes()
    random.Random(0).shuffle(nodes)
    prompt = (
        "Write one question that the passage below answers, and its short answer. Reply as "
        'JSON: {{"question": "...", "answer": "..."}}.\n\nPassage:\n{text}'
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with out.open("w", encoding="utf-8") as handle:
        for node in nodes[:count]:
            text = node.get_content()
            reply = engine.llm.complete(prompt.format(text=text)).text
            try:
                draft = json.loads(reply[reply.index("{") : reply.rindex("}") + 1])
            except ValueError:
                continue
            row = {
                "id": f"g{written + 1:03d}",
                "split": "dev",
                "kind": "fact",
                "question": draft.get("question", ""),
                "answers": [draft.get("answer", "")],
                "evidence": [collapse(text)[:300]],
                "review": "draft: check the question, answer and evidence before use",
            }
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            written += 1
    return out
