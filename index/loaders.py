"""Read a source file into text: one function per format, chosen by the file's suffix."""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

MAX_SOURCE_BYTES = 50 * 1024 * 1024


class UnreadableSource(Exception):
    """The file cannot be indexed; the message says why in a few words."""


@dataclass
class LoadedSource:
    text: str  # the text that citation offsets refer to
    warnings: list[str] = field(default_factory=list)
    extracted: bool = False  # True when text is not the file's own bytes (PDF, HTML)
    # What the file says about itself besides its text: "title", "h1", "date", "author".
    meta: dict[str, str] = field(default_factory=dict)


# Byte-order marks, longest first: UTF-32's LE mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode(data: bytes) -> tuple[str, list[str]]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):  # UTF-16/32 text holds NUL bytes: decode it before that check
            try:
                return data.decode(encoding), []
            except UnicodeDecodeError as exc:
                raise UnreadableSource(f"not valid {encoding.upper()} despite its mark") from exc
    if not data.strip():
        raise UnreadableSource("empty file")
    if b"\x00" in data[:8192]:
        raise UnreadableSource("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        return text, ["not valid UTF-8; decoded as Windows-1252"]


def load_text(path: Path, data: bytes) -> LoadedSource:
    text, warnings = _decode(data)
    printable = sum(1 for c in text if c.isprintable() or c.isspace())
    if printable < 0.9 * len(text):
        raise UnreadableSource("binary file (mostly unprintable characters)")
    if not text.strip():
        raise UnreadableSource("empty file")
    return LoadedSource(text, warnings)


def load_html(path: Path, data: bytes) -> LoadedSource:
    from bs4 import BeautifulSoup

    text, warnings = _decode(data)
    soup = BeautifulSoup(text, "html.parser")
    meta = _html_meta(soup)
    for tag in soup(["script", "style", "noscript", "template", "head"]):
        tag.decompose()
    # a line break in the markup is only a space: it must not split a paragraph in two
    for node in soup.find_all(string=True):
        if node.parent is not None and node.parent.name not in ("pre", "textarea"):
            node.replace_with(re.sub(r"\s+", " ", str(node)))
    blocks = [line.strip() for line in soup.get_text("\n").splitlines()]
    extracted = "\n\n".join(line for line in blocks if line)
    if not extracted.strip():
        raise UnreadableSource("HTML page has no visible text")
    return LoadedSource(extracted, warnings, extracted=True, meta=meta)


_HTML_DATE_KEYS = ("date", "article:published_time", "datepublished", "dc.date", "pubdate")


def _html_meta(soup) -> dict[str, str]:
    """Title, first <h1>, publication date and author of a page, when it states them."""
    meta: dict[str, str] = {}
    if soup.title and soup.title.get_text(strip=True):
        meta["title"] = soup.title.get_text(" ", strip=True)
    h1 = soup.find("h1")
    if h1 is not None and h1.get_text(strip=True):
        meta["h1"] = h1.get_text(" ", strip=True)
    for tag in soup.find_all("meta"):
        key = str(tag.get("name") or tag.get("property") or tag.get("itemprop") or "").lower()
        content = str(tag.get("content") or "").strip()
        if content and key in _HTML_DATE_KEYS:
            meta.setdefault("date", content)
        elif content and key == "author":
            meta.setdefault("author", content)
    time_tag = soup.find("time")
    if "date" not in meta and time_tag is not None and time_tag.get("datetime"):
        meta["date"] = str(time_tag["datetime"])
    return meta


def load_pdf(path: Path, data: bytes) -> LoadedSource:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
        meta = {
            key: str(value).strip()
            for key, value in (("title", info and info.title), ("author", info and info.author))
            if value and str(value).strip()
        }
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableSource(f"PDF could not be parsed ({type(exc).__name__})") from exc
    extracted = "\n\n".join(page.strip() for page in pages if page.strip())
    if not extracted:
        raise UnreadableSource("PDF has no extractable text (scanned image?)")
    return LoadedSource(extracted, [], extracted=True, meta=meta)


LOADERS: dict[str, Callable[[Path, bytes], LoadedSource]] = {
    ".txt": load_text,
    ".md": load_text,
    ".markdown": load_text,
    ".html": load_html,
    ".htm": load_html,
    ".pdf": load_pdf,
}

SUPPORTED_SUFFIXES = tuple(LOADERS)


def load_source(path: Path, data: bytes | None = None) -> LoadedSource:
    """Load one file; raises UnreadableSource with a short reason when it can't be indexed."""
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise UnreadableSource(f"unsupported file type {path.suffix or '(none)'}")
    if data is None:
        try:
            size = path.stat().st_size
            if size > MAX_SOURCE_BYTES:
                raise UnreadableSource(f"file too large ({size / 1e6:.0f} MB)")
            data = path.read_bytes()
        except OSError as exc:
            raise UnreadableSource(f"cannot read file ({exc.strerror or exc})") from exc
    return loader(path, data)
