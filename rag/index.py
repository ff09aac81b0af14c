"""The index: manifest (SQLite) + vectors (Chroma) + keywords (BM25), kept in step.

Adding a document embeds both language sides of its chunks and every sentence of its units
(`rag.sentences.unit_sentences`), writes the vectors, then commits the manifest rows in one
transaction that also drops the version it replaces; only then are the old vectors deleted. A
crash before the commit leaves the previous version served (the new vectors are orphans that
retrieval ignores and `collect_garbage` deletes).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

import numpy as np

from rag.embedders import Embedder, make_embedder
from rag.keyword import ENGLISH_TOKENS, KeywordIndex, restem, tokenize
from rag.manifest import IndexedChunk, Manifest
from rag.sentences import unit_sentences
from rag.settings import Settings
from rag.types import LANGS, Chunk, Document, Lang, Unit, chunk_unit
from rag.vectors import RecordKind, VectorHit, VectorRecord, VectorStore, sentence_id


def embedding_text(chunk: Chunk, lang: Lang) -> str:
    """What is embedded for one side of a chunk: its heading path, then its text."""
    text = chunk.text(lang)
    heading = chunk.heading(lang)
    return f"{heading}\n{text}" if heading and text else text


def embedding_inputs(
    documents: Sequence[tuple[Document, list[Chunk]]],
) -> list[tuple[VectorRecord, str]]:
    """What is embedded for these documents: each side of each chunk, and each sentence of each
    side of each unit; each with the record that will carry its vector (still empty)."""
    empty = np.zeros(0, dtype=np.float32)
    inputs = [
        (VectorRecord(c.chunk_id, c.doc_id, c.label, lang, empty), embedding_text(c, lang))
        for _, chunks in documents
        for c in chunks
        for lang in LANGS
        if c.text(lang)
    ]
    inputs += [
        (
            VectorRecord(
                sentence_id(document.doc_id, unit.label, side, s.n, s.text),
                document.doc_id,
                unit.label,
                side,
                empty,
                RecordKind.SENTENCE,
            ),
            s.text,
        )
        for document, _ in documents
        for unit in document.units
        for side in LANGS
        for s in unit_sentences(unit.text(side), side)
    ]
    return inputs


SENTENCE_CACHE = 16384  # sentence vectors remembered (a few MB; the top units' of ~100 questions)
DOCUMENT_CACHE = 32  # documents' chunk vectors remembered, per language (民法典's parts: 2.6 MB)


@dataclass(frozen=True)
class DocumentCounts:
    units: int
    pairs: int
    chunks: int


class Index:
    """The one way to the stores: callers read and write through these methods, never the
    manifest, the vector store or the keyword index themselves."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.home = Path(settings.home)
        self.embedder = embedder or make_embedder(settings)
        self._manifest = Manifest(self.home / "manifest.sqlite")
        self._vectors = VectorStore(settings, self.embedder.name, self.embedder.dim)
        self._manifest.retokenize_english(ENGLISH_TOKENS, restem)
        self._keywords = KeywordIndex(self.home, self._manifest)
        self._catalog: tuple[int, Mapping[str, Document]] = (-1, MappingProxyType({}))
        self._catalog_lock = threading.Lock()
        self._sentence_cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._sentence_lock = threading.Lock()
        self._document_cache: OrderedDict[tuple[int, Lang, str], tuple[list[str], np.ndarray]]
        self._document_cache = OrderedDict()
        self._document_lock = threading.Lock()

    def close(self) -> None:
        self._manifest.close()

    # ------------------------------------------------------------------ reading

    def documents(self) -> list[Document]:
        return self._manifest.documents()

    def catalog(self) -> Mapping[str, Document]:
        """Every document's metadata (without units) by id, in manifest order.

        Read from the manifest once per manifest generation, which every ingest and removal
        bumps (in this process or another), so a question costs one read of the generation
        instead of every document's metadata."""
        generation = self._manifest.generation()
        cached_generation, catalog = self._catalog
        if cached_generation == generation:
            return catalog
        with self._catalog_lock:
            if self._catalog[0] != generation:
                # Read after the generation: a commit in between only makes the next call read
                # again, never serves an old list under a new generation.
                documents = {d.doc_id: d for d in self._manifest.documents()}
                self._catalog = (generation, MappingProxyType(documents))
            return self._catalog[1]

    def document(self, doc_id: str) -> Document | None:
        """A document with its units."""
        stored = self._manifest.document(doc_id)
        if stored is None:
            return None
        return replace(stored, units=tuple(self.units(doc_id)))

    def doc_ids(self) -> set[str]:
        """The ids of every document the index serves."""
        return self._manifest.doc_ids()

    def documents_from_source(self, source_path: str) -> list[Document]:
        """The documents (without units) ingested from the file at `source_path` (resolved)."""
        return self._manifest.docs_from_source(source_path)

    def units(self, doc_id: str, first: int | None = None) -> list[Unit]:
        """A document's units, in document order (its `first` ones, when given)."""
        return self._manifest.units(doc_id, first)

    def counts(self, doc_id: str) -> DocumentCounts:
        return DocumentCounts(*self._manifest.counts(doc_id))

    def unit(self, doc_id: str, label: str) -> Unit | None:
        return self._manifest.unit(doc_id, label)

    def search_chunks(
        self, lang: Lang, vector: np.ndarray, k: int, doc_ids: Sequence[str] | None = None
    ) -> list[VectorHit]:
        """The k chunk sides of one language nearest to the vector."""
        return self._vectors.search(lang, vector, k, doc_ids, RecordKind.CHUNK)

    def search_sentences(
        self, lang: Lang, vector: np.ndarray, k: int, doc_ids: Sequence[str] | None = None
    ) -> list[VectorHit]:
        """The k sentences of one language side nearest to the vector."""
        return self._vectors.search(lang, vector, k, doc_ids, RecordKind.SENTENCE)

    def chunks_within(
        self, lang: Lang, vector: np.ndarray, doc_ids: Sequence[str]
    ) -> list[VectorHit]:
        """Each chunk of these documents that has text in `lang`, with its similarity to the
        vector: exact, from the stored vectors read by id and remembered per document (a search
        of the vector index filtered to a few documents took 70–260 ms on LawRefBook; reading
        one law's vectors a few ms, and 民法典's 1,261 chunks 150 ms the first time)."""
        hits = []
        for doc_id in doc_ids:
            ids, matrix = self._document_vectors(lang, doc_id)
            for chunk_id, similarity in zip(ids, matrix @ vector if ids else (), strict=True):
                hits.append(VectorHit(chunk_id, *chunk_unit(chunk_id), float(similarity)))
        return hits

    def _document_vectors(self, lang: Lang, doc_id: str) -> tuple[list[str], np.ndarray]:
        key = (self._manifest.generation(), lang, doc_id)  # a new generation reads anew
        with self._document_lock:
            if key in self._document_cache:
                self._document_cache.move_to_end(key)
                return self._document_cache[key]
        ids = self._manifest.chunk_ids(doc_id)
        stored = self._vectors.vectors(lang, ids, RecordKind.CHUNK)
        found = [i for i in ids if i in stored]
        entry = (found, np.vstack([stored[i] for i in found]) if found else np.zeros((0, 0)))
        with self._document_lock:
            self._document_cache[key] = entry
            while len(self._document_cache) > DOCUMENT_CACHE:
                self._document_cache.popitem(last=False)
        return entry

    def search_keywords(
        self, lang: Lang, tokens: list[str], k: int, doc_ids: set[str] | None = None
    ) -> list[tuple[str, float]]:
        """The k chunks of one language best matching the tokens by BM25: (chunk id, score)."""
        return self._keywords.search(lang, tokens, k, doc_ids)

    def keyword_coverage(self, lang: Lang) -> float:
        """The share of chunks that have text in `lang` (what its keyword list can see)."""
        return self._keywords.coverage(lang)

    def keyword_count(self, lang: Lang) -> int:
        """Chunks with text in `lang`."""
        return self._keywords.size(lang)

    def keyword_frequency(self, lang: Lang, token: str) -> int:
        """How many chunks of `lang` contain the token."""
        return self._keywords.document_frequency(lang, token)

    def sentence_vectors(
        self, units: Sequence[tuple[str, Unit]]
    ) -> dict[tuple[str, str, Lang, int], np.ndarray]:
        """The vectors of the sentences of these (doc_id, unit) pairs, both sides, by (doc_id,
        label, side, sentence number): stored at ingest. Remembered by sentence id (the id holds
        the document and a hash of the text, so a remembered vector never goes stale): the
        decision and the answerer read the same top units for one question, and questions
        recur. A sentence the store lacks (an index written before sentences were stored, or by
        another splitter) is embedded here, once."""
        wanted: dict[str, tuple[tuple[str, str, Lang, int], Lang, str]] = {
            sentence_id(doc_id, unit.label, side, s.n, s.text): (
                (doc_id, unit.label, side, s.n),
                side,
                s.text,
            )
            for side in LANGS
            for doc_id, unit in units
            for s in unit_sentences(unit.text(side), side)
        }
        with self._sentence_lock:
            unknown = [i for i in wanted if i not in self._sentence_cache]
            for side in LANGS:
                ids = [i for i in unknown if wanted[i][1] == side]
                self._sentence_cache.update(self._vectors.vectors(side, ids, RecordKind.SENTENCE))
            unstored = [i for i in unknown if i not in self._sentence_cache]
            if unstored:
                vectors = self.embedder.embed_documents([wanted[i][2] for i in unstored])
                self._sentence_cache.update(zip(unstored, vectors, strict=True))
            found = {key: self._sentence_cache[i] for i, (key, _, _) in wanted.items()}
            for record_id in wanted:
                self._sentence_cache.move_to_end(record_id)
            while len(self._sentence_cache) > SENTENCE_CACHE:
                self._sentence_cache.popitem(last=False)
        return found

    # ------------------------------------------------------------------ writing

    def add_documents(
        self,
        documents: Sequence[tuple[Document, list[Chunk]]],
        replaces: Sequence[str] = (),
    ) -> None:
        """Index documents (all or nothing) and drop the documents they replace."""
        # Every text in one call: the embedder batches them by length and embeds a text that
        # occurs more than once (in two documents, in both languages, a one-sentence unit) once.
        inputs = embedding_inputs(documents)
        vectors = self.embedder.embed_documents([text for _, text in inputs])
        records = [
            replace(record, vector=vector)
            for (record, _), vector in zip(inputs, vectors, strict=True)
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
        self._vectors.add(records)
        new_ids = {document.doc_id for document, _ in documents}
        stale = [doc_id for doc_id in replaces if doc_id not in new_ids]
        self._manifest.replace(indexed, stale)
        self._vectors.delete_documents(stale)

    def remove(self, doc_id: str) -> bool:
        found = self._manifest.remove(doc_id)
        self._vectors.delete_documents([doc_id])
        self._keywords.refresh()
        return found

    def collect_garbage(self) -> int:
        """Delete vectors of documents the manifest does not hold (left by an interrupted run)."""
        orphans = sorted(self._vectors.doc_ids() - self._manifest.doc_ids())
        self._vectors.delete_documents(orphans)
        return len(orphans)

    def refresh_keywords(self) -> None:
        self._keywords.refresh()
