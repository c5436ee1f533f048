"""Typed settings for the whole project: one object, read from `RAG_*` variables and `.env`."""

from __future__ import annotations

import hashlib
import logging
import re
from enum import StrEnum
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Chroma's collection-name rules (3-63 characters, alphanumeric at both ends, then letters,
# digits, "_", "-" or "."); an index name leaves room for the "-<fingerprint>" suffix.
INDEX_NAME_MAX = 52
DEFAULT_INDEX = "article"
_INDEX_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?$")


class EmbeddingBackend(StrEnum):
    local = "local"
    openai = "openai"


class RetrievalMode(StrEnum):
    hybrid = "hybrid"
    dense = "dense"
    bm25 = "bm25"


class AnswererMode(StrEnum):
    auto = "auto"
    openai = "openai"
    extractive = "extractive"


class Settings(BaseSettings):
    """Every knob of the engine, the indexer, the web chat and the evals.

    Built once (``Settings()``) and passed in; nothing reads it from a global.
    """

    model_config = SettingsConfigDict(
        env_prefix="RAG_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    # Where things live.
    data_dir: Path = Field(
        default=PROJECT_ROOT / "data",
        description="Directory holding the Chroma index, the manifest, uploads and eval runs.",
    )
    seeds_dir: Path = Field(
        default=PROJECT_ROOT / "seeds",
        description="Directory of the default corpus, indexed by `rag index` and on first use.",
    )
    chroma_url: str | None = Field(
        default=None,
        description="URL of a Chroma server (e.g. http://127.0.0.1:8000); unset = embedded Chroma "
        "under data_dir.",
    )
    index_name: str | None = Field(
        default=None,
        validation_alias=AliasChoices(
            "RAG_INDEX", "RAG_COLLECTION", "index_name", "index", "collection"
        ),
        description="Name of the index on the Chroma server; it prefixes every collection the "
        "index owns, and an index deletes only its own. Unset = `article` in the embedded store "
        "(private to its data directory) and `article-<hash of the data directory>` on a Chroma "
        "server, so two data directories never share an index by accident. "
        "RAG_COLLECTION is an older name of this setting.",
    )

    # Embeddings.
    embed_backend: EmbeddingBackend = Field(
        default=EmbeddingBackend.local,
        description="local = bundled all-MiniLM-L6-v2; openai = OpenAI embeddings API.",
    )
    openai_embed_model: str = Field(
        default="text-embedding-3-small", description="Embedding model of the openai backend."
    )
    embed_batch_size: int = Field(default=64, ge=1, le=2048, description="Texts per embed call.")

    # Chunking.
    chunk_size: int = Field(
        default=128, ge=32, le=4096, description="Chunk size in tokens (sentence-aware)."
    )
    chunk_overlap: int = Field(default=16, ge=0, le=1024, description="Token overlap of chunks.")

    # Retrieval.
    top_k: int = Field(default=4, ge=1, le=50, description="Passages given to the answerer.")
    retrieval_mode: RetrievalMode = Field(
        default=RetrievalMode.hybrid,
        description="hybrid = dense and BM25 fused by reciprocal rank; dense or bm25 alone.",
    )
    candidate_k: int = Field(
        default=10, ge=1, le=200, description="Candidates each retriever contributes to fusion."
    )
    rrf_k: int = Field(default=60, ge=1, description="Reciprocal-rank-fusion constant.")

    # Answering.
    llm: AnswererMode = Field(
        default=AnswererMode.auto,
        description="auto = openai when OPENAI_API_KEY or OPENAI_BASE_URL is set, else extractive.",
    )
    openai_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("OPENAI_API_KEY", "RAG_OPENAI_API_KEY"),
        description="API key of the OpenAI-compatible server (read from OPENAI_API_KEY).",
        repr=False,
    )
    openai_base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("OPENAI_BASE_URL", "RAG_OPENAI_BASE_URL"),
        description="Base URL of an OpenAI-compatible server (Ollama, vLLM, llama.cpp).",
    )
    openai_model: str = Field(default="gpt-4o-mini", description="Chat model name.")
    temperature: float = Field(default=0.0, ge=0.0, le=2.0, description="Sampling temperature.")
    llm_timeout: float = Field(
        default=30.0, gt=0, le=600, description="Seconds before an LLM request is given up."
    )
    llm_max_retries: int = Field(
        default=2, ge=0, le=10, description="Retries (with backoff) on 429 and 5xx."
    )
    max_tokens: int = Field(default=512, ge=16, le=16384, description="Max tokens per answer.")
    full_context_tokens: int = Field(
        default=4000,
        ge=0,
        le=200_000,
        description="With a model: when the whole corpus fits in this many tokens, every passage "
        "is sent (numbered, in document order) instead of the retrieved ones; 0 = never.",
    )
    max_sentences: int = Field(
        default=2, ge=1, le=10, description="Sentences the extractive answerer quotes at most."
    )
    abstain_threshold: float = Field(
        default=0.35,
        ge=0.0,
        le=1.0,
        description="Relevance of the best sentence below which the extractive answerer abstains "
        "over an index of up to 20 passages, +0.03 per doubling beyond (`rag eval --sweep "
        "abstention`, article dev, at 0.35: accuracy 0.88, abstention recall 0.84, false 0.02).",
    )
    hedge_threshold: float = Field(
        default=0.45,
        ge=0.0,
        le=1.0,
        description="Below this relevance the extractive answer is prefixed with a warning "
        "that the article may not answer the question directly.",
    )
    support_threshold: float = Field(
        default=0.45,
        ge=0.0,
        le=1.0,
        description="Support a cited passage must give its sentence to keep the citation (`rag "
        "eval --sweep support`, article dev split, at 0.45: 81% of true kept, 87% of wrong cut).",
    )
    max_question_chars: int = Field(
        default=2000, ge=10, le=100_000, description="Longest question accepted."
    )
    history_turns: int = Field(
        default=6, ge=0, le=50, description="Past turns kept for follow-up questions."
    )

    # Web chat.
    ui_host: str = Field(default="127.0.0.1", description="Address the web chat binds.")
    ui_port: int = Field(default=7860, ge=1, le=65535, description="Port of the web chat.")
    ui_auth: SecretStr | None = Field(
        default=None, description="Optional login for the web chat, as user:password.", repr=False
    )
    ui_allow_public: bool = Field(
        default=False,
        description="Allow binding a non-loopback address without RAG_UI_AUTH.",
    )
    ui_concurrency: int = Field(default=4, ge=1, le=64, description="Concurrent answers.")
    upload_max_mb: float = Field(default=10.0, gt=0, description="Largest upload in MB.")
    upload_max_files: int = Field(default=10, ge=1, description="Most files per upload.")

    # OpenAI-compatible API (/v1 beside the web chat).
    api_key: SecretStr | None = Field(
        default=None,
        description="Key that /v1 requests must send as `Authorization: Bearer <key>`; "
        "required when the server binds a non-loopback address.",
        repr=False,
    )
    api_max_body_kb: int = Field(
        default=256, ge=1, le=102_400, description="Largest /v1 request body in KB."
    )
    api_max_messages: int = Field(
        default=200, ge=1, le=10_000, description="Most messages in one /v1 chat request."
    )

    @field_validator("chroma_url", "openai_base_url", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("index_name", mode="before")
    @classmethod
    def _check_index_name(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        problem = index_name_problem(str(value).strip())
        if problem:
            raise ValueError(problem)
        return str(value).strip()

    @model_validator(mode="after")
    def _check_thresholds(self) -> Settings:
        if self.hedge_threshold < self.abstain_threshold:
            raise ValueError(
                f"RAG_HEDGE_THRESHOLD ({self.hedge_threshold:g}) is below RAG_ABSTAIN_THRESHOLD "
                f"({self.abstain_threshold:g}); the hedge must start at or above the abstention"
            )
        return self

    @property
    def index(self) -> str:
        """The index name: explicit, or the default for where the vectors live.

        The embedded store lives inside the data directory, so the plain default keeps an
        index valid when its directory is moved or copied; a server is shared, so there
        the default is derived from the data directory.
        """
        if self.index_name:
            return self.index_name
        return default_index_name(self.data_dir) if self.chroma_url else DEFAULT_INDEX

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def manifest_path(self) -> Path:
        return self.data_dir / "manifest.json"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def texts_dir(self) -> Path:
        """Extracted text of sources whose original is not plain text (PDF, HTML)."""
        return self.data_dir / "texts"

    @property
    def uses_openai_llm(self) -> bool:
        if self.llm is AnswererMode.openai:
            return True
        if self.llm is AnswererMode.extractive:
            return False
        return self.openai_api_key is not None or self.openai_base_url is not None

    @property
    def embed_model_name(self) -> str:
        match self.embed_backend:
            case EmbeddingBackend.local:
                return "sentence-transformers/all-MiniLM-L6-v2"
            case EmbeddingBackend.openai:
                return self.openai_embed_model

    def public_dict(self) -> dict[str, object]:
        """Effective settings with secrets masked, for `rag config` and reports."""
        shown: dict[str, object] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, SecretStr):
                value = "set (hidden)" if value.get_secret_value() else None
            elif isinstance(value, Path):
                value = str(value)
            elif isinstance(value, StrEnum):
                value = value.value
            shown[name] = value
        return shown


def default_index_name(data_dir: Path) -> str:
    """A short stable name per data directory: two directories never share an index by chance."""
    digest = hashlib.sha256(str(Path(data_dir).expanduser().resolve()).encode()).hexdigest()
    return f"{DEFAULT_INDEX}-{digest[:8]}"


def index_name_problem(name: str) -> str | None:
    """Why `name` cannot name an index on Chroma, or None when it can."""
    rules = (
        f"use 3-{INDEX_NAME_MAX} letters, digits, '-', '_' or '.', "
        "starting and ending with a letter or digit"
    )
    if not 3 <= len(name) <= INDEX_NAME_MAX or not _INDEX_NAME.match(name) or ".." in name:
        return f"{name!r} cannot name an index: {rules}"
    if re.fullmatch(r"\d{1,3}(\.\d{1,3}){3}", name):
        return f"{name!r} cannot name an index: it looks like an IP address"
    return None
