"""The project's vocabulary: every package speaks these types.

A `Document` is metadata plus an ordered tuple of `Unit`s, one per numbered paragraph (article or
item) of the source, in one or both languages. A `Chunk` is what the index embeds: a unit, or a
part of a long one. Ids derive from content, so re-ingesting unchanged text is a no-op.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, Lang] = ("zh", "en")


def other_language(lang: Lang) -> Lang:
    return "en" if lang == "zh" else "zh"


Span = tuple[int, int]


def content_hash(*parts: str) -> str:
    """A stable hash of text parts (hex sha256)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


@dataclass(frozen=True)
class DocumentMeta:
    """What the document says about itself (all optional: many sources omit some)."""

    title_zh: str = ""
    title_en: str = ""
    subtitle_zh: str = ""
    subtitle_en: str = ""
    doc_number_zh: str = ""
    doc_number_en: str = ""
    issuer_zh: str = ""
    issuer_en: str = ""
    promulgated: str = ""
    effective: str = ""
    validity_zh: str = ""
    validity_en: str = ""

    @property
    def title(self) -> str:
        return self.title_zh or self.title_en


@dataclass(frozen=True)
class Unit:
    """One numbered paragraph (with all its following paragraphs), or the preamble."""

    label: str
    display_zh: str = ""
    display_en: str = ""
    heading_zh: str = ""
    heading_en: str = ""
    text_zh: str = ""
    text_en: str = ""
    spans_zh: tuple[Span, ...] = ()
    spans_en: tuple[Span, ...] = ()

    def text(self, lang: Lang) -> str:
        return self.text_zh if lang == "zh" else self.text_en

    @property
    def bilingual(self) -> bool:
        return bool(self.text_zh and self.text_en)

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "display_zh": self.display_zh,
            "display_en": self.display_en,
            "heading_zh": self.heading_zh,
            "heading_en": self.heading_en,
            "text_zh": self.text_zh,
            "text_en": self.text_en,
            "spans": {
                "zh": [list(s) for s in self.spans_zh],
                "en": [list(s) for s in self.spans_en],
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Unit:
        spans = data.get("spans") or {}
        return cls(
            label=data["label"],
            display_zh=data.get("display_zh", ""),
            display_en=data.get("display_en", ""),
            heading_zh=data.get("heading_zh", ""),
            heading_en=data.get("heading_en", ""),
            text_zh=data.get("text_zh", ""),
            text_en=data.get("text_en", ""),
            spans_zh=tuple((int(a), int(b)) for a, b in spans.get("zh", [])),
            spans_en=tuple((int(a), int(b)) for a, b in spans.get("en", [])),
        )


@dataclass(frozen=True)
class Document:
    doc_id: str
    meta: DocumentMeta
    units: tuple[Unit, ...]
    source_path: str
    content_hash: str
    translation_path: str = ""
    file_type: str = ""
    encoding: str = ""
    layout: str = ""
    warnings: tuple[str, ...] = field(default=())

    @property
    def title(self) -> str:
        return self.meta.title or self.source_path.rsplit("/", 1)[-1]

    def unit(self, label: str) -> Unit | None:
        return next((u for u in self.units if u.label == label), None)

    def metadata_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            **asdict(self.meta),
            "source_path": self.source_path,
            "translation_path": self.translation_path,
            "content_hash": self.content_hash,
            "file_type": self.file_type,
            "encoding": self.encoding,
            "layout": self.layout,
        }

    @classmethod
    def from_metadata_json(
        cls, data: dict[str, Any], units: tuple[Unit, ...] = (), warnings: tuple[str, ...] = ()
    ) -> Document:
        meta_fields = {f: data.get(f, "") for f in DocumentMeta.__dataclass_fields__}
        return cls(
            doc_id=data["doc_id"],
            meta=DocumentMeta(**meta_fields),
            units=units,
            source_path=data.get("source_path", ""),
            content_hash=data.get("content_hash", ""),
            translation_path=data.get("translation_path", ""),
            file_type=data.get("file_type", ""),
            encoding=data.get("encoding", ""),
            layout=data.get("layout", ""),
            warnings=warnings,
        )


