"""One settings object, read from the environment and `.env`.

Product settings carry the `LAWQA_` prefix; the standard `OPENAI_*` and `CHROMA_*` names are read
as they are, so that tools configured for those services need nothing new. The knobs of one part
are grouped (`retrieval`, `answer`, `calibration`) and set by `LAWQA_<GROUP>__<NAME>`, e.g.
`LAWQA_RETRIEVAL__KEYWORD_WEIGHT=0.5`; each says in its description which measurement chose its
default, or that none did.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Self, get_args

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

from rag.types import Mode

ENV_PREFIX = "LAWQA_"
NESTED_DELIMITER = "__"


class SettingsError(ValueError):
    """A component given a setting it cannot work with: str() names the setting and its
    environment variable."""


class SettingsGroup(BaseModel):
    """The settings of one part, a field of `Settings`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def checked(self) -> Self:
        """These settings checked against their bounds again, for the component built from them:
        a copy made with `model_copy(update=...)` or `model_construct` skips the check."""
        try:
            return type(self).model_validate(self.model_dump())
        except ValidationError as exc:
            group = _group_name(type(self))
            problems = "; ".join(
                f"{group}.{e['loc'][0]} = {e['input']!r}: {e['msg']} "
                f"({env_name(group, str(e['loc'][0]))})"
                for e in exc.errors()
            )
            raise SettingsError(f"invalid setting: {problems}") from None


def _empty_is_none(value: object) -> object:
    """An empty or blank variable (`KEY=` in .env) leaves an optional setting unset."""
    return None if isinstance(value, str) and not value.strip() else value


# The keyword weight of each embedder when LAWQA_RETRIEVAL__KEYWORD_WEIGHT is unset, chosen leaving
# one development set out (8 sets on 7 corpora, recall@1 + MRR@10, on that embedder's own indexes):
# 0.25 with e5+use and 0.5 with use were the best on the other sets for all 8 folds. An embedder
# not listed gets 0.25.
KEYWORD_WEIGHTS = {"use": 0.5}
DEFAULT_KEYWORD_WEIGHT = 0.25


class RetrievalSettings(SettingsGroup):
    """How retrieval ranks units (`rag.retrieval`)."""

    dense_weight: float = Field(
        default=1.0,
        ge=0,
        description="Weight of the dense list over chunks in the fusion (a weighted sum of each "
        "list's z-scores). Chunk 1.0 / sentence 0.5 / keyword 0.25 was the best on the other "
        "sets for 6 of 7 development sets, each left out (6 corpora, e5+use, recall@1 + MRR@10; "
        "see rag/retrieval.py), and for all 8 with an eighth set written later.",
    )
    keyword_weight: float | None = Field(
        default=None,
        ge=0,
        description="Weight of each BM25 list, before it is scaled by the share of the corpus "
        "the list can see; unset: the embedder's own (KEYWORD_WEIGHTS in rag/settings.py: 0.25, "
        "and 0.5 for `use`, whose vectors are weaker). Chosen with dense_weight (left-out sets, "
        "for each embedder on its own indexes).",
    )
    sentence_weight: float = Field(
        default=0.5,
        ge=0,
        description="Weight of the dense list over sentences (a unit scored by its closest "
        "sentence); 0 turns the list off. Chosen with dense_weight (left-out sets).",
    )
    candidates: int = Field(
        default=100,
        gt=0,
        description="Units each list contributes before fusion, whatever the number of sources "
        "asked for, so `lawqa ask --k 5` and `lawqa eval` (which ranks 100 for recall@100) rank "
        "a question alike; a call asking for more sources widens the lists to that number. "
        "100, the deepest any command asks: on the cross-lingual set over four statutes (53 "
        "questions, e5+use) the first 10 units, every outcome and every extractive answer were "
        "the same with 50, 100 and 400 (what `ask` and `eval` used before), and so was the "
        "sample's gate.",
    )
    sentence_depth: int = Field(
        default=4,
        gt=0,
        description="Sentences searched per unit candidate (a unit has several): the sentence "
        "list searches sentence_depth × candidates sentences per language. Not tuned.",
    )
    bridge_terms: int = Field(
        default=2,
        ge=0,
        description="Chinese words searched for each English word or phrase of a question with "
        "no Chinese (`rag.bridge`, CC-CEDICT read backwards): the Chinese keyword list of an "
        "English question, weighed as any keyword list; 0 turns the bridge off. 2 was set "
        "before measuring, not tuned.",
    )
    name_weight: float = Field(
        default=4.0,
        ge=0,
        description="Added to the fused score of every unit of a document the question names "
        "(《劳动合同法》, 根据劳动合同法…, an English title; `rag.naming`), whose units are also "
        "searched on their own; 0 turns it off (and the notes on named titles). 4.0: STARD's "
        "questions over all of LawRefBook (`use`), each prefixed with its law's name (根据《X》，"
        "… / X规定，…) or with another law's, the three weighing alike: the best MRR@10 of 0, 2, "
        "4, 6 on each half of the questions (a gold article in the first ten, naming the right "
        "law: 0.46 → 0.64; a wrong one: 0.27 → 0.25; 6 gave 0.66 and 0.23).",
    )
    kind_weight: float = Field(
        default=0.25,
        ge=0,
        description="Added to the fused score of each of the first ten units that holds a span "
        "of what a question asks for (a time limit, an amount, a body, a date…; `rag.kinds`); 0 "
        "turns it off. 0.25 (a quarter of a standard deviation of the dense list) never lost a "
        "question on 7 development sets (gained 3; larger values lost on one), and was set "
        "before its first run on an eighth set on four more statutes, where it gained 3 of 38 "
        "at recall@1.",
    )

    _empty_is_unset = field_validator("keyword_weight", mode="before")(_empty_is_none)

    def keyword_weight_for(self, embedder: str) -> float:
        """The keyword weight used with an embedder: the one set, else the embedder's own."""
        if self.keyword_weight is not None:
            return self.keyword_weight
        return KEYWORD_WEIGHTS.get(embedder, DEFAULT_KEYWORD_WEIGHT)


