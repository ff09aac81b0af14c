"""The document manifest: SQLite under LAWQA_HOME, the source of truth for what is indexed.

A document's rows (metadata, units, chunks with their keyword tokens) are written in one
transaction, together with the removal of the version it replaces, so readers see either the old
version or the new one, never half of either. Chroma vectors of documents that are not in the
manifest are invisible to retrieval and are collected by `lawqa ingest`.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rag.types import Chunk, Document, Lang, Unit

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    source_path TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    metadata TEXT NOT NULL,
    warnings TEXT NOT NULL,
    unit_count INTEGER NOT NULL,
    pair_count INTEGER NOT NULL,
    chunk_count INTEGER NOT NULL,
    ingested_at REAL NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source_path);
CREATE TABLE IF NOT EXISTS units (
    doc_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (doc_id, label)
);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    label TEXT NOT NULL,
    part INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    tokens_zh TEXT NOT NULL,
    tokens_en TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class IndexedChunk:
    chunk: Chunk
    tokens_zh: list[str]
    tokens_en: list[str]


class Manifest:
    """One SQLite connection per thread (the web app serves sessions from several threads)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._path = path
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.RLock()
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    @property
    def _db(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA busy_timeout=30000")
            self._local.connection = connection
            with self._lock:
                self._connections.append(connection)
        return connection

    def close(self) -> None:
        with self._lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()
        self._local = threading.local()

    # ------------------------------------------------------------------ reading

    def generation(self) -> int:
        row = self._db.execute("SELECT value FROM state WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    def documents(self) -> list[Document]:
        rows = self._db.execute(
            "SELECT metadata, warnings FROM documents ORDER BY position, doc_id"
        ).fetchall()
        return [_document(meta, warnings) for meta, warnings in rows]

    def document(self, doc_id: str) -> Document | None:
        row = self._db.execute(
            "SELECT metadata, warnings FROM documents WHERE doc_id=?", (doc_id,)
        ).fetchone()
        return _document(*row) if row else None

    def counts(self, doc_id: str) -> tuple[int, int, int]:
        """(units, bilingual pairs, chunks) of one document."""
        row = self._db.execute(
            "SELECT unit_count, pair_count, chunk_count FROM documents WHERE doc_id=?", (doc_id,)
        ).fetchone()
        return (int(row[0]), int(row[1]), int(row[2])) if row else (0, 0, 0)

    def doc_ids(self) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT doc_id FROM documents")}

    def docs_from_source(self, source_path: str) -> list[Document]:
        rows = self._db.execute(
            "SELECT metadata, warnings FROM documents WHERE source_path=?", (source_path,)
        ).fetchall()
        return [_document(meta, warnings) for meta, warnings in rows]

    def units(self, doc_id: str, first: int | None = None) -> list[Unit]:
        rows = self._db.execute(
            "SELECT data FROM units WHERE doc_id=? ORDER BY position LIMIT ?",
            (doc_id, -1 if first is None else first),  # LIMIT -1: all of them
        ).fetchall()
        return [Unit.from_json(json.loads(r[0])) for r in rows]

    def unit(self, doc_id: str, label: str) -> Unit | None:
        row = self._db.execute(
            "SELECT data FROM units WHERE doc_id=? AND label=?", (doc_id, label)
        ).fetchone()
        return Unit.from_json(json.loads(row[0])) if row else None

    def chunk_ids(self, doc_id: str | None = None) -> list[str]:
        if doc_id is None:
            return [r[0] for r in self._db.execute("SELECT chunk_id FROM chunks ORDER BY chunk_id")]
        return [
            r[0]
            for r in self._db.execute(
                "SELECT chunk_id FROM chunks WHERE doc_id=? ORDER BY chunk_id", (doc_id,)
            )
        ]

    def keyword_rows(self, lang: Lang) -> Iterator[tuple[str, str, list[str]]]:
        """(chunk_id, doc_id, tokens) of every chunk, in a stable order."""
        column = "tokens_zh" if lang == "zh" else "tokens_en"
        for chunk_id, doc_id, tokens in self._db.execute(
            f"SELECT chunk_id, doc_id, {column} FROM chunks ORDER BY chunk_id"
        ):
            yield chunk_id, doc_id, tokens.split(" ") if tokens else []

    def chunk_hashes(self, doc_id: str) -> dict[str, str]:
        return dict(
            self._db.execute("SELECT chunk_id, content_hash FROM chunks WHERE doc_id=?", (doc_id,))
        )

    # ------------------------------------------------------------------ writing

    def replace(
        self, documents: list[tuple[Document, list[IndexedChunk]]], remove: list[str]
    ) -> None:
        """Add `documents` and drop the documents `remove`, in one transaction."""
        with self._lock:
            cursor = self._db.cursor()
            cursor.execute("BEGIN IMMEDIATE")
            try:
                for doc_id in remove:
                    _delete(cursor, doc_id)
                position = cursor.execute(
                    "SELECT COALESCE(MAX(position), 0) FROM documents"
                ).fetchone()[0]
                for document, chunks in documents:
                    _delete(cursor, document.doc_id)
                    position += 1
                    _insert(cursor, document, chunks, position)
                _bump(cursor)
                cursor.execute("COMMIT")
            except BaseException:
                cursor.execute("ROLLBACK")
                raise

    def retokenize_english(self, version: int, restem: Callable[[list[str]], list[str]]) -> bool:
        """Bring the stored English keyword tokens up to the tokenizer `version`: an index whose
        tokens an older tokenizer stored has the chunks whose tokens `restem` changes rewritten,
        in one transaction that records the version and, when any changed, bumps the generation
        (the keyword index is rebuilt). The new tokens are computed before the write lock is
        taken; a manifest that cannot be written is left as it is, with a warning. True when
        tokens were rewritten."""
        recorded = self._english_tokens()
        if recorded is not None and recorded >= version:
            return False
        rows = self._db.execute("SELECT chunk_id, tokens_en FROM chunks").fetchall()
        updates = []
        for chunk_id, tokens in rows:
            current = " ".join(restem(tokens.split(" "))) if tokens else ""
            if current != tokens:
                updates.append((current, chunk_id, tokens))
        if updates:
            log.info("updating the English keyword tokens of %d chunks", len(updates))
        try:
            with self._lock:
                cursor = self._db.cursor()
                cursor.execute("BEGIN IMMEDIATE")
                try:
                    recorded = self._english_tokens()
                    changed = 0
                    if recorded is None or recorded < version:
                        # a chunk written meanwhile already has current tokens: only the old match
                        for update in updates:
                            cursor.execute(
                                "UPDATE chunks SET tokens_en=? WHERE chunk_id=? AND tokens_en=?",
                                update,
                            )
                            changed += cursor.rowcount
                        cursor.execute(
                            "INSERT INTO state VALUES ('english_tokens', ?) ON CONFLICT(key) DO "
                            "UPDATE SET value = excluded.value",
                            (str(version),),
                        )
                        if changed:
                            _bump(cursor)
                    cursor.execute("COMMIT")
                except BaseException:
                    cursor.execute("ROLLBACK")
                    raise
        except sqlite3.OperationalError as exc:
            if "readonly" not in str(exc):
                raise
            log.warning(
                "%s is read-only: its English keyword tokens stay those of an older version "
                "(British spellings and possessives are not folded)",
                self._path,
            )
            return False
        return changed > 0

    def _english_tokens(self) -> int | None:
        row = self._db.execute("SELECT value FROM state WHERE key='english_tokens'").fetchone()
        return None if row is None else int(row[0])

    def remove(self, doc_id: str) -> bool:
        with self._lock:
            cursor = self._db.cursor()
            cursor.execute("BEGIN IMMEDIATE")
            try:
                found = _delete(cursor, doc_id)
                if found:
                    _bump(cursor)
                cursor.execute("COMMIT")
            except BaseException:
                cursor.execute("ROLLBACK")
                raise
            return found


def _document(metadata: str, warnings: str) -> Document:
    return Document.from_metadata_json(json.loads(metadata), warnings=tuple(json.loads(warnings)))


def _delete(cursor: sqlite3.Cursor, doc_id: str) -> bool:
    found = cursor.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,)).rowcount > 0
    cursor.execute("DELETE FROM units WHERE doc_id=?", (doc_id,))
    cursor.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))
    return found