def chunk_unit(chunk_id: str) -> tuple[str, str]:
    """The (doc_id, label) of the unit a chunk id (`Chunk.chunk_id`) belongs to."""
    doc_id, label, _part = chunk_id.rsplit(":", 2)
    return doc_id, label


@dataclass(frozen=True)
class Chunk:
    """The indexed piece of a unit: the unit itself, or part `part` of a long one."""

    doc_id: str
    label: str
    part: int
    heading_zh: str
    heading_en: str
    text_zh: str
    text_en: str

    @property
    def chunk_id(self) -> str:
        return f"{self.doc_id}:{self.label}:{self.part}"

    @property
    def content_hash(self) -> str:
        return content_hash(self.heading_zh, self.heading_en, self.text_zh, self.text_en)

    def text(self, lang: Lang) -> str:
        return self.text_zh if lang == "zh" else self.text_en

    def heading(self, lang: Lang) -> str:
        return self.heading_zh if lang == "zh" else self.heading_en


@dataclass(frozen=True)
class Hit:
    """One retrieved unit, with the evidence retrieval found for it."""

    doc_id: str
    label: str
    # fused score: its lists' weighted z-scores, plus the named-document and kind preferences
    score: float
    dense: float = 0.0  # best cosine similarity of its chunks (either language)
    keyword: float = 0.0  # best BM25 score of its chunks (the dictionary list's included)
    dense_rank: int = 0  # 1-based rank in the dense list (0: not in it)
    keyword_rank: int = 0  # 1-based best rank among the keyword lists (0: not in them)


@dataclass(frozen=True)
class Source:
    """A retrieved unit as the answerer sees it: numbered [n], with its document."""

    n: int
    hit: Hit
    document: Document
    unit: Unit


@dataclass(frozen=True)
class Citation:
    n: int
    doc_id: str
    doc_title: str
    label: str
    display_zh: str
    display_en: str
    text_zh: str
    text_en: str
    quote: str | None
    verified: bool
    # A verified quote in both languages: the cited unit's own text where the quote was found,
    # and the sentences aligned with it in the other language (`rag.alignment`).
    quote_zh: str | None = None
    quote_en: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        verified = data.pop("verified")
        return {**data, "verified": verified}  # quote, quote_zh, quote_en side by side


class Outcome(StrEnum):
    """What an answer is: the answer, a statement that the documents leave the asked detail out,
    or a refusal because nothing relevant was found."""

    ANSWERED = "answered"
    NOT_STATED = "not_stated"
    NOT_ADDRESSED = "not_addressed"


class Mode(StrEnum):
    """How answers are written: each mode is added here, and the CLI, the settings and the web
    chat read it from here."""

    LLM = "llm"  # a chat model over OpenAI or a compatible server
    LOCAL = "local"  # the same, through an in-process llama.cpp server (LAWQA_LLM=local:…)
    EXTRACTIVE = "extractive"  # quotes from the retrieved units only


@dataclass(frozen=True)
class Answer:
    question: str
    language: Lang
    mode: str  # a Mode
    answer: str
    outcome: Outcome
    citations: tuple[Citation, ...]
    sources: tuple[Source, ...]
    unsupported_sentences: tuple[str, ...] = ()
    removed_markers: tuple[str, ...] = ()
    timings_ms: dict[str, float] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def refused(self) -> bool:
        """True for both non-answers (not stated, not addressed)."""
        return self.outcome != Outcome.ANSWERED

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "language": self.language,
            "mode": self.mode,
            "answer": self.answer,
            "outcome": str(self.outcome),
            "refused": self.refused,
            "citations": [c.to_json() for c in self.citations],
            "retrieved": [
                {
                    "doc_id": s.document.doc_id,
                    "doc_title": s.document.title,
                    "label": s.unit.label,
                    "score": round(s.hit.score, 6),
                }
                for s in self.sources
            ],
            "unsupported_sentences": list(self.unsupported_sentences),
            "removed_markers": list(self.removed_markers),
            "notes": list(self.notes),
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
        }
