"""Chroma, embedded on disk by default or a server when CHROMA_HOST is set.

One collection per language for chunks: each chunk's Chinese side and English side are separate
vectors that carry the same chunk id, so a question meets text in its own language and, through
the cross-lingual embedder, text in the other. One collection per language for sentences
(`rag.sentences.unit_sentences` of each unit side), read by the answerer and the decision so that
a question embeds nothing but itself; a sentence's id ends in a hash of its text, so a sentence
the splitter now cuts differently is simply not found (and embedded when asked for).
Each collection records the embedder that filled it; opening it with another embedder is an
error, not silent garbage. Chroma holds the vectors and their document id and label only: the
texts live in the manifest, and storing them again would make Chroma index them for full-text
search, which took most of the write time.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np

from rag.settings import Settings
from rag.types import LANGS, Lang

WRITE_BATCH = 1000
log = logging.getLogger(__name__)


class RecordKind(StrEnum):
    CHUNK = "chunk"
    SENTENCE = "sentence"


class VectorStoreError(RuntimeError):
    pass


@dataclass(frozen=True)
class VectorRecord:
    record_id: str  # a chunk id, or a sentence id (`sentence_id`)
    doc_id: str
    label: str
    lang: Lang
    vector: np.ndarray
    kind: RecordKind = RecordKind.CHUNK


@dataclass(frozen=True)
class VectorHit:
    record_id: str
    doc_id: str
    label: str
    similarity: float


def sentence_id(doc_id: str, label: str, side: Lang, n: int, text: str) -> str:
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return f"{doc_id}:{label}:{side}:{n}:{digest}"


def _client(settings: Settings) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_host:
        try:
            return chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
        except Exception as exc:  # chromadb raises bare exceptions for connection problems
            raise VectorStoreError(
                f"cannot reach the Chroma server at {settings.chroma_host}:{settings.chroma_port} "
                f"({exc})"
            ) from None
    path = Path(settings.home) / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


class VectorStore:
    def __init__(self, settings: Settings, embedder_name: str, dim: int) -> None:
        self._client = _client(settings)
        names = {
            RecordKind.CHUNK: settings.collection,
            RecordKind.SENTENCE: f"{settings.collection}_sentences",
        }
        self._collections = {
            (kind, lang): self._collection(f"{name}_{lang}", embedder_name, dim)
            for kind, name in names.items()
            for lang in LANGS
        }

    def _collection(self, name: str, embedder_name: str, dim: int) -> Any:
        collection = self._client.get_or_create_collection(
            name=name,
            metadata={"embedder": embedder_name, "dim": dim},
            configuration={"hnsw": {"space": "cosine", "ef_search": 200}},
            embedding_function=None,
        )
        meta = collection.metadata or {}
        if meta.get("embedder") != embedder_name or int(meta.get("dim", dim)) != dim:
            raise VectorStoreError(
                f"this index was built with the embedder '{meta.get('embedder')}' "
                f"({meta.get('dim')}-d) but LAWQA_EMBEDDER is '{embedder_name}' ({dim}-d): "
                "use the same embedder, or ingest into a new LAWQA_HOME"
            )
        return collection

    def add(self, records: Sequence[VectorRecord]) -> None:
        for (kind, lang), collection in self._collections.items():
            rows = [r for r in records if r.lang == lang and r.kind == kind]
            for start in range(0, len(rows), WRITE_BATCH):
                batch = rows[start : start + WRITE_BATCH]
                collection.upsert(
                    ids=[r.record_id for r in batch],
                    embeddings=np.vstack([r.vector for r in batch]),
                    metadatas=[{"doc_id": r.doc_id, "label": r.label} for r in batch],
                )

    def delete_documents(self, doc_ids: Sequence[str]) -> None:
        if not doc_ids:
            return
        for collection in self._collections.values():
            collection.delete(where={"doc_id": {"$in": list(doc_ids)}})

    def doc_ids(self) -> set[str]:
        found: set[str] = set()
        for collection in self._collections.values():
            offset = 0
            while True:
                page = collection.get(include=["metadatas"], limit=5000, offset=offset)
                found.update(str(m["doc_id"]) for m in page["metadatas"] or [])
                if len(page["ids"]) < 5000:
                    break
                offset += 5000
        return found

    def ids(self, lang: Lang, kind: RecordKind = RecordKind.CHUNK) -> list[str]:
        return sorted(self._collections[(kind, lang)].get(include=[])["ids"])

    def count(self, lang: Lang, kind: RecordKind = RecordKind.CHUNK) -> int:
        return int(self._collections[(kind, lang)].count())

    def vectors(self, lang: Lang, ids: Sequence[str], kind: RecordKind) -> dict[str, np.ndarray]:
        """The stored vectors of those ids that are stored."""
        if not ids:
            return {}
        found = self._collections[(kind, lang)].get(ids=list(ids), include=["embeddings"])
        return {
            record_id: np.asarray(vector, dtype=np.float32)
            for record_id, vector in zip(found["ids"], found["embeddings"], strict=True)
        }

    def search(
        self,
        lang: Lang,
        vector: np.ndarray,
        k: int,
        doc_ids: Sequence[str] | None = None,
        kind: RecordKind = RecordKind.CHUNK,
    ) -> list[VectorHit]:
        collection = self._collections[(kind, lang)]
        total = collection.count()
        if total == 0:
            return []
        where = None
        if doc_ids is not None:
            where = (
                {"doc_id": {"$in": list(doc_ids)}}
                if len(doc_ids) != 1
                else {"doc_id": next(iter(doc_ids))}
            )
        result = collection.query(
            query_embeddings=[vector],
            n_results=min(k, total),
            where=where,
            include=["metadatas", "distances"],
        )
        hits = []
        for chunk_id, meta, distance in zip(
            result["ids"][0], result["metadatas"][0], result["distances"][0], strict=True
        ):
            hits.append(
                VectorHit(chunk_id, str(meta["doc_id"]), str(meta["label"]), 1.0 - float(distance))
            )
        return hits
