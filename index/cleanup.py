"""What an index may delete, and nothing more: a Chroma server may hold other indexes.

An index owns the collections named `{index}-{fingerprint}` and, in them, the chunks of its
own sources; uploads it cannot read are deleted so that none lingers unlisted.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from index.chunking import META_SOURCE
from rag.settings import Settings

logger = logging.getLogger(__name__)


def owns_collection(index: str, name: str) -> bool:
    """True for a collection of this index (any fingerprint), chunks or sentence vectors;
    another index's never match, even one whose name starts with this one's (``article`` vs
    ``article-eval-default``)."""
    return re.fullmatch(rf"{re.escape(index)}-[0-9a-f]{{10}}(?:-sentences)?", name) is not None


def discard_skipped_uploads(
    settings: Settings, skipped: dict[str, str], sources: dict[str, Path]
) -> set[str]:
    """Delete uploads that cannot be indexed, so none lingers unlisted and unremovable.

    The reason stays in `skipped` (shown to the uploader) with a note that the file is gone;
    seed files are never deleted.
    """
    uploads = settings.uploads_dir.resolve()
    discarded: set[str] = set()
    for source, reason in list(skipped.items()):
        path = sources.get(source)
        if path is None or not path.resolve().is_relative_to(uploads):
            continue
        try:
            path.unlink()
        except OSError as exc:
            logger.warning("cannot delete the unreadable upload %s (%s)", path, exc.strerror)
            continue
        skipped[source] = f"{reason}; the upload was deleted"
        discarded.add(source)
    return discarded


def stale_chunks(collection, sources: set[str], keep: set[str]) -> list[str]:
    """Ids of chunks of `sources` that the manifest no longer serves."""
    stale: list[str] = []
    names = sorted(sources)
    for start in range(0, len(names), 100):
        where = {META_SOURCE: {"$in": names[start : start + 100]}}
        ids = collection.get(where=where, include=[])["ids"]
        stale.extend(cid for cid in ids if cid not in keep)
    return stale