class AnswerSettings(SettingsGroup):
    """What the extractive answerer quotes (`rag.extractive`) and what a not-stated answer
    cites (`rag.assistant`). Set when the answerer was written and not tuned since: no
    measurement chose these values."""

    max_sources: int = Field(
        default=4,
        gt=0,
        description="Sources (in rank order) whose sentences the extractive answer may quote. "
        "Set when the answerer was written, not tuned.",
    )
    max_sentences: int = Field(
        default=3,
        gt=0,
        description="Most quotes in an extractive answer (the best sentence of a source each; "
        "for a specific detail, further sentences of those sources stating it while there is "
        "room), besides the first source's, which an open question always quotes. "
        "Set when the answerer was written, not tuned.",
    )
    spread_margin: float = Field(
        default=0.5,
        ge=0,
        description="A further source is quoted when its best sentence scores within this many "
        "standard deviations (of all candidate sentences' scores) of the best one: scale-free "
        "across embedders. Not tuned.",
    )
    word_bonus: float = Field(
        default=0.2,
        ge=0,
        description="Added to a quote's similarity to the question, times the share of the "
        "question's words it holds: ranks a quote that names what was asked above one that is "
        "only close in meaning. Not tuned.",
    )
    cite_share: float = Field(
        default=0.8,
        gt=0,
        le=1,
        description="A not-stated answer cites the sources whose best sentence covers at least "
        "this share of what the best sentence covers: the passages on the topic, not every one "
        "that shares a word with it. Not tuned.",
    )


class CalibrationSettings(SettingsGroup):
    """How `make calibrate` (eval/calibrate.py) fits the answer-or-decline decision."""

    max_false_refusals: float = Field(
        default=0.05,
        ge=0,
        le=1,
        description="Share of the answerable questions the topic model may decline: the "
        "threshold is the most accurate one within this budget.",
    )
    l2: float = Field(
        default=1.0,
        ge=0,
        description="L2 penalty of the logistic regression, on standardised features.",
    )
    k: int = Field(
        default=5,
        gt=0,
        description="Sources retrieved per question while fitting, as `lawqa ask` gives by "
        "default.",
    )
    target_recall: float = Field(
        default=0.85,
        ge=0,
        le=1,
        description="Refusal recall a held-out corpus is asked to reach: its report says how "
        "few false refusals any threshold would need for it. The product's target, not chosen by "
        "a measurement.",
    )


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter=NESTED_DELIMITER,
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
    retrieval: RetrievalSettings = Field(
        default_factory=RetrievalSettings, description="How retrieval ranks units."
    )
    answer: AnswerSettings = Field(
        default_factory=AnswerSettings, description="What an extractive answer quotes."
    )
    calibration: CalibrationSettings = Field(
        default_factory=CalibrationSettings,
        description="How `make calibrate` fits the answer-or-decline decision.",
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

    _empty_is_unset = field_validator(
        "chroma_host", "openai_api_key", "openai_base_url", mode="before"
    )(_empty_is_none)

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

    def recorded(self) -> dict[str, Any]:
        """The settings as JSON values without the secrets: what an evaluation or a fitted
        model records it was made with."""
        secrets = {
            name
            for name, info in type(self).model_fields.items()
            if info.annotation is SecretStr or SecretStr in get_args(info.annotation)
        }
        recorded = self.model_dump(mode="json", exclude=secrets)
        recorded["retrieval"]["keyword_weight"] = self.retrieval.keyword_weight_for(self.embedder)
        return recorded

    def environment(self) -> dict[str, str]:
        """The recorded settings as the environment variables that set them (what .env holds)."""
        variables: dict[str, str] = {}
        for name, value in self.recorded().items():
            if isinstance(value, dict):
                variables.update({env_name(name, k): _env_value(v) for k, v in value.items()})
            else:
                variables[env_name(name)] = _env_value(value)
        return variables


def env_name(field: str, nested: str | None = None) -> str:
    """The environment variable of a setting (`retrieval`, `keyword_weight` →
    LAWQA_RETRIEVAL__KEYWORD_WEIGHT; the standard names as they are)."""
    alias = Settings.model_fields[field].validation_alias
    if isinstance(alias, AliasChoices):
        return str(alias.choices[0])
    name = f"{ENV_PREFIX}{field.upper()}"
    return name if nested is None else f"{name}{NESTED_DELIMITER}{nested.upper()}"


def _group_name(group: type[SettingsGroup]) -> str:
    return next(n for n, info in Settings.model_fields.items() if info.annotation is group)


def _env_value(value: object) -> str:
    return "" if value is None else str(value)
