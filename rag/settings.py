"""One settings object, read from the environment and `.env`.

Product settings carry the `LAWQA_` prefix; the standard `OPENAI_*` and `CHROMA_*` names are read
as they are, so that tools configured for those services need nothing new.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from rag.types import Mode


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="LAWQA_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="forbid",
        populate_by_name=True,
    )

    home: Path = Field(default=Path(".lawqa"), description="Data directory (index, manifest).")
    embedder: str = Field(
        default="e5+use",
        description="Embedding model: 'e5+use' (both offline models, combined), 'e5' "
        "(multilingual-e5-small), 'use' (Universal Sentence Encoder multilingual) or "
        "'openai:<model>'.",
    )
    chunk_tokens: int = Field(default=400, ge=32, description="Token budget of one chunk side.")
    max_file_mb: float = Field(default=50.0, gt=0, description="Largest file ingest accepts.")
    embed_threads: int = Field(default=2, ge=1, description="CPU threads for the local embedder.")

    llm: str = Field(
        default="gpt-4o-mini",
        description="Chat model for answers: a model name for OpenAI or OPENAI_BASE_URL, or "
        "'local:/path/to/model.gguf' for an in-process llama.cpp server.",
    )
    llm_max_tokens: int = Field(default=700, ge=16, description="Longest answer, in tokens.")
    llm_timeout: float = Field(
        default=60.0,
        gt=0,
        description="Seconds to wait for the model server's reply, and between two streamed "
        "tokens, before giving up (connecting waits at most 5 s).",
    )
    max_question_chars: int = Field(
        default=2000, ge=1, description="Longest question accepted, in characters."
    )
    local_context: int = Field(default=8192, ge=512, description="Context size of a local model.")
    collection: str = Field(
        default="lawqa",
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{1,40}$",
        description="Chroma collection name prefix (one collection per language).",
    )
    chroma_host: str | None = Field(
        default=None, validation_alias=AliasChoices("CHROMA_HOST", "chroma_host")
    )
    chroma_port: int = Field(
        default=8000, validation_alias=AliasChoices("CHROMA_PORT", "chroma_port")
    )
    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "openai_api_key")
    )
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "openai_base_url")
    )

    @field_validator("chroma_host", "openai_api_key", "openai_base_url", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def answer_mode(self) -> Mode:
        """local (LAWQA_LLM=local:…), llm (OpenAI or a compatible server) or extractive."""
        if self.llm.startswith("local:"):
            return Mode.LOCAL
        if self.openai_api_key is not None or self.openai_base_url is not None:
            return Mode.LLM
        return Mode.EXTRACTIVE

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)
