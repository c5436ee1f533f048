"""The built-in eval corpora: the news article in seeds/, and Python's own documentation.

One article cannot show that the answerer works on anything else, so a second corpus of a
different shape (reference manual text with headings, grammar and code) is made at run time
from CPython's `pydoc_data.topics`: nothing is downloaded and nothing large is committed.
"""

from __future__ import annotations

import logging
import platform
from dataclasses import dataclass
from pathlib import Path

from evals.dataset import Question, check_evidence, collapse, load_dataset
from rag.errors import RagError

logger = logging.getLogger(__name__)

DATASETS_DIR = Path(__file__).resolve().parent / "datasets"
SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
# Statements and the topics they lean on. The questions were written against Python 3.11.
PYDOC_TOPICS = (
    "assert",
    "break",
    "pass",
    "global",
    "nonlocal",
    "truth",
    "booleans",
    "lambda",
    "return",
    "while",
    "for",
    "continue",
    "if",
    "try",
    "exceptions",
    "with",
    "context-managers",
    "del",
    "raise",
    "yield",
)
WRITTEN_FOR = "3.11"


@dataclass(frozen=True)
class Corpus:
    name: str
    dataset: Path
    description: str


CORPORA = {
    "article": Corpus("article", DATASETS_DIR / "article.jsonl", "the news article in seeds/"),
    "pydoc": Corpus(
        "pydoc",
        DATASETS_DIR / "pydoc.jsonl",
        f"{len(PYDOC_TOPICS)} topics of the Python documentation that ships with CPython",
    ),
}


def corpus(name: str) -> Corpus:
    try:
        return CORPORA[name]
    except KeyError:
        raise RagError(f"unknown corpus {name!r}; choose from {', '.join(CORPORA)}") from None


def pydoc_topics() -> dict[str, str]:
    """The chosen topics' text, as the running Python ships it."""
    from pydoc_data.topics import topics

    missing = [name for name in PYDOC_TOPICS if name not in topics]
    if missing:
        raise RagError(
            f"Python {platform.python_version()}'s documentation topics lack {missing}; "
            f"the pydoc corpus was written for Python {WRITTEN_FOR}"
        )
    return {name: topics[name] for name in PYDOC_TOPICS}


def documents(name: str) -> dict[str, str]:
    """A corpus as file name → text: what `materialise` writes and the evidence is checked on."""
    corpus(name)
    if name == "pydoc":
        return {f"{topic}.txt": text for topic, text in pydoc_topics().items()}
    return {
        path.name: path.read_text(encoding="utf-8")
        for path in sorted(SEEDS_DIR.iterdir())
        if path.is_file() and not path.name.startswith(".")
    }


def materialise(name: str, target_dir: Path) -> Path:
    """Write a corpus's documents into `target_dir` (one file each) and return the folder.

    The folder may already hold this corpus (files are rewritten only when they differ); a
    folder with other files is refused, so that two corpora are never indexed together.
    """
    files = documents(name)
    target_dir.mkdir(parents=True, exist_ok=True)
    strangers = sorted(p.name for p in target_dir.iterdir() if p.name not in files)
    if strangers:
        raise RagError(
            f"{target_dir} holds files that are not part of the {name} corpus "
            f"({', '.join(strangers[:3])}); choose an empty folder"
        )
    written = 0
    for file_name, text in files.items():
        path = target_dir / file_name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written += 1
    logger.info("corpus %s: %d documents in %s (%d written)", name, len(files), target_dir, written)
    return target_dir


def load_questions(name: str, path: Path | None = None) -> list[Question]:
    """A corpus's questions, after checking that every evidence span is in its documents."""
    questions = load_dataset(path or corpus(name).dataset)
    if name == "pydoc":
        check_pydoc_evidence(questions, pydoc_topics())
        return questions
    problems = check_evidence(questions, documents(name).values())
    if problems:
        raise RagError(f"the {name} questions do not match the documents: {problems[0]}")
    return questions


def check_pydoc_evidence(questions: list[Question], topics: dict[str, str]) -> None:
    """Each evidence span must lie in the topic its question names, in this Python's text."""
    version = platform.python_version()
    texts = {topic: collapse(text) for topic, text in topics.items()}
    for q in questions:
        if not q.evidence:
            continue
        if q.source not in texts:
            raise RagError(
                f"question {q.id}: field 'source' must name one of the pydoc topics "
                f"({', '.join(texts)}), not {q.source!r}"
            )
        for span in q.evidence:
            if collapse(span) not in texts[q.source]:
                raise RagError(
                    f"question {q.id}: its evidence {span[:50]!r} is not in the "
                    f"'{q.source}' topic of Python {version}; the topic text differs between "
                    f"Python versions and these questions were written for Python {WRITTEN_FOR}"
                )