def _insert(
    cursor: sqlite3.Cursor, document: Document, chunks: list[IndexedChunk], position: int
) -> None:
    cursor.execute(
        "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?)",
        (
            document.doc_id,
            document.source_path,
            document.content_hash,
            json.dumps(document.metadata_json(), ensure_ascii=False),
            json.dumps(list(document.warnings), ensure_ascii=False),
            len(document.units),
            sum(1 for u in document.units if u.bilingual),
            len(chunks),
            time.time(),
            position,
        ),
    )
    cursor.executemany(
        "INSERT INTO units VALUES (?,?,?,?)",
        [
            (document.doc_id, i, unit.label, json.dumps(unit.to_json(), ensure_ascii=False))
            for i, unit in enumerate(document.units)
        ],
    )
    cursor.executemany(
        "INSERT INTO chunks VALUES (?,?,?,?,?,?,?)",
        [
            (
                c.chunk.chunk_id,
                c.chunk.doc_id,
                c.chunk.label,
                c.chunk.part,
                c.chunk.content_hash,
                " ".join(c.tokens_zh),
                " ".join(c.tokens_en),
            )
            for c in chunks
        ],
    )


def _bump(cursor: sqlite3.Cursor) -> None:
    cursor.execute(
        "INSERT INTO state VALUES ('generation', '1') ON CONFLICT(key) DO UPDATE SET "
        "value = CAST(value AS INTEGER) + 1"
    )
