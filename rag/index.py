"""The index: manifest (SQLite) + vectors (Chroma) + keywords (BM25), kept in step.

Adding a document embeds both language sides of its chunks, writes the vectors, then commits the
manifest rows in one transaction that also drops the version it replaces; only then are the old
vectors deleted. A crash before the commit leaves the previous version served (the new vectors
are orphans that retrieval ignores and `collect_garbage` deletes).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from rag.embedders import Embedder, make_embedder
from rag.keyword import KeywordIndex, tokenize
from rag.manifest import IndexedChunk, Manifest
from rag.settings import Settings
from rag.types import LANGS, Chunk, Document, Lang
from rag.vectors import VectorRecord, VectorStore


def embedding_text(chunk: Chunk, lang: Lang) -> str:
    """What is embedded for one side of a chunk: its heading path, then its text."""
    text = chunk.text(lang)
    heading = chunk.heading(lang)
    return f"{heading}\n{text}" if heading and text else text


@dataclass(frozen=True)
class DocumentCounts:
    units: int
    pairs: int
    chunks: int


class Index:
    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.home = Path(settings.home)
        self.embedder = embedder or make_embedder(settings)
        self.manifest = Manifest(self.home / "manifest.sqlite")
        self.vectors = VectorStore(settings, self.embedder.name, self.embedder.dim)
        self.keywords = KeywordIndex(self.home, self.manifest)
        self._catalog: tuple[int, Mapping[str, Document]] = (-1, MappingProxyType({}))
        self._catalog_lock = threading.Lock()

    def close(self) -> None:
        self.manifest.close()

    # ------------------------------------------------------------------ reading

    def documents(self) -> list[Document]:
        return self.manifest.documents()

    def catalog(self) -> Mapping[str, Document]:
        """Every document's metadata (without units) by id, in manifest order.

        Read from the manifest once per manifest generation, which every ingest and removal
        bumps (in this process or another), so a question costs one read of the generation
        instead of every document's metadata."""
        generation = self.manifest.generation()
        cached_generation, catalog = self._catalog
        if cached_generation == generation:
            return catalog
        with self._catalog_lock:
            if self._catalog[0] != generation:
                # Read after the generation: a commit in between only makes the next call read
                # again, never serves an old list under a new generation.
                documents = {d.doc_id: d for d in self.manifest.documents()}
                self._catalog = (generation, MappingProxyType(documents))
            return self._catalog[1]

    def document(self, doc_id: str) -> Document | None:
        """A document with its units."""
        stored = self.manifest.document(doc_id)
        if stored is None:
            return None
        return replace(stored, units=tuple(self.manifest.units(doc_id)))

    def counts(self, doc_id: str) -> DocumentCounts:
        return DocumentCounts(*self.manifest.counts(doc_id))

    # ------------------------------------------------------------------ writing

    def add_documents(
        self,
        documents: Sequence[tuple[Document, list[Chunk]]],
        replaces: Sequence[str] = (),
    ) -> None:
        """Index documents (all or nothing) and drop the documents they replace."""
        # Every side of every chunk in one call: the embedder batches them by length and
        # embeds a text that occurs more than once (in two documents, or in both languages) once.
        sides = [
            (c, lang) for _, chunks in documents for c in chunks for lang in LANGS if c.text(lang)
        ]
        vectors = self.embedder.embed_documents([embedding_text(c, lang) for c, lang in sides])
        records = [
            VectorRecord(c.chunk_id, c.doc_id, c.label, lang, v)
            for (c, lang), v in zip(sides, vectors, strict=True)
        ]
        indexed: list[tuple[Document, list[IndexedChunk]]] = []
        for document, chunks in documents:
            indexed.append(
                (
                    document,
                    [
                        IndexedChunk(
                            c,
                            tokenize(embedding_text(c, "zh"), "zh"),
                            tokenize(embedding_text(c, "en"), "en"),
                        )
                        for c in chunks
                    ],
                )
            )
        self.vectors.add(records)
        new_ids = {document.doc_id for document, _ in documents}
        stale = [doc_id for doc_id in replaces if doc_id not in new_ids]
        self.manifest.replace(indexed, stale)
        self.vectors.delete_documents(stale)

    def remove(self, doc_id: str) -> bool:
        found = self.manifest.remove(doc_id)
        self.vectors.delete_documents([doc_id])
        self.keywords.refresh()
        return found

    def collect_garbage(self) -> int:
        """Delete vectors of documents the manifest does not hold (left by an interrupted run)."""
        orphans = sorted(self.vectors.doc_ids() - self.manifest.doc_ids())
        self.vectors.delete_documents(orphans)
        return len(orphans)

    def refresh_keywords(self) -> None:
        self.keywords.refresh()
