"""The vector-store seam: embedded persistent Chroma, or a Chroma server at RAG_CHROMA_URL."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from rag.errors import RagError, StoreUnavailable
from rag.guards import ensure_writable_dir
from rag.settings import Settings

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

logger = logging.getLogger(__name__)

# Chroma refuses calls naming more ids than its maximum batch size; 5,000 stays under it.
CHROMA_BATCH = 5000

# A collection read only by id and by metadata (the sentence vectors), never searched by
# vector, needs no good nearest-neighbour graph: this sparse one fills several times faster
# and changes no `get`. Chroma fixes it at creation, so a collection built before keeps its own.
READ_BY_ID_HNSW = {"hnsw:construction_ef": 10, "hnsw:M": 4}

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def _chroma_settings():
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def open_client(settings: Settings) -> ClientAPI:
    """A Chroma client: HTTP when a server URL is set, else embedded under the data directory."""
    import chromadb

    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if url.scheme not in {"http", "https"} or not url.hostname:
            raise RagError(f"RAG_CHROMA_URL is not an http(s) URL: {settings.chroma_url!r}")
        try:
            return chromadb.HttpClient(
                host=url.hostname,
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=_chroma_settings(),
            )
        except Exception as exc:  # chromadb raises several types for "cannot connect"
            raise StoreUnavailable(
                f"cannot reach the Chroma server at {settings.chroma_url} ({_short(exc)}); "
                "start it or unset RAG_CHROMA_URL"
            ) from exc
    path = settings.chroma_dir
    ensure_writable_dir(path)
    _forget_vanished_store(path)
    try:
        return chromadb.PersistentClient(path=str(path), settings=_chroma_settings())
    except Exception as exc:
        raise RagError(
            f"the index at {path} cannot be opened ({_short(exc)}); "
            "delete it and run `rag index` to rebuild"
        ) from exc


def _forget_vanished_store(path: Path) -> None:
    """Chroma keeps one open system per directory for the life of the process. When that
    directory was deleted under it, the system would go on writing into the deleted files, and
    what an index run builds there would be gone for every other process: start a new one."""
    from chromadb.api.shared_system_client import SharedSystemClient

    if (path / "chroma.sqlite3").exists():
        return
    system = SharedSystemClient._identifier_to_system.pop(str(path), None)
    SharedSystemClient._identifier_to_refcount.pop(str(path), None)
    if system is not None:
        try:
            system.stop()
        except Exception:  # the files it held are gone already
            logger.debug("stopping the Chroma system of a deleted directory failed", exc_info=True)


def id_batches(ids: Sequence[str], size: int = CHROMA_BATCH) -> Iterator[list[str]]:
    """Ids in batches Chroma accepts in one call."""
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def collection_metadata(fingerprint: dict[str, Any], read_by_id: bool = False) -> dict[str, Any]:
    """A new collection's metadata: cosine space, the index's fingerprint, and for a collection
    that is never searched by vector (`read_by_id`), the sparse graph."""
    meta: dict[str, Any] = {"hnsw:space": "cosine"} | (READ_BY_ID_HNSW if read_by_id else {})
    meta.update({f"rag:{k}": v for k, v in fingerprint.items() if isinstance(v, str | int | float)})
    return meta


def get_collection(
    client: ClientAPI,
    name: str,
    fingerprint: dict[str, Any] | None = None,
    create: bool = False,
    read_by_id: bool = False,
) -> Collection:
    """The collection `name`; with `create`, made if missing (an existing one is left as is)."""
    try:
        if create:
            return client.get_or_create_collection(
                name=name, metadata=collection_metadata(fingerprint or {}, read_by_id)
            )
        return client.get_collection(name=name)
    except Exception as exc:
        if is_unavailable(exc):
            raise StoreUnavailable(f"the Chroma server is unreachable ({_short(exc)})") from exc
        raise


def is_unavailable(exc: BaseException) -> bool:
    """True when the exception means the Chroma server cannot be reached."""
    text = f"{type(exc).__name__} {exc}".lower()
    return any(
        word in text
        for word in ("connect", "connection refused", "timed out", "timeout", "unavailable")
    )


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
