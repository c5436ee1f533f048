"""The index manifest: what built the index and which chunks of which sources it serves.

It is replaced atomically (write, fsync, rename) only after every chunk it lists is in the
store, so a reader never sees a half-written index.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

FORMAT_VERSION = 1


class ManifestError(Exception):
    """The manifest file exists but cannot be read."""


@dataclass
class SourceEntry:
    path: str  # file the text comes from (absolute)
    sha256: str
    chunks: list[str]
    # how many sentence vectors of the source are stored; None: built before they were
    sentences: int | None = None
    text_path: str | None = None  # extracted text, when the file is not plain text
    warnings: list[str] = field(default_factory=list)
    # index.structure.DocumentStructure.to_dict() of the source text; None in older manifests
    structure: dict[str, Any] | None = None


@dataclass
class Manifest:
    fingerprint: dict[str, Any]
    collection: str
    dimension: int | None = None
    sources: dict[str, SourceEntry] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    built_at: str = ""
    format: int = FORMAT_VERSION

    @property
    def chunk_ids(self) -> list[str]:
        return [cid for entry in self.sources.values() for cid in entry.chunks]

    @property
    def identity(self) -> dict[str, Any]:
        """The index name (the collection without its fingerprint suffix) and the fingerprint."""
        return {"index": self.collection.rsplit("-", 1)[0], **self.fingerprint}

    @property
    def version(self) -> str:
        """Changes whenever the served chunks change; caches key on it."""
        digest = hashlib.sha256(self.collection.encode())
        for cid in self.chunk_ids:
            digest.update(cid.encode())
        return digest.hexdigest()[:16]

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Manifest:
        sources = {name: SourceEntry(**entry) for name, entry in data.get("sources", {}).items()}
        return cls(
            fingerprint=data["fingerprint"],
            collection=data["collection"],
            dimension=data.get("dimension"),
            sources=sources,
            skipped=dict(data.get("skipped", {})),
            built_at=data.get("built_at", ""),
            format=data.get("format", FORMAT_VERSION),
        )

    @classmethod
    def load(cls, path: Path) -> Manifest | None:
        """The manifest at `path`, None when there is none; ManifestError when unreadable."""
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise ManifestError(f"cannot read {path} ({exc.strerror})") from exc
        try:
            data = json.loads(raw)
            manifest = cls.from_dict(data)
        except (ValueError, KeyError, TypeError) as exc:
            raise ManifestError(f"{path} is corrupted ({type(exc).__name__})") from exc
        if manifest.format != FORMAT_VERSION:
            raise ManifestError(f"{path} has format {manifest.format}, expected {FORMAT_VERSION}")
        return manifest

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".manifest-", suffix=".json", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(self.to_json())
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        try:  # make the rename itself durable
            dir_fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except OSError:
            pass


def fingerprint_hash(fingerprint: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(fingerprint, sort_keys=True).encode()).hexdigest()[:10]


def describe_changes(old: dict[str, Any], new: dict[str, Any]) -> str:
    """What differs between two fingerprints, as `key old → new`, for messages to the user."""
    changes = [
        f"{key} {old.get(key, '(unset)')} → {new.get(key, '(unset)')}"
        for key in sorted(set(old) | set(new), key=lambda k: (k != "index", k))
        if old.get(key) != new.get(key)
    ]
    return ", ".join(changes) or "no setting differs"
