"""The upsert pipeline: bring the Chroma collections in step with the source files.

Content-addressed chunk and sentence ids make it idempotent: unchanged chunks and sentences are
never embedded twice, an interrupted run resumes where it stopped, and the manifest switches
only at the end.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import TextNode

from index.chunking import ChunkerConfig, chunk_source
from index.cleaning import unwrap
from index.cleanup import discard_skipped_uploads, owns_collection, stale_chunks
from index.loaders import SUPPORTED_SUFFIXES, UnreadableSource, load_source
from index.manifest import (
    Manifest,
    ManifestError,
    SourceEntry,
    describe_changes,
    fingerprint_hash,
)
from index.structure import parse_structure
from index.vectors import (
    embed_chunks,
    embed_sentences,
    existing_ids,
    sentence_records,
    stale_sentences,
    stored_sentences,
)
from rag.errors import RagError
from rag.guards import ensure_writable_dir
from rag.sentence_vectors import sentence_collection_name
from rag.settings import Settings
from rag.store import id_batches

logger = logging.getLogger(__name__)

INDEX_FORMAT = 2  # 2: chunks keep headings, code and news headers apart
ProgressCallback = Callable[[int, int, str], None]


@dataclass
class IndexReport:
    """What one indexing run did."""

    sources: int = 0
    chunks: int = 0
    embedded: int = 0
    sentences_embedded: int = 0
    removed: int = 0
    rebuilt: str | None = None  # why the whole index was rebuilt, if it was
    skipped: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0


def fingerprint(settings: Settings, embedder: tuple[str, str]) -> dict[str, object]:
    """Everything that changes the vectors or the chunks; a change means a rebuild.

    `embedder` is the (class, model name) of the model that embeds, as injected or built.
    """
    chunker = ChunkerConfig(settings.chunk_size, settings.chunk_overlap).as_dict()
    return {
        "format": INDEX_FORMAT,
        "embed_class": embedder[0],
        "embed_model": embedder[1],
        **chunker,
    }


def identity(settings: Settings, embedder: tuple[str, str]) -> dict[str, object]:
    """The index name and the fingerprint: what a manifest must match to be served."""
    return {"index": settings.index, **fingerprint(settings, embedder)}


def collection_name(settings: Settings, embedder: tuple[str, str]) -> str:
    """`{index}-{fingerprint}`: the index name says whose it is, the fingerprint which setup."""
    return f"{settings.index}-{fingerprint_hash(fingerprint(settings, embedder))}"


def source_roots(settings: Settings) -> list[Path]:
    return [settings.seeds_dir, settings.uploads_dir]


def discover(settings: Settings) -> dict[str, Path]:
    """Source name → file, for every file under the seeds and uploads directories."""
    found: dict[str, Path] = {}
    for root in source_roots(settings):
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                found[f"{root.name}/{path.relative_to(root).as_posix()}"] = path
    return found


@contextmanager
def index_lock(settings: Settings) -> Iterator[None]:
    """One indexing run at a time per data directory."""
    ensure_writable_dir(settings.data_dir)
    with (settings.data_dir / ".index.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_index(
    settings: Settings,
    *,
    embed_model: BaseEmbedding | None = None,
    show_progress: bool = False,
    progress: ProgressCallback | None = None,
) -> IndexReport:
    """Index every source under the seeds and uploads directories; returns what it did."""
    started = time.perf_counter()
    if not settings.seeds_dir.is_dir():
        what = "is not a directory" if settings.seeds_dir.exists() else "does not exist"
        raise RagError(
            f"the seeds directory {settings.seeds_dir} {what}; "
            "set RAG_SEEDS_DIR to the folder of documents to index"
        )
    with index_lock(settings):
        report = _run(settings, embed_model, show_progress, progress)
    report.seconds = time.perf_counter() - started
    return report


def _run(
    settings: Settings,
    embed_model: BaseEmbedding | None,
    show_progress: bool,
    progress: ProgressCallback | None,
) -> IndexReport:
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from rag.embeddings import embed_identity, settings_identity
    from rag.store import get_collection, open_client

    report = IndexReport()
    embedder = (
        embed_identity(embed_model) if embed_model is not None else settings_identity(settings)
    )
    fp = fingerprint(settings, embedder)
    name = collection_name(settings, embedder)
    try:
        old = Manifest.load(settings.manifest_path)
    except ManifestError as exc:
        logger.warning("ignoring unreadable manifest: %s", exc)
        old, report.rebuilt = None, f"the manifest was unreadable ({exc})"
    if old is not None and old.collection != name:
        changes = describe_changes(old.identity, identity(settings, embedder))
        what = "the index name" if old.fingerprint == fp else "the embedding model or chunker"
        report.rebuilt = f"{what} changed ({changes})"
        old = None

    client = open_client(settings)
    collection = get_collection(client, name, fp, create=True)
    store = ChromaVectorStore(chroma_collection=collection)
    sentences_name = sentence_collection_name(name)
    sentences = get_collection(client, sentences_name, fp, create=True, read_by_id=True)

    manifest = Manifest(fingerprint=fp, collection=name, dimension=old.dimension if old else None)
    pending: list[TextNode] = []
    renewed: set[str] = set()  # sources chunked anew in this run
    sources = discover(settings)
    for source, path in sources.items():
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            report.skipped[source] = f"unsupported file type {path.suffix or '(none)'}"
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            report.skipped[source] = f"cannot read file ({exc.strerror})"
            continue
        digest = hashlib.sha256(data).hexdigest()
        previous = old.sources.get(source) if old else None
        if (
            previous is not None
            and previous.sha256 == digest
            and len(existing_ids(collection, previous.chunks)) == len(previous.chunks)
            and previous.sentences is not None
            and stored_sentences(sentences, source) == previous.sentences
        ):
            # unchanged, and all its chunks and sentence vectors are in the store
            manifest.sources[source] = previous
            continue
        try:
            loaded = load_source(path, data)
        except UnreadableSource as exc:
            report.skipped[source] = str(exc)
            continue
        text_path = None
        if loaded.extracted:
            text_file = settings.texts_dir / f"{digest}.txt"
            text_file.parent.mkdir(parents=True, exist_ok=True)
            text_file.write_text(loaded.text, encoding="utf-8")
            text_path = str(text_file)
        nodes = chunk_source(
            source, unwrap(loaded.text), ChunkerConfig(settings.chunk_size, settings.chunk_overlap)
        )
        if not nodes:
            report.skipped[source] = "no text to index"
            continue
        if loaded.warnings:
            report.warnings[source] = loaded.warnings
        manifest.sources[source] = SourceEntry(
            path=str(path.resolve()),
            sha256=digest,
            chunks=[node.node_id for node in nodes],
            sentences=len(sentence_records(nodes)),
            text_path=text_path,
            warnings=loaded.warnings,
            structure=parse_structure(loaded.text, path.suffix, loaded.meta).to_dict(),
        )
        pending.extend(nodes)
        renewed.add(source)
    discarded = discard_skipped_uploads(settings, report.skipped, sources)

    # Content-addressed ids: only chunks the collection lacks are embedded.
    present = existing_ids(collection, [node.node_id for node in pending])
    to_embed = [node for node in pending if node.node_id not in present]

    def model() -> BaseEmbedding:
        nonlocal embed_model
        if embed_model is None:
            from rag.embeddings import build_embed_model

            embed_model = build_embed_model(settings)
        return embed_model

    if to_embed:
        embed_chunks(to_embed, model(), store, settings.embed_batch_size, show_progress, progress)
        manifest.dimension = len(to_embed[0].embedding or [])
    report.embedded = len(to_embed)
    # The sentences the extractive answerer scores, so a question embeds only itself.
    records = sentence_records(pending)
    report.sentences_embedded = embed_sentences(
        sentences, records, model, settings.embed_batch_size, progress
    )

    manifest.skipped = {k: v for k, v in report.skipped.items() if k not in discarded}
    manifest.built_at = datetime.now(UTC).isoformat(timespec="seconds")
    manifest.save(settings.manifest_path)

    # Only now that the new manifest is in force, drop what it no longer serves: chunks of
    # this index's own sources (a shared server holds other indexes' too) and this index's
    # collections of other setups.
    keep = set(manifest.chunk_ids)
    own_sources = set(sources) | (set(old.sources) if old else set())
    stale = stale_chunks(collection, own_sources, keep)
    for batch in id_batches(stale):
        collection.delete(ids=batch)
    report.removed = len(stale)
    # Sentence vectors of the sources re-read or gone; an unchanged source's are all served.
    gone = own_sources - set(manifest.sources)
    for batch in id_batches(stale_sentences(sentences, sorted(renewed | gone), set(records))):
        sentences.delete(ids=batch)
    for other in client.list_collections():
        other_name = getattr(other, "name", other)
        if other_name not in {name, sentences_name} and owns_collection(settings.index, other_name):
            client.delete_collection(other_name)
    report.sources = len(manifest.sources)
    report.chunks = len(keep)
    return report
