"""The document library: which sources are indexed, their text, and adding or removing uploads."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.loaders import SUPPORTED_SUFFIXES, load_source
from index.manifest import Manifest
from index.pipeline import IndexReport
from rag.errors import RagError
from rag.guards import safe_file_name
from rag.reader import structures
from rag.settings import Settings

__all__ = ["SUPPORTED_SUFFIXES", "DocumentLibrary", "SourceInfo"]


@dataclass(frozen=True)
class SourceInfo:
    """An indexed source as the UI and `rag info` list it."""

    name: str
    chunks: int
    removable: bool
    warnings: tuple[str, ...] = ()
    structure: Any = None  # index.structure.DocumentStructure: headline, date, dateline…


class DocumentLibrary:
    """The sources behind the index; changes go through `reindex`, which the engine owns."""

    def __init__(
        self,
        settings: Settings,
        manifest: Callable[[], Manifest],
        reindex: Callable[..., IndexReport],
    ) -> None:
        self.settings = settings
        self._manifest = manifest
        self._reindex = reindex

    def sources(self) -> list[SourceInfo]:
        uploads = self.settings.uploads_dir.name + "/"
        manifest = self._manifest()
        found = structures(manifest)
        return [
            SourceInfo(
                name,
                len(entry.chunks),
                name.startswith(uploads),
                tuple(entry.warnings),
                found.get(name),
            )
            for name, entry in sorted(manifest.sources.items())
        ]

    def source_text(self, source: str) -> str:
        """The text that citation offsets of `source` refer to."""
        entry = self._manifest().sources.get(source)
        if entry is None:
            raise RagError(f"no indexed source is called {source!r}")
        path = Path(entry.text_path or entry.path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise RagError(f"the source {source} cannot be read ({exc.strerror})") from exc
        if entry.text_path:
            return data.decode("utf-8")
        return load_source(path, data).text

    def add_files(self, files: Sequence[tuple[str, bytes]], *, progress=None) -> IndexReport:
        """Save uploaded files under the uploads directory and index them.

        File names are reduced to a safe base name, so no name can write outside the
        uploads directory; limits on count, size and type come from the settings.
        """
        settings = self.settings
        if len(files) > settings.upload_max_files:
            raise RagError(f"too many files: {len(files)}; at most {settings.upload_max_files}")
        target = settings.uploads_dir
        planned: list[tuple[Path, bytes]] = []
        for name, data in files:
            safe = safe_file_name(name)
            if Path(safe).suffix.lower() not in SUPPORTED_SUFFIXES:
                raise RagError(
                    f"{safe}: unsupported file type; use {', '.join(SUPPORTED_SUFFIXES)}"
                )
            if len(data) > settings.upload_max_mb * 1_000_000:
                raise RagError(
                    f"{safe}: {len(data) / 1e6:.1f} MB is over the "
                    f"{settings.upload_max_mb:g} MB limit"
                )
            path = (target / safe).resolve()
            if not path.is_relative_to(target.resolve()):
                raise RagError(f"{name!r} is not an acceptable file name")
            planned.append((path, data))
        try:
            target.mkdir(parents=True, exist_ok=True)
            for path, data in planned:
                path.write_bytes(data)
        except OSError as exc:
            raise RagError(f"cannot save the upload ({exc.strerror})") from exc
        return self._reindex(progress=progress)

    def remove_source(self, source: str) -> IndexReport:
        """Remove an uploaded source from the index (the seeds stay)."""
        entry = self._manifest().sources.get(source)
        uploads = self.settings.uploads_dir.resolve()
        if entry is None:
            raise RagError(f"no indexed source is called {source!r}")
        path = Path(entry.path).resolve()
        if not path.is_relative_to(uploads):
            raise RagError(f"{source} is part of the seed corpus and cannot be removed here")
        path.unlink(missing_ok=True)
        return self._reindex()
