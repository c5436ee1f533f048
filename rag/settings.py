"""Typed settings for the whole project: one object, read from `RAG_*` variables and `.env`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


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
    collection: str = Field(
        default="article", min_length=3, max_length=63, description="Chroma collection name."
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
    max_sentences: int = Field(
        default=2, ge=1, le=10, description="Sentences the extractive answerer quotes at most."
    )
    abstain_threshold: float = Field(
        default=0.35,
        ge=0.0,
        le=1.0,
        description="Relevance of the best sentence below which the extractive answerer "
        "abstains (swept on the eval dev split).",
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
        description="Support a cited passage must give its sentence for the citation to be kept "
        "(measured: keeps 92% of true citations, rejects 93% of wrong ones on the dev split).",
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

    @field_validator("chroma_url", "openai_base_url", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

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
